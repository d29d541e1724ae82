// Package render turns the site model into pages: it enumerates every output
// file of the site, renders each through the theme's html/template layouts,
// and builds the theme's fingerprinted assets.
//
// # Theme
//
// A theme is an fs.FS with layouts/ and assets/. layouts/baseof.html defines
// the page skeleton and calls the template "main", which each page kind's
// file (home.html, story.html, list.html, terms.html, timeline.html,
// regions.html, search.html, page.html, 404.html, data.html) defines.
// assets/css/*.css are concatenated into one stylesheet; assets/js/*.js
// are separate modules.
// Every asset is minified, fingerprinted (style.<hash>.css) and referenced
// with Subresource Integrity.
//
// A Renderer is safe for concurrent use once built: Render may be called for
// different pages from many goroutines.
package render

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/ningbo-showcase/showcase/generator/markdown"
	"github.com/ningbo-showcase/showcase/generator/publish"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// Options configure a Renderer.
type Options struct {
	// BaseURL is the site's address; its path is the root every link is
	// under (https://example.org/showcase/ → /showcase/).
	BaseURL string
	// RelativeURLs makes every link relative to the page, with index.html
	// spelled out, for browsing from disk (file://); assets then carry no
	// integrity attributes.
	RelativeURLs bool
	// LiveReload, if not empty, is the URL of a script injected into every
	// page (serve mode only).
	LiveReload string
	// ExtraCSS is appended to the theme's stylesheet (e.g. chart styles).
	ExtraCSS string
}

// Asset is a fingerprinted theme asset.
type Asset struct {
	Path      string // output path below the root: assets/css/style.1a2b3c.css
	URL       string // as linked from pages
	Integrity string // SRI value, "" under RelativeURLs
	Data      []byte
}

// dataTypes are the media types of the assets DataURI can inline.
var dataTypes = map[string]string{".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon", ".gif": "image/gif", ".webp": "image/webp"}

// DataURI returns the asset's content as a base64 data: URI, for a small
// image that pages inline instead of fetching (the favicon); the CSP
// allows data: images. Its media type follows the extension.
func (a *Asset) DataURI() template.URL {
	t := dataTypes[path.Ext(a.Path)]
	if t == "" {
		t = "application/octet-stream"
	}
	return template.URL("data:" + t + ";base64," + base64.StdEncoding.EncodeToString(a.Data))
}

// Renderer renders the pages of one site through one theme.
type Renderer struct {
	site    *site.Site
	md      *markdown.Renderer
	opts    Options
	root    string // path prefix of the site: "/" or "/showcase/"
	base    *url.URL
	absBase string // the site root as an absolute URL, ending in "/"
	pages   map[string]*template.Template
	assets  map[string]*Asset // by source name: css/style.css, js/search.js
	summary map[*site.Story]string
	cards   map[*site.Story]template.HTML

	fragMu sync.Mutex
	frags  map[string]template.HTML // rendered timelines by key (fragments.go)
}

// New parses the theme's layouts and builds its assets. min minifies the
// assets before they are fingerprinted (nil leaves them as they are).
func New(theme fs.FS, s *site.Site, md *markdown.Renderer, min *publish.Minifier, opts Options) (*Renderer, error) {
	base, err := url.Parse(opts.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("render: baseURL %q: %w", opts.BaseURL, err)
	}
	root := base.Path
	if root == "" || !strings.HasSuffix(root, "/") {
		root += "/"
	}
	abs := *base
	abs.Path, abs.RawPath, abs.RawQuery, abs.Fragment = root, "", "", ""
	r := &Renderer{site: s, md: md, opts: opts, root: root, base: base, absBase: abs.String(), pages: map[string]*template.Template{}, assets: map[string]*Asset{}}
	if err := r.buildAssets(theme, min); err != nil {
		return nil, err
	}
	if err := r.parse(theme); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *Renderer) buildAssets(theme fs.FS, min *publish.Minifier) error {
	var css bytes.Buffer
	cssFiles, _ := fs.Glob(theme, "assets/css/*.css")
	sort.Strings(cssFiles)
	for _, f := range cssFiles {
		b, err := fs.ReadFile(theme, f)
		if err != nil {
			return fmt.Errorf("render: theme: %w", err)
		}
		css.Write(b)
		css.WriteByte('\n')
	}
	css.WriteString(r.opts.ExtraCSS)
	sources := map[string][]byte{"css/style.css": css.Bytes()}
	jsFiles, _ := fs.Glob(theme, "assets/js/*.js")
	imgFiles, _ := fs.Glob(theme, "assets/img/*")
	jsFiles = append(jsFiles, imgFiles...)
	for _, f := range jsFiles {
		b, err := fs.ReadFile(theme, f)
		if err != nil {
			return fmt.Errorf("render: theme: %w", err)
		}
		sources[strings.TrimPrefix(f, "assets/")] = b
	}
	for name, data := range sources {
		if min != nil {
			m, err := min.Minify(name, data)
			if err != nil {
				return fmt.Errorf("render: theme asset %s: %w", name, err)
			}
			data = m
		}
		hashed, integrity := publish.Fingerprint("assets/"+name, data)
		a := &Asset{Path: hashed, Integrity: integrity, Data: data}
		if r.opts.RelativeURLs {
			a.Integrity = ""
		}
		r.assets[name] = a
	}
	return nil
}

