package generator

import (
	"bytes"
	"context"
	"html/template"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/publish"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/search"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// Session builds one source tree again and again, for the dev server. Each
// Build re-reads only the files changed since the previous one, converts
// only their Markdown, and re-renders only the pages whose inputs changed;
// everything else is copied from the previous build. The output is always
// byte-identical to a fresh Generate of the same tree.
//
// A page's inputs are the content objects it shows. Stories, regions,
// categories and pages are objects of the content.Loader, replaced when
// their file is re-read, so comparing pointers tells what changed. Site-wide
// inputs — the config, the theme, the regions, categories, tag and section
// pages and the standalone pages in the navigation — reset the page cache
// when any of them changes.
//
// A Session is safe for concurrent use; Builds are serialised.
type Session struct {
	mu     sync.Mutex
	src    fs.FS
	opts   Options
	loader *content.Loader
	cache  *cache
	r      *render.Renderer // reused while the theme and config are unchanged
	cfg    content.Config
	global []any // the site-wide inputs of the cached pages
	warns  content.List
	prev   *site.Site // the last good model, whose totals may be reused
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
		case p == "static" || strings.HasPrefix(p, "static/"):
			s.cache.forgetResource(p)
		}
	}
	if full {
		s.loader.InvalidateAll()
		s.cache = newCache()
		s.r = nil
		s.prev = nil
	}
	cs, list := s.loader.Load(s.src, content.Options{Drafts: s.opts.Drafts, Year: s.opts.Year})
	st, list, err := finishLoadFrom(cs, list, s.opts, s.prev)
	if err != nil {
		return nil, err
	}
	s.warns = list.Warnings()
	if s.r == nil || !reflect.DeepEqual(*st.Config, s.cfg) {
		theme, err := Theme(s.src, st)
		if err != nil {
			return nil, err
		}
		r, err := newRenderer(theme, st, s.opts)
		if err != nil {
			return nil, err
		}
		s.r = r
		s.cfg = *st.Config
		s.cache.resetPages()
	}
	r := s.r
	r.SetSite(st)
	if g := globalInputs(st); !reflect.DeepEqual(g, s.global) {
		s.global = g
		s.cache.resetPages()
	}
	mem := publish.NewMemory()
	s.cache.beginBuild()
	if err := generate(ctx, s.src, r, st, mem, s.opts, nil, s.cache); err != nil {
		return nil, err
	}
	s.cache.endBuild()
	s.prev = st
	return mem, nil
}

// globalInputs lists the content objects every page depends on (through
// the navigation, story metadata and list intros), by identity.
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
	for _, t := range s.Tags {
		g = append(g, t.Page, t.Name, t.Slug)
	}
	for _, name := range []string{"stories", "regions", "categories", "tags", "years", "timeline"} {
		g = append(g, s.Sections[name])
	}
	return g
}

// cache holds what a Session keeps between builds. Its methods are safe on
// a nil *cache, which caches nothing (a plain build).
type cache struct {
	mu        sync.Mutex
	docs      map[*content.Story]storyDoc
	cards     map[*content.Story]template.HTML
	pages     map[string]cachedPage
	resources map[string][]byte
	files     map[string][2][]byte    // site-wide files: input and minified output
	used      map[*content.Story]bool // stories seen in this build
	written   map[string]bool         // cacheable pages seen in this build
	index     *searchCache
}

type cachedPage struct {
	key  pageKey
	data []byte
}

// pageKey is what a cacheable page shows: its own scalars plus, for lists,
// the stories it lists (by identity, held so they cannot be freed and their
// addresses reused).
type pageKey struct {
	story, prev, next *content.Story
	tags              string
	count, n, total   int
	list              []*content.Story
}

func (k pageKey) equal(o pageKey) bool {
	return k.story == o.story && k.prev == o.prev && k.next == o.next && k.tags == o.tags &&
		k.count == o.count && k.n == o.n && k.total == o.total && slices.Equal(k.list, o.list)
}

func newCache() *cache {
	return &cache{docs: map[*content.Story]storyDoc{}, cards: map[*content.Story]template.HTML{}, pages: map[string]cachedPage{}, resources: map[string][]byte{}, files: map[string][2][]byte{}, index: &searchCache{}}
}

func (c *cache) resetPages() {
	c.mu.Lock()
	c.pages = map[string]cachedPage{}
	c.cards = map[*content.Story]template.HTML{}
	c.mu.Unlock()
}

func (c *cache) beginBuild() {
	c.used = map[*content.Story]bool{}
	c.written = map[string]bool{}
}

