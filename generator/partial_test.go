package generator

import (
	"bytes"
	"slices"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/render"
)

// TestPartialCached checks that what a layout shows through partialCached
// (the site header, footer and head assets) is what it would show
// executed for the page itself: every page of the test site, rendered by
// one Renderer after all the others (so from the cached parts, first made
// without recording), has the bytes and the recorded keys of the same
// page rendered by a Renderer of its own.
func TestPartialCached(t *testing.T) {
	s, th, text := testModel(t)
	in := render.Input{Site: s, Text: text}
	shared := render.New(th, in)
	ps, err := pageList(shared)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, p := range ps.all {
		kinds[p.Kind] = true
		if err := shared.Render(&bytes.Buffer{}, p); err != nil { // cache without recording
			t.Fatal(err)
		}
	}
	if len(kinds) < 5 {
		t.Fatalf("the test site has pages of %d kinds only", len(kinds))
	}
	for _, p := range ps.all {
		var got, want bytes.Buffer
		gotDeps, err := shared.RenderDeps(&got, p)
		if err != nil {
			t.Fatal(err)
		}
		wantDeps, err := render.New(th, in).RenderDeps(&want, p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: rendered from cached parts differs from a fresh rendering", p.Path)
		}
		// The head assets ask whether static/ has icons.
		if p.Kind != "alias" && !slices.Contains(gotDeps, render.Key{Kind: render.KeyStatic}) {
			t.Errorf("%s: the keys of the cached head assets are missing: %v", p.Path, gotDeps)
		}
		if !slices.Equal(gotDeps, wantDeps) {
			t.Errorf("%s: keys from cached parts %v, fresh %v", p.Path, gotDeps, wantDeps)
		}
	}
}
