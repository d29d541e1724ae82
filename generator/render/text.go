package render

import (
	"html/template"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// A CLI build holds the stories' HTML in a file while it renders, not in
// memory (Text.Spilled): a story page and a dossier's section read it back
// when rendered, and the page cache hashes it once.

// StoryHTML returns the HTML of st's body: Spilled's, for a story whose
// HTML it holds, else Stories'.
func (t *Text) StoryHTML(st *content.Story) (template.HTML, error) {
	if t.Spilled != nil {
		if h, ok, err := t.Spilled(st); ok || err != nil {
			return h, err
		}
	}
	return t.Stories[st].HTML, nil
}

// WithBody returns p as rendered: a story page whose HTML Text.Spilled
// holds as a copy with its Body read back, any other page as it is.
func (r *Renderer) WithBody(p *Page) (*Page, error) {
	if p.Kind != "story" || p.Story == nil || p.Body != "" || r.text.Spilled == nil {
		return p, nil
	}
	h, ok, err := r.text.Spilled(p.Story.Story)
	if err != nil || !ok {
		return p, err
	}
	q := *p
	q.Body = h
	return &q, nil
}

// spilledBody returns the hash of st's body, as Versions.body does,
// when Text.Spilled holds it: read back once, its hash kept, not the HTML.
// A body that cannot be read back has a hash no body has; rendering its
// page then fails with the error.
func (v *Versions) spilledBody(st *content.Story) (uint64, bool) {
	if v.text.Spilled == nil {
		return 0, false
	}
	m := v.memo
	m.mu.Lock()
	b, ok := m.spilled[st]
	m.mu.Unlock()
	if ok {
		return b, true
	}
	html, ok, err := v.text.Spilled(st)
	var h hasher
	h.init()
	switch {
	case err != nil:
		h.int(-1)
		return h.sum(), true
	case !ok:
		return 0, false
	}
	h.str(string(html))
	m.mu.Lock()
	m.spilled[st] = h.sum()
	m.mu.Unlock()
	return h.sum(), true
}

// storyHTML is Text.StoryHTML of a story of the model.
func (r *Renderer) storyHTML(st *site.Story) (template.HTML, error) {
	return r.text.StoryHTML(st.Story)
}
