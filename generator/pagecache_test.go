package generator

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/corpus"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// TestPageCacheMatchesFreshBuild runs random edits of a corpus — front
// matter, bodies, regions, adds, renames, deletes, site-wide inputs, hand
// edits of the destination, a damaged page cache — and after each checks
// that a build into the last build's destination, which takes unchanged
// pages from it, equals a fresh build into an empty one.
func TestPageCacheMatchesFreshBuild(t *testing.T) {
	seeds := uint64(2)
	if raceEnabled {
		seeds = 1 // each build is several times slower
	}
	if v := os.Getenv("SHOWCASE_SESSION_SEEDS"); v != "" {
		fmt.Sscan(v, &seeds)
	}
	for seed := uint64(1); seed <= seeds; seed++ {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) { pageCacheEdits(t, seed) })
	}
}

// setKey sets the first line of a top-level front matter key, in YAML
// (key: v), TOML (key = v) or JSON ("key": v,), to the value v (a number,
// or a string quoted as all three read it).
func setKey(s, key, v string) string {
	re := regexp.MustCompile(`(?m)^(\s*"?` + key + `"?)(:| =)( *)([^,\n]*)(,?)$`)
	done := false
	return re.ReplaceAllStringFunc(s, func(line string) string {
		if done {
			return line
		}
		done = true
		m := re.FindStringSubmatch(line)
		return m[1] + m[2] + " " + v + m[5]
	})
}

