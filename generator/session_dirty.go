package generator

import (
	"slices"
	"strings"

	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// dirtyKeys says which keys of the model (render.Key) an in-place change
// of the last model — site.Site.Patch or site.Site.Move — can have given
// a new version. Every other key keeps the version it had, so that a
// build computes versions for these alone (keyTable.update). A nil
// *dirtyKeys holds every key: a new model.
type dirtyKeys struct {
	all     [numKinds]bool  // every key of these kinds
	stories idSet           // the story kinds of these stories
	ids     [numKinds]idSet // keys of these kinds with these IDs
	years   idSet           // the year keys of these regions' timelines
}

// numKinds bounds render.KeyKind values.
const numKinds = 32

// idSet is a small set of IDs.
type idSet map[string]bool

func (d *dirtyKeys) story(st *site.Story) {
	if st == nil {
		return
	}
	if d.stories == nil {
		d.stories = idSet{}
	}
	d.stories[st.Slug] = true
}

func (d *dirtyKeys) id(kind render.KeyKind, id string) {
	if d.ids[kind] == nil {
		d.ids[kind] = idSet{}
	}
	d.ids[kind][id] = true
}

func (d *dirtyKeys) kinds(kinds ...render.KeyKind) {
	for _, k := range kinds {
		d.all[k] = true
	}
}

// merge adds the keys of o to d.
func (d *dirtyKeys) merge(o *dirtyKeys) {
	for k, all := range o.all {
		d.all[k] = d.all[k] || all
	}
	for id := range o.stories {
		if d.stories == nil {
			d.stories = idSet{}
		}
		d.stories[id] = true
	}
	for k, ids := range o.ids {
		for id := range ids {
			d.id(render.KeyKind(k), id)
		}
	}
	for id := range o.years {
		if d.years == nil {
			d.years = idSet{}
		}
		d.years[id] = true
	}
}

// storyKinds are the kinds of a story's own keys, whose ID is its slug:
// dirtyKeys.stories says which.
var storyKinds = []render.KeyKind{render.KeyStory, render.KeyStoryBody, render.KeyStorySummary, render.KeyStoryPlace,
	render.KeyStoryTags, render.KeyStoryNeighbours, render.KeyStoryRelated, render.KeyStoryCover}

// yearKinds are the kinds of a timeline year's keys, whose ID is
// "<region>/<year>" for a region's timeline: dirtyKeys.years says which.
var yearKinds = []render.KeyKind{render.KeyYearStories, render.KeyYearAwards, render.KeyYearLevelAwards}

// has reports whether k may have a new version.
func (d *dirtyKeys) has(k render.Key) bool {
	if d == nil || int(k.Kind) >= numKinds || d.all[k.Kind] {
		return true
	}
	if slices.Contains(storyKinds, k.Kind) && d.stories[k.ID] {
		return true
	}
	if slices.Contains(yearKinds, k.Kind) {
		if reg, ok := yearRegion(k.ID); ok && d.years[reg] {
			return true
		}
	}
	return d.ids[k.Kind][k.ID]
}

// yearRegion returns the region of a region's timeline year's ID.
func yearRegion(id string) (string, bool) {
	reg, _, ok := strings.Cut(id, "/")
	return reg, ok
}

// patched returns the keys site.Site.Patch can have changed with edits
// (tc is what it reported): the edited stories' own keys, their regions'
// totals and the county sums, the tags they left or joined and the
// related lists that changed. Lists keep their stories and places.
func patched(edits []site.Edit, tc site.TagChange) *dirtyKeys {
	d := &dirtyKeys{}
	d.kinds(render.KeyCountyTotals, render.KeySiteTags)
	for _, e := range edits {
		d.story(e.Story)
		d.id(render.KeyRegionTotals, e.Story.Region.Slug)
	}
	d.tags(tc)
	for _, st := range tc.Related {
		d.story(st)
	}
	return d
}

func (d *dirtyKeys) tags(tc site.TagChange) {
	for _, list := range [][]*site.Tag{tc.Changed, tc.Removed} {
		for _, t := range list {
			d.id(render.KeyTag, t.Slug)
			d.id(render.KeyTagStories, t.Slug)
		}
	}
}

// moved returns the keys site.Site.Move can have changed with e (mc is
// what it reported): besides the story's own keys, the lists of its old
// and new region, category, year and tags, its neighbours, the related
// lists that changed, the site's lists and totals, and, when the story
// had or has awards (awards says), every award list.
func moved(e site.Edit, mc site.MoveChange, awards bool) *dirtyKeys {
	d := &dirtyKeys{}
	d.kinds(render.KeySiteStories, render.KeySiteYears, render.KeySiteTags, render.KeySiteTimeline,
		render.KeySiteAwards, render.KeyCountyTotals, render.KeyYearStories)
	d.story(e.Story)
	for _, st := range mc.Neighbours {
		d.story(st)
	}
	for _, st := range mc.Related {
		d.story(st)
	}
	for _, st := range mc.Tags.Related {
		d.story(st)
	}
	for _, r := range mc.Regions {
		for _, k := range []render.KeyKind{render.KeyRegionStories, render.KeyRegionAwards, render.KeyRegionTotals, render.KeyRegionTimeline} {
			d.id(k, r.Slug)
		}
		if d.years == nil {
			d.years = idSet{}
		}
		d.years[r.Slug] = true
	}
	for _, c := range mc.Categories {
		d.id(render.KeyCategoryStories, c.Slug)
	}
	d.tags(mc.Tags)
	if awards || mc.Awards {
		d.kinds(render.KeyRegionAwards, render.KeyYearAwards, render.KeyYearLevelAwards)
	}
	return d
}
