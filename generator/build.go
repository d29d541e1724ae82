// Package generator wires the showcase's stages into a build, a straight
// pipeline in which each stage takes the values the one before made:
//
//	load      content.Load: the source tree, typed and validated
//	site      site.Build: the model (lists, timelines, totals)
//	markdown  every story's and page's body as HTML, summary, plain text
//	search    search.Build: the index of every story, from its plain text
//	render    render.Theme and render.Renderer: every page, through the layouts
//	publish   minify and write into a publish.Sink, then commit
//
// Build publishes a source tree into a destination directory, atomically;
// Generate runs the stages after load into any publish.Sink (a directory
// transaction, or memory).
//
// A Session (the dev server's) runs the same stages again and again over
// one tree, keeping each stage's results and re-running a stage only for
// what changed; its output is always byte-identical to Generate's.
package generator

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ningbo-showcase/showcase/generator/chart"
	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/hostfiles"
	"github.com/ningbo-showcase/showcase/generator/opendata"
	"github.com/ningbo-showcase/showcase/generator/publish"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/schema"
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
	// DeferImages (the dev server's Session only) publishes the pages
	// before the photos they show that the image cache lacks: those are
	// encoded in the background and served by Session.LateFile.
	DeferImages bool
	// GC removes the image cache's entries that this build did not use
	// (showcase build --gc, as hugo --gc).
	GC bool
	// IgnoreCache makes a build render every page and convert every
	// story's body, as into an empty destination, and never report it up
	// to date (showcase build --ignoreCache, as hugo --ignoreCache). What
	// it makes is kept for the next build.
	IgnoreCache bool
}

// Report summarises a build.
type Report struct {
	Pages    map[string]int // pages by kind
	Files    int            // files written (new or changed), excluding .gz/.br siblings
	Removed  int            // files of the previous build no longer produced
	UpToDate bool           // the destination held this build already: nothing was rendered
	// Rendered is how many pages were rendered: the others were taken
	// from the destination as they were (the page cache, Build only).
	Rendered int
	Images   ImageStats
	Bytes    int64 // the size of all files of the site
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
	return openSource(dir) // source_linux.go
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
	if err := checkLoad(list, opts); err != nil {
		return nil, list, err
	}
	s := site.BuildFrom(cs, prev)
	if opts.BaseURL != "" {
		s.Config.BaseURL = opts.BaseURL
	}
	return s, list, nil
}

// checkLoad returns a *ContentError when list has errors (or, when strict,
// warnings, which it marks as errors).
func checkLoad(list content.List, opts Options) error {
	if opts.Strict {
		for _, e := range list {
			e.Warning = false
		}
	}
	if list.Err() != nil {
		return &ContentError{List: list}
	}
	return nil
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
	dest := opts.Dest
	if dest == "" {
		dest = filepath.Join(opts.sourceDir(), "public")
	}
	tx, up, keys := beginUpToDate(src, opts, dest)
	if up {
		rep.UpToDate, rep.Duration = true, time.Since(start)
		return rep, nil
	}
	s, list, err := Load(src, opts)
	rep.Warnings = list.Warnings()
	if err == nil && tx == nil {
		tx, err = publish.Begin(dest, publishOptions(s.Config.Keep, opts, ""))
	}
	if err != nil {
		if tx != nil {
			tx.Abort()
		}
		return rep, err
	}
	if len(rep.Warnings) > 0 {
		tx.SetKey("") // warnings are reported by every build: never skip one
	}
	theme, err := Theme(src, s)
	if err != nil {
		tx.Abort()
		return rep, err
	}
	var caches *buildCaches
	if keys.shared != "" {
		caches = &buildCaches{pages: openPageCache(dest, keys.shared), text: openTextCache(dest, s)}
		if opts.IgnoreCache {
			caches.forget()
		}
		defer caches.discard()
	}
	if err := generate(ctx, src, theme, s, tx, opts, &rep, caches, true); err != nil {
		tx.Abort()
		return rep, err
	}
	if err := tx.Commit(); err != nil {
		return rep, err
	}
	caches.save()
	st := tx.Stats()
	rep.Files, rep.Bytes, rep.Removed = int(st.Written), st.Bytes, int(st.Removed)
	rep.Duration = time.Since(start)
	return rep, nil
}

func (o Options) sourceDir() string {
	if o.Source == "" {
		return "."
	}
	return o.Source
}

// Generate runs the stages after load — markdown, render, search,
// publish — over the loaded site s with theme, into sink: every page,
// asset, feed, sitemap, search index, bundle resource and static file.
// Files in static/ win over generated files of the same path.
func Generate(ctx context.Context, src, theme fs.FS, s *site.Site, sink publish.Sink, opts Options, rep *Report) error {
	return generate(ctx, src, theme, s, sink, opts, rep, nil, false)
}

