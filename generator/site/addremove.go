package site

import (
	"slices"
	"sort"
	"strings"

	"github.com/ningbo-showcase/showcase/generator/content"
)

// Add puts a new story into the model in place, as Move moves one, and
// reports whether it did. It reports false, changing nothing, when the
// story would change which years or timeline years there are, or a kept
// tag's slug, or when its region or category is not the site's: the caller
// then builds a new model with BuildFrom. The MoveChange says what else
// changed (From is -1); the new story is returned.
//
// After Add the model renders exactly like BuildFrom of the content with
// the story, except for the source lines that AwardRefs carry.
func (s *Site) Add(cfg *content.Config, c *content.Story) (*Story, MoveChange, bool) {
	var mc MoveChange
	if c == nil || c.Region == nil || c.Category == nil || hasDuplicates(c.Tags) || s.bySlugIndex(c.Slug) >= 0 {
		return nil, mc, false
	}
	reg, cat := s.regionBySlug[c.Region.Slug], s.category(c.Category.Slug)
	y := s.year(c.Year)
	if reg == nil || cat == nil || y == nil || !s.inTimeline(c) {
		return nil, mc, false
	}
	st := &Story{Story: c, Region: reg, Category: cat, url: "stories/" + c.Slug + "/"}
	var plan *tagPlan
	if len(c.Tags) > 0 {
		if plan = s.planTags(st, c.Tags); plan == nil {
			return nil, mc, false
		}
	}

	s.forgetCountyTotals()
	s.Config = cfg
	s.stories++
	s.Stories = insert(s.Stories, st)
	mc.From, mc.To = -1, slices.Index(s.Stories, st)
	s.addSlug(st)
	reg.Stories = insert(reg.Stories, st)
	cat.Stories = insert(cat.Stories, st)
	y.Stories = insert(y.Stories, st)
	mc.Regions, mc.Categories, mc.Years = []*Region{reg}, []*Category{cat}, []*Year{y}
	if plan != nil {
		mc.Tags = s.applyTags(st, plan)
	}
	mc.Neighbours = relink(reg, st)
	if len(c.Awards) > 0 {
		mc.Awards = true
		s.addAwards(st, false)
	}
	if len(c.Metrics) > 0 {
		mc.Totals = true
		reg.Totals = retotal(reg, st, nil, -1, slices.Index(reg.Stories, st))
	}
	reg.Timeline = timeline(s.Years, reg)
	mc.Related = s.relateAround(st)
	return st, mc, true
}

// Remove takes story st out of the model in place and reports whether it
// did, under the same conditions as Add (the last story of a year, or of
// an end of the timeline, cannot go). The MoveChange says what else
// changed (To is -1).
func (s *Site) Remove(cfg *content.Config, st *Story) (MoveChange, bool) {
	var mc MoveChange
	if st == nil || st.Region == nil || st.Category == nil || hasDuplicates(st.Story.Tags) {
		return mc, false
	}
	reg, cat, y := st.Region, st.Category, s.year(st.Year)
	at := slices.Index(s.Stories, st)
	if y == nil || len(y.Stories) < 2 || at < 0 || !s.endsKeep(st.Story, nil) {
		return mc, false
	}
	var plan *tagPlan
	if len(st.Tags) > 0 {
		if plan = s.planTags(st, nil); plan == nil {
			return mc, false
		}
	}

	s.forgetCountyTotals()
	s.Config = cfg
	s.stories++
	mc.From, mc.To = at, -1
	s.Stories = slices.Delete(s.Stories, at, at+1)
	s.removeSlug(st)
	i := slices.Index(reg.Stories, st)
	reg.Stories = remove(reg.Stories, st)
	cat.Stories = remove(cat.Stories, st)
	y.Stories = remove(y.Stories, st)
	mc.Regions, mc.Categories, mc.Years = []*Region{reg}, []*Category{cat}, []*Year{y}
	if plan != nil {
		mc.Tags = s.applyTags(st, plan)
	}
	mc.Neighbours = relink(reg, st)
	for _, x := range []*Story{st.Prev, st.Next} {
		if x != nil && !slices.Contains(mc.Neighbours, x) {
			mc.Neighbours = append(mc.Neighbours, x)
		}
	}
	st.Prev, st.Next = nil, nil
	if len(st.Awards) > 0 {
		mc.Awards = true
		s.addAwards(st, true)
	}
	if len(st.Metrics) > 0 {
		mc.Totals = true
		reg.Totals = retotal(reg, st, st.Metrics, i, -1)
	}
	reg.Timeline = timeline(s.Years, reg)
	mc.Related = s.relateWithout(st)
	return mc, true
}

