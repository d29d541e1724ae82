package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
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
	"github.com/ningbo-showcase/showcase/themes"
)

// Session builds one source tree again and again, for the dev server. Each
// Build re-reads only the files changed since the previous one, converts
// only their Markdown, and re-renders only the pages whose inputs changed;
// everything else is copied from the previous build. The output is always
// byte-identical to a fresh Generate of the same tree.
//
// An edit that keeps every story in its place (text, metrics, one story's
// tags) is patched into the last build (patch); anything else builds the
// model again and takes unchanged pages from the page cache.
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
	// patches counts the builds done by patch, moves those of them that
	// moved a story (site.Site.Move), for tests.
	patches, moves int
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
		// Which content a page shows is known for the bundled theme only:
		// with another, every page is rendered every time.
		s.cache.trusted = theme == themes.Default
	}
	r := s.r
	r.SetSite(st)
	if g := globalInputs(st); !reflect.DeepEqual(g, s.global) {
		s.global = g
		s.cache.resetPages()
	}
	mem := publish.NewMemory()
	s.cache.last = nil
	if err := generate(ctx, s.src, r, st, mem, s.opts, nil, s.cache); err != nil {
		s.cache.last = nil
		return nil, err
	}
	s.cache.endBuild()
	if l := s.cache.last; l != nil {
		l.cs, l.mem = cs, mem
	}
	s.prev = st
	return mem, nil
}

// patch rebuilds after an edit of story files alone that keeps the sets
// of stories, years and timeline years: either each story is re-read in
// the same place of every list (site.Site.Patch, then patchOutput), or one
// story moved within or between lists (site.Site.Move, then moveOutput).
// It re-renders the pages that show what changed, the feed, sitemap and
// search index, and takes every other file from the last build. It
// reports false, having changed nothing but perhaps the model (which stays
// valid for BuildFrom), when the edit needs a full rebuild.
func (s *Session) patch(ctx context.Context, cs *content.Site, list content.List, changed []string) (*publish.Memory, bool, error) {
	last := s.cache.last
	if last == nil || !s.cache.trusted || s.r == nil {
		return nil, false, nil
	}
	if s.opts.Strict {
		for _, e := range list {
			e.Warning = false
		}
	}
	if list.Err() != nil {
		return nil, false, nil
	}
	prev := last.cs
	if s.opts.BaseURL != "" {
		cs.Config.BaseURL = s.opts.BaseURL
	}
	if !reflect.DeepEqual(*cs.Config, s.cfg) || cs.Home != prev.Home || !slices.Equal(cs.Sections, prev.Sections) ||
		!slices.Equal(cs.Pages, prev.Pages) || !slices.Equal(cs.Regions, prev.Regions) ||
		!slices.Equal(cs.Categories, prev.Categories) || !slices.Equal(cs.Tags, prev.Tags) ||
		!slices.Equal(cs.Static, prev.Static) || len(cs.Stories) != len(prev.Stories) {
		return nil, false, nil
	}
	var edits []site.Edit
	var at []int              // position of each edit in the model's story list
	var olds []*content.Story // what each edit replaces
	paths := map[string]bool{}
	for i, st := range cs.Stories {
		old := prev.Stories[i]
		if st == old {
			continue
		}
		j, ok := last.index[old]
		if !ok || st.Path != old.Path {
			return nil, false, nil
		}
		edits = append(edits, site.Edit{Story: last.site.Stories[j], New: st})
		at = append(at, j)
		olds = append(olds, old)
		paths[st.Path] = true
	}
	for _, p := range changed {
		if !paths[p] && !s.loader.Transient(p) {
			return nil, false, nil // a resource, a directory, a file that is gone
		}
	}
	var mem *publish.Memory
	var err error
	if tc, ok := last.site.Patch(cs.Config, edits); ok {
		mem, err = s.patchOutput(ctx, last, edits, at, olds, tc)
	} else {
		if len(edits) != 1 {
			return nil, false, nil
		}
		mc, ok := last.site.Move(cs.Config, edits[0])
		if !ok {
			return nil, false, nil
		}
		mem, err = s.moveOutput(ctx, last, edits[0], olds[0], mc)
		s.moves++
	}
	if err == errUnpatchable {
		// The model is patched, and BuildFrom may reuse its totals; the
		// pages are not: build them the full way.
		s.cache.last = nil
		return nil, false, nil
	}
	if err != nil {
		// The model is patched but the output is not: start afresh.
		s.cache = newCache()
		s.r, s.prev = nil, nil
		return nil, true, err
	}
	last.cs, last.mem = cs, mem
	s.prev = last.site
	s.patches++
	s.warns = list.Warnings()
	return mem, true, nil
}

