package generator

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
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
