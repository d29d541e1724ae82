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

// Part is a part as a Renderer rendered or was given it.
type Part struct {
	Key  string
	HTML template.HTML
	Deps Deps // nil: rendered without recording
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
		return e.p.HTML, nil
	}
	if set.rec != nil && r.knownPart != nil {
		if h, deps, ok := r.knownPart(key); ok && deps != nil {
			set.rec.addAll(deps)
			r.storePart(partEntry{p: &Part{Key: key, HTML: h, Deps: deps}, known: true})
			return h, nil
		}
	}
	var b strings.Builder
	deps, err := executeApart(set, set.pages[kind], &b, name, data)
	if err != nil {
		return "", err
	}
	p := &Part{Key: key, HTML: template.HTML(b.String()), Deps: deps}
	r.storePart(partEntry{p: p})
	return p.HTML, nil
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