// endBuild drops what belongs to stories and pages that are gone.
func (c *cache) endBuild() {
	for p := range c.pages {
		if !c.written[p] {
			delete(c.pages, p)
		}
	}
	c.written = nil
	for st := range c.docs {
		if !c.used[st] {
			delete(c.docs, st)
			delete(c.cards, st)
		}
	}
	c.used = nil
}

func (c *cache) doc(st *content.Story) (storyDoc, bool) {
	if c == nil {
		return storyDoc{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.used != nil {
		c.used[st] = true
	}
	d, ok := c.docs[st]
	return d, ok
}

func (c *cache) setDoc(st *content.Story, d storyDoc) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.docs[st] = d
	c.mu.Unlock()
}

func (c *cache) card(st *content.Story) (template.HTML, bool) {
	if c == nil {
		return "", false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	h, ok := c.cards[st]
	return h, ok
}

func (c *cache) setCard(st *content.Story, h template.HTML) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.cards[st] = h
	c.mu.Unlock()
}

// key returns the cache key of a story or list page; other pages depend on
// the whole site and are always rendered.
func (c *cache) key(p *render.Page) (pageKey, bool) {
	if c == nil {
		return pageKey{}, false
	}
	switch p.Kind {
	case "story":
		k := pageKey{story: p.Story.Story}
		if p.Story.Prev != nil {
			k.prev = p.Story.Prev.Story
		}
		if p.Story.Next != nil {
			k.next = p.Story.Next.Story
		}
		var b strings.Builder
		for _, t := range p.Story.Tags {
			b.WriteString(t.Name + "\x00" + t.Slug + "\x00")
		}
		k.tags = b.String()
		return k, true
	case "list":
		// A list page shows its own stories; the first page of a region
		// also shows totals and a timeline over all the region's stories.
		shown := p.List
		if p.Region != nil && p.Pager.Number == 1 {
			shown = p.Region.Stories
		}
		k := pageKey{count: p.Count, n: p.Pager.Number, total: p.Pager.Total, list: make([]*content.Story, len(shown))}
		for i, st := range shown {
			k.list[i] = st.Story
		}
		return k, true
	}
	return pageKey{}, false
}

func (c *cache) page(path string, k pageKey) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.written != nil {
		c.written[path] = true
	}
	e, ok := c.pages[path]
	if !ok || !e.key.equal(k) {
		return nil, false
	}
	return e.data, true
}

func (c *cache) setPage(path string, k pageKey, data []byte) {
	c.mu.Lock()
	c.pages[path] = cachedPage{key: k, data: data}
	c.mu.Unlock()
}

// resource reads a file of the source, cached until invalidated.
func (c *cache) resource(src fs.FS, name string) ([]byte, error) {
	if c == nil {
		return fs.ReadFile(src, name)
	}
	c.mu.Lock()
	data, ok := c.resources[name]
	c.mu.Unlock()
	if ok {
		return data, nil
	}
	data, err := fs.ReadFile(src, name)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.resources[name] = data
	c.mu.Unlock()
	return data, nil
}

func (c *cache) forgetResource(p string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.resources {
		if k == p || strings.HasPrefix(k, p+"/") {
			delete(c.resources, k)
		}
	}
}

// minified returns the output written for name last time if its input is
// the same (the feed and the sitemap change far less often than pages).
func (c *cache) minified(name string, in []byte) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.files[name]
	if !ok || !bytes.Equal(e[0], in) {
		return nil, false
	}
	return e[1], true
}

func (c *cache) setMinified(name string, in, out []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.files[name] = [2][]byte{in, out}
	c.mu.Unlock()
}

// searchCache keeps the last index, and an Indexer that rebuilds it
// incrementally when documents change.
type searchCache struct {
	docs  []search.Doc
	files []search.File
	ix    *search.Indexer
}

func (c *cache) search(docs []search.Doc) ([]search.File, error) {
	if c == nil {
		return search.Build(docs, search.Options{})
	}
	if c.index.files != nil && slices.EqualFunc(docs, c.index.docs, sameDoc) {
		return c.index.files, nil
	}
	if c.index.ix == nil {
		c.index.ix = search.NewIndexer(search.Options{})
	}
	files, err := c.index.ix.Build(docs)
	if err != nil {
		return nil, err
	}
	c.index.docs, c.index.files = docs, files
	return files, nil
}

// sameDoc reports whether two search documents are equal.
func sameDoc(a, b search.Doc) bool {
	return a.URL == b.URL && a.Title == b.Title && a.Summary == b.Summary && a.Body == b.Body &&
		a.Region == b.Region && a.RegionSlug == b.RegionSlug && a.Town == b.Town && a.Category == b.Category &&
		a.CategorySlug == b.CategorySlug && a.Year == b.Year && slices.Equal(a.Levels, b.Levels) && slices.Equal(a.Tags, b.Tags)
}
