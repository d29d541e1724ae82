package site

import (
	"slices"
	"sort"

	"github.com/ningbo-showcase/showcase/generator/content"
)

// MoveChange says what a Move changed beyond the edited story itself.
type MoveChange struct {
	// From and To are the story's positions in Stories before and after.
	From, To int
	// Regions, Categories and Years are those whose lists changed: the
	// story's old one and, when it differs, its new one.
	Regions    []*Region
	Categories []*Category
	Years      []*Year
	// Tags: Changed has every tag the story left, joined or kept (its
	// place in them may have changed), Removed the tags gone from the site.
	Tags TagChange
	// Neighbours are the stories whose previous or next story changed,
	// the edited story aside.
	Neighbours []*Story
	// Awards reports that award lists, counts or timelines changed.
	Awards bool
	// Totals reports that metric totals were added up again.
	Totals bool
	// Related are the stories whose related list changed, in the site's
	// order.
	Related []*Story
}

// Move applies one edit that may move its story within and between the
// lists of the model — a new date or weight, region, category, year,
// awards or tags, besides anything Patch allows — and reports whether it
// did. It reports false, changing nothing, when the edit changes which
// stories, years or timeline years there are, the story's file, slug,
// bundle resources, aliases or draft state, or a kept tag's slug: the
// caller then builds a new model with BuildFrom.
//
// After Move the model renders exactly like BuildFrom of the edited
// content, except for the source lines that AwardRefs of other stories
// carry, which no page shows.
func (s *Site) Move(cfg *content.Config, e Edit) (MoveChange, bool) {
	s.forgetCountyTotals()
	var mc MoveChange
	st := e.Story
	if st == nil || e.New == nil {
		return mc, false
	}
	old, nw := st.Story, e.New
	if old.Path != nw.Path || old.Slug != nw.Slug || old.Bundle != nw.Bundle || old.Draft != nw.Draft ||
		!slices.Equal(old.Resources, nw.Resources) || !slices.Equal(old.Aliases, nw.Aliases) ||
		old.Region == nil || nw.Region == nil || old.Category == nil || nw.Category == nil {
		return mc, false
	}
	relInputs := sameRelatedInputs(old, nw)
	reg := s.regionBySlug[nw.Region.Slug]
	var cat *Category
	for _, c := range s.Categories {
		if c.Slug == nw.Category.Slug {
			cat = c
		}
	}
	if reg == nil || cat == nil || st.Region == nil || st.Category == nil {
		return mc, false
	}
	var plan *tagPlan
	if !slices.Equal(old.Tags, nw.Tags) {
		if hasDuplicates(old.Tags) || hasDuplicates(nw.Tags) {
			return mc, false
		}
		if plan = s.planTags(st, nw.Tags); plan == nil {
			return mc, false
		}
	}
	// The years with stories stay the same, and so do the timeline's.
	y0, y1 := s.year(old.Year), s.year(nw.Year)
	if y0 == nil || y1 == nil || y0 != y1 && len(y0.Stories) < 2 {
		return mc, false
	}
	if !s.timelineKeeps(old, nw) {
		return mc, false
	}

	s.Config = cfg
	oldReg, oldCat := st.Region, st.Category
	oldPrev, oldNext := st.Prev, st.Next
	st.Story, st.Region, st.Category = nw, reg, cat
	mc.From, mc.To = reposition(s.Stories, st)
	moved := mc.From != mc.To

	mc.Regions = []*Region{oldReg}
	oldRegIdx := slices.Index(oldReg.Stories, st)
	regFrom, regTo := shift(&oldReg.Stories, &reg.Stories, st)
	if reg != oldReg {
		mc.Regions = append(mc.Regions, reg)
	} else if regFrom != regTo {
		moved = true
	}
	mc.Categories = []*Category{oldCat}
	if shift(&oldCat.Stories, &cat.Stories, st); cat != oldCat {
		mc.Categories = append(mc.Categories, cat)
	}
	mc.Years = []*Year{y0}
	if shift(&y0.Stories, &y1.Stories, st); y1 != y0 {
		mc.Years = append(mc.Years, y1)
	}
	for _, t := range st.Tags {
		reposition(t.Stories, st)
	}
	if plan != nil {
		mc.Tags = s.applyTags(st, plan)
	}
	for _, t := range st.Tags {
		if !slices.Contains(mc.Tags.Changed, t) {
			mc.Tags.Changed = append(mc.Tags.Changed, t)
		}
	}

	// Previous and next links in the regions' lists.
	for _, r := range mc.Regions {
		mc.Neighbours = append(mc.Neighbours, relink(r, st)...)
	}
	for _, x := range []*Story{oldPrev, oldNext} {
		if x != nil && !slices.Contains(mc.Neighbours, x) {
			mc.Neighbours = append(mc.Neighbours, x) // they show its title
		}
	}

	if len(old.Awards) > 0 || len(nw.Awards) > 0 {
		// The lists are put in order again even when only the story's
		// place changed; the counts change only with the awards.
		mc.Awards = reg != oldReg || !sameAwards(old.Awards, nw.Awards)
		s.moveAwards(st, old, oldReg)
	}
	if len(old.Metrics) > 0 || len(nw.Metrics) > 0 {
		switch {
		case reg != oldReg:
			mc.Totals = true
			oldReg.Totals = retotal(oldReg, st, old.Metrics, oldRegIdx, -1)
			reg.Totals = retotal(reg, st, nil, -1, slices.Index(reg.Stories, st))
		case moved || !sameMetrics(old.Metrics, nw.Metrics):
			// The same figures in another order change a total only when
			// the story has the first figure of a group (see retotal).
			before := reg.Totals
			reg.Totals = retotal(reg, st, old.Metrics, regFrom, regTo)
			mc.Totals = !slices.EqualFunc(before, reg.Totals, func(a, b Total) bool {
				return a.Name == b.Name && a.Display == b.Display && a.Count == b.Count
			})
		}
	}
	for _, r := range mc.Regions {
		r.Timeline = timeline(s.Years, r)
	}
	if !relInputs {
		mc.Related = s.relateAround(st)
	}
	return mc, true
}

