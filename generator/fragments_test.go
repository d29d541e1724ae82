package generator

import (
	"bytes"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// TestFragmentsDropped checks that a Renderer that records keys (as a CLI
// build does for its page cache) drops each dossier section after the
// last part that shows it, and keeps them all for Renderer.Fragments only
// when it will be given them back (Input.Fragments).
func TestFragmentsDropped(t *testing.T) {
	s, th, text := testModel(t)
	for _, keep := range []bool{false, true} {
		in := render.Input{Site: s, Text: text}
		if keep {
			in.Fragments = func(*site.Story) (*render.Fragment, bool) { return nil, false }
		}
		r := render.New(th, in)
		ps, err := pageList(r)
		if err != nil {
			t.Fatal(err)
		}
		prints := 0
		for _, p := range ps.all {
			if p.Kind == "print" {
				prints++
			}
			if _, err := r.RenderDeps(&bytes.Buffer{}, p); err != nil {
				t.Fatal(err)
			}
		}
		if prints == 0 {
			t.Fatal("the test site has no dossier parts")
		}
		n := len(r.Fragments())
		switch {
		case keep && n == 0:
			t.Errorf("with Input.Fragments: no fragment kept")
		case !keep && n != 0:
			t.Errorf("%d fragments still held after every dossier part was rendered", n)
		}
	}
}
