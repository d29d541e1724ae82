package generator

import (
	"bytes"
	"slices"

	"github.com/ningbo-showcase/showcase/generator/render"
)

// When a story is added, deleted or moved, the list pages after it in
// each of its lists show the same shell around other cards (render.Shell).
// The dev server keeps, with each such page, where its fragments lie in
// its bytes, which story each shows and the keys its shell read; a page
// whose shell still holds is made again by cutting the new fragments into
// its last bytes, without executing a layout or minifying
// (TestSessionMatchesFullBuild checks the result against full builds).

// pageShell is what a cached spliced page needs to be made again around
// other fragments.
type pageShell struct {
	slots []render.Slot
	own   render.Deps // the keys the shell read itself, until numbered
	ids   []int32     // their numbers (keyTable)
	// at and size are where each fragment lies in the page's bytes.
	at, size []int32
}

// newPageShell returns the pageShell of a page made by splicing sh's
// fragments into min, its minified shell.
func newPageShell(min []byte, sh *render.Shell) *pageShell {
	ps := &pageShell{slots: sh.Slots, own: sh.Own, at: make([]int32, len(sh.Frags)), size: make([]int32, len(sh.Frags))}
	pos, shift := 0, 0
	for j, f := range sh.Frags {
		pos += bytes.Index(min[pos:], []byte(render.Marker))
		ps.at[j], ps.size[j] = int32(pos+shift), int32(len(f.HTML))
		pos += len(render.Marker)
		shift += len(f.HTML) - len(render.Marker)
	}
	return ps
}

// resplice returns the page whose bytes were old with frags in place of
// its fragments (a nil fragment keeps its old bytes), and its pageShell.
func (ps *pageShell) resplice(old []byte, frags []*render.Fragment) ([]byte, *pageShell) {
	n := len(old)
	for j, f := range frags {
		if f != nil {
			n += len(f.HTML) - int(ps.size[j])
		}
	}
	data := make([]byte, 0, n)
	next := &pageShell{slots: ps.slots, ids: ps.ids, at: make([]int32, len(frags)), size: make([]int32, len(frags))}
	from := 0
	for j, f := range frags {
		data = append(data, old[from:ps.at[j]]...)
		at := len(data)
		if f != nil {
			data = append(data, f.HTML...)
		} else {
			data = append(data, old[ps.at[j]:ps.at[j]+ps.size[j]]...)
		}
		next.at[j], next.size[j] = int32(at), int32(len(data)-at)
		from = int(ps.at[j] + ps.size[j])
	}
	return append(data, old[from:]...), next
}

// fragmentIDs returns the numbers of a respliced page's keys: its shell's
// (shell) and its fragments' (none for a fragment kept with the shell). A fragment the cache gave this build comes
// with the Deps it was kept with, whose numbers the cache holds; others
// are numbered. A key may appear more than once.
func (c *cache) fragmentIDs(shell []int32, frags []*render.Fragment, deps []render.Deps, vers *render.Versions) []int32 {
	ids := slices.Clone(shell)
	for j, f := range frags {
		if f == nil {
			continue // kept with the shell, whose keys hold its own
		}
		var kept []int32
		if f.Story != nil {
			if e := c.cards[f.Story.Slug]; e != nil && sameDeps(e.deps, deps[j]) {
				kept = e.ids
			} else if e := c.frags[f.Story.Slug]; e != nil && sameDeps(e.f.Deps, deps[j]) {
				kept = e.ids
			}
		}
		if kept == nil {
			kept = c.keys.intern(deps[j], vers)
		}
		ids = append(ids, kept...)
	}
	return ids
}

// sameDeps reports whether a and b are the same slice.
func sameDeps(a, b render.Deps) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// renderPage renders page p for the cache, whose last entry for p's path
// was e (nil if none), and returns the new entry. A spliced page whose
// shell still holds is respliced.
func (s *Session) renderPage(w *writer, r *render.Renderer, p *render.Page, e *cachedPage, vers *render.Versions, changed []bool) (*cachedPage, error) {
	keys := s.cache.keys
	if e != nil && e.shell != nil && e.own.ShellOf(p) && unchanged(e.shell.ids, changed) {
		frags, deps, ok, err := r.Refill(p, e.shell.slots)
		if err != nil {
			return nil, err
		}
		if ok {
			if s.onResplice != nil {
				s.onResplice(p.Path)
			}
			data, ps := e.shell.resplice(e.data, frags)
			return &cachedPage{own: p.Own(), deps: s.cache.fragmentIDs(e.shell.ids, frags, deps, vers), data: data, shell: ps}, nil
		}
	}
	data, deps, ps, _, err := w.splicedShell(nil, r, p, true, nil)
	if err != nil {
		return nil, err
	}
	if ps != nil {
		ps.ids, ps.own = keys.intern(ps.own, vers), nil
	}
	return &cachedPage{own: p.Own(), deps: keys.intern(deps, vers), data: data, shell: ps}, nil
}
