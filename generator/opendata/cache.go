package opendata

import (
	"bytes"
	"encoding/csv"
	"encoding/json"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// Cache keeps each story's record of stories.json and rows of metrics.csv
// between calls of Files over models of the same site (the dev server
// builds one after every save): a story's are encoded again only when its
// content object, region, category, summary or the site's address
// changed. The files are the same as without a cache. A Cache is not safe
// for concurrent use.
type Cache struct {
	stories map[*content.Story]*encoded
	files   map[string]*joined // the last files, by path (join.go)
}

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{stories: map[*content.Story]*encoded{}} }

// encoded is a story's record and rows, with what they were made from.
type encoded struct {
	region   *content.Region
	category *content.Category
	tags     []string
	tagList  []*site.Tag // the story's Tags the record was made from
	summary  string
	base     string
	json     []byte
	csv      []byte
	used     bool
}

// of returns the encoded record and rows of st, from the cache when they
// are still what st gives.
func (c *Cache) of(st *site.Story, o Options) (*encoded, error) {
	base, summary := o.base, o.summary(st)
	if base == "" {
		base = o.url("")
	}
	if c != nil {
		if e := c.stories[st.Story]; e != nil && e.region == st.Region.Region && e.category == st.Category.Category &&
			e.summary == summary && e.base == base && (sameList(e.tagList, st.Tags) || sameTags(e.tags, st.Tags)) {
			e.used = true
			return e, nil
		}
	}
	data, err := json.Marshal(storyOf(st, o))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	writeRows(w, st, o)
	w.Flush()
	e := &encoded{region: st.Region.Region, category: st.Category.Category, tagList: st.Tags, summary: summary, base: base, json: data, csv: b.Bytes(), used: true}
	for _, t := range st.Tags {
		e.tags = append(e.tags, t.Name)
	}
	if c != nil {
		c.stories[st.Story] = e
	}
	return e, nil
}

// sweep forgets the stories the last call did not use.
func (c *Cache) sweep() {
	if c == nil {
		return
	}
	for st, e := range c.stories {
		if !e.used {
			delete(c.stories, st)
		}
		e.used = false
	}
}

// sameList reports whether a and b are the same slice: the model never
// changes a story's Tags in place (it gives the story a new slice) nor a
// tag's name, so the same slice has the same names, and is compared
// without reading them (10,000 stories' tags, for every edit in the dev
// server).
func sameList(a, b []*site.Tag) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

func sameTags(names []string, tags []*site.Tag) bool {
	if len(names) != len(tags) {
		return false
	}
	for i, t := range tags {
		if names[i] != t.Name {
			return false
		}
	}
	return true
}
