package generator

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/images"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/search"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// cache holds what a Session keeps between builds.
type cache struct {
	images *images.Cache // photos.go
	plans  *planCache
	mu     sync.RWMutex
	sdocs  map[*content.Story]search.Doc // reset with the pages: they show region and category names
	// cards are the last build's story cards (render.Input.Cards),
	// reset with the pages: they show region and category names.
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
	return &cache{sdocs: map[*content.Story]search.Doc{}, cards: map[*content.Story]template.HTML{}, pages: map[string]cachedPage{}, resources: map[string][]byte{}, files: map[string][2][]byte{}, index: &searchCache{}}
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
	for st := range c.sdocs {
		if _, ok := l.index[st]; !ok {
			c.forget(st)
		}
	}
}

// searchDoc returns a story's search document, made once per content
// object while the site-wide inputs stay the same.
func (c *cache) searchDoc(st *site.Story, d render.StoryText) search.Doc {
	c.mu.RLock()
	sd, ok := c.sdocs[st.Story]
	c.mu.RUnlock()
	if !ok {
		sd = searchDoc(st, d.Summary, d.Plain)
		c.mu.Lock()
		c.sdocs[st.Story] = sd
		c.mu.Unlock()
	}
	return sd
}

// forget drops what the cache keeps of a story that was replaced.
func (c *cache) forget(st *content.Story) {
	c.mu.Lock()
	delete(c.cards, st)
	delete(c.sdocs, st)
	c.mu.Unlock()
}

// key returns the cache key of a page of the model s. The home and
// regions pages depend on the whole site and are always rendered.
func (c *cache) key(p *render.Page, s *site.Site) (pageKey, bool) {
	if !c.trusted {
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
		// Its related stories, by identity: a new title is a new object.
		for _, o := range p.Story.Related {
			k.list = append(k.list, o.Story)
		}
		return k, true
	case "list", "print":
		// A list page shows its own stories; the first page of a region
		// also shows totals and a timeline of all the region's stories
		// over the site's years. A dossier's part shows its stories in
		// full (a story edited is a new object), its first part what a
		// region's first page shows, or the city's comparison.
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
		if p.Kind == "print" && p.Region == nil && p.Pager.Number == 1 {
			k.shows = cityPrintKey(s)
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

// reader returns a function that reads a file of src through the cache.
func (c *cache) reader(src fs.FS) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) { return c.resource(src, name) }
}

// resource reads a file of the source, cached until invalidated.
func (c *cache) resource(src fs.FS, name string) ([]byte, error) {
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
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.files[name]
	if !ok || !bytes.Equal(e[0], in) {
		return nil, false
	}
	return e[1], true
}

func (c *cache) setMinified(name string, in, out []byte) {
	c.mu.Lock()
	c.files[name] = [2][]byte{in, out}
	c.mu.Unlock()
}

// sitemap returns Sitemap(r, pages), reusing the last bytes while the
// pages' URLs and dates are the same, in the same order, under the same
// root.
func (c *cache) sitemap(r *render.Renderer, pages []*render.Page) []byte {
	entries := sitemapEntries(pages)
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
