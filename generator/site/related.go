package site

import (
	"slices"
	"strings"

	"github.com/ningbo-showcase/showcase/generator/content"
)

// Related stories, after Hugo's related-content model: each story is
// scored against the others through indexes (its tags, its category, its
// region, its year), never by comparing every pair, and the best are kept.
//
// A candidate's score adds, as Hugo adds index weights:
//
//	RelatedTagWeight      for each tag the two share,
//	RelatedCategoryWeight when they share the category,
//	RelatedRegionWeight   when they share the region,
//	RelatedYearWeight − 3·|Δyear| when their years are at most 3 apart.
//
// The weights make the order lexicographic: one shared tag outweighs
// category, region and year together, the category outweighs region and
// year, the region outweighs the year. Ties go to the slug, so the order
// never depends on dates, weights or scheduling; a story never lists
// itself. A story lists up to RelatedMax stories that share something with
// it, and at least RelatedMin where the site has that many others (the
// rest then in slug order).
const (
	RelatedMax            = 6
	RelatedMin            = 3
	RelatedTagWeight      = 100
	RelatedCategoryWeight = 40
	RelatedRegionWeight   = 20
	RelatedYearWeight     = 10
	relatedYearSpan       = 3
)

// relatedIndex holds the indexes a relate pass reads. Stories are
// numbered in slug order (rank); the tag lists hold those numbers, and
// category, region and year sit in dense arrays, so scoring a candidate
// is a few array reads. The fill-up indexes list stories by category and
// region, by category and year, by region and year and by year, each in
// slug order.
type relatedIndex struct {
	bySlug  []*Story // every story, by slug: bySlug[rank]
	rank    map[*Story]int32
	cat     []int32 // by rank: the category's number
	reg     []int32 // by rank: the region's number
	year    []int32 // by rank
	tags    map[*Tag][]int32
	shared  []uint8 // scratch: shared tags by rank
	touched []int32 // scratch: ranks with shared > 0

	catReg  map[[2]string][]*Story
	catYear map[catYear][]*Story
	regYear map[catYear][]*Story
	byYear  map[int][]*Story
	byCat   map[string][]*Story
	byReg   map[string][]*Story
}

type catYear struct {
	key  string
	year int
}

func newRelatedIndex(stories []*Story) *relatedIndex {
	n := len(stories)
	ix := &relatedIndex{
		bySlug: slices.Clone(stories),
		rank:   make(map[*Story]int32, n),
		cat:    make([]int32, n), reg: make([]int32, n), year: make([]int32, n),
		tags:    map[*Tag][]int32{},
		shared:  make([]uint8, n),
		catReg:  map[[2]string][]*Story{},
		catYear: map[catYear][]*Story{},
		regYear: map[catYear][]*Story{},
		byYear:  map[int][]*Story{},
		byCat:   map[string][]*Story{},
		byReg:   map[string][]*Story{},
	}
	slices.SortFunc(ix.bySlug, func(a, b *Story) int { return strings.Compare(a.Slug, b.Slug) })
	cats, regs := map[*Category]int32{}, map[*Region]int32{}
	for i, st := range ix.bySlug {
		ix.rank[st] = int32(i)
		if _, ok := cats[st.Category]; !ok {
			cats[st.Category] = int32(len(cats))
		}
		if _, ok := regs[st.Region]; !ok {
			regs[st.Region] = int32(len(regs))
		}
		ix.cat[i], ix.reg[i], ix.year[i] = cats[st.Category], regs[st.Region], int32(st.Year)
		for _, t := range st.Tags {
			ix.tags[t] = append(ix.tags[t], int32(i))
		}
		c, r := st.Category.Slug, st.Region.Slug
		ix.catReg[[2]string{c, r}] = append(ix.catReg[[2]string{c, r}], st)
		ix.catYear[catYear{c, st.Year}] = append(ix.catYear[catYear{c, st.Year}], st)
		ix.regYear[catYear{r, st.Year}] = append(ix.regYear[catYear{r, st.Year}], st)
		ix.byYear[st.Year] = append(ix.byYear[st.Year], st)
		ix.byCat[c] = append(ix.byCat[c], st)
		ix.byReg[r] = append(ix.byReg[r], st)
	}
	return ix
}

