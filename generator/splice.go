package generator

import (
	"bytes"

	"github.com/ningbo-showcase/showcase/generator/render"
)

// spliced renders a page that shows story fragments (the dossiers; see
// render.Renderer.RenderSpliced) and returns it as written, and, if
// record, the keys it read. The Renderer keeps each fragment minified, so
// the page is its shell minified with the fragments spliced in, which
// equals the whole page minified: a story's section is rendered and
// minified once per build, not once per dossier, and the 550 KB of a
// dossier's part are never minified whole. unchanged, if set, sees what
// the page is made from first (its rendering, or its shell and the sums
// of its fragments): when it reports true, spliced returns skip true.
func (w *writer) spliced(r *render.Renderer, p *render.Page, record bool, unchanged func(input []byte) bool) (data []byte, deps render.Deps, skip bool, err error) {
	data, deps, _, skip, err = w.splicedShell(r, p, record, unchanged)
	return data, deps, skip, err
}

// splicedShell is spliced, also returning, when record, where the
// fragments lie in the page and what its shell depends on, if another
// build may splice other fragments into it (pageShell).
func (w *writer) splicedShell(r *render.Renderer, p *render.Page, record bool, unchanged func(input []byte) bool) (data []byte, deps render.Deps, kept *pageShell, skip bool, err error) {
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
		min, err := w.min.Minify(p.Path, shell)
		if err != nil {
			return nil, nil, nil, false, err
		}
		if data, ok := render.Splice(nil, min, frags); ok {
			if sh != nil && sh.Reusable {
				kept = newPageShell(min, sh)
			}
			return data, deps, kept, false, nil
		}
		// The minifier changed a marker: minify the page whole.
	}
	raw, ok := []byte(nil), false
	if !minified {
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
	data, err = w.finish(p.Path, raw)
	return data, deps, nil, false, err
}

// splicedPage writes a page that shows story fragments, as page does.
func (w *writer) splicedPage(r *render.Renderer, p *render.Page) error {
	var unchanged func([]byte) bool
	if u, ok := w.sink.(unchanger); ok {
		unchanged = func(input []byte) bool { return u.Unchanged(p.Path, input) }
	}
	data, _, skip, err := w.spliced(r, p, false, unchanged)
	if err != nil || skip {
		return err
	}
	return w.put(p.Path, data)
}
