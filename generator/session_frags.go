package generator

import (
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// The dev server keeps the dossiers' story sections (render.Fragment)
// between builds, as it keeps cards: a part of a dossier that must be
// rendered again (one of its stories changed, or a story added or deleted
// before it shifted it) takes its other sections, already minified, from
// the last build, and renders only its shell and what changed.

// cachedFrag is a story's dossier section as a build rendered it, with
// the numbers of the keys it read (keyTable).
type cachedFrag struct {
	ids []int32
	f   *render.Fragment
}

// fragments returns the render.Input.Fragments of a build: a story's last
// section while no key it read changed (*changed is set before any page
// renders).
func (c *cache) fragments(changed *[]bool) func(st *site.Story) (*render.Fragment, bool) {
	return func(st *site.Story) (*render.Fragment, bool) {
		if e := c.frags[st.Slug]; e != nil && unchanged(e.ids, *changed) {
			return e.f, true
		}
		return nil, false
	}
}

// keepFragments adds the sections r rendered to the cache, and drops those
// of stories the site no longer has.
func (c *cache) keepFragments(r *render.Renderer, vers *render.Versions) {
	if c.frags == nil {
		c.frags = map[string]*cachedFrag{}
	}
	for _, f := range r.Fragments() {
		c.frags[f.Story.Slug] = &cachedFrag{ids: c.keys.intern(f.Deps, vers), f: f}
	}
	stories := r.Site().Stories
	if len(c.frags) > len(stories)+1024 {
		live := make(map[string]*cachedFrag, len(stories))
		for _, x := range stories {
			if e := c.frags[x.Slug]; e != nil {
				live[x.Slug] = e
			}
		}
		c.frags = live
	}
}

// fragIDs yields the key numbers of the cached sections and parts, for
// keyTable.compact to renumber in place.
func (c *cache) fragIDs(yield func([]int32) bool) {
	for _, e := range c.frags {
		if !yield(e.ids) {
			return
		}
	}
	for _, e := range c.parts {
		if !yield(e.ids) {
			return
		}
	}
}

// The dev server keeps the parts of pages (render.Part: the years of the
// timelines) in the same way: a region page rendered again because its
// totals changed takes its timeline's years from the last build, and only
// the year of an edited award is rendered again.

// partsOf returns the render.Input.Parts of a build: a part's last HTML
// while no key it read changed (*changed is set before any page renders).
func (c *cache) partsOf(changed *[]bool) func(key string) (*render.Part, bool) {
	return func(key string) (*render.Part, bool) {
		if e := c.parts[key]; e.fresh(*changed) {
			return &render.Part{Key: key, HTML: e.html, Deps: e.deps, Frag: e.frag}, true
		}
		return nil, false
	}
}

// keepParts keeps the parts r showed, and only those.
func (c *cache) keepParts(r *render.Renderer, vers *render.Versions) {
	parts, rendered := r.Parts()
	kept := make(map[string]*cachedCard, len(parts))
	for i, p := range parts {
		if e := c.parts[p.Key]; !rendered[i] && e != nil {
			kept[p.Key] = e
			continue
		}
		kept[p.Key] = &cachedCard{ids: c.keys.intern(p.Deps, vers), deps: p.Deps, html: p.HTML, frag: p.Frag}
	}
	c.parts = kept
}