// SetSite points the Renderer at a new model of the same site, keeping the
// parsed layouts and built assets (which depend only on the theme and the
// config). It must not be called while pages are being rendered.
func (r *Renderer) SetSite(s *site.Site) {
	r.site = s
	r.summary, r.cards = nil, nil
}

// Assets returns the theme's fingerprinted assets, by output path.
func (r *Renderer) Assets() []*Asset {
	var out []*Asset
	for _, a := range r.assets {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

var kinds = []string{"home", "story", "list", "terms", "timeline", "regions", "search", "page", "404", "alias", "data"}

func (r *Renderer) parse(theme fs.FS) error {
	base := template.New("baseof.html").Funcs(r.funcs()).Funcs(r.chartFuncs())
	if _, err := base.ParseFS(theme, "layouts/baseof.html"); err != nil {
		return fmt.Errorf("render: theme: %w", err)
	}
	if partials, _ := fs.Glob(theme, "layouts/partials/*.html"); len(partials) > 0 {
		if _, err := base.ParseFS(theme, partials...); err != nil {
			return fmt.Errorf("render: theme: %w", err)
		}
	}
	for _, k := range kinds {
		t, err := base.Clone()
		if err != nil {
			return err
		}
		if _, err := t.ParseFS(theme, "layouts/"+k+".html"); err != nil {
			return fmt.Errorf("render: theme: %w", err)
		}
		r.pages[k] = t
	}
	return nil
}

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

	// Set during rendering.
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
	t := r.pages[p.Kind]
	if t == nil {
		return fmt.Errorf("render: no layout for page kind %q", p.Kind)
	}
	p.site = r.site
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
// cut to 120 characters.
func (r *Renderer) Summary(st *site.Story) string {
	if s, ok := r.summary[st]; ok {
		return s
	}
	if st.Summary != "" {
		return st.Summary
	}
	return ""
}

// SetSummaries records the summaries computed from stories' bodies. It must
// be called before list pages are rendered, and not concurrently with
// Render.
func (r *Renderer) SetSummaries(m map[*site.Story]string) { r.summary = m }

// Card renders the card a story has in every list (layout "story-card").
// Lists use the cards set by SetCards, so each is rendered once per build.
func (r *Renderer) Card(st *site.Story) (template.HTML, error) {
	var b strings.Builder
	if err := r.pages["list"].ExecuteTemplate(&b, "story-card", st); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// SetCards records every story's card. Like SetSummaries, it must be called
// before list pages are rendered, and not concurrently with Render.
func (r *Renderer) SetCards(m map[*site.Story]template.HTML) { r.cards = m }

func (r *Renderer) card(st *site.Story) (template.HTML, error) {
	if c, ok := r.cards[st]; ok {
		return c, nil
	}
	return r.Card(st)
}

// Root returns the root path of the site ("/" or "/showcase/").
func (r *Renderer) Root() string { return r.root }

// Site returns the model the Renderer renders.
func (r *Renderer) Site() *site.Site { return r.site }

// AbsURL returns the absolute URL of a path below the root. rel is one of
// the generator's own clean relative paths ("stories/x/", "feed.xml", "").
func (r *Renderer) AbsURL(rel string) string {
	return r.absBase + strings.TrimPrefix(rel, "/")
}
