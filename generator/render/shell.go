package render

import (
	"io"
	"slices"

	"github.com/ningbo-showcase/showcase/generator/site"
)

// A list page whose stories shift by one (a story added before them, or
// moved away) shows the same shell around other cards: the same heading,
// pager and site header, with the cards spliced into it. RenderShell
// returns, with a spliced page's fragments, what its shell alone depends
// on: the keys it read itself (not those of its fragments) and where each
// fragment's story came from (a Slot). A caller that kept the minified
// shell then makes the page again without executing a layout: when the
// page's own data but for which stories its list holds is the same
// (Own.ShellOf), no key of the shell changed, and the shell read no story
// of its own list except through its fragments (Shell.Reusable), the page
// is the shell with the fragments of Refill spliced in.

// Slot says where the story of a spliced fragment came from: the item of
// the page's own list at Item, or, when Item is -1, the story Slug (a
// story the shell's keys pin: the page's own, a related story, an item of
// a list whose key the shell read).
type Slot struct {
	Item    int
	Slug    string
	Dossier bool // a dossier section (dossierStory), not a card
	// Keep marks a cached partial (partialCached) or a part (parts.go):
	// part of the shell, whose keys are the shell's own, so a page made
	// again from its shell keeps the fragment's bytes.
	Keep bool
}

// Shell is a spliced page's rendering without its fragments.
type Shell struct {
	Frags []*Fragment
	Slots []Slot // of each fragment
	// Deps are the keys the page read, its fragments' included; Own are
	// the keys its shell read itself.
	Deps, Own Deps
	// Reusable says the shell read no story of the page's own list itself.
	Reusable bool
}

// RenderShell writes page p to w with Marker in place of each fragment its
// layouts show, as RenderSpliced does, recording what the page read.
func (r *Renderer) RenderShell(w io.Writer, p *Page) (*Shell, error) {
	rec := newRecorder()
	sp := &splicing{frags: []*Fragment{}}
	if err := r.render(w, p, rec, sp); err != nil {
		return nil, err
	}
	sh := &Shell{Frags: sp.frags, Slots: sp.slots, Own: rec.deps(), Reusable: !rec.ownRead}
	sh.Deps = sh.Own
	if slices.ContainsFunc(sp.deps, func(d Deps) bool { return len(d) > 0 }) {
		for _, d := range sp.deps {
			rec.addAll(d)
		}
		sh.Deps = rec.deps()
	}
	return sh, nil
}

// Refill returns the fragments a shell of page p holds in slots, in this
// Renderer's model, each with the keys it read (the page's keys are these
// and its shell's own), nil for a slot that Keeps its bytes; ok is false
// when one of them cannot be spliced or a slot's story is gone, and the
// page must be rendered. A fragment the
// Renderer was given (Input.Cards, Input.Fragments) comes with the Deps
// slice it was given with.
func (r *Renderer) Refill(p *Page, slots []Slot) (frags []*Fragment, deps []Deps, ok bool, err error) {
	set, err := r.th.acquire(r)
	if err != nil {
		return nil, nil, false, err
	}
	defer r.th.release(set)
	set.rec, set.kind = newRecorder(), p.Kind // fragments rendered here record their keys
	frags, deps = make([]*Fragment, len(slots)), make([]Deps, len(slots))
	for i, s := range slots {
		if s.Keep {
			continue // frags[i] stays nil: the shell's bytes hold
		}
		st := r.slotStory(p, s)
		if st == nil {
			return nil, nil, false, nil
		}
		if s.Dossier {
			f, err := r.fragment(set, st)
			if err != nil || !f.spliceable {
				return nil, nil, false, err
			}
			frags[i], deps[i] = f, f.Deps
			continue
		}
		c, err := r.card(set, st)
		if err != nil || c.frag == nil {
			return nil, nil, false, err
		}
		frags[i], deps[i] = c.frag, c.deps
	}
	return frags, deps, true, nil
}

// slotStory returns the story of slot s of page p, nil if it is gone.
func (r *Renderer) slotStory(p *Page, s Slot) *site.Story {
	if s.Item >= 0 {
		if s.Item < len(p.List) {
			return p.List[s.Item]
		}
		return nil
	}
	r.slugsOnce.Do(func() {
		r.slugs = make(map[string]*site.Story, len(r.site.Stories))
		for _, st := range r.site.Stories {
			r.slugs[st.Slug] = st
		}
	})
	return r.slugs[s.Slug]
}

// ShellOf reports whether p's own data is o but for which stories its
// list holds (their number is the same): what a shell shows besides its
// fragments when it read no story of its list itself.
func (o *Own) ShellOf(p *Page) bool {
	q := *p
	q.List = nil
	oo := *o
	if len(oo.List) != len(p.List) {
		return false
	}
	oo.List = nil
	return oo.Of(&q)
}