// patchOutput renders what the edits change into a copy of the last
// build's output.
func (s *Session) patchOutput(ctx context.Context, last *lastBuild, edits []site.Edit, at []int, olds []*content.Story, tc site.TagChange) (*publish.Memory, error) {
	c, r := s.cache, s.r
	redo := map[*render.Page]bool{}  // pages to render
	rekey := map[*render.Page]bool{} // pages whose bytes stay
	var gone []string                // paths of pages no longer made
	if len(tc.Changed)+len(tc.Removed) > 0 {
		var err error
		if gone, err = s.retag(last, tc, redo); err != nil {
			return nil, err
		}
	}
	md := markdownRenderer(last.site.Config.Unsafe)
	for k, e := range edits {
		delete(last.index, olds[k])
		last.index[e.New] = at[k]
		c.forget(olds[k])
	}
	// What each page of the bundled theme shows of a story: its own page
	// everything; its neighbours' pages its title; list pages its card;
	// the timelines (the timeline page, its region's first page) its title
	// and awards; the totals (the regions page, its region's first page)
	// its metrics. A page that shows nothing that changed keeps its bytes,
	// and its cache entry gets the new key.
	var metrics bool
	cardsChanged := map[*site.Story]bool{}
	for k, e := range edits {
		st, i, old := e.Story, at[k], olds[k]
		d, err := convertStory(md, e.New)
		if err != nil {
			return nil, err
		}
		c.setDoc(e.New, d)
		p := render.StoryPage(st)
		p.Body = d.html
		if p.Description == "" {
			p.Description = d.summary
		}
		last.stories[i] = p
		last.summaries[st] = d.summary
		// last.docs is also the search cache's record of what it indexed,
		// which reindex below brings up to date (an error drops the cache).
		last.docs[i] = c.searchDoc(st, d)
		redo[p] = true
		metrics = metrics || !slices.Equal(old.Metrics, e.New.Metrics)
	}
	for k, e := range edits {
		st, old := e.Story, olds[k]
		card, err := r.Card(st)
		if err != nil {
			return nil, err
		}
		if card != last.cards[st] {
			cardsChanged[st] = true
		}
		last.cards[st] = card
		c.setCard(e.New, card)
		for _, n := range []*site.Story{st.Prev, st.Next} {
			if n != nil {
				p := last.stories[last.index[n.Story]]
				if old.Title != e.New.Title {
					redo[p] = true
				} else {
					rekey[p] = true
				}
			}
		}
	}
	// The stories whose title changed and that a timeline shows.
	var retitled []*site.Story
	for k, e := range edits {
		if olds[k].Title != e.New.Title {
			retitled = append(retitled, e.Story)
		}
	}
	for _, p := range last.others {
		switch p.Kind {
		case "timeline":
			if inTimeline(last.site.Timeline, retitled) {
				redo[p] = true
			}
		case "regions":
			if metrics {
				redo[p] = true
			}
		case "home", "list":
			first := p.Region != nil && p.Pager.Number == 1
			for _, e := range edits {
				shown := slices.Contains(p.List, e.Story)
				mine := first && p.Region == e.Story.Region
				switch {
				case shown && cardsChanged[e.Story] || mine && (metrics || inTimeline(p.Region.Timeline, retitled)):
					redo[p] = true
				case shown || mine:
					rekey[p] = true
				}
			}
		}
	}
	pages := make([]*render.Page, 0, len(redo))
	for p := range redo {
		pages = append(pages, p)
		delete(rekey, p)
	}
	for p := range rekey {
		c.rekey(p)
	}
	mem, w, err := s.renderInto(ctx, last, pages)
	if err != nil {
		return nil, err
	}
	for _, p := range gone {
		if !last.static[p] {
			mem.Delete(p)
		}
		c.dropPage(p)
	}
	if gone != nil || len(tc.Changed) > 0 {
		all := append(slices.Clip(last.stories), last.others...)
		if err := w.raw("sitemap.xml", c.sitemap(r, all)); err != nil {
			return nil, err
		}
	}
	return mem, s.finishPatch(w, mem, last, at)
}

