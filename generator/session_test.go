package generator

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/publish"
	"github.com/ningbo-showcase/showcase/generator/search"
)

// fullBuild renders the tree at dir from scratch into memory.
func fullBuild(t *testing.T, dir string, opts Options) *publish.Memory {
	t.Helper()
	src, done, err := OpenSource(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	s, _, err := Load(src, opts)
	if err != nil {
		t.Fatal(err)
	}
	theme, err := Theme(src, s)
	if err != nil {
		t.Fatal(err)
	}
	mem := publish.NewMemory()
	if err := Generate(context.Background(), src, theme, s, mem, opts, nil); err != nil {
		t.Fatal(err)
	}
	return mem
}

func sameSite(t *testing.T, step string, got, want *publish.Memory) {
	t.Helper()
	gp, wp := got.Paths(), want.Paths()
	if strings.Join(gp, "\n") != strings.Join(wp, "\n") {
		t.Fatalf("%s: file sets differ: %d vs %d files", step, len(gp), len(wp))
	}
	for _, p := range wp {
		a, _ := got.Get(p)
		b, _ := want.Get(p)
		if !bytes.Equal(a, b) {
			t.Fatalf("%s: %s differs from a fresh build", step, p)
		}
	}
}

// TestSessionMatchesFullBuild applies random edit sequences — add, change,
// rename, move to another region, delete — and checks after each that the
// incremental build equals a fresh full build byte for byte.
func TestSessionMatchesFullBuild(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) { sessionEdits(t, seed) })
	}
}

func sessionEdits(t *testing.T, seed uint64) {
	dir := copyTree(t, "testdata/site")
	opts := Options{Year: 2026, Drafts: true, LiveReload: "/__showcase/livereload.js"}
	src, done, err := OpenSource(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	sess := NewSession(src, opts)
	if _, err := sess.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	regions := []string{"象山县", "cixi", "宁波", "江东区", "yinzhou"}
	rng := rand.New(rand.NewPCG(seed, 2))
	stories := []string{"xizhou", "platforms", "forum", "draft"}
	write := func(slug, region string, n int) string {
		p := "content/stories/" + slug + ".md"
		body := fmt.Sprintf("---\ntitle: 项目%s第%d版\nregion: %s\nyear: %d\ncategory: development\ntags: [商会, 标签%d]\nweight: %d\nmetrics:\n  - {name: 企业, value: %d, unit: 家, qualifier: 余}\n---\n正文第%d版，\n继续。\n", slug, n, region, 2010+n%7, n%3, n%2, n, n)
		if err := os.WriteFile(filepath.Join(dir, p), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for step := 0; step < 25; step++ {
		var changed []string
		var what string
		switch op := rng.IntN(5); {
		case op == 0 || len(stories) < 3: // add
			slug := fmt.Sprintf("new-%d", step)
			changed = append(changed, write(slug, regions[rng.IntN(len(regions))], step))
			stories = append(stories, slug)
			what = "add " + slug
		case op == 1: // change in place (same region)
			slug := stories[rng.IntN(len(stories))]
			if _, err := os.Stat(filepath.Join(dir, "content/stories", slug+".md")); err != nil {
				continue
			}
			changed = append(changed, write(slug, "象山县", step))
			what = "change " + slug
		case op == 2: // move to another region
			slug := stories[rng.IntN(len(stories))]
			if _, err := os.Stat(filepath.Join(dir, "content/stories", slug+".md")); err != nil {
				continue
			}
			changed = append(changed, write(slug, regions[rng.IntN(len(regions))], step))
			what = "move " + slug
		case op == 3: // rename
			i := rng.IntN(len(stories))
			old := stories[i]
			from := filepath.Join(dir, "content/stories", old+".md")
			if _, err := os.Stat(from); err != nil {
				continue
			}
			slug := fmt.Sprintf("renamed-%d", step)
			if err := os.Rename(from, filepath.Join(dir, "content/stories", slug+".md")); err != nil {
				t.Fatal(err)
			}
			changed = append(changed, "content/stories/"+old+".md", "content/stories/"+slug+".md")
			stories[i] = slug
			what = "rename " + old + " → " + slug
		default: // delete
			i := rng.IntN(len(stories))
			p := "content/stories/" + stories[i] + ".md"
			if err := os.Remove(filepath.Join(dir, p)); err != nil {
				continue
			}
			changed = append(changed, p)
			what = "delete " + stories[i]
			stories = append(stories[:i], stories[i+1:]...)
		}
		got, err := sess.Build(context.Background(), changed)
		if err != nil {
			t.Fatalf("step %d (%s): %v", step, what, err)
		}
		sameSite(t, fmt.Sprintf("step %d (%s)", step, what), got, fullBuild(t, dir, opts))
		for p := range sess.cache.pages {
			if _, ok := got.Get(p); !ok {
				t.Fatalf("step %d (%s): the page cache still holds %s, which the site no longer has", step, what, p)
			}
		}
	}
}

// TestSessionSurvivesErrors checks a content error leaves the session able
// to rebuild incrementally once fixed.
func TestSessionSurvivesErrors(t *testing.T) {
	dir := copyTree(t, "testdata/site")
	opts := Options{Year: 2026}
	src, done, _ := OpenSource(dir)
	defer done()
	sess := NewSession(src, opts)
	if _, err := sess.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "content/stories/xizhou.md")
	good, _ := os.ReadFile(p)
	os.WriteFile(p, []byte("---\ntitle: [broken\n---\n"), 0o644)
	if _, err := sess.Build(context.Background(), []string{"content/stories/xizhou.md"}); err == nil || !strings.Contains(err.Error(), "content/stories/xizhou.md:2") {
		t.Fatalf("err = %v", err)
	}
	os.WriteFile(p, good, 0o644)
	got, err := sess.Build(context.Background(), []string{"content/stories/xizhou.md"})
	if err != nil {
		t.Fatal(err)
	}
	sameSite(t, "after fix", got, fullBuild(t, dir, opts))
}

// TestSameDocCoversEveryField keeps sameDoc in step with search.Doc: a new
// field must be compared too, or the session could serve a stale index.
func TestSameDocCoversEveryField(t *testing.T) {
	if n := reflect.TypeOf(search.Doc{}).NumField(); n != 12 {
		t.Fatalf("search.Doc has %d fields; update sameDoc and this test", n)
	}
	a := search.Doc{URL: "u", Title: "t", Tags: []string{"x"}, Levels: []string{"county"}}
	b := a
	b.Tags = []string{"y"}
	if sameDoc(a, b) || !sameDoc(a, a) {
		t.Fatal("sameDoc compares tags wrongly")
	}
}
