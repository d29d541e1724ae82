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
//
// # Dependencies
//
// Layouts see the page and the model through views (PageView, StoryView,
// SiteView …) whose methods have the names of the model's fields. Each
// records the Key of the part of the model it reads — a story's front
// matter, an item of a list, a region's totals — and RenderDeps returns
// the keys a page read. A page shows the same in another model of the site
// when its own data (Own) is the same and every key it read has the same
// Version there (Versions): the dev server renders again exactly the pages
// for which that fails, whatever the layouts show.
//
// # Pieces rendered once
//
// Some pieces are shown by many pages and depend on nothing of the page
// showing them. Each is rendered once per Renderer with a recorder of its
// own (renderApart), and its keys are added to every page that shows it:
//
//   - a story's card (the function card, layout "story-card"), on lists
//     and the home page;
//   - a story's dossier section (dossierStory, layout "dossier-story"):
//     every story is in two printable dossiers, the city's and its
//     region's;
//   - a part (parts.go): a year of a timeline (timelineYear, layout
//     "timeline-year"), a story in other stories' related lists
//     (relatedItem, layout "related-item");
//   - a partialCached result, once per kind of page and variants: the site
//     header and footer.
//
// Input.Cards, Input.Fragments and Input.Parts let the dev server hand
// over the cards, sections and parts of the last build whose keys did not
// change. When pages are minified, each piece that is one block element
// is also kept minified: RenderSpliced leaves a Marker in its place, and
// Splice puts it back into the minified shell, which equals minifying the
// whole page (splice.go says why); every page is rendered that way.
// RenderShell also tells which keys the shell read itself and where each
// spliced story came from, so that the dev server can splice other cards
// into a shell that still holds (shell.go); a part or cached partial is
// part of the shell (Slot.Keep), its keys the shell's own.
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
	// Spilled, if set, gives the HTML of the stories whose StoryText lacks
	// it (ok true), read back from where a build keeps it (text.go).
	Spilled func(st *content.Story) (html template.HTML, ok bool, err error)
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
	th     *Theme
	site   *site.Site
	text   *Text
	known  func(st *site.Story) (Card, bool)
	cardMu sync.RWMutex
	cards  map[*site.Story]card // rendered once per Renderer
	parts  sync.Map             // key -> card: partialCached (cached.go)
	// kept are the parts (parts.go); knownPart is Input.Parts.
	kept      partCache
	knownPart func(key string) (*Part, bool)
	covers    map[*content.Story]*images.Image // picture.go
	// frags are the dossiers' story sections (splice.go).
	frags     fragmentCache
	knownFrag func(st *site.Story) (*Fragment, bool)
	// slugs index the stories by slug for Refill, made when first needed.
	slugsOnce sync.Once
	slugs     map[string]*site.Story
}

// card is a story's card and the keys it read.
type card struct {
	html  template.HTML
	deps  Deps      // nil: rendered without recording
	frag  *Fragment // minified, to splice (cardFragment); nil: not spliced
	known bool      // from Input.Cards
}

// Input is what a Renderer renders.
type Input struct {
	Site *site.Site
	Text *Text
	// Cards, if set, returns a story's card (layout "story-card") as a
	// Renderer rendered it for an earlier model of the site, with the keys
	// it read, while it is still what the story shows (the dev server
	// checks the keys); ok false renders it.
	Cards func(st *site.Story) (c Card, ok bool)
	// Covers are the planned cover images of the stories that have one.
	Covers map[*content.Story]*images.Image
	// Fragments, if set, returns a story's dossier section as Cards does
	// its card (see Renderer.Fragments).
	Fragments func(st *site.Story) (*Fragment, bool)
	// Parts, if set, returns a part (parts.go) by key as Cards does a
	// card.
	Parts func(key string) (p *Part, ok bool)
}

// New returns a Renderer of the model in through th.
func New(th *Theme, in Input) *Renderer {
	return &Renderer{th: th, site: in.Site, text: in.Text, known: in.Cards, cards: map[*site.Story]card{}, covers: in.Covers, knownFrag: in.Fragments, knownPart: in.Parts}
}

// Card is a story's card as a Renderer rendered it, with the keys it read
// and, when pages are minified, the card minified for splicing.
type Card struct {
	Story *site.Story
	HTML  template.HTML
	Deps  Deps
	Frag  *Fragment
}

// Rendered returns the cards the Renderer rendered with recording (not
// those Input.Cards gave), for a later Input.Cards.
func (r *Renderer) Rendered() []Card {
	r.cardMu.RLock()
	defer r.cardMu.RUnlock()
	var out []Card
	for st, c := range r.cards {
		if c.deps != nil && !c.known {
			out = append(out, Card{st, c.html, c.deps, c.frag})
		}
	}
	return out
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
	Number int
	// Total is the number of pages, on the first page only (0 on the
	// others, as Page.Count): one story more or less then changes the
	// later pages only where it shifts their stories. A page is one of
	// several when it has a PrevURL or a NextURL.
	Total   int
	Base    string // URL of page 1 below the root
	PrevURL string
	NextURL string
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
func (r *Renderer) Render(w io.Writer, p *Page) error { return r.render(w, p, nil, nil) }

// RenderDeps writes page p to w and returns the keys of the model it
// read (see Key).
func (r *Renderer) RenderDeps(w io.Writer, p *Page) (Deps, error) {
	rec := newRecorder()
	if err := r.render(w, p, rec, nil); err != nil {
		return nil, err
	}
	return rec.deps(), nil
}

// render writes p to w, recording into rec; with splice, fragments go
// there and Marker to w (RenderSpliced).
func (r *Renderer) render(w io.Writer, p *Page, rec *recorder, splice *splicing) error {
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
	set.rec, set.kind, set.splice = rec, p.Kind, splice
	if err := t.ExecuteTemplate(w, name, &PageView{p, rec}); err != nil {
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

// card returns a story's card (layout "story-card"), rendered once per
// Renderer with the template set of the caller, with the keys it read
// (the caller adds them to the page's). The template function "card"
// shows it, or leaves it to be spliced (splice.go).
func (r *Renderer) card(set *tmplSet, st *site.Story) (card, error) {
	r.cardMu.RLock()
	c, ok := r.cards[st]
	r.cardMu.RUnlock()
	if ok && (c.deps != nil || set.rec == nil) {
		return c, nil
	}
	if set.rec != nil && r.known != nil {
		if k, ok := r.known(st); ok {
			c = card{html: k.HTML, deps: k.Deps, frag: k.Frag, known: true}
			r.cardMu.Lock()
			r.cards[st] = c
			r.cardMu.Unlock()
			return c, nil
		}
	}
	var b strings.Builder
	deps, err := renderApart(set, set.pages["list"], &b, "story-card", func(rec *recorder) any { return storyView(st, rec) })
	if err != nil {
		return card{}, err
	}
	c = card{html: template.HTML(b.String()), deps: deps}
	if c.frag, err = r.cardFragment(st, c.html); err != nil {
		return card{}, err
	}
	if c.frag != nil && r.known == nil {
		c.html = "" // no one keeps it: pages splice c.frag (lean.go)
	}
	r.cardMu.Lock()
	r.cards[st] = c
	r.cardMu.Unlock()
	return c, nil
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
