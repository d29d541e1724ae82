// Package render turns the site model into pages: it enumerates every
// output page of the site and renders each through the theme's
// html/template layouts.
//
// # Theme
//
// A theme is an fs.FS with layouts/ and assets/. layouts/baseof.html defines
// the page skeleton and calls the template "main", which each page kind's
// file (home.html, story.html, list.html, terms.html, timeline.html,
// regions.html, search.html, page.html, 404.html, data.html) defines.
// assets/css/*.css are concatenated into one stylesheet; assets/js/*.js
// and assets/img/* are separate files. Every asset is minified, fingerprinted
// (style.<hash>.css) and referenced with Subresource Integrity.
//
// NewTheme parses the layouts and builds the assets once for a site
// address; New binds a Theme to one model of the site and the HTML the
// Markdown stage made of its text (Text). Neither changes after it is
// made: a new model of the site gets a new Renderer over the same Theme.
//
// # Pages
//
// StoryPages and OtherPages list every page of the site; each Page carries
// what it shows (its story and body, its list, its region…), and Render
// writes it through the layout of its kind. Both are safe for concurrent
// use: Render may be called for different pages from many goroutines.
package render

import (
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/images"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// Text is what the Markdown stage made of a site's text: every story's
// body as HTML with its summary and plain text, and the HTML of every
// other body (home, sections, standalone pages, regions, categories and
// tag pages), by content object.
type Text struct {
	Stories    map[*content.Story]StoryText
	Pages      map[*content.Page]template.HTML
	Regions    map[*content.Region]template.HTML
	Categories map[*content.Category]template.HTML
	Tags       map[*content.Tag]template.HTML
}

// StoryText is what the Markdown stage made of one story.
type StoryText struct {
	HTML template.HTML
	// Summary is the story's summary, else its first paragraph cut short.
	Summary string
	// Plain is the body as plain text, for the search index.
	Plain string
}

// Renderer renders the pages of one model of a site through a Theme.
type Renderer struct {
	th   *Theme
	site *site.Site
	text *Text
	// known are cards rendered for an earlier model whose stories are the
	// same content objects (see Input.Cards); cards those rendered now.
	known  map[*content.Story]template.HTML
	cardMu sync.RWMutex
	cards  map[*site.Story]template.HTML
	covers map[*content.Story]*images.Image // picture.go
}

// Input is what a Renderer renders.
type Input struct {
	Site *site.Site
	Text *Text
	// Cards, if set, are story cards (layout "story-card") rendered for
	// an earlier model of the same site in which the regions and
	// categories were the same content objects: a story's card is taken
	// from it while the story is the same content object.
	Cards map[*content.Story]template.HTML
	// Covers are the planned cover images of the stories that have one.
	Covers map[*content.Story]*images.Image
}

// New returns a Renderer of the model in through th.
func New(th *Theme, in Input) *Renderer {
	return &Renderer{th: th, site: in.Site, text: in.Text, known: in.Cards, cards: map[*site.Story]template.HTML{}, covers: in.Covers}
}

// Text returns the Markdown stage's output the Renderer shows.
func (r *Renderer) Text() *Text { return r.text }

// Theme returns the theme the Renderer renders through.
func (r *Renderer) Theme() *Theme { return r.th }

// Page is one HTML page of the site.
type Page struct {
	Kind  string // home, story, list, terms, timeline, regions, search, page, 404, alias, data
	Path  string // output file below the root: stories/x/index.html
	URL   string // the page's path below the root: stories/x/
	Title string
	// Description is the meta description.
	Description string

	Story    *site.Story
	Body     template.HTML
	Region   *site.Region
	Category *site.Category
	Year     *site.Year
	Tag      *site.Tag
	Section  string // stories, regions, categories, years, tags
	Intro    template.HTML
	List     []*site.Story
	Count    int // stories in the whole list, over all its pages; on its first page only
	Pager    *Pager
	Target   string // an alias's target URL
	// Source and SourceLine say where an alias was declared.
	Source     string
	SourceLine int
	NoIndex    bool

	site *site.Site
}

// Pager is the position of a list page among its pages.
type Pager struct {
	Number, Total int
	Base          string // URL of page 1 below the root
	PrevURL       string
	NextURL       string
}

// URLOf returns the URL below the root of page n of a list whose first page
// is base.
func URLOf(base string, n int) string {
	if n <= 1 {
		return base
	}
	return fmt.Sprintf("%spage/%d/", base, n)
}

// Render writes page p to w.
func (r *Renderer) Render(w io.Writer, p *Page) error {
	set, err := r.th.acquire(r)
	if err != nil {
		return err
	}
	defer r.th.release(set)
	t := set.pages[p.Kind]
	if t == nil {
		return fmt.Errorf("render: no layout for page kind %q", p.Kind)
	}
	name := "baseof.html"
	if p.Kind == "alias" {
		name = "alias-page"
	}
	if err := t.ExecuteTemplate(w, name, p); err != nil {
		return fmt.Errorf("render %s: %w", p.Path, err)
	}
	return nil
}

// Site returns the site the page belongs to (for templates).
func (p *Page) Site() *site.Site { return p.site }

// Summary returns a story's teaser: its summary, else its first paragraph
// cut short (by the Markdown stage).
func (r *Renderer) Summary(st *site.Story) string {
	if t, ok := r.text.Stories[st.Story]; ok {
		return t.Summary
	}
	return st.Summary
}

// Card returns the card a story has in every list (layout "story-card"),
// rendered once per Renderer.
func (r *Renderer) Card(st *site.Story) (template.HTML, error) {
	if h, ok := r.cardOf(st); ok {
		return h, nil
	}
	set, err := r.th.acquire(r)
	if err != nil {
		return "", err
	}
	defer r.th.release(set)
	return r.card(set, st)
}

func (r *Renderer) cardOf(st *site.Story) (template.HTML, bool) {
	if h, ok := r.known[st.Story]; ok {
		return h, true
	}
	r.cardMu.RLock()
	h, ok := r.cards[st]
	r.cardMu.RUnlock()
	return h, ok
}

// card renders a story's card with the template set of the caller.
func (r *Renderer) card(set *tmplSet, st *site.Story) (template.HTML, error) {
	if h, ok := r.cardOf(st); ok {
		return h, nil
	}
	var b strings.Builder
	if err := set.pages["list"].ExecuteTemplate(&b, "story-card", st); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	r.cardMu.Lock()
	r.cards[st] = h
	r.cardMu.Unlock()
	return h, nil
}

// Cards returns every card the Renderer has rendered or taken from
// Input.Cards, by the story's content object, for the next model's
// Input.Cards.
func (r *Renderer) Cards() map[*content.Story]template.HTML {
	r.cardMu.RLock()
	defer r.cardMu.RUnlock()
	out := make(map[*content.Story]template.HTML, len(r.cards)+len(r.known))
	for _, st := range r.site.Stories {
		if h, ok := r.known[st.Story]; ok {
			out[st.Story] = h
		} else if h, ok := r.cards[st]; ok {
			out[st.Story] = h
		}
	}
	return out
}

// Root returns the root path of the site ("/" or "/showcase/").
func (r *Renderer) Root() string { return r.th.root }

// Site returns the model the Renderer renders.
func (r *Renderer) Site() *site.Site { return r.site }

// AbsURL returns the absolute URL of a path below the root. rel is one of
// the generator's own clean relative paths ("stories/x/", "feed.xml", "").
func (r *Renderer) AbsURL(rel string) string { return r.th.AbsURL(rel) }

// Assets returns the theme's fingerprinted assets, by output path.
func (r *Renderer) Assets() []*Asset { return r.th.Assets() }