// sameAwards reports whether two award lists are equal but for their
// source lines.
func sameAwards(a, b []content.Award) bool {
	return slices.EqualFunc(a, b, func(x, y content.Award) bool {
		x.Line, y.Line = 0, 0
		return x == y
	})
}

// year returns the year with stories y, or nil.
func (s *Site) year(y int) *Year {
	i, ok := slices.BinarySearchFunc(s.Years, y, func(x *Year, y int) int { return y - x.Year })
	if !ok {
		return nil
	}
	return s.Years[i]
}

// timelineKeeps reports whether replacing story a by b keeps the site
// timeline's range: b's years lie inside it, and both ends keep a story or
// an award.
func (s *Site) timelineKeeps(a, b *content.Story) bool {
	return s.inTimeline(b) && s.endsKeep(a, b)
}

// inTimeline reports whether c's year and its awards' years lie in the
// site's timeline.
func (s *Site) inTimeline(c *content.Story) bool {
	tl := s.Timeline
	if len(tl) == 0 {
		return false
	}
	lo, hi := tl[0].Year, tl[len(tl)-1].Year
	in := func(y int) bool { return y >= lo && y <= hi }
	if !in(c.Year) {
		return false
	}
	for _, aw := range c.Awards {
		if !in(aw.Year) {
			return false
		}
	}
	return true
}

// endsKeep reports whether both ends of the site's timeline keep a story
// or an award when story a is replaced by b (either may be nil: none).
func (s *Site) endsKeep(a, b *content.Story) bool {
	tl := s.Timeline
	if len(tl) == 0 {
		return false
	}
	count := func(st *content.Story, y int) int {
		if st == nil {
			return 0
		}
		n := 0
		if st.Year == y {
			n++
		}
		for _, aw := range st.Awards {
			if aw.Year == y {
				n++
			}
		}
		return n
	}
	for _, y := range []*Year{tl[0], tl[len(tl)-1]} {
		if len(y.Stories)+len(y.Awards)-count(a, y.Year)+count(b, y.Year) <= 0 {
			return false
		}
	}
	return true
}

