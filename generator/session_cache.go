package generator

import (
	"bytes"
	"html/template"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/images"
	"github.com/ningbo-showcase/showcase/generator/opendata"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/search"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// cache holds what a Session keeps between builds besides the last model.
type cache struct {
	images *images.Cache // photos.go
	plans  *planCache
	mu     sync.RWMutex
	// pages are the last build's pages by path, with the keys each read,
	// numbered by keys.
	pages map[string]*cachedPage
	keys  *keyTable
	// cards are story cards by slug, with the keys each read.
	cards     map[string]*cachedCard
	vers      *render.Versions // the last build's
	resources map[string][]byte
	files     map[string][2][]byte // site-wide files: input and minified output
	index     *searchCache
	data      *opendata.Cache
	// sitemapEntries are the URLs of the last sitemap in page order,
	// sitemapData its bytes under the root sitemapBase.
	sitemapEntries []sitemapEntry
	sitemapBase    string
	sitemapData    []byte
	// schema is the front-matter schema of the site-wide inputs of the
	// last build (Schema), nil after they changed (resetPages).
	schema []byte
	// frags are the dossiers' story sections by slug (session_frags.go).
	frags map[string]*cachedFrag
	// parts are the parts of pages by key (session_frags.go).
	parts map[string]*cachedCard
}

// cachedPage is a page as the last build that rendered it wrote it: its
// own data, the numbers of the keys of the model it read (keyTable), and
// its bytes.
type cachedPage struct {
	own   render.Own
	deps  []int32
	data  []byte
	shell *pageShell // a spliced page's, if it may be respliced (session_shells.go)
}

// fresh reports whether the entry still holds p's bytes: p's own data is
// the same and no key it read changed.
func (e *cachedPage) fresh(p *render.Page, changed []bool) bool {
	return e != nil && e.own.Of(p) && unchanged(e.deps, changed)
}

// unchanged reports whether none of the keys numbered ids changed (a key
// numbered after the last build is new, so changed).
func unchanged(ids []int32, changed []bool) bool {
	for _, id := range ids {
		if int(id) >= len(changed) || changed[id] {
			return false
		}
	}
	return true
}

// cachedCard is a story's card as a build rendered it, with the keys it
// read (numbered by the keyTable, and as keys for the pages that show it).
type cachedCard struct {
	ids  []int32
	deps render.Deps
	html template.HTML
	frag *render.Fragment // the card or part minified, for splicing; nil: not spliced
}

// fresh reports whether no key the card read changed.
func (e *cachedCard) fresh(changed []bool) bool {
	return e != nil && unchanged(e.ids, changed)
}

func newCache() *cache {
	return &cache{pages: map[string]*cachedPage{}, keys: newKeyTable(), cards: map[string]*cachedCard{}, data: opendata.NewCache(), resources: map[string][]byte{}, files: map[string][2][]byte{}, index: &searchCache{}}
}

// resetPages forgets the pages and search documents, after a site-wide
// input changed.
func (c *cache) resetPages() {
	c.mu.Lock()
	c.pages = map[string]*cachedPage{}
	c.keys = newKeyTable()
	c.cards = map[string]*cachedCard{}
	c.frags = nil
	c.parts = nil
	c.index.from = nil // the documents show region and category names
	c.schema = nil     // its enums are the regions and categories
	c.mu.Unlock()
}

// schemaOf returns Schema(s), kept while the site-wide inputs and the
// config stay the same.
func (c *cache) schemaOf(s *site.Site) ([]byte, error) {
	if c.schema == nil {
		sc, err := Schema(s)
		if err != nil {
			return nil, err
		}
		c.schema = sc
	}
	return c.schema, nil
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
	c.sitemapEntries, c.sitemapBase, c.sitemapData = entries, r.AbsURL(""), sitemapXML(r, entries)
	return c.sitemapData
}

// searchCache keeps the last index, and an Indexer that rebuilds it
// incrementally when documents change.
type searchCache struct {
	docs []search.Doc
	// from holds the content object each of docs was made from, by
	// position; nil after a site-wide input changed (resetPages).
	from  []*content.Story
	files []search.File
	ix    *search.Indexer
}

// searchIndex returns the search index of the model s, whose stories'
// texts are text. A story keeps its search document while its content
// object and the site-wide inputs stay the same: where it also keeps its
// position, as every story but the edited one does after an edit in
// place, that costs one pointer comparison, and the Indexer is told which
// positions changed.
func (c *cache) searchIndex(s *site.Site, text *render.Text) ([]search.File, error) {
	ix := c.index
	n := len(s.Stories)
	if ix.files != nil && len(ix.from) == n {
		var at []int
		for i, x := range s.Stories {
			if ix.from[i] != x.Story {
				at = append(at, i)
			}
		}
		if len(at) == 0 {
			return ix.files, nil
		}
		if len(at) <= n/8 {
			var changed []int
			for _, i := range at {
				x := s.Stories[i]
				d := searchDoc(x, text)
				ix.from[i] = x.Story
				if !d.Equal(&ix.docs[i]) {
					ix.docs[i] = d
					changed = append(changed, i)
				}
			}
			if changed == nil {
				return ix.files, nil
			}
			return c.reindex(ix.docs, changed)
		}
	}
	prev := make(map[*content.Story]int, len(ix.from))
	for i, st := range ix.from {
		prev[st] = i
	}
	docs := make([]search.Doc, n)
	from := make([]*content.Story, n)
	for i, x := range s.Stories {
		from[i] = x.Story
		if j, ok := prev[x.Story]; ok {
			docs[i] = ix.docs[j]
		} else {
			docs[i] = searchDoc(x, text)
		}
	}
	var files []search.File
	var err error
	if ix.files == nil || n != len(ix.docs) {
		files, err = c.reindex(docs, nil)
	} else {
		// The same number of documents: tell the Indexer which changed.
		var changed []int
		for i := range docs {
			if !docs[i].Equal(&ix.docs[i]) {
				changed = append(changed, i)
			}
		}
		if changed == nil {
			ix.docs = docs
			files = ix.files
		} else {
			files, err = c.reindex(docs, changed)
		}
	}
	if err == nil {
		ix.from = from
	}
	return files, err
}

// reindex indexes docs, which differ from the last call's documents at
// the positions changed (see search.Indexer.Update); nil changed means
// any document may have changed or moved.
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
		// docs may have been changed in place: start afresh next time.
		c.index.files, c.index.from = nil, nil
		return nil, err
	}
	c.index.docs, c.index.files = docs, files
	return files, nil
}