// finishPatch writes the feed and the search index of a patched model
// into mem, the copy of the last output that w writes to; at are the
// positions of the edited stories in last.docs.
func (s *Session) finishPatch(w *writer, mem *publish.Memory, last *lastBuild, at []int) error {
	feed, err := Feed(s.r, last.site)
	if err != nil {
		return err
	}
	if err := w.file("feed.xml", feed); err != nil {
		return err
	}
	if err := w.openData(s.r, last.site); err != nil {
		return err
	}
	prev := s.cache.index.files // the index the last output has
	files, err := s.cache.reindex(last.docs, at)
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	// The Indexer hands back the same bytes for files that did not change.
	gone := make(map[string][]byte, len(prev))
	for _, f := range prev {
		gone[f.Path] = f.Data
	}
	for _, f := range files {
		if data, ok := gone[f.Path]; ok {
			delete(gone, f.Path)
			if sameBytes(data, f.Data) {
				continue
			}
		}
		if err := w.raw(f.Path, f.Data); err != nil {
			return err
		}
	}
	for p := range gone {
		if !last.static[p] {
			mem.Delete(p)
		}
	}
	return nil
}

// moveOutput renders what a site.Site.Move changed into a copy of the
// last build's output: the story's page and its old and new neighbours',
// the list pages of every list it left, joined or moved in (each page
// rendered only when its key says it shows something else now), the
// home, regions, timeline and term-list pages when what they count or
// show changed, the sitemap, feed and search index.
func (s *Session) moveOutput(ctx context.Context, last *lastBuild, e site.Edit, old *content.Story, mc site.MoveChange) (*publish.Memory, error) {
	c, r, st := s.cache, s.r, e.Story
	check := map[*render.Page]bool{}
	var gone []string
	// The lists it is in or was in get new pages. (Before anything of
	// last changes: errUnpatchable leaves the search cache as it was.)
	type listID struct {
		section string
		of      any
	}
	lists := map[listID][]*render.Page{{"stories", nil}: r.StoriesPages()}
	for _, x := range mc.Regions {
		lists[listID{"regions", x}] = r.RegionPages(x)
	}
	for _, x := range mc.Categories {
		lists[listID{"categories", x}] = r.CategoryPages(x)
	}
	for _, x := range mc.Years {
		lists[listID{"years", x}] = r.YearPages(x)
	}
	aliases := map[string]bool{}
	for _, p := range last.others {
		if p.Kind == "alias" {
			aliases[p.Path] = true
		}
	}
	made := map[string]bool{}
	for _, ps := range lists {
		for _, p := range ps {
			if aliases[p.Path] {
				return nil, errUnpatchable // a new list page an alias would replace: the full build reports it
			}
			made[p.Path] = true
		}
	}
	if len(mc.Tags.Changed)+len(mc.Tags.Removed) > 0 {
		var err error
		if gone, err = s.retag(last, mc.Tags, check); err != nil {
			return nil, err
		}
	}
	d, err := convertStory(markdownRenderer(last.site.Config.Unsafe), e.New)
	if err != nil {
		return nil, err
	}
	delete(last.index, old)
	c.forget(old)
	c.setDoc(e.New, d)
	moveElem(last.stories, mc.From, mc.To)
	moveElem(last.docs, mc.From, mc.To)
	for i := min(mc.From, mc.To); i <= max(mc.From, mc.To); i++ {
		last.index[last.site.Stories[i].Story] = i
	}
	p := render.StoryPage(st)
	p.Body = d.html
	if p.Description == "" {
		p.Description = d.summary
	}
	last.stories[mc.To] = p
	last.summaries[st] = d.summary
	last.docs[mc.To] = c.searchDoc(st, d)
	card, err := r.Card(st)
	if err != nil {
		return nil, err
	}
	last.cards[st] = card
	c.setCard(e.New, card)
	check[p] = true
	for _, n := range mc.Neighbours {
		check[last.stories[last.index[n.Story]]] = true
	}

	for _, ps := range lists {
		for _, p := range ps {
			check[p] = true
		}
	}
	regionMoved := len(mc.Regions) > 1
	home := mc.From < render.HomeLatest || mc.To < render.HomeLatest || regionMoved || len(mc.Categories) > 1 || mc.Awards
	others := make([]*render.Page, 0, len(last.others)+2)
	for _, p := range last.others {
		if p.Kind == "list" && p.Tag == nil {
			var id listID
			switch {
			case p.Region != nil:
				id = listID{"regions", p.Region}
			case p.Category != nil:
				id = listID{"categories", p.Category}
			case p.Year != nil:
				id = listID{"years", p.Year}
			default:
				id = listID{p.Section, nil}
			}
			if ps, ok := lists[id]; ok {
				if ps != nil {
					others = append(others, ps...)
					lists[id] = nil
				}
				if !made[p.Path] {
					gone = append(gone, p.Path)
				}
				continue
			}
		}
		switch p.Kind {
		case "home":
			check[p] = check[p] || home
		case "regions":
			// Per region: stories, stories per year, awards, totals.
			check[p] = check[p] || regionMoved || len(mc.Years) > 1 || mc.Awards || mc.Totals
		case "timeline", "terms":
			check[p] = true // its key says whether it changed
		}
		others = append(others, p)
	}
	last.others = others
	pages := make([]*render.Page, 0, len(check))
	for p, ok := range check {
		if ok {
			pages = append(pages, p)
		}
	}
	mem, w, err := s.renderInto(ctx, last, pages)
	if err != nil {
		return nil, err
	}
	slices.Sort(gone)
	for _, p := range gone {
		if !last.static[p] {
			mem.Delete(p)
		}
		c.dropPage(p)
	}
	// The sitemap: the entries of the pages checked (the story's date may
	// have changed, a list may have a new page) and of those gone.
	var set []sitemapEntry
	for _, p := range pages {
		if e, ok := sitemapEntryOf(p); ok {
			set = append(set, e)
		}
	}
	goneURLs := make([]string, len(gone))
	for i, p := range gone {
		goneURLs[i] = strings.TrimSuffix(p, "index.html")
	}
	if err := w.raw("sitemap.xml", c.patchSitemap(r, goneURLs, set)); err != nil {
		return nil, err
	}

	// Every position between the story's old and new place holds another
	// document now.
	var at []int
	for i := min(mc.From, mc.To); i <= max(mc.From, mc.To); i++ {
		at = append(at, i)
	}
	return mem, s.finishPatch(w, mem, last, at)
}