// score returns the base score (without tags) of candidate j for story i,
// by rank: baseScore on the dense arrays.
func (ix *relatedIndex) score(i, j int32) int {
	n := 0
	if ix.cat[i] == ix.cat[j] {
		n += RelatedCategoryWeight
	}
	if ix.reg[i] == ix.reg[j] {
		n += RelatedRegionWeight
	}
	if d := abs(int(ix.year[i] - ix.year[j])); d <= relatedYearSpan {
		n += RelatedYearWeight - 3*d
	}
	return n
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

type scored struct {
	rank  int32
	score int
}

// better reports whether a ranks before b: higher score, then lower rank
// (slug order).
func (a scored) better(b scored) bool {
	return a.score > b.score || a.score == b.score && a.rank < b.rank
}

// relate fills in every story's Related list.
func (s *Site) relate() {
	ix := newRelatedIndex(s.Stories)
	for _, st := range s.Stories {
		st.Related = ix.related(st)
	}
}

// related returns st's related stories.
func (ix *relatedIndex) related(st *Story) []*Story {
	me := ix.rank[st]
	// Candidates sharing a tag, counted through the tags' lists.
	for _, t := range st.Tags {
		for _, j := range ix.tags[t] {
			if j == me {
				continue
			}
			if ix.shared[j] == 0 {
				ix.touched = append(ix.touched, j)
			}
			if ix.shared[j] < 255 {
				ix.shared[j]++
			}
		}
	}
	// Keep the best RelatedMax, best first, by insertion.
	var best [RelatedMax]scored
	nb := 0
	for _, j := range ix.touched {
		c := scored{j, int(ix.shared[j])*RelatedTagWeight + ix.score(me, j)}
		ix.shared[j] = 0
		if nb == RelatedMax && !c.better(best[nb-1]) {
			continue
		}
		k := min(nb, RelatedMax-1)
		for k > 0 && c.better(best[k-1]) {
			best[k] = best[k-1]
			k--
		}
		best[k] = c
		nb = min(nb+1, RelatedMax)
	}
	ix.touched = ix.touched[:0]
	out := make([]*Story, 0, RelatedMax)
	taken := make(map[*Story]bool, RelatedMax)
	for _, b := range best[:nb] {
		o := ix.bySlug[b.rank]
		out = append(out, o)
		taken[o] = true
	}
	if len(out) == RelatedMax {
		return out
	}
	// Fill up without tags, tier by tier in falling score: every tier's
	// stories share the same base score with st, taken in slug order.
	// Stories sharing a tag are all taken already, so none of these
	// could have scored higher.
	for _, tier := range ix.tiers(st) {
		if len(out) >= RelatedMax {
			break
		}
		out = ix.take(out, taken, st, tier, RelatedMax)
	}
	if len(out) < RelatedMin {
		out = ix.take(out, taken, st, [][]*Story{ix.bySlug}, RelatedMin)
	}
	return out
}

// tiers returns, in falling base score, groups of index lists whose
// stories share one base score with st (after the ones of earlier tiers
// are skipped). Within a tier, lists are merged in slug order.
func (ix *relatedIndex) tiers(st *Story) [][][]*Story {
	c, r, y := st.Category.Slug, st.Region.Slug, st.Year
	near := func(get func(year int) []*Story, d int) [][]*Story {
		if d == 0 {
			return [][]*Story{get(y)}
		}
		return [][]*Story{get(y - d), get(y + d)}
	}
	var out [][][]*Story
	// Same category and region: by year distance, then any year.
	for d := 0; d <= relatedYearSpan; d++ {
		out = append(out, near(func(year int) []*Story { return inRegion(ix.catYear[catYear{c, year}], st.Region) }, d))
	}
	out = append(out, [][]*Story{ix.catReg[[2]string{c, r}]})
	// Same category, another region.
	for d := 0; d <= relatedYearSpan; d++ {
		out = append(out, near(func(year int) []*Story { return ix.catYear[catYear{c, year}] }, d))
	}
	out = append(out, [][]*Story{ix.byCat[c]})
	// Same region, another category.
	for d := 0; d <= relatedYearSpan; d++ {
		out = append(out, near(func(year int) []*Story { return ix.regYear[catYear{r, year}] }, d))
	}
	out = append(out, [][]*Story{ix.byReg[r]})
	// Nearby years alone.
	for d := 0; d <= relatedYearSpan; d++ {
		out = append(out, near(func(year int) []*Story { return ix.byYear[year] }, d))
	}
	return out
}

// inRegion returns the stories of list in region reg.
func inRegion(list []*Story, reg *Region) []*Story {
	var out []*Story
	for _, o := range list {
		if o.Region == reg {
			out = append(out, o)
		}
	}
	return out
}

// take appends to out, up to limit, the stories of the tier's lists in
// slug order that are not st and not taken, and whose base score with st
// is the tier's (the highest left).
func (ix *relatedIndex) take(out []*Story, taken map[*Story]bool, st *Story, tier [][]*Story, limit int) []*Story {
	var cand []*Story
	need := limit - len(out)
	for _, l := range tier {
		n := 0
		for _, o := range l {
			if o == st || taken[o] {
				continue
			}
			cand = append(cand, o)
			if n++; n == need {
				break // each list is in slug order: no later one can win
			}
		}
	}
	if len(tier) > 1 {
		slices.SortFunc(cand, func(a, b *Story) int { return int(ix.rank[a] - ix.rank[b]) })
	}
	for _, o := range cand[:min(need, len(cand))] {
		out = append(out, o)
		taken[o] = true
	}
	return out
}

// sameRelatedInputs reports whether replacing story a by b leaves what
// related lists are computed from as it is: tags, category, region, year
// and slug.
func sameRelatedInputs(a, b *content.Story) bool {
	return a.Slug == b.Slug && a.Region == b.Region && a.Category == b.Category &&
		a.Year == b.Year && slices.Equal(a.Tags, b.Tags)
}

// Listing returns the stories whose related list holds st, in the site's
// order: the pages that show its title, region and year.
func (s *Site) Listing(st *Story) []*Story {
	var out []*Story
	for _, o := range s.Stories {
		if slices.Contains(o.Related, st) {
			out = append(out, o)
		}
	}
	return out
}