// generate is Generate, taking what it can from the caches of a CLI build
// if not nil; own says s is the build's own, whose stories' Markdown it
// may drop once converted (lean.go).
func generate(ctx context.Context, src, theme fs.FS, s *site.Site, sink publish.Sink, opts Options, rep *Report, caches *buildCaches, own bool) error {
	th, err := newTheme(theme, s, opts)
	if err != nil {
		return err
	}
	ph := (*cache)(nil).photos(src, opts, s)
	if err := ph.planCovers(ctx, s); err != nil {
		return err
	}
	prev := caches.prevText(s)
	text, err := convertTextReleasing(ctx, s, prev, ph.images(th), caches.converted(s, own, src))
	if err == nil {
		err = ph.err()
	}
	if err != nil {
		return err
	}
	caches.keepText(s, text)
	w := newWriter(sink, opts, th.Root(), s.Static)
	// A rebuild (warm caches) mostly takes its pages from the destination:
	// its search index is made beside them. A fresh build makes the index
	// first, so that the pages render without it in memory (lean.go).
	searched := writeSearch(w, s, text, caches.warm(s))
	if err := caches.spillText(text); err != nil {
		searched()
		return err
	}
	if err := generatePages(ctx, src, s, th, w, text, ph, opts, rep, caches); err != nil {
		searched()
		return err
	}
	return searched()
}

// generatePages runs the stages of generate after the search index.
func generatePages(ctx context.Context, src fs.FS, s *site.Site, th *render.Theme, w *writer, text *render.Text, ph *photos, opts Options, rep *Report, caches *buildCaches) error {
	in := render.Input{Site: s, Text: text, Covers: ph.covers}
	r := render.New(th, in)
	pages, err := pageList(r)
	if err != nil {
		return err
	}
	if caches != nil {
		if err := caches.pages.prepare(ctx, render.NewVersions(in, nil)); err != nil {
			return err
		}
		w.cache = caches.pages
	}
	var done atomic.Int64
	progress := func() {
		n := done.Add(1)
		if opts.Progress != nil && n%200 == 0 {
			opts.Progress(int(n), len(pages.all))
		}
	}
	if err := w.pages(ctx, r, r.SpliceOrder(pages.all), progress); err != nil {
		return err
	}
	if rep != nil {
		rep.Rendered = int(w.rendered.Load())
	}
	read := func(name string) ([]byte, error) { return fs.ReadFile(src, name) }
	if err := writeResources(ctx, w, s, read); err != nil {
		return err
	}
	if err := ph.encode(ctx, w); err != nil {
		return err
	}
	if err := ph.report(rep, opts.GC); err != nil {
		return err
	}
	pages.report(rep)
	feed, err := Feed(r, s)
	if err != nil {
		return err
	}
	if feed, err = w.minify("feed.xml", feed); err != nil {
		return err
	}
	if err := writeSiteFiles(w, r, pages, feed, Sitemap(r, pages.all)); err != nil {
		return err
	}
	return writeStatic(w, s, read)
}

// newTheme makes the theme ready for the site's address.
func newTheme(theme fs.FS, s *site.Site, opts Options) (*render.Theme, error) {
	var min *publish.Minifier
	if !opts.NoMinify {
		min = minifier()
	}
	return render.NewTheme(theme, min, render.Options{BaseURL: s.Config.BaseURL, RelativeURLs: opts.RelativeURLs, ExtraCSS: chart.CSS, LiveReload: opts.LiveReload})
}

// pageSet is every page of a model: the stories' in the site's order,
// then the others (render.OtherPages).
type pageSet struct {
	stories, others, all []*render.Page
}

// pageList lists the pages r renders, checking that no alias replaces
// another file.
func pageList(r *render.Renderer) (pageSet, error) {
	var others []*render.Page
	done := make(chan struct{})
	go func() {
		defer close(done)
		others = r.OtherPages()
	}()
	stories := r.StoryPages()
	<-done
	ps := pageSet{stories: stories, others: others, all: append(stories[:len(stories):len(stories)], others...)}
	static := map[string]bool{}
	for _, p := range r.Site().Static {
		static[p] = true
	}
	if errs := aliasCollisions(ps.all, static); len(errs) > 0 {
		return pageSet{}, &ContentError{List: errs}
	}
	return ps, nil
}

// report counts the pages by kind into rep (if not nil).
func (ps pageSet) report(rep *Report) {
	if rep == nil {
		return
	}
	if rep.Pages == nil {
		rep.Pages = map[string]int{}
	}
	rep.Pages["story"] = len(ps.stories)
	for _, p := range ps.others {
		rep.Pages[p.Kind]++
	}
}