// relateWithout brings the related lists up to date after st left the
// site: only a list that held st changes, since the scores of the others
// do not depend on it.
func (s *Site) relateWithout(st *Story) []*Story {
	var ix *relatedIndex
	var changed []*Story
	for _, x := range s.Stories {
		if !slices.Contains(x.Related, st) {
			continue
		}
		if ix == nil {
			ix = s.relatedIndexFor(nil)
		}
		x.Related = ix.related(x)
		changed = append(changed, x)
	}
	return changed
}

// StoriesVersion changes whenever Add or Remove changes which stories
// the model has: an index of its stories made before is stale when it
// differs.
func (s *Site) StoriesVersion() int { return s.stories }

// relink sets the previous and next story of every story of r's list and
// returns those whose links changed, st aside.
func relink(r *Region, st *Story) []*Story {
	var changed []*Story
	for i, x := range r.Stories {
		var p, n *Story
		if i > 0 {
			p = r.Stories[i-1]
		}
		if i+1 < len(r.Stories) {
			n = r.Stories[i+1]
		}
		if x.Prev != p || x.Next != n {
			x.Prev, x.Next = p, n
			if x != st {
				changed = append(changed, x)
			}
		}
	}
	return changed
}

// category returns the category with the slug, or nil.
func (s *Site) category(slug string) *Category {
	for _, c := range s.Categories {
		if c.Slug == slug {
			return c
		}
	}
	return nil
}

// addAwards adds st's awards to the years', its region's and the site's
// lists and counts, or, when drop, takes them out.
func (s *Site) addAwards(st *Story, drop bool) {
	lo := s.Timeline[0].Year
	years := map[*Year]bool{}
	for _, aw := range st.Awards {
		years[s.Timeline[aw.Year-lo]] = true
		if drop {
			s.AwardCounts.sub(aw.Level)
		} else {
			s.AwardCounts.add(aw.Level)
		}
	}
	for y := range years {
		y.Awards = replaceRefs(y.Awards, st, y.Year, !drop)
		y.AwardCounts = countLevels(y.Awards)
	}
	st.Region.Awards = replaceRefs(st.Region.Awards, st, 0, !drop)
	st.Region.AwardCounts = countLevels(st.Region.Awards)
}

// bySlugIndex returns the index of the story with the slug in the slug
// order, or -1.
func (s *Site) bySlugIndex(slug string) int {
	order := s.slugOrder()
	i, ok := slices.BinarySearchFunc(order, slug, func(x *Story, slug string) int { return strings.Compare(x.Slug, slug) })
	if !ok {
		return -1
	}
	return i
}

// addSlug and removeSlug keep the slug order up to date.
func (s *Site) addSlug(st *Story) {
	s.dropRelated()
	if len(s.bySlug) != len(s.Stories)-1 {
		s.bySlug = nil // sorted again when needed
		return
	}
	i := sort.Search(len(s.bySlug), func(k int) bool { return s.bySlug[k].Slug >= st.Slug })
	s.bySlug = slices.Insert(s.bySlug, i, st)
}

func (s *Site) removeSlug(st *Story) {
	s.dropRelated()
	if len(s.bySlug) != len(s.Stories)+1 {
		s.bySlug = nil
		return
	}
	if i := slices.Index(s.bySlug, st); i >= 0 {
		s.bySlug = slices.Delete(s.bySlug, i, i+1)
	}
}