// renderInto renders pages into a copy of the last build's output and
// returns the copy and the writer that wrote it.
func (s *Session) renderInto(ctx context.Context, last *lastBuild, pages []*render.Page) (*publish.Memory, *writer, error) {
	mem := last.mem.Clone()
	var mf *publish.Minifier
	if !s.opts.NoMinify {
		mf = minifier()
	}
	w := &writer{sink: mem, min: mf, static: last.static, rel: s.opts.RelativeURLs, root: s.r.Root(), cache: s.cache}
	if err := parallel(ctx, len(pages), func(i int) error { return w.page(s.r, pages[i]) }); err != nil {
		return nil, nil, err
	}
	return mem, w, nil
}

// moveElem moves the element at from to to, shifting those between.
func moveElem[T any](s []T, from, to int) {
	x := s[from]
	if from < to {
		copy(s[from:to], s[from+1:to+1])
	} else {
		copy(s[to+1:from+1], s[to:from])
	}
	s[to] = x
}

// inTimeline reports whether a timeline shows any of the stories: among
// the first render.TimelineShown stories of a year, or with an award among
// the first render.TimelineShown of its level in a year.
func inTimeline(years []*site.Year, stories []*site.Story) bool {
	if len(stories) == 0 {
		return false
	}
	for _, y := range years {
		for _, st := range y.Stories[:min(len(y.Stories), render.TimelineShown)] {
			if slices.Contains(stories, st) {
				return true
			}
		}
		var seen [8]int
		for _, a := range y.Awards {
			k := slices.Index(content.Levels, a.Level) + 1 // 0: an unknown level
			if seen[k] < render.TimelineShown && slices.Contains(stories, a.Story) {
				return true
			}
			seen[k]++
		}
	}
	return false
}

// sameBytes reports whether a and b are the same slice (not merely equal
// bytes).
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// errUnpatchable says that a patched model's pages must be built the
// full way after all.
var errUnpatchable = errors.New("generator: the edit needs a full build")

