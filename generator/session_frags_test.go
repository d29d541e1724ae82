package generator

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/render"
)

// TestSessionReusesFragments checks that after one story's body edit the
// dev server renders that story's dossier section alone, takes every
// other from the last build, and publishes what a fresh build does.
func TestSessionReusesFragments(t *testing.T) {
	dir := copyTree(t, "testdata/site")
	opts := Options{Year: 2026}
	sess := startSession(t, dir, opts)
	before := map[string]*render.Fragment{}
	for slug, e := range sess.cache.frags {
		before[slug] = e.f
	}
	if len(before) < 3 {
		t.Fatalf("%d sections cached after the first build", len(before))
	}
	const p = "content/stories/xizhou.md"
	data, err := os.ReadFile(filepath.Join(dir, p))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, p), append(data, "\n新增的一句话。\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := sess.Build(context.Background(), []string{p})
	if err != nil {
		t.Fatal(err)
	}
	sameSite(t, "body edit", got, fullBuild(t, dir, opts))
	var rendered []string
	for slug, e := range sess.cache.frags {
		if e.f != before[slug] {
			rendered = append(rendered, slug)
		}
	}
	if strings.Join(rendered, " ") != "xizhou" {
		t.Errorf("sections rendered again: %v, want xizhou alone", rendered)
	}
	if f := sess.cache.frags["xizhou"]; f == nil || !f.f.Minified || !strings.Contains(string(f.f.HTML), "新增的一句话。") {
		t.Error("xizhou's section is not the edited one, minified")
	}
	page, _ := got.Get("print/index.html")
	if !bytes.Contains(page, []byte("新增的一句话。")) {
		t.Error("the city's dossier does not show the edit")
	}
}

// TestSessionReusesTimelineYears checks that after an award's name
// changes, the dev server renders again the timeline years that show the
// story (the site's 2012, which lists the award, and the site's and its
// region's 2016, which link the story), and the story's item in other
// stories' related lists (whose key covers the story's front matter),
// takes every other part from the last build, and publishes what a fresh
// build does; and that a body edit renders no part again.
func TestSessionReusesTimelineYears(t *testing.T) {
	dir := copyTree(t, "testdata/site")
	opts := Options{Year: 2026}
	sess := startSession(t, dir, opts)
	snapshot := func() map[string]*cachedCard {
		m := map[string]*cachedCard{}
		for k, e := range sess.cache.parts {
			m[k] = e
		}
		return m
	}
	const p = "content/stories/xizhou.md"
	path := filepath.Join(dir, p)
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		edit func([]byte) []byte
		want string // the keys of the parts rendered again, sorted
	}{
		{"award name", func(b []byte) []byte {
			return bytes.Replace(b, []byte("全省统战工作创新奖"), []byte("全省统战工作创新奖（改）"), 1)
		}, "related-item\x00xizhou timeline-year\x002012 timeline-year\x002016 timeline-year\x00xiangshan/2016"},
		{"body", func(b []byte) []byte { return append(b, "\n新增的一句话。\n"...) }, ""},
	} {
		before := snapshot()
		if len(before) < 5 {
			t.Fatalf("%d timeline years cached", len(before))
		}
		if err := os.WriteFile(path, c.edit(orig), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := sess.Build(context.Background(), []string{p})
		if err != nil {
			t.Fatal(err)
		}
		sameSite(t, c.name, got, fullBuild(t, dir, opts))
		var rendered []string
		for k, e := range snapshot() {
			if before[k] != e {
				rendered = append(rendered, k)
			}
		}
		slices.Sort(rendered)
		if strings.Join(rendered, " ") != c.want {
			t.Errorf("%s: parts rendered again %q, want %q", c.name, rendered, c.want)
		}
		orig = c.edit(orig)
	}
}
