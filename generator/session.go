package generator

import (
	"context"
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"sync"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/publish"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/search"
	"github.com/ningbo-showcase/showcase/generator/site"
	"github.com/ningbo-showcase/showcase/themes"
)

// Session builds one source tree again and again, for the dev server: it
// runs Generate's stages, keeping what each made, and re-runs each only
// for what changed. The output of every Build is byte-identical to a
// fresh Generate of the tree.
//
//   - load: a content.Loader re-reads only the files reported changed.
//   - site: the model is patched in place when the edit keeps every story
//     in its place or moves one story (site.Site.Patch, site.Site.Move),
//     else built again, reusing the totals of unchanged scopes.
//   - markdown: a story's or page's body is converted once per content
//     object (a re-read file is a new object).
//   - render: a page is rendered again only when what it shows changed
//     (see cache.key); the others are copied from the last output.
//   - search: the index is updated in place (search.Indexer).
//
// Site-wide inputs — the config, the theme, the regions, categories, tag
// and section pages and the standalone pages in the navigation — reset
// the page cache when any of them changes. Which content a page shows is
// known for the bundled theme only: with another, every page is rendered
// every time.
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
	prev   *site.Site   // the last good model, whose totals may be reused
	text   *render.Text // the last Markdown stage's output
	late   lateImages   // photos still being encoded (photos_late.go)
	// onPatch, if set, is called after each build that patch made;
	// moved says whether it moved a story (site.Site.Move). For tests.
	onPatch func(moved bool)
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
	if !full {
		if mem, ok, err := s.patch(ctx, cs, list, changed); ok {
			return mem, err
		}
	}
	st, list, err := finishLoadFrom(cs, list, s.opts, s.prev)
	if err != nil {
		return nil, err
	}
	s.warns = list.Warnings()
	if s.th == nil || !reflect.DeepEqual(*st.Config, s.cfg) {
		theme, err := Theme(s.src, st)
		if err != nil {
			return nil, err
		}
		th, err := newTheme(theme, st, s.opts)
		if err != nil {
			return nil, err
		}
		s.th, s.text = th, nil
		s.cfg = *st.Config
		s.cache.resetPages()
		s.cache.trusted = theme == themes.Default
	}
	if g := globalInputs(st); !reflect.DeepEqual(g, s.global) {
		s.global = g
		s.cache.resetPages()
	}
	s.cache.last = nil
	mem, err := s.generate(ctx, st)
	if err != nil {
		return nil, err
	}
	s.cache.endBuild()
	s.cache.last.cs = cs
	s.prev = st
	return mem, nil
}

// reset forgets everything kept between builds but the loader's files.
func (s *Session) reset() {
	s.cache = newCache()
	s.th, s.prev, s.text = nil, nil, nil
}

// generate runs Generate's stages over the model st, taking from the
// caches what is unchanged, and keeps what the next Build needs.
func (s *Session) generate(ctx context.Context, st *site.Site) (*publish.Memory, error) {
	c := s.cache
	ph := c.photos(s.src, s.opts, st)
	if err := ph.planCovers(ctx, st); err != nil {
		return nil, err
	}
	text, err := convertText(ctx, st, s.text, ph.images(s.th))
	if err == nil {
		err = ph.err()
	}
	if err != nil {
		return nil, err
	}
	r := render.New(s.th, render.Input{Site: st, Text: text, Cards: c.cards, Covers: ph.covers})
	pages, err := pageList(r)
	if err != nil {
		return nil, err
	}
	mem := publish.NewMemory()
	w := newWriter(mem, s.opts, r.Root(), st.Static)
	if err := s.writePages(ctx, w, r, pages.all); err != nil {
		return nil, err
	}
	if err := writeResources(ctx, w, st, c.reader(s.src)); err != nil {
		return nil, err
	}
	if s.opts.DeferImages {
		err = ph.encodeLater(w, &s.late)
	} else {
		err = ph.encode(ctx, w)
	}
	if err != nil {
		return nil, err
	}
	feed, err := s.feed(w, r)
	if err != nil {
		return nil, err
	}
	if err := writeSiteFiles(w, r, pages, feed, c.sitemap(r, pages.all)); err != nil {
		return nil, err
	}
	docs := make([]search.Doc, len(st.Stories))
	for i, x := range st.Stories {
		docs[i] = c.searchDoc(x, text.Stories[x.Story])
	}
	files, err := c.search(docs)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	if err := w.searchFiles(files); err != nil {
		return nil, err
	}
	if err := writeStatic(w, st, c.reader(s.src)); err != nil {
		return nil, err
	}
	c.cards = r.Cards()
	index := make(map[*content.Story]int, len(pages.stories))
	for i, p := range pages.stories {
		index[p.Story.Story] = i
	}
	c.last = &lastBuild{site: st, r: r, stories: pages.stories, others: pages.others, index: index, docs: docs, static: w.static, mem: mem}
	s.text = text
	return mem, nil
}

// writePages writes every page: from the page cache when its key is the
// same, else rendered (and cached).
func (s *Session) writePages(ctx context.Context, w *writer, r *render.Renderer, pages []*render.Page) error {
	c := s.cache
	return parallel(ctx, len(pages), func(i int) error {
		p := pages[i]
		k, cacheable := c.key(p, r.Site())
		if cacheable {
			if data, ok := c.page(p.Path, k); ok {
				return w.put(p.Path, data)
			}
		}
		data, err := w.render(r, p)
		if err != nil || data == nil {
			return err
		}
		if cacheable {
			c.setPage(p.Path, k, data)
		}
		return w.put(p.Path, data)
	})
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

// globalInputs lists the content objects every page depends on (through
// the navigation, story metadata and list intros), by identity. Tags are
// not among them: a story page's key holds its tags' names and slugs, a
// tag page's key its tag.
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
