package generator

import (
	"context"
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/publish"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// Session builds one source tree again and again, for the dev server: it
// runs Generate's stages, keeping what each made, and re-runs each only
// for what changed. The output of every Build is byte-identical to a
// fresh Generate of the tree.
//
//   - load: a content.Loader re-reads only the files reported changed.
//   - site: the last model is patched in place when the edit keeps every
//     story in its place, moves one story, or adds, removes or renames
//     one story file (site.Site.Patch, Move, Add, Remove), else a new
//     model is built, reusing the totals of unchanged scopes
//     (site.BuildFrom).
//   - markdown: a story's or page's body is converted once per content
//     object (a re-read file is a new object).
//   - render: every page records, as it renders, the keys of the model it
//     reads (render.Key). A page is rendered again when its own data
//     (render.Page.Same) or the version of a key it read changed
//     (render.Versions; only the keys the model change can have touched
//     get new versions, session_dirty.go); otherwise its last bytes are
//     written again, together (publish.Memory.PutAll). This
//     one rule covers every edit, move, addition, rename and deletion, for
//     any theme: what a page shows is known from its layouts as they ran.
//     A list page whose cards shifted but whose shell holds is made by
//     splicing the new cards into its last bytes (session_shells.go).
//   - search: the index is updated in place (search.Indexer).
//   - open data: each story's record is kept (opendata.Cache); the two
//     large files are joined on their first read (publish.Memory.PutLazy).
//
// Site-wide inputs — the config, the theme, the home, section and
// standalone pages, the regions and categories — reset the page cache when
// any of them changes.
//
// A Session is safe for concurrent use; Builds are serialised.
type Session struct {
	mu     sync.Mutex
	src    fs.FS
	opts   Options
	loader *content.Loader
	cache  *cache
	th     *render.Theme // reused while the theme and config are unchanged
	cfg    content.Config
	global []any // the site-wide inputs of the cached pages
	warns  content.List
	last   *lastBuild // nil before the first good build and after a failed one
	late   lateImages // photos still being encoded (photos_late.go)
	dirty  *dirtyKeys // the keys the last model change can have touched; nil: all
	files  int        // how many files the last build wrote
	// checkKeys, set by tests, has every build compare the versions of
	// the keys dirty leaves out with their versions computed afresh.
	checkKeys bool
	// onPatch, if set, is called after each build whose model was patched
	// in place; moved says whether by site.Site.Move. For tests.
	onPatch func(moved bool)
	// onResplice, if set, is called with the path of each page made by
	// splicing new fragments into its last bytes (session_shells.go),
	// from the goroutines that write pages. For tests.
	onResplice func(path string)
}

// lastBuild is what a Session keeps of its last good build.
type lastBuild struct {
	cs   *content.Site
	site *site.Site
	text *render.Text
}

// Warnings returns the content warnings of the last successful Build.
func (s *Session) Warnings() content.List {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.warns
}

// NewSession returns a Session over the source tree src.
func NewSession(src fs.FS, opts Options) *Session {
	return &Session{src: src, opts: opts, loader: content.NewLoader(), cache: newCache()}
}

// Build rebuilds after the given slash paths (relative to the source root)
// changed; nil means anything may have changed. It returns the complete site
// in memory, or a *ContentError when the content has errors (the caches stay
// as they were, so the next Build after a fix is incremental again).
func (s *Session) Build(ctx context.Context, changed []string) (*publish.Memory, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	full := changed == nil
	for _, p := range changed {
		switch {
		case p == content.ConfigFile || p == "themes" || strings.HasPrefix(p, "themes/"):
			full = true
		case p == "content" || strings.HasPrefix(p, "content/"):
			s.loader.Invalidate(p)
			s.cache.forgetResource(p)
			s.cache.plans.photoChanged(p)
			s.loader.Invalidate(storyOfPhoto(p)...) // its pages show the photo
		case p == "static" || strings.HasPrefix(p, "static/"):
			s.cache.forgetResource(p)
		}
	}
	if full {
		s.loader.InvalidateAll()
		s.reset()
	}
	cs, list := s.loader.Load(s.src, content.Options{Drafts: s.opts.Drafts, Year: s.opts.Year})
	if err := checkLoad(list, s.opts); err != nil {
		return nil, err
	}
	if s.opts.BaseURL != "" {
		cs.Config.BaseURL = s.opts.BaseURL
	}
	st, moved, patched := s.model(cs, changed)
	mem, err := s.generate(ctx, cs, st)
	if err != nil {
		// The model may have been patched in place: start afresh.
		s.reset()
		return nil, err
	}
	s.warns = list.Warnings()
	if patched && s.onPatch != nil {
		s.onPatch(moved)
	}
	return mem, nil
}

// reset forgets everything kept between builds but the loader's files.
func (s *Session) reset() {
	s.cache = newCache()
	s.th, s.last, s.global = nil, nil, nil
}

// generate runs Generate's stages over the model st of cs, taking from the
// caches what is unchanged, and keeps what the next Build needs.
func (s *Session) generate(ctx context.Context, cs *content.Site, st *site.Site) (*publish.Memory, error) {
	if s.th == nil || !reflect.DeepEqual(*st.Config, s.cfg) {
		theme, err := Theme(s.src, st)
		if err != nil {
			return nil, err
		}
		th, err := newTheme(theme, st, s.opts)
		if err != nil {
			return nil, err
		}
		s.th, s.cfg = th, *st.Config
		s.cache.resetPages()
	}
	if g := globalInputs(st); !reflect.DeepEqual(g, s.global) {
		s.global = g
		s.cache.resetPages()
	}
	c := s.cache
	var prevText *render.Text
	if s.last != nil {
		prevText = s.last.text
	}
	ph := c.photos(s.src, s.opts, st)
	if err := ph.planCovers(ctx, st); err != nil {
		return nil, err
	}
	text, err := convertText(ctx, st, prevText, ph.images(s.th))
	if err == nil {
		err = ph.err()
	}
	if err != nil {
		return nil, err
	}
	var changed []bool // which keys changed, known before any page renders
	cards := func(x *site.Story) (render.Card, bool) {
		if e := c.cards[x.Slug]; e.fresh(changed) {
			return render.Card{Story: x, HTML: e.html, Deps: e.deps, Frag: e.frag}, true
		}
		return render.Card{}, false
	}
	in := render.Input{Site: st, Text: text, Cards: cards, Covers: ph.covers, Fragments: c.fragments(&changed), Parts: c.partsOf(&changed)}
	r := render.New(s.th, in)
	// The page list and the keys' versions are made side by side.
	var pages pageSet
	listed := make(chan error, 1)
	go func() {
		var err error
		pages, err = pageList(r)
		listed <- err
	}()
	vers := render.NewVersions(in, c.vers)
	c.vers = vers
	changed, err = c.keys.update(ctx, vers, s.dirty, s.checkKeys)
	if lerr := <-listed; lerr != nil {
		err = lerr // a content error comes first
	}
	if err != nil {
		return nil, err
	}
	mem := publish.NewMemorySize(s.files)
	w := newWriter(mem, s.opts, r.Root(), st.Static)
	w.data, w.schema = c.data, c.schemaOf
	// The site-wide files and the search index read nothing the pages
	// write: they are made while the pages are, on a goroutine of their
	// own, which the build always waits for.
	side := make(chan error, 1)
	go func() { side <- s.writeSiteWide(w, r, pages, text) }()
	err = s.writePages(ctx, w, r, pages.all, vers, changed)
	if err == nil {
		err = writeResources(ctx, w, st, c.reader(s.src))
	}
	if err == nil && s.opts.DeferImages {
		err = ph.encodeLater(w, &s.late)
	} else if err == nil {
		err = ph.encode(ctx, w)
	}
	if serr := <-side; err == nil {
		err = serr
	}
	if err != nil {
		return nil, err
	}
	if err := writeStatic(w, st, c.reader(s.src)); err != nil {
		return nil, err
	}
	s.last = &lastBuild{cs: cs, site: st, text: text}
	s.files = mem.Len()
	return mem, nil
}

// writeSiteWide writes the feed, the site-wide files (writeSiteFiles)
// and the search index of the model r renders.
func (s *Session) writeSiteWide(w *writer, r *render.Renderer, pages pageSet, text *render.Text) error {
	c, st := s.cache, r.Site()
	feed, err := s.feed(w, r)
	if err != nil {
		return err
	}
	if err := writeSiteFiles(w, r, pages, feed, c.sitemap(r, pages.all)); err != nil {
		return err
	}
	files, err := c.searchIndex(st, text)
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return w.searchFiles(files)
}

// writePages writes every page: its last bytes when it is fresh (see
// cachedPage.fresh; changed says which keys changed in the model of vers),
// else rendered again. The page cache then holds these pages alone, and
// the card cache the cards rendered too.
func (s *Session) writePages(ctx context.Context, w *writer, r *render.Renderer, pages []*render.Page, vers *render.Versions, changed []bool) error {
	c := s.cache
	entries := make([]*cachedPage, len(pages))
	// First the checks, a microsecond each, in runs of pages; then the
	// pages to render, one at a time, so that the heavy ones (the parts
	// of a dossier lie side by side) spread over the cores, while the
	// pages that are the same go into the output together.
	var stale []int
	var mu sync.Mutex
	var pageCount, had atomic.Int64 // pages written; of them, pages the cache held
	err := parallel(ctx, len(pages), func(i int) error {
		p := pages[i]
		if w.static[p.Path] {
			return nil // a static file takes its place
		}
		pageCount.Add(1)
		e := c.pages[p.Path]
		if e != nil {
			had.Add(1)
		}
		if e.fresh(p, changed) {
			entries[i] = e
			return nil
		}
		mu.Lock()
		stale = append(stale, i)
		mu.Unlock()
		return nil
	})
	if err != nil {
		return err
	}
	slices.Sort(stale)
	names := make([]string, 0, len(pages)-len(stale))
	data := make([][]byte, 0, len(pages)-len(stale))
	for _, e := range entries {
		if e != nil {
			names, data = append(names, e.own.Path), append(data, e.data)
		}
	}
	same := make(chan error, 1)
	go func() { same <- w.putAll(names, data) }()
	err = parallelEach(ctx, len(stale), func(j int) error {
		p := pages[stale[j]]
		e, err := s.renderPage(w, r, p, c.pages[p.Path], vers, changed)
		if err != nil {
			return err
		}
		entries[stale[j]] = e
		return w.put(p.Path, e.data)
	})
	if serr := <-same; err == nil {
		err = serr
	}
	if err != nil {
		return err
	}
	kept := c.pages
	if n := int(had.Load()); n == len(kept) && n == int(pageCount.Load()) {
		// The same pages as last time: replace the ones rendered again.
		for _, i := range stale {
			kept[pages[i].Path] = entries[i]
		}
	} else {
		kept = make(map[string]*cachedPage, len(pages))
		for _, e := range entries {
			if e != nil {
				kept[e.own.Path] = e
			}
		}
		c.pages = kept
	}
	for _, cd := range r.Rendered() {
		c.cards[cd.Story.Slug] = &cachedCard{ids: c.keys.intern(cd.Deps, vers), deps: cd.Deps, html: cd.HTML, frag: cd.Frag}
	}
	if len(c.cards) > len(r.Site().Stories)+1024 {
		live := make(map[string]*cachedCard, len(r.Site().Stories))
		for _, x := range r.Site().Stories {
			if e := c.cards[x.Slug]; e != nil {
				live[x.Slug] = e
			}
		}
		c.cards = live
	}
	c.keepFragments(r, vers)
	c.keepParts(r, vers)
	c.keys.compact(kept, c.cards, c.fragIDs)
	return nil
}

// feed returns the site's feed, minified, reusing the last output while
// the feed is the same.
func (s *Session) feed(w *writer, r *render.Renderer) ([]byte, error) {
	feed, err := Feed(r, r.Site())
	if err != nil {
		return nil, err
	}
	if out, ok := s.cache.minified("feed.xml", feed); ok {
		return out, nil
	}
	out, err := w.minify("feed.xml", feed)
	if err != nil {
		return nil, err
	}
	s.cache.setMinified("feed.xml", feed, out)
	return out, nil
}

// globalInputs lists the content objects every page may show (through
// the navigation, story metadata and list intros), by identity: the home,
// standalone and section pages, the regions and the categories.
func globalInputs(s *site.Site) []any {
	var g []any
	g = append(g, s.Home)
	for _, p := range s.Pages {
		g = append(g, p)
	}
	for _, r := range s.Regions {
		g = append(g, r.Region)
	}
	for _, c := range s.Categories {
		g = append(g, c.Category)
	}
	for _, name := range []string{"stories", "regions", "categories", "tags", "years", "timeline"} {
		g = append(g, s.Sections[name])
	}
	return g
}