// moveAwards replaces the awards of st, whose content was old and whose
// region was oldReg, with those of its new content, in the years', the
// regions' and the site's lists and counts.
func (s *Site) moveAwards(st *Story, old *content.Story, oldReg *Region) {
	lo := s.Timeline[0].Year
	years := map[*Year]bool{}
	for _, aw := range old.Awards {
		years[s.Timeline[aw.Year-lo]] = true
		s.AwardCounts.sub(aw.Level)
	}
	for _, aw := range st.Awards {
		years[s.Timeline[aw.Year-lo]] = true
		s.AwardCounts.add(aw.Level)
	}
	for y := range years {
		y.Awards = replaceRefs(y.Awards, st, y.Year, true)
		y.AwardCounts = countLevels(y.Awards)
	}
	if oldReg != st.Region {
		oldReg.Awards = replaceRefs(oldReg.Awards, st, 0, false)
		oldReg.AwardCounts = countLevels(oldReg.Awards)
	}
	st.Region.Awards = replaceRefs(st.Region.Awards, st, 0, true)
	st.Region.AwardCounts = countLevels(st.Region.Awards)
}

// replaceRefs returns refs without st's awards and, when add is set, with
// those of its current content (of the year y, or of every year when y is
// 0), in award order: by year, level, then story order.
func replaceRefs(refs []AwardRef, st *Story, y int, add bool) []AwardRef {
	out := make([]AwardRef, 0, len(refs)+len(st.Awards))
	for _, r := range refs {
		if r.Story != st {
			out = append(out, r)
		}
	}
	if add {
		for _, aw := range st.Awards {
			if y == 0 || aw.Year == y {
				out = append(out, AwardRef{Award: aw, Story: st})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b AwardRef) int {
		if a.Year != b.Year {
			return a.Year - b.Year
		}
		if d := levelRank(a.Level) - levelRank(b.Level); d != 0 {
			return d
		}
		switch {
		case a.Story == b.Story:
			return 0
		case Less(a.Story.Story, b.Story.Story):
			return -1
		}
		return 1
	})
	return out
}

func countLevels(refs []AwardRef) LevelCounts {
	var c LevelCounts
	for _, r := range refs {
		c.add(r.Level)
	}
	return c
}

func (c *LevelCounts) sub(level string) {
	switch level {
	case content.National:
		c.National--
	case content.Provincial:
		c.Provincial--
	case content.Municipal:
		c.Municipal--
	case content.County:
		c.County--
	}
}

// reposition moves st, whose place in the sorted list may have changed,
// to its place, in place, and returns its old and new index.
func reposition(list []*Story, st *Story) (from, to int) {
	from = slices.Index(list, st)
	if from < 0 {
		return -1, -1
	}
	copy(list[from:], list[from+1:])
	rest := list[:len(list)-1]
	to = sort.Search(len(rest), func(k int) bool { return Less(st.Story, rest[k].Story) })
	copy(list[to+1:], list[to:len(rest)])
	list[to] = st
	return from, to
}

// shift moves st from the sorted list *from to its place in *to, and
// returns its old and new index when they are the same list (else -1, -1).
func shift(from, to *[]*Story, st *Story) (int, int) {
	if from == to {
		return reposition(*from, st)
	}
	*from = remove(*from, st)
	*to = insert(*to, st)
	return -1, -1
}

// remove returns list without st.
func remove(list []*Story, st *Story) []*Story {
	if i := slices.Index(list, st); i >= 0 {
		return slices.Delete(list, i, i+1)
	}
	return list
}

// insert returns list with st in its place.
func insert(list []*Story, st *Story) []*Story {
	i := sort.Search(len(list), func(k int) bool { return Less(st.Story, list[k].Story) })
	return slices.Insert(list, i, st)
}
