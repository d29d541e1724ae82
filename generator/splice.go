package generator

import (
	"bytes"
	"slices"

	"github.com/ningbo-showcase/showcase/generator/render"
)

// spliced renders page p (render.Renderer.RenderSpliced) and returns it
// as written, appended to dst, and, if record, the keys it read. The
// Renderer keeps each fragment a page shows minified (a dossier's story
// section, a list's card, the site header), so the page is its shell
// minified with the fragments spliced in, which equals the whole page
// minified: a story's section is rendered and minified once per build,
// not once per dossier, the 550 KB of a dossier's part are never minified
// whole, and the site header once, not on every page. unchanged, if set,
// sees what the page is made from first (its rendering, or its shell and
// the sums of its fragments): when it reports true, spliced returns skip
// true.
func (w *writer) spliced(dst []byte, r *render.Renderer, p *render.Page, record bool, unchanged func(input []byte) bool) (data []byte, deps render.Deps, skip bool, err error) {
	data, deps, _, skip, err = w.splicedShell(dst, r, p, record, unchanged)
	return data, deps, skip, err
}

// splicedShell is spliced, also returning, when record, where the
// fragments lie in the page and what its shell depends on, if another
// build may splice other fragments into it (pageShell).
func (w *writer) splicedShell(dst []byte, r *render.Renderer, p *render.Page, record bool, unchanged func(input []byte) bool) (data []byte, deps render.Deps, kept *pageShell, skip bool, err error) {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	var frags []*render.Fragment
	var sh *render.Shell
	if record {
		if sh, err = r.RenderShell(buf, p); sh != nil {
			frags, deps = sh.Frags, sh.Deps
		}
	} else {
		frags, err = r.RenderSpliced(buf, p)
	}
	if err != nil {
		return nil, nil, nil, false, err
	}
	shell := buf.Bytes()
	minified, asked := len(frags) > 0 && frags[0].Minified, false
	if minified && w.min != nil && !w.rel && bytes.Count(shell, []byte(render.Marker)) == len(frags) {
		if unchanged != nil {
			if unchanged(render.Fingerprint(shell, frags)) {
				return nil, deps, nil, true, nil
			}
			asked = true
		}
		mb := bufPool.Get().(*bytes.Buffer)
		mb.Reset()
		defer bufPool.Put(mb)
		if err := w.min.MinifyTo(mb, p.Path, shell); err != nil {
			return nil, nil, nil, false, err
		}
		min := mb.Bytes()
		if data, ok := render.Splice(dst, min, frags); ok {
			if sh != nil && sh.Reusable && slices.ContainsFunc(sh.Slots, refills) {
				kept = newPageShell(min, sh)
			}
			return data, deps, kept, false, nil
		}
		// The minifier changed a marker: minify the page whole.
	}
	raw, ok := []byte(nil), false
	switch {
	case len(frags) == 0:
		raw, ok = shell, true
	case !minified:
		raw, ok = render.Splice(nil, shell, frags)
	}
	if !ok {
		// Fragments this writer cannot splice, or a marker the layouts
		// wrote themselves: render the page whole.
		buf.Reset()
		if record {
			deps, err = r.RenderDeps(buf, p)
		} else {
			err = r.Render(buf, p)
		}
		if err != nil {
			return nil, nil, nil, false, err
		}
		raw = buf.Bytes()
	}
	if w.rel {
		raw = relativize(raw, w.root, p.Path)
	}
	if unchanged != nil && !asked && unchanged(raw) {
		return nil, deps, nil, true, nil
	}
	if w.min == nil {
		return append(dst, raw...), deps, nil, false, nil
	}
	out := bytes.NewBuffer(dst)
	err = w.min.MinifyTo(out, p.Path, raw)
	return out.Bytes(), deps, nil, false, err
}

// refills reports whether a resplice may put another fragment in slot s:
// a shell whose fragments are all Kept is made again by rendering.
func refills(s render.Slot) bool { return !s.Keep }

// splicedPage writes page p, as page does.
func (w *writer) splicedPage(r *render.Renderer, p *render.Page) error {
	var unchanged func([]byte) bool
	if u, ok := w.sink.(unchanger); ok {
		unchanged = func(input []byte) bool { return u.Unchanged(p.Path, input) }
	}
	return w.putPage(p.Path, func(dst []byte) ([]byte, error) {
		data, _, skip, err := w.spliced(dst, r, p, false, unchanged)
		if skip {
			return nil, err
		}
		return data, err
	})
}