// retag replaces the pages of the tags a patch changed (TagChange) in
// last.others, marks them to be rendered in redo with the tags page, and
// returns the paths of the pages that are gone. A new tag page that an
// alias would replace is errUnpatchable: the full build reports it.
func (s *Session) retag(last *lastBuild, tc site.TagChange, redo map[*render.Page]bool) ([]string, error) {
	changed := map[*site.Tag]bool{}
	for _, t := range tc.Changed {
		changed[t] = true
	}
	first, end := -1, -1
	old := map[*site.Tag][]*render.Page{}
	aliases := map[string]bool{}
	for i, p := range last.others {
		switch {
		case p.Tag != nil:
			if first < 0 {
				first = i
			}
			end = i + 1
			old[p.Tag] = append(old[p.Tag], p)
		case p.Kind == "terms" && p.Section == "tags":
			redo[p] = true
			if first < 0 {
				first, end = i+1, i+1
			}
		case p.Kind == "alias":
			aliases[p.Path] = true
		}
	}
	if first < 0 {
		return nil, errUnpatchable
	}
	var seg []*render.Page
	made := map[string]bool{}
	for _, t := range last.site.Tags {
		ps := old[t]
		if changed[t] || ps == nil {
			ps = s.r.TagPages(t)
			for _, p := range ps {
				if aliases[p.Path] {
					return nil, errUnpatchable
				}
				redo[p] = true
			}
		}
		for _, p := range ps {
			made[p.Path] = true
		}
		seg = append(seg, ps...)
	}
	var gone []string
	for _, ps := range old {
		for _, p := range ps {
			if !made[p.Path] {
				gone = append(gone, p.Path)
			}
		}
	}
	slices.Sort(gone)
	last.others = slices.Concat(last.others[:first], seg, last.others[end:])
	return gone, nil
}

