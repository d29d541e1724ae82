package site

import (
	"slices"
	"strings"

	"github.com/ningbo-showcase/showcase/generator/content"
)

// Edit is one story of the model with the content object that replaces
// it: the same file, re-read after an edit.
type Edit struct {
	Story *Story
	New   *content.Story
}

// TagChange says which tags a Patch changed: Changed have gained or lost
// a story (new tags among them), Removed are gone from the site.
type TagChange struct {
	Changed, Removed []*Tag
	// Related are the stories whose related list changed (a tag edit
	// changes them), in the site's order.
	Related []*Story
}

// Patch applies edits to the model in place when none of them can change
// its shape — which stories there are, their order, regions, categories,
// years, awards and aliases — and reports whether it did; otherwise it
// changes nothing and reports false, and the caller builds a new model
// with BuildFrom. An edit of anything else (title, town, summary, body,
// sources, cover, metrics) keeps every list as it is: the story's content
// is swapped in place, and the totals of its region are brought up to
// date when its metrics changed. A single edit may also
// change the story's tags, as long as no other tag's slug changes: the
// story leaves and joins tag lists (in the site's order), tags are
// created and dropped, and the TagChange says which.
//
// After Patch the model renders exactly like BuildFrom of the edited
// content, except for the source lines that AwardRefs carry, which no page
// shows.
func (s *Site) Patch(cfg *content.Config, edits []Edit) (TagChange, bool) {
	s.forgetCountyTotals()
	var tc TagChange
	retag := false
	for _, e := range edits {
		if e.Story == nil || e.New == nil || !sameShapeButTags(e.Story.Story, e.New) {
			return tc, false
		}
		if !slices.Equal(e.Story.Story.Tags, e.New.Tags) {
			retag = true
		}
	}
	var plan *tagPlan
	if retag {
		e := edits[0]
		if len(edits) != 1 || hasDuplicates(e.Story.Story.Tags) || hasDuplicates(e.New.Tags) {
			return tc, false
		}
		if plan = s.planTags(edits[0].Story, edits[0].New.Tags); plan == nil {
			return tc, false
		}
	}
	s.Config = cfg
	for _, e := range edits {
		st, old := e.Story, e.Story.Story
		st.Story = e.New
		if !sameMetrics(old.Metrics, e.New.Metrics) {
			i := slices.Index(st.Region.Stories, st)
			st.Region.Totals = retotal(st.Region, st, old.Metrics, i, i)
		}
	}
	if plan != nil {
		tc = s.applyTags(edits[0].Story, plan)
		tc.Related = s.relateAround(edits[0].Story)
	}
	return tc, true
}

// tagPlan is a tag change worked out before anything is changed.
type tagPlan struct {
	tags    []*Tag          // the story's new tags, in its order (new ones not yet in the site)
	created map[string]*Tag // new tags by name, with their slugs
}

// planTags works out the tags of st after its tag names become names, or
// returns nil when that would change the slug of a tag that stays.
func (s *Site) planTags(st *Story, names []string) *tagPlan {
	byName := make(map[string]*Tag, len(s.Tags))
	for _, t := range s.Tags {
		byName[t.Name] = t
	}
	// The tags of the site afterwards: a tag without a page goes when its
	// last story leaves.
	after := map[string]*Tag{}
	for _, t := range s.Tags {
		n := len(t.Stories)
		if slices.Contains(st.Tags, t) {
			n--
		}
		if slices.Contains(names, t.Name) {
			n++
		}
		if n > 0 || t.Page != nil {
			after[t.Name] = &Tag{Name: t.Name, Page: t.Page}
		}
	}
	plan := &tagPlan{created: map[string]*Tag{}}
	for _, name := range names {
		if byName[name] == nil && plan.created[name] == nil {
			t := &Tag{Name: name}
			plan.created[name] = t
			after[name] = t
		}
	}
	assignTagSlugs(after)
	for name, t := range after {
		if old := byName[name]; old != nil && old.Slug != t.Slug {
			return nil
		}
	}
	for _, name := range names {
		t := byName[name]
		if t == nil {
			t = after[name] // created: its slug is set
		}
		plan.tags = append(plan.tags, t)
	}
	return plan
}

// applyTags moves st from its old tags to plan's, keeping every tag's
// stories in the site's order and the site's tags sorted by slug.
func (s *Site) applyTags(st *Story, plan *tagPlan) TagChange {
	var tc TagChange
	changed := map[*Tag]bool{}
	for _, t := range st.Tags {
		if !slices.Contains(plan.tags, t) {
			if i := slices.Index(t.Stories, st); i >= 0 {
				t.Stories = slices.Delete(t.Stories, i, i+1)
			}
			changed[t] = true
		}
	}
	for _, t := range plan.tags {
		if slices.Contains(st.Tags, t) {
			continue
		}
		i, _ := slices.BinarySearchFunc(t.Stories, st, func(a, b *Story) int {
			if Less(a.Story, b.Story) {
				return -1
			}
			return 1
		})
		t.Stories = slices.Insert(t.Stories, i, st)
		changed[t] = true
	}
	st.Tags = slices.Clone(plan.tags)
	tags := s.Tags[:0:0]
	for _, t := range s.Tags {
		if len(t.Stories) == 0 && t.Page == nil {
			tc.Removed = append(tc.Removed, t)
			continue
		}
		tags = append(tags, t)
	}
	for _, t := range plan.created {
		tags = append(tags, t)
	}
	slices.SortFunc(tags, func(a, b *Tag) int { return strings.Compare(a.Slug, b.Slug) })
	s.Tags = tags
	for _, t := range tags {
		if changed[t] {
			tc.Changed = append(tc.Changed, t)
		}
	}
	return tc
}

// sameShapeButTags reports whether replacing story a by b leaves the
// model's shape as it is but for a's tags (see Patch): both are the same
// story file in the same place of every list, with the same awards
// (source lines aside), aliases and bundle resources.
func sameShapeButTags(a, b *content.Story) bool {
	return a.Path == b.Path && a.Slug == b.Slug && a.Bundle == b.Bundle &&
		slices.Equal(a.Resources, b.Resources) &&
		a.Region == b.Region && a.Category == b.Category && a.Year == b.Year &&
		a.Date.Equal(b.Date) && a.DateSet == b.DateSet && a.Weight == b.Weight &&
		a.Draft == b.Draft && slices.Equal(a.Aliases, b.Aliases) &&
		slices.EqualFunc(a.Awards, b.Awards, func(x, y content.Award) bool {
			x.Line, y.Line = 0, 0
			return x == y
		})
}

func sameMetrics(a, b []content.Metric) bool {
	return slices.EqualFunc(a, b, func(x, y content.Metric) bool {
		x.Line, y.Line = 0, 0
		return x == y
	})
}

func hasDuplicates(names []string) bool {
	for i, n := range names {
		if slices.Contains(names[:i], n) {
			return true
		}
	}
	return false
}
