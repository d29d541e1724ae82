// Package generator wires the showcase's stages into a build:
//
//	content.Load → site.Build → render (markdown, templates, charts)
//	             → search.Build → publish (minify, write, atomic swap)
//
// Build publishes a source tree into a destination directory; Generate
// renders a loaded site into any publish.Sink (a directory transaction, or
// memory for the dev server).
package generator

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ningbo-showcase/showcase/generator/chart"
	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/hostfiles"
	"github.com/ningbo-showcase/showcase/generator/markdown"
	"github.com/ningbo-showcase/showcase/generator/publish"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/search"
	"github.com/ningbo-showcase/showcase/generator/site"
	"github.com/ningbo-showcase/showcase/themes"
)

// Options control a build. The zero value builds the tree in the current
// directory into public/ with the config's baseURL.
type Options struct {
	Source       string // source directory; "" means "."
	Dest         string // destination directory; "" means "public"
	BaseURL      string // overrides the config's baseURL when set
	Drafts       bool
	Strict       bool // warnings fail the build
	RelativeURLs bool
	Compress     bool // write .gz and .br siblings
	NoMinify     bool
	// LiveReload, if set, is the URL of a script that every page loads
	// (serve mode only; build output never has it).
	LiveReload string
	// Year is the latest valid showcase year; 0 means this year.
	Year int
	// Progress, if set, is called as pages are written.
	Progress func(done, total int)
}

// Report summarises a build.
type Report struct {
	Pages    map[string]int // pages by kind
	Files    int            // files written, excluding .gz/.br siblings
	Bytes    int64
	Warnings content.List
	Duration time.Duration
}

// ContentError is returned when the content has errors: the build wrote
// nothing. List holds every error and warning.
type ContentError struct{ List content.List }

// Error lists every content error, one per line.
func (e *ContentError) Error() string {
	var b strings.Builder
	n := 0
	for _, x := range e.List {
		if !x.Warning {
			if n > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(x.Error())
			n++
		}
	}
	return b.String()
}

// Unwrap returns the errors, so errors.As finds each *content.Error.
func (e *ContentError) Unwrap() []error {
	var out []error
	for _, x := range e.List.Errors() {
		out = append(out, x)
	}
	return out
}

