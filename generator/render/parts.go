package render

import (
	"html/template"
	"strings"
	"sync"
)

// A part is a piece of a page that several pages show and that depends on
// nothing of the page showing it: a year of a timeline is the example.
// Layouts show one through a template function that names it by a key
// (timelineYear: the year's id). A Renderer renders each part once, with
// its own recorder, and adds the keys it read to every page that shows
// it, as it does for cards. A Renderer given Input.Parts takes a part from
// an earlier build while none of the keys it read changed (the dev server
// checks them), so that an edit renders again only the parts it touched.

// A part that is one block element (a year of a timeline is an <li>) is
// also kept minified and spliced into the page that shows it, as the site
// header is (cached.go): a region's page is not minified again with its
// 70 KB of timeline each time its totals change.

// Part is a part as a Renderer rendered or was given it.
type Part struct {
	Key  string
	HTML template.HTML
	Deps Deps      // nil: rendered without recording
	Frag *Fragment // HTML minified, to splice (blockFragment); nil: not spliced
}

// show returns what a page shows of part p: Marker when the page renders
// spliced and p is spliced, with its fragment added to the page's (kept
// with the shell, whose keys hold p's); else its HTML.
func (p *Part) show(set *tmplSet) template.HTML {
	if set.splice != nil && p.Frag != nil {
		set.splice.add(p.Frag, nil, Slot{Item: -1, Keep: true})
		return Marker
	}
	return p.HTML
}

// partCache holds the parts of one Renderer by key.
type partCache struct {
	mu sync.Mutex
	m  map[string]partEntry
}

type partEntry struct {
	p     *Part
	known bool // from Input.Parts
}

// part returns the part key: layout name of the page kind's template set
// executed with the view data(rec), where rec is the part's recorder.
func (r *Renderer) part(set *tmplSet, kind, name, key string, data func(rec *recorder) any) (template.HTML, error) {
	r.kept.mu.Lock()
	e, ok := r.kept.m[key]
	r.kept.mu.Unlock()
	if ok && (e.p.Deps != nil || set.rec == nil) {
		set.rec.addAll(e.p.Deps)
		return e.p.show(set), nil
	}
	if set.rec != nil && r.knownPart != nil {
		if p, ok := r.knownPart(key); ok && p.Deps != nil {
			set.rec.addAll(p.Deps)
			r.storePart(partEntry{p: p, known: true})
			return p.show(set), nil
		}
	}
	var b strings.Builder
	deps, err := executeApart(set, set.pages[kind], &b, name, data)
	if err != nil {
		return "", err
	}
	p := &Part{Key: key, HTML: template.HTML(b.String()), Deps: deps}
	if p.Frag, err = r.blockFragment(nil, name, p.HTML); err != nil {
		return "", err
	}
	r.storePart(partEntry{p: p})
	return p.show(set), nil
}

func (r *Renderer) storePart(e partEntry) {
	r.kept.mu.Lock()
	if r.kept.m == nil {
		r.kept.m = map[string]partEntry{}
	}
	r.kept.m[e.p.Key] = e
	r.kept.mu.Unlock()
}

// Parts returns the parts the Renderer showed with recording, rendered
// or given by Input.Parts, and whether each was rendered: what a later
// Input.Parts may offer.
func (r *Renderer) Parts() (parts []*Part, rendered []bool) {
	r.kept.mu.Lock()
	defer r.kept.mu.Unlock()
	for _, e := range r.kept.m {
		if e.p.Deps != nil {
			parts = append(parts, e.p)
			rendered = append(rendered, !e.known)
		}
	}
	return parts, rendered
}
