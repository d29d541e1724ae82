package generator

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sync"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/images/synth"
)

var webpRE = regexp.MustCompile(`[a-z0-9-]+\.[0-9a-f]{8}-[0-9]+\.webp`)

// TestSessionDefersPhotos: with DeferImages the Session publishes the
// pages before photos the cache lacks, LateFile serves each (the bytes
// a plain build writes), and the next build takes them from the cache.
func TestSessionDefersPhotos(t *testing.T) {
	dir := copyTree(t, "testdata/site")
	photoStory(t, dir, "late", "cover: a.jpg\ncover_alt: 现场\n", "正文。\n\n![窗口](b.png)\n", map[string][]byte{
		"a.jpg": synth.JPEG(synth.Photo(900, 600, 5), 80, 1, synth.GPS{}),
		"b.png": encodePNGForTest(t, 700, 400),
	})
	os.WriteFile(filepath.Join(dir, "hugo.toml"), append(mustRead(t, filepath.Join(dir, "hugo.toml")), "\n  imageCache = \""+filepath.ToSlash(filepath.Join(t.TempDir(), "c"))+"\"\n"...), 0o644)
	sess := startSession(t, dir, Options{Year: 2026, DeferImages: true})
	mem, err := sess.Build(context.Background(), []string{"content/stories/late/index.md"})
	if err != nil {
		t.Fatal(err)
	}
	page, ok := mem.Get("stories/late/index.html")
	if !ok {
		t.Fatal("no story page")
	}
	names := webpRE.FindAllString(string(page), -1)
	if len(names) == 0 {
		t.Fatalf("story page shows no photo: %s", page)
	}
	fresh := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, dir, fresh, nil); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		p := "stories/late/" + n
		want := mustRead(t, filepath.Join(fresh, p))
		got, ok := mem.Get(p)
		if !ok {
			if got, ok = sess.LateFile(context.Background(), p); !ok {
				t.Fatalf("%s: neither published nor served late", p)
			}
		}
		if string(got) != string(want) {
			t.Errorf("%s differs from a plain build's", p)
		}
	}
	if _, ok := sess.LateFile(context.Background(), "stories/late/nothing.webp"); ok {
		t.Error("LateFile served a name it does not make")
	}
	// Now the cache holds them all: the next build publishes them.
	mem, err = sess.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if _, ok := mem.Get("stories/late/" + n); !ok {
			t.Errorf("%s not published by the build after", n)
		}
	}
}

// TestSessionReplacedPhoto: replacing a photo re-renders the pages that
// show it with the new file's names, as a fresh build would.
func TestSessionReplacedPhoto(t *testing.T) {
	dir := copyTree(t, "testdata/site")
	photoStory(t, dir, "swap", "cover: a.jpg\ncover_alt: 现场\n", "正文。\n", map[string][]byte{
		"a.jpg": synth.JPEG(synth.Photo(600, 400, 1), 80, 1, synth.GPS{}),
	})
	sess := startSession(t, dir, Options{Year: 2026})
	mem, _ := sess.Build(context.Background(), nil)
	before, _ := mem.Get("stories/swap/index.html")
	os.WriteFile(filepath.Join(dir, "content/stories/swap/a.jpg"), synth.JPEG(synth.Photo(600, 400, 2), 80, 1, synth.GPS{}), 0o644)
	mem, err := sess.Build(context.Background(), []string{"content/stories/swap/a.jpg"})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := mem.Get("stories/swap/index.html")
	if string(before) == string(after) {
		t.Fatal("the story page did not change with its photo")
	}
	fresh := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, dir, fresh, func(o *Options) { o.LiveReload = "" }); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"stories/swap/index.html", "stories/index.html"} {
		got, _ := mem.Get(p)
		want := mustRead(t, filepath.Join(fresh, p))
		if string(got) != string(want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s differs from a fresh build at %d:\n got %.200s\nwant %.200s", p, i, got[max(0, i-80):], want[max(0, i-80):])
		}
	}
}

// countingFS counts the opens of each file of the source tree.
type countingFS struct {
	fs.FS
	mu sync.Mutex
	n  map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.n[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

func (c *countingFS) opens(name string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[name]
}

// TestSessionReadsNoUntouchedPhoto: an edit of one story neither reads
// nor stats the photos of another, and the photos stay published; a
// replaced photo is read again.
func TestSessionReadsNoUntouchedPhoto(t *testing.T) {
	dir := copyTree(t, "testdata/site")
	photoStory(t, dir, "keep", "cover: a.jpg\ncover_alt: 现场\n", "正文。\n\n![窗口](b.png)\n", map[string][]byte{
		"a.jpg": synth.JPEG(synth.Photo(600, 400, 3), 80, 1, synth.GPS{}),
		"b.png": encodePNGForTest(t, 500, 300),
	})
	src, done, err := OpenSource(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	cfs := &countingFS{FS: src, n: map[string]int{}}
	sess := NewSession(cfs, Options{Year: 2026})
	sess.checkKeys = true
	mem, err := sess.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := mem.Get("stories/keep/index.html")
	names := webpRE.FindAllString(string(page), -1)
	if len(names) == 0 {
		t.Fatalf("story page shows no photo: %s", page)
	}
	photos := []string{"content/stories/keep/a.jpg", "content/stories/keep/b.png"}
	for _, p := range photos {
		if cfs.opens(p) == 0 {
			t.Fatalf("the first build did not read %s", p)
		}
	}
	opened := func() []int {
		var out []int
		for _, p := range photos {
			out = append(out, cfs.opens(p))
		}
		return out
	}
	before := opened()
	const other = "content/stories/xizhou.md"
	data := mustRead(t, filepath.Join(dir, other))
	os.WriteFile(filepath.Join(dir, other), append(data, "\n新的一段。\n"...), 0o644)
	if mem, err = sess.Build(context.Background(), []string{other}); err != nil {
		t.Fatal(err)
	}
	if after := opened(); !slices.Equal(after, before) {
		t.Errorf("an edit of another story opened the photos: %v times before, %v after", before, after)
	}
	for _, n := range names {
		if _, ok := mem.Get("stories/keep/" + n); !ok {
			t.Errorf("%s no longer published", n)
		}
	}
	os.WriteFile(filepath.Join(dir, photos[0]), synth.JPEG(synth.Photo(600, 400, 4), 80, 1, synth.GPS{}), 0o644)
	if _, err = sess.Build(context.Background(), []string{photos[0]}); err != nil {
		t.Fatal(err)
	}
	if n := cfs.opens(photos[0]); n == before[0] {
		t.Error("a replaced photo was not read again")
	}
}