// OpenSource opens a source directory as an fs.FS that refuses symlinks
// leading out of it.
func OpenSource(dir string) (fs.FS, func(), error) {
	if dir == "" {
		dir = "."
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	return root.FS(), func() { root.Close() }, nil
}

// Load reads and validates the source tree. The error is a *ContentError
// when the content has errors (or, when strict, warnings).
func Load(src fs.FS, opts Options) (*site.Site, content.List, error) {
	cs, list := content.Load(src, content.Options{Drafts: opts.Drafts, Year: opts.Year})
	return finishLoad(cs, list, opts)
}

func finishLoad(cs *content.Site, list content.List, opts Options) (*site.Site, content.List, error) {
	return finishLoadFrom(cs, list, opts, nil)
}

// finishLoadFrom is finishLoad reusing what it can from prev, the model of
// an earlier load of the same tree (nil for none).
func finishLoadFrom(cs *content.Site, list content.List, opts Options, prev *site.Site) (*site.Site, content.List, error) {
	if opts.Strict {
		for _, e := range list {
			e.Warning = false
		}
	}
	if list.Err() != nil {
		return nil, list, &ContentError{List: list}
	}
	s := site.BuildFrom(cs, prev)
	if opts.BaseURL != "" {
		s.Config.BaseURL = opts.BaseURL
	}
	return s, list, nil
}

// Theme returns the theme a source uses: themes/<name> of the source when
// [params.showcase] theme names one that exists there, else the default
// theme bundled into the binary.
func Theme(src fs.FS, s *site.Site) (fs.FS, error) {
	if name := s.Config.Theme; name != "" {
		sub, err := fs.Sub(src, "themes/"+name)
		if err != nil {
			return nil, err
		}
		if _, err := fs.Stat(sub, "layouts/baseof.html"); err == nil {
			return sub, nil
		}
		return nil, fmt.Errorf("theme %q: themes/%s/layouts/baseof.html not found", name, name)
	}
	return themes.Default, nil
}

// Build loads the source, renders it and publishes it into the destination
// atomically: on any error the destination is left exactly as it was.
func Build(ctx context.Context, opts Options) (Report, error) {
	start := time.Now()
	rep := Report{Pages: map[string]int{}}
	src, closeSrc, err := OpenSource(opts.Source)
	if err != nil {
		return rep, err
	}
	defer closeSrc()
	s, list, err := Load(src, opts)
	rep.Warnings = list.Warnings()
	if err != nil {
		return rep, err
	}
	theme, err := Theme(src, s)
	if err != nil {
		return rep, err
	}
	dest := opts.Dest
	if dest == "" {
		dest = filepath.Join(opts.sourceDir(), "public")
	}
	tx, err := publish.Begin(dest, publish.Options{Keep: s.Config.Keep, Compress: opts.Compress})
	if err != nil {
		return rep, err
	}
	if err := Generate(ctx, src, theme, s, tx, opts, &rep); err != nil {
		tx.Abort()
		return rep, err
	}
	if err := tx.Commit(); err != nil {
		return rep, err
	}
	st := tx.Stats()
	rep.Files, rep.Bytes = int(st.Files), st.Bytes
	rep.Duration = time.Since(start)
	return rep, nil
}

func (o Options) sourceDir() string {
	if o.Source == "" {
		return "."
	}
	return o.Source
}

var (
	mdOnce   sync.Map // Unsafe bool → *markdown.Renderer
	minifier = sync.OnceValue(publish.NewMinifier)
)

func markdownRenderer(unsafe bool) *markdown.Renderer {
	if r, ok := mdOnce.Load(unsafe); ok {
		return r.(*markdown.Renderer)
	}
	r, _ := mdOnce.LoadOrStore(unsafe, markdown.New(markdown.Options{Unsafe: unsafe}))
	return r.(*markdown.Renderer)
}

// SummaryLen is the length in characters of a summary cut from a story's
// first paragraph.
const SummaryLen = 120

// Generate renders the loaded site s with theme into sink: every page,
// asset, feed, sitemap, search index, bundle resource and static file.
// Files in static/ win over generated files of the same path.
func Generate(ctx context.Context, src, theme fs.FS, s *site.Site, sink publish.Sink, opts Options, rep *Report) error {
	r, err := newRenderer(theme, s, opts)
	if err != nil {
		return err
	}
	return generate(ctx, src, r, s, sink, opts, rep, nil)
}

func newRenderer(theme fs.FS, s *site.Site, opts Options) (*render.Renderer, error) {
	var min *publish.Minifier
	if !opts.NoMinify {
		min = minifier()
	}
	return render.New(theme, s, markdownRenderer(s.Config.Unsafe), min, render.Options{BaseURL: s.Config.BaseURL, RelativeURLs: opts.RelativeURLs, ExtraCSS: chart.CSS, LiveReload: opts.LiveReload})
}

// storyDoc is what a build keeps of a story's Markdown.
type storyDoc struct {
	html    template.HTML
	summary string
	text    string
}

func convertStory(md *markdown.Renderer, st *content.Story) (storyDoc, error) {
	doc, err := md.Convert(st.Body)
	if err != nil {
		return storyDoc{}, fmt.Errorf("%s: %w", st.Path, err)
	}
	sum := st.Summary
	if sum == "" {
		sum = markdown.Summarize(doc.FirstParagraph, SummaryLen)
	}
	return storyDoc{html: doc.HTML, summary: sum, text: doc.Text}, nil
}

// generate renders with an optional cache of earlier output (nil renders
// everything). With a cache, pages whose inputs are unchanged are copied
// from it; the output is the same either way.
func generate(ctx context.Context, src fs.FS, r *render.Renderer, s *site.Site, sink publish.Sink, opts Options, rep *Report, c *cache) error {
	md := markdownRenderer(s.Config.Unsafe)
	var min *publish.Minifier
	if !opts.NoMinify {
		min = minifier()
	}
	static := map[string]bool{}
	for _, p := range s.Static {
		static[p] = true
	}
	w := &writer{sink: sink, min: min, static: static, rel: opts.RelativeURLs, root: r.Root(), cache: c}

	stories := r.StoryPages()
	others := r.OtherPages()
	if errs := aliasCollisions(stories, others, static); len(errs) > 0 {
		return &ContentError{List: errs}
	}
	total := len(stories) + len(others)
	var done atomic.Int64
	progress := func() {
		n := done.Add(1)
		if opts.Progress != nil && n%200 == 0 {
			opts.Progress(int(n), total)
		}
	}

	// Phase 1: stories — Markdown, page, resources; keep what lists and
	// search need.
	docs := make([]search.Doc, len(stories))
	summaries := make([]string, len(stories))
	err := parallel(ctx, len(stories), func(i int) error {
		p := stories[i]
		st := p.Story
		d, ok := c.doc(st.Story)
		if !ok {
			var err error
			if d, err = convertStory(md, st.Story); err != nil {
				return err
			}
			c.setDoc(st.Story, d)
		}
		p.Body = d.html
		if p.Description == "" {
			p.Description = d.summary
		}
		summaries[i] = d.summary
		docs[i] = c.searchDoc(st, d)
		if err := w.page(r, p); err != nil {
			return err
		}
		for _, res := range st.Resources {
			data, err := c.resource(src, st.Bundle+"/"+res)
			if err != nil {
				return fmt.Errorf("%s: %w", st.Path, err)
			}
			if err := w.raw(st.URL()+res, data); err != nil {
				return err
			}
		}
		progress()
		return nil
	})
	if err != nil {
		return err
	}
	sm := make(map[*site.Story]string, len(stories))
	for i, p := range stories {
		sm[p.Story] = summaries[i]
	}
	r.SetSummaries(sm)
	cards := make([]template.HTML, len(stories))
	if err := parallel(ctx, len(stories), func(i int) (err error) {
		st := stories[i].Story
		if h, ok := c.card(st.Story); ok {
			cards[i] = h
			return nil
		}
		cards[i], err = r.Card(st)
		c.setCard(st.Story, cards[i])
		return err
	}); err != nil {
		return err
	}
	cm := make(map[*site.Story]template.HTML, len(stories))
	for i, p := range stories {
		cm[p.Story] = cards[i]
	}
	r.SetCards(cm)

	// Phase 2: every other page.
	err = parallel(ctx, len(others), func(i int) error {
		if err := w.page(r, others[i]); err != nil {
			return err
		}
		progress()
		return nil
	})
	if err != nil {
		return err
	}
	if rep != nil {
		if rep.Pages == nil {
			rep.Pages = map[string]int{}
		}
		rep.Pages["story"] = len(stories)
		for _, p := range others {
			rep.Pages[p.Kind]++
		}
	}

	for _, a := range r.Assets() {
		if err := w.raw(a.Path, a.Data); err != nil {
			return err
		}
	}
	all := append(append([]*render.Page{}, stories...), others...)
	feed, err := Feed(r, s)
	if err != nil {
		return err
	}
	if err := w.file("feed.xml", feed); err != nil {
		return err
	}
	if err := w.raw("sitemap.xml", c.sitemap(r, all)); err != nil {
		return err
	}
	if err := w.file("robots.txt", []byte("User-agent: *\nAllow: /\nSitemap: "+r.AbsURL("sitemap.xml")+"\n")); err != nil {
		return err
	}
	// Keep what a Session's next patch needs. (Before the search index:
	// a plain build must not keep the pages, which hold the site's HTML,
	// alive while it builds the index.)
	if c != nil {
		index := make(map[*content.Story]int, len(stories))
		for i, p := range stories {
			index[p.Story.Story] = i
		}
		c.last = &lastBuild{site: s, stories: stories, others: others, index: index, summaries: sm, cards: cm, docs: docs, static: static}
	}
	files, err := c.search(docs)
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	if err := w.searchFiles(files); err != nil {
		return err
	}
	// Host files for Netlify and Cloudflare Pages (a static/ file wins).
	var aliases []hostfiles.Alias
	for _, p := range others {
		if p.Kind == "alias" {
			aliases = append(aliases, hostfiles.Alias{From: p.URL, To: p.Target})
		}
	}
	if err := w.raw("_headers", hostfiles.Headers(r.Root())); err != nil {
		return err
	}
	if err := w.raw("_redirects", hostfiles.Redirects(r.Root(), aliases)); err != nil {
		return err
	}
	for _, p := range s.Static {
		data, err := c.resource(src, "static/"+p)
		if err != nil {
			return fmt.Errorf("static/%s: %w", p, err)
		}
		if err := w.put(p, data); err != nil {
			return err
		}
	}
	return writeAdmin(w, s, opts.BaseURL)
}

// searchFiles writes the files of the search index.
func (w *writer) searchFiles(files []search.File) error {
	for _, f := range files {
		// The index is compact already; a JSON minifier would undo its
		// escaping of < and >.
		if err := w.raw(f.Path, f.Data); err != nil {
			return err
		}
	}
	return nil
}

// generatedFiles are written by every build besides its pages.
var generatedFiles = []string{"feed.xml", "sitemap.xml", "robots.txt", "_headers", "_redirects", "404.html", "index.html"}

// aliasCollisions reports aliases that would overwrite a generated page or
// file, a static file or another alias: a redirect must never replace
// content.
func aliasCollisions(stories, others []*render.Page, static map[string]bool) content.List {
	taken := map[string]string{}
	for _, f := range generatedFiles {
		taken[f] = "a generated file"
	}
	for _, p := range append(append([]*render.Page{}, stories...), others...) {
		if p.Kind != "alias" {
			taken[p.Path] = "the page /" + p.URL
		}
	}
	var errs content.List
	for _, p := range others {
		if p.Kind != "alias" {
			continue
		}
		what, clash := taken[p.Path]
		if !clash {
			// /feed.xml as an alias would shadow the file itself.
			what, clash = taken[strings.TrimSuffix(p.URL, "/")]
		}
		switch {
		case clash:
		case static[p.Path]:
			what, clash = "the static file "+p.Path, true
		case strings.HasPrefix(p.Path, "assets/") || strings.HasPrefix(p.Path, "search/"):
			what, clash = "the generated "+strings.SplitN(p.Path, "/", 2)[0]+"/ files", true
		}
		if clash {
			errs = append(errs, &content.Error{Pos: content.Pos{File: p.Source, Line: p.SourceLine},
				Msg: fmt.Sprintf("alias /%s would replace %s", p.URL, what),
				Zh:  fmt.Sprintf("别名 /%s 会覆盖%s", p.URL, what)})
			continue
		}
		taken[p.Path] = "the alias in " + p.Source
	}
	return errs
}

func searchDoc(st *site.Story, summary, text string) search.Doc {
	d := search.Doc{URL: st.URL(), Title: st.Title, Summary: summary, Body: text, Region: st.Region.Title, RegionSlug: st.Region.Slug, Town: st.Town, Category: st.Category.Title, CategorySlug: st.Category.Slug, Year: st.Year}
	seen := map[string]bool{}
	for _, a := range st.Awards {
		if !seen[a.Level] {
			seen[a.Level] = true
			d.Levels = append(d.Levels, a.Level)
		}
	}
	sort.Strings(d.Levels)
	for _, t := range st.Tags {
		d.Tags = append(d.Tags, t.Name)
	}
	return d
}

// writer writes generated files: minified, with static files winning.
type writer struct {
	sink   publish.Sink
	min    *publish.Minifier
	static map[string]bool
	rel    bool
	root   string
	cache  *cache
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (w *writer) page(r *render.Renderer, p *render.Page) error {
	key, cacheable := w.cache.key(p, r.Site())
	if cacheable {
		if data, ok := w.cache.page(p.Path, key); ok {
			return w.put(p.Path, data)
		}
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := r.Render(buf, p); err != nil {
		return err
	}
	data := buf.Bytes()
	if w.rel {
		data = relativize(data, w.root, p.Path)
	}
	if w.static[p.Path] {
		return nil
	}
	if w.min != nil {
		m, err := w.min.Minify(p.Path, data)
		if err != nil {
			return err
		}
		data = m
	} else {
		data = bytes.Clone(data)
	}
	if cacheable {
		w.cache.setPage(p.Path, key, data)
	}
	return w.put(p.Path, data)
}

// sharer is a sink that can keep a slice without copying it.
type sharer interface {
	Put(name string, data []byte) error
}

// put writes data, which no one modifies afterwards: into a sink that can
// share it (the dev server's memory), without a copy.
func (w *writer) put(name string, data []byte) error {
	if s, ok := w.sink.(sharer); ok {
		return s.Put(name, data)
	}
	return w.sink.WriteFile(name, data)
}

// file writes generated data, minified by type, unless static/ has a file
// of the same path.
func (w *writer) file(name string, data []byte) error {
	if w.static[name] {
		return nil
	}
	if out, ok := w.cache.minified(name, data); ok {
		return w.put(name, out)
	}
	in := data
	if w.min != nil {
		m, err := w.min.Minify(name, data)
		if err != nil {
			return err
		}
		data = m
	}
	w.cache.setMinified(name, in, data)
	return w.put(name, data) // callers pass fresh bytes
}

// raw writes data as it is (assets already minified, bundle resources,
// the search index): bytes that are never modified.
func (w *writer) raw(name string, data []byte) error {
	if w.static[name] {
		return nil
	}
	return w.put(name, data)
}

// parallelChunk is how many indexes a worker of parallel takes at a time.
const parallelChunk = 16

// parallel runs f(0..n-1) on all cores, returning the first error (by
// index, so the error reported does not depend on scheduling).
func parallel(ctx context.Context, n int, f func(i int) error) error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	// Workers take runs of parallelChunk indexes: most calls are cache
	// hits of a microsecond, for which handing over one index at a time
	// through a channel cost more than the work.
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), (n+parallelChunk-1)/parallelChunk) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				start := int(next.Add(parallelChunk)) - parallelChunk
				if start >= n {
					return
				}
				for i := start; i < min(start+parallelChunk, n); i++ {
					errs[i] = f(i)
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return firstErr(errs)
}

func firstErr(errs []error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