// lastBuild is what a Session keeps of its last build for patch: the
// content and model, the pages, what the lists and the search index were
// made from, and the output.
type lastBuild struct {
	cs        *content.Site
	site      *site.Site
	stories   []*render.Page // in the order of site.Stories
	others    []*render.Page
	index     map[*content.Story]int // position in site.Stories
	summaries map[*site.Story]string
	cards     map[*site.Story]template.HTML
	docs      []search.Doc // in the order of site.Stories
	static    map[string]bool
	mem       *publish.Memory
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

// cache holds what a Session keeps between builds. Its methods are safe on
// a nil *cache, which caches nothing (a plain build).
type cache struct {
	mu        sync.RWMutex
	docs      map[*content.Story]storyDoc
	sdocs     map[*content.Story]search.Doc // reset with the pages: they show region and category names
	cards     map[*content.Story]template.HTML
	pages     map[string]cachedPage
	resources map[string][]byte
	files     map[string][2][]byte // site-wide files: input and minified output
	index     *searchCache
	trusted   bool // the theme is the bundled one (see key)
	// sitemapEntries are the URLs of the last sitemap in page order (nil
	// after a patch), sitemapSorted the same sorted by URL, sitemapData
	// its bytes.
	sitemapEntries []sitemapEntry
	sitemapSorted  []sitemapEntry
	sitemapBase    string
	sitemapData    []byte
	last           *lastBuild // nil unless the last build succeeded
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
	tag               *content.Tag
	title             string
	// shows is what else it shows, as a string: a region's totals and
	// timeline, the site's timeline.
	shows string
}

func (k pageKey) equal(o pageKey) bool {
	return k.story == o.story && k.prev == o.prev && k.next == o.next && k.tags == o.tags &&
		k.count == o.count && k.n == o.n && k.total == o.total && slices.Equal(k.list, o.list) &&
		k.tag == o.tag && k.title == o.title && k.shows == o.shows
}

func newCache() *cache {
	return &cache{docs: map[*content.Story]storyDoc{}, sdocs: map[*content.Story]search.Doc{}, cards: map[*content.Story]template.HTML{}, pages: map[string]cachedPage{}, resources: map[string][]byte{}, files: map[string][2][]byte{}, index: &searchCache{}}
}

func (c *cache) resetPages() {
	c.mu.Lock()
	c.pages = map[string]cachedPage{}
	c.cards = map[*content.Story]template.HTML{}
	c.sdocs = map[*content.Story]search.Doc{}
	c.mu.Unlock()
}

// endBuild drops what belongs to stories and pages that the build just
// done (c.last) no longer has.
func (c *cache) endBuild() {
	l := c.last
	if l == nil {
		return
	}
	paths := make(map[string]bool, len(l.stories)+len(l.others))
	for _, p := range l.stories {
		paths[p.Path] = true
	}
	for _, p := range l.others {
		paths[p.Path] = true
	}
	for p := range c.pages {
		if !paths[p] {
			delete(c.pages, p)
		}
	}
	for st := range c.docs {
		if _, ok := l.index[st]; !ok {
			c.forget(st)
		}
	}
}

func (c *cache) doc(st *content.Story) (storyDoc, bool) {
	if c == nil {
		return storyDoc{}, false
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	d, ok := c.docs[st]
	return d, ok
}

// searchDoc returns a story's search document, made once per content
// object while the site-wide inputs stay the same.
func (c *cache) searchDoc(st *site.Story, d storyDoc) search.Doc {
	if c == nil {
		return searchDoc(st, d.summary, d.text)
	}
	c.mu.RLock()
	sd, ok := c.sdocs[st.Story]
	c.mu.RUnlock()
	if !ok {
		sd = searchDoc(st, d.summary, d.text)
		c.mu.Lock()
		c.sdocs[st.Story] = sd
		c.mu.Unlock()
	}
	return sd
}

// forget drops what the cache keeps of a story that was replaced.
func (c *cache) forget(st *content.Story) {
	c.mu.Lock()
	delete(c.docs, st)
	delete(c.cards, st)
	delete(c.sdocs, st)
	c.mu.Unlock()
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
	c.mu.RLock()
	defer c.mu.RUnlock()
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

// key returns the cache key of a page of the model s. The home and
// regions pages depend on the whole site and are always rendered.
func (c *cache) key(p *render.Page, s *site.Site) (pageKey, bool) {
	if c == nil || !c.trusted {
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
		// also shows totals and a timeline of all the region's stories
		// over the site's years.
		k := pageKey{count: p.Count, n: p.Pager.Number, total: p.Pager.Total, list: make([]*content.Story, len(p.List)), title: p.Title}
		if p.Tag != nil {
			k.tag = p.Tag.Page
		}
		for i, st := range p.List {
			k.list[i] = st.Story
		}
		if reg := p.Region; reg != nil && p.Pager.Number == 1 {
			// Its totals and its timeline, as shown.
			var b strings.Builder
			for _, t := range reg.Totals {
				fmt.Fprintf(&b, "%s\x00%s\x00%d\x00", t.Name, t.Display, t.Count)
			}
			fmt.Fprintf(&b, "%d\x00", reg.AwardCounts.Total())
			b.WriteString(render.TimelineKey(reg.Timeline))
			k.shows = b.String()
		}
		return k, true
	case "timeline":
		return pageKey{title: p.Title, shows: render.TimelineKey(s.Timeline)}, true
	case "alias":
		return pageKey{title: p.Target}, true
	case "search", "404", "page":
		// Their content is site-wide input, which resets the cache.
		return pageKey{title: p.Title + "\x00" + p.Description}, true
	case "terms":
		// A list of terms with their story counts.
		var b strings.Builder
		b.WriteString(p.Title + "\x00" + p.Description + "\x00" + p.Section + "\x00")
		switch p.Section {
		case "categories":
			for _, t := range s.Categories {
				fmt.Fprintf(&b, "%s\x00%d\x00", t.Slug, len(t.Stories))
			}
		case "years":
			for _, y := range s.Years {
				fmt.Fprintf(&b, "%d\x00%d\x00", y.Year, len(y.Stories))
			}
		default:
			for _, t := range s.Tags {
				fmt.Fprintf(&b, "%s\x00%s\x00%d\x00", t.Slug, t.Name, len(t.Stories))
			}
		}
		return pageKey{title: b.String()}, true
	}
	return pageKey{}, false
}

// dropPage forgets the cached page at path.
func (c *cache) dropPage(path string) {
	c.mu.Lock()
	delete(c.pages, path)
	c.mu.Unlock()
}

// rekey records that a cacheable page's bytes stay as they are although
// its key changed (it shows nothing of a story that changed).
func (c *cache) rekey(p *render.Page) {
	k, ok := c.key(p, c.last.site)
	if !ok {
		return
	}
	c.mu.Lock()
	if e, found := c.pages[p.Path]; found {
		c.pages[p.Path] = cachedPage{key: k, data: e.data}
	}
	c.mu.Unlock()
}

func (c *cache) page(path string, k pageKey) ([]byte, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
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

// sitemap returns Sitemap(r, pages), reusing the last bytes while the
// pages' URLs and dates are the same, in the same order, under the same
// root.
func (c *cache) sitemap(r *render.Renderer, pages []*render.Page) []byte {
	entries := sitemapEntries(pages)
	if c == nil {
		return sitemapXML(r, entries)
	}
	if c.sitemapData != nil && c.sitemapBase == r.AbsURL("") && slices.Equal(entries, c.sitemapEntries) {
		return c.sitemapData
	}
	c.sitemapSorted = sortEntries(entries)
	c.sitemapEntries, c.sitemapBase, c.sitemapData = entries, r.AbsURL(""), sortedSitemapXML(r, c.sitemapSorted)
	return c.sitemapData
}

// patchSitemap returns the sitemap after the pages at the URLs gone were
// removed and the entries set were added or replaced.
func (c *cache) patchSitemap(r *render.Renderer, gone []string, set []sitemapEntry) []byte {
	cmpURL := func(e sitemapEntry, u string) int { return strings.Compare(e.url, u) }
	sorted := c.sitemapSorted
	// When no URL comes or goes, the entries that change are replaced in
	// the bytes: a date edit changes one <lastmod>.
	var moved [][2]sitemapEntry
	same := true
	for _, u := range gone {
		if _, ok := slices.BinarySearchFunc(sorted, u, cmpURL); ok {
			same = false
		}
	}
	for _, e := range set {
		i, ok := slices.BinarySearchFunc(sorted, e.url, cmpURL)
		switch {
		case !ok:
			same = false
		case sorted[i] != e:
			moved = append(moved, [2]sitemapEntry{sorted[i], e})
		}
	}
	if same && c.sitemapData != nil {
		base := r.AbsURL("")
		data := c.sitemapData
		for _, m := range moved {
			var old, nw bytes.Buffer
			writeEntry(&old, base, plainASCII(base), m[0])
			writeEntry(&nw, base, plainASCII(base), m[1])
			i := bytes.Index(data, old.Bytes())
			if i < 0 {
				data = nil // not as written: write it afresh
				break
			}
			data = slices.Concat(data[:i], nw.Bytes(), data[i+old.Len():])
			j, _ := slices.BinarySearchFunc(sorted, m[1].url, cmpURL)
			sorted[j] = m[1]
		}
		if data != nil {
			c.sitemapEntries, c.sitemapSorted, c.sitemapData = nil, sorted, data
			return data
		}
	}
	for _, u := range gone {
		if i, ok := slices.BinarySearchFunc(sorted, u, cmpURL); ok {
			sorted = slices.Delete(sorted, i, i+1)
		}
	}
	for _, e := range set {
		if i, ok := slices.BinarySearchFunc(sorted, e.url, cmpURL); ok {
			sorted[i] = e
		} else {
			sorted = slices.Insert(sorted, i, e)
		}
	}
	// The entries in page order are no longer known: a full build writes
	// its sitemap afresh.
	c.sitemapEntries, c.sitemapSorted = nil, sorted
	c.sitemapData = sortedSitemapXML(r, sorted)
	return c.sitemapData
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
	if c.index.files == nil || len(docs) != len(c.index.docs) {
		return c.reindex(docs, nil)
	}
	// The same number of documents: tell the Indexer which changed.
	var changed []int
	for i := range docs {
		if !docs[i].Equal(&c.index.docs[i]) {
			changed = append(changed, i)
		}
	}
	if changed == nil {
		return c.index.files, nil
	}
	return c.reindex(docs, changed)
}

// reindex is search after the documents at the positions changed were
// replaced in the slice the cache holds already; nil changed means any
// document may have changed or moved.
func (c *cache) reindex(docs []search.Doc, changed []int) ([]search.File, error) {
	if c.index.ix == nil {
		c.index.ix = search.NewIndexer(search.Options{})
	}
	var files []search.File
	var err error
	if changed == nil {
		files, err = c.index.ix.Build(docs)
	} else {
		files, err = c.index.ix.Update(docs, changed)
	}
	if err != nil {
		return nil, err
	}
	c.index.docs, c.index.files = docs, files
	return files, nil
}