// writeResources writes every story bundle's resources beside its page;
// read reads a file of the source.
func writeResources(ctx context.Context, w *writer, s *site.Site, read func(string) ([]byte, error)) error {
	return parallel(ctx, len(s.Stories), func(i int) error {
		st := s.Stories[i]
		for _, res := range st.Resources {
			if isPhoto(res) {
				continue // published resized (photos.go)
			}
			data, err := read(st.Bundle + "/" + res)
			if err != nil {
				return fmt.Errorf("%s: %w", st.Path, err)
			}
			if err := w.raw(st.URL()+res, data); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeSiteFiles writes the files of the whole site besides its pages and
// search index: the theme's assets, the feed, the sitemap, robots.txt, the
// open data and the host files of Netlify and Cloudflare Pages. feed is
// minified already.
func writeSiteFiles(w *writer, r *render.Renderer, pages pageSet, feed, sitemap []byte) error {
	for _, a := range r.Assets() {
		if err := w.raw(a.Path, a.Data); err != nil {
			return err
		}
	}
	if err := w.raw("feed.xml", feed); err != nil {
		return err
	}
	if err := w.raw("sitemap.xml", sitemap); err != nil {
		return err
	}
	if err := w.file("robots.txt", []byte("User-agent: *\nAllow: /\nSitemap: "+r.AbsURL("sitemap.xml")+"\n")); err != nil {
		return err
	}
	if err := w.openData(r, r.Site()); err != nil {
		return err
	}
	if err := writeAdmin(w, r.Site(), r.AbsURL("")); err != nil {
		return err
	}
	return writeHostFiles(w, r.Root(), pages.others)
}

// writeHostFiles writes _headers and _redirects (a static/ file wins).
func writeHostFiles(w *writer, root string, others []*render.Page) error {
	var aliases []hostfiles.Alias
	for _, p := range others {
		if p.Kind == "alias" {
			aliases = append(aliases, hostfiles.Alias{From: p.URL, To: p.Target})
		}
	}
	if err := w.raw("_headers", hostfiles.Headers(root)); err != nil {
		return err
	}
	return w.raw("_redirects", hostfiles.Redirects(root, aliases))
}

// writeStatic copies static/ into the output, over generated files.
func writeStatic(w *writer, s *site.Site, read func(string) ([]byte, error)) error {
	for _, p := range s.Static {
		data, err := read("static/" + p)
		if err != nil {
			return fmt.Errorf("static/%s: %w", p, err)
		}
		if err := w.put(p, data); err != nil {
			return err
		}
	}
	return nil
}

// generatedFiles are written by every build besides its pages.
var generatedFiles = []string{"feed.xml", "sitemap.xml", "robots.txt", "_headers", "_redirects", "404.html", "index.html", opendata.StoriesPath, opendata.MetricsPath, opendata.RegionsPath, schema.Path}

// aliasCollisions reports aliases that would overwrite a generated page or
// file, a static file or another alias: a redirect must never replace
// content.
func aliasCollisions(pages []*render.Page, static map[string]bool) content.List {
	// The paths an alias could take: only those need to be looked up
	// among the pages.
	wanted := map[string]bool{}
	for _, p := range pages {
		if p.Kind == "alias" {
			wanted[p.Path] = true
			wanted[strings.TrimSuffix(p.URL, "/")] = true
		}
	}
	if len(wanted) == 0 {
		return nil
	}
	taken := map[string]string{}
	for _, f := range generatedFiles {
		taken[f] = "a generated file"
	}
	for _, p := range pages {
		if p.Kind != "alias" && wanted[p.Path] {
			taken[p.Path] = "the page /" + p.URL
		}
	}
	var errs content.List
	for _, p := range pages {
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

// searchDocs returns the search document of every story, in the site's
// order.
func searchDocs(s *site.Site, text *render.Text) []search.Doc {
	docs := make([]search.Doc, len(s.Stories))
	for i, st := range s.Stories {
		docs[i] = searchDoc(st, text)
	}
	return docs
}

// searchDoc returns the search document of story st, whose summary and
// plain text are text's.
func searchDoc(st *site.Story, text *render.Text) search.Doc {
	t := text.Stories[st.Story]
	d := search.Doc{URL: st.URL(), Title: st.Title, Summary: t.Summary, Body: t.Plain, Region: st.Region.Title, RegionSlug: st.Region.Slug, Town: st.Town, Category: st.Category.Title, CategorySlug: st.Category.Slug, Year: st.Year}
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