func pageCacheEdits(t *testing.T, seed uint64) {
	src := t.TempDir()
	if err := corpus.Generate(src, corpus.Options{N: 60, Seed: int64(seed)}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, src, dest, nil); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	storyDir := filepath.Join(src, "content/stories")
	stories := func() []string {
		ents, _ := os.ReadDir(storyDir)
		var out []string
		for _, e := range ents {
			if strings.HasSuffix(e.Name(), ".md") && e.Name() != "_index.md" {
				out = append(out, e.Name())
			}
		}
		slices.Sort(out)
		return out
	}
	edit := func(file string, f func(string) string) {
		p := filepath.Join(src, file)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f(string(data))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	regions := []string{"北仑区", "象山县", "慈溪市", "宁波市", "海曙区"}
	bodyEdits, bodyRendered := 0, 0
	for step := range 24 {
		list := stories()
		name := list[rng.IntN(len(list))]
		file := "content/stories/" + name
		var what string
		switch op := rng.IntN(10); op {
		case 0:
			what = "title of " + name
			edit(file, func(s string) string {
				return setKey(s, "title", fmt.Sprintf("%q", fmt.Sprintf("改名的项目<%d>", step)))
			})
		case 1, 2:
			what = "body of " + name
			edit(file, func(s string) string { return s + fmt.Sprintf("\n第%d步补充的一段话。\n", step) })
		case 3:
			what = "region of " + name
			edit(file, func(s string) string { return setKey(s, "region", fmt.Sprintf("%q", regions[rng.IntN(len(regions))])) })
		case 4:
			what = "a figure of " + name
			edit(file, func(s string) string { return setKey(s, "value", fmt.Sprint(10+step)) })
		case 5:
			what = "year of " + name
			edit(file, func(s string) string {
				return setKey(setKey(s, "year", "2012"), "date", fmt.Sprintf("\"2012-03-%02d\"", 1+step))
			})
		case 6:
			what = "add a copy of " + name
			data, _ := os.ReadFile(filepath.Join(src, file))
			if err := os.WriteFile(filepath.Join(storyDir, fmt.Sprintf("copy-%d.md", step)), data, 0o644); err != nil {
				t.Fatal(err)
			}
		case 7:
			what = "rename or delete " + name
			if step%2 == 0 {
				if err := os.Rename(filepath.Join(src, file), filepath.Join(storyDir, fmt.Sprintf("renamed-%d.md", step))); err != nil {
					t.Fatal(err)
				}
			} else if err := os.Remove(filepath.Join(src, file)); err != nil {
				t.Fatal(err)
			}
		case 8:
			what = "site-wide: a region's intro and the site title"
			edit("content/regions/beilun/_index.md", func(s string) string { return s + fmt.Sprintf("\n北仑第%d次更新。\n", step) })
			edit("hugo.toml", func(s string) string { return setKey(s, "title", fmt.Sprintf("%q", fmt.Sprint("展示", step))) })
		case 9:
			what = "hand edits of the destination and damaged caches"
			os.WriteFile(filepath.Join(dest, "index.html"), []byte("edited by hand"), 0o644)
			os.Remove(filepath.Join(dest, "regions/index.html"))
			for _, name := range []string{".public.pages", ".public.text"} {
				p := filepath.Join(filepath.Dir(dest), name)
				if data, err := os.ReadFile(p); err == nil && len(data) > 100 {
					data[len(data)/2] ^= 0x55
					os.WriteFile(p, data[:len(data)-len(data)/3], 0o644)
				}
			}
		}
		rep, err := build(t, src, dest, nil)
		if err != nil {
			t.Fatalf("step %d (%s): %v", step, what, err)
		}
		fresh := filepath.Join(t.TempDir(), "public")
		if _, err := build(t, src, fresh, nil); err != nil {
			t.Fatal(err)
		}
		if a, b := treeHash(t, dest), treeHash(t, fresh); a != b {
			t.Fatalf("step %d (%s): the rebuilt destination differs from a fresh build", step, what)
		}
		if strings.HasPrefix(what, "body of") {
			bodyEdits++
			bodyRendered += rep.Rendered
		}
		t.Logf("step %d (%s): %d pages rendered, %d files written", step, what, rep.Rendered, rep.Files)
	}
	// A body edit shows on the story's page and its dossiers' parts: a
	// handful, where a build without the cache renders every page.
	if bodyEdits > 0 && bodyRendered > 8*bodyEdits {
		t.Errorf("%d body edits rendered %d pages: the page cache is not taking unchanged pages", bodyEdits, bodyRendered)
	}
}

// TestPageCacheFile round-trips the file and refuses damaged ones.
func TestPageCacheFile(t *testing.T) {
	c := newTestPageCache()
	a := render.Key{Kind: render.KeyStory, ID: "xizhou"}
	b := render.Key{Kind: render.KeySiteStories, N: render.Len}
	unused := render.Key{Kind: render.KeyTag, ID: "商会"}
	c.record("stories/xizhou/index.html", render.Deps{a, b})
	c.record("index.html", render.Deps{b})
	c.ids[unused], c.keys, c.vals = uint32(len(c.keys)), append(c.keys, unused), append(c.vals, render.Version{})
	data := c.encode()
	keys, pages, err := decodePageCache(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 2 {
		t.Errorf("%d keys written, want the 2 some page reads", len(keys))
	}
	for path, want := range map[string]render.Deps{"stories/xizhou/index.html": {a, b}, "index.html": {b}} {
		var got render.Deps
		for _, id := range pages[path] {
			got = append(got, keys[id])
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: keys %v, want %v", path, got, want)
		}
	}
	for n := range len(data) {
		if _, _, err := decodePageCache(data[:n]); err == nil {
			t.Errorf("a file cut to %d of %d bytes was accepted", n, len(data))
		}
	}
}

// FuzzDecodePageCache feeds damaged files to the decoder: it must refuse
// them or return keys every page's numbers point into, never panic.
func FuzzDecodePageCache(f *testing.F) {
	c := newTestPageCache()
	c.record("a/index.html", render.Deps{{Kind: render.KeyStory, ID: "a"}, {Kind: render.KeyYearStories, ID: "2016", N: 3}})
	f.Add(c.encode())
	f.Add([]byte(pageCacheMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		keys, pages, err := decodePageCache(data)
		if err != nil {
			return
		}
		for p, ids := range pages {
			for _, id := range ids {
				if int(id) >= len(keys) {
					t.Fatalf("%s: key %d of %d", p, id, len(keys))
				}
			}
		}
	})
}

// TestTextCacheFile round-trips entries and keeps what precedes damage.
func TestTextCacheFile(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(textCacheMagic)
	a := render.StoryText{HTML: "<p>甲</p>", Summary: "甲", Plain: "甲"}
	c := render.StoryText{HTML: "<p>乙</p>\n", Summary: "", Plain: "乙"}
	writeTextEntry(&b, textKey{1}, a)
	writeTextEntry(&b, textKey{2}, c)
	data := b.Bytes()
	m := map[textKey]render.StoryText{}
	size, damaged := decodeTextCache(data, m)
	if damaged || size != len(data)-len(textCacheMagic) || m[textKey{1}] != a || m[textKey{2}] != c {
		t.Fatalf("decoded %v (size %d, damaged %v)", m, size, damaged)
	}
	flipped := bytes.Clone(data)
	flipped[len(flipped)-2] ^= 1 // in the second entry's plain text
	m = map[textKey]render.StoryText{}
	if _, damaged := decodeTextCache(flipped, m); !damaged || len(m) != 1 {
		t.Errorf("a flipped byte: damaged %v, %d entries kept, want the first only", damaged, len(m))
	}
	for n := len(textCacheMagic); n < len(data); n++ {
		m := map[textKey]render.StoryText{}
		_, damaged := decodeTextCache(data[:n], m)
		if n != len(textCacheMagic) && !damaged && len(m) != 1 {
			t.Errorf("cut to %d bytes: not damaged, %d entries", n, len(m))
		}
		for k, x := range m {
			if k != (textKey{1}) || x != a {
				t.Errorf("cut to %d bytes: entry %v %v", n, k, x)
			}
		}
	}
}

// FuzzDecodeTextCache feeds damaged files to the decoder: it must never
// panic, and what it keeps re-encodes to a prefix of the input.
func FuzzDecodeTextCache(f *testing.F) {
	var b bytes.Buffer
	b.WriteString(textCacheMagic)
	writeTextEntry(&b, textKey{7}, render.StoryText{HTML: "<p>x</p>", Summary: "x", Plain: "x"})
	f.Add(b.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		m := map[textKey]render.StoryText{}
		size, _ := decodeTextCache(data, m)
		if size > len(data) {
			t.Fatalf("size %d of %d bytes", size, len(data))
		}
	})
}

// TestIgnoreCache checks --ignoreCache: the build renders every page even
// into an up-to-date destination, and the next plain build is up to date
// and renders nothing.
func TestIgnoreCache(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, corpus.Options{N: 20, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	first, err := build(t, src, dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	again, err := build(t, src, dest, func(o *Options) { o.IgnoreCache = true })
	if err != nil {
		t.Fatal(err)
	}
	if again.UpToDate || again.Rendered != first.Rendered || again.Files != 0 {
		t.Errorf("--ignoreCache: up to date %v, %d pages rendered (first build %d), %d files written", again.UpToDate, again.Rendered, first.Rendered, again.Files)
	}
	last, err := build(t, src, dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !last.UpToDate {
		t.Errorf("the build after --ignoreCache is not up to date: %d pages rendered", last.Rendered)
	}
}

// newTestPageCache returns an empty page cache over an empty site.
func newTestPageCache() *pageCache {
	return &pageCache{ids: map[render.Key]uint32{}, next: map[string][]uint32{},
		vers: render.NewVersions(render.Input{Site: &site.Site{}, Text: &render.Text{}}, nil)}
}
