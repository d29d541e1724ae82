package site

import (
	"slices"

	"github.com/ningbo-showcase/showcase/generator/content"
)

// Edit is one story of the model with the content object that replaces
// it: the same file, re-read after an edit.
type Edit struct {
	Story *Story
	New   *content.Story
}

// Patch applies edits to the model in place when none of them can change
// its shape — which stories there are, their order, regions, categories,
// years, tags, awards and aliases — and reports whether it did; otherwise
// it changes nothing and reports false, and the caller builds a new model
// with BuildFrom. An edit of anything else (title, town, summary, body,
// sources, cover, metrics) keeps every list as it is: the story's content
// is swapped in place, and the totals of its region and the county sums
// are added up again when its metrics changed.
//
// After Patch the model renders exactly like BuildFrom of the edited
// content, except for the source lines that AwardRefs carry, which no page
// shows.
func (s *Site) Patch(cfg *content.Config, edits []Edit) bool {
	for _, e := range edits {
		if e.Story == nil || e.New == nil || !SameShape(e.Story.Story, e.New) {
			return false
		}
	}
	s.Config = cfg
	for _, e := range edits {
		st, old := e.Story, e.Story.Story
		st.Story = e.New
		if !sameMetrics(old.Metrics, e.New.Metrics) {
			st.Region.Totals = totals(st.Region.Stories)
			if !st.Region.City {
				s.county = &countyTotals{}
			}
		}
		if c := s.county; c != nil && c.stories != nil {
			if i := slices.Index(c.stories, old); i >= 0 {
				c.stories[i] = e.New
			}
		}
	}
	return true
}

// SameShape reports whether replacing story a by b leaves the model's
// shape as it is (see Patch): both are the same story file in the same
// place of every list, with the same awards (source lines aside), tags,
// aliases and bundle resources.
func SameShape(a, b *content.Story) bool {
	return a.Path == b.Path && a.Slug == b.Slug && a.Bundle == b.Bundle &&
		slices.Equal(a.Resources, b.Resources) &&
		a.Region == b.Region && a.Category == b.Category && a.Year == b.Year &&
		a.Date.Equal(b.Date) && a.DateSet == b.DateSet && a.Weight == b.Weight &&
		a.Draft == b.Draft && slices.Equal(a.Tags, b.Tags) && slices.Equal(a.Aliases, b.Aliases) &&
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
