package site

import (
	"runtime"
	"slices"
	"strings"
	"sync"

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
	scratch relScratch        // of the calls on one goroutine (related)
	bitsMu  sync.Mutex        // guards bits, which relate's runs make as they go
	bits    map[*Tag][]uint64 // by tag, its stories' ranks as a bitset (related_bits.go)
	catBits [][]uint64        // by category number, its stories as a bitset (groupBits)
	regBits [][]uint64        // by region number

	// The fill-up indexes (fill), by the numbers of cat and reg.
	catReg  map[[2]int32][]*Story
	catYear map[idYear][]*Story
	regYear map[idYear][]*Story
	byYear  map[int32][]*Story
	byCat   [][]*Story
	byReg   [][]*Story
	nCat    int // how many categories and regions are numbered
	nReg    int

	// What update needs to move a story: the numbers of the categories
	// and regions, and each rank's tags as the index holds them.
	catNo  map[*Category]int32
	regNo  map[*Region]int32
	tagsOf [][]*Tag
}

// relScratch is what scoring one story writes: each goroutine that
// scores stories has its own.
type relScratch struct {
	shared  []uint8  // shared tags by rank
	touched []int32  // ranks with shared > 0
	planes  []uint64 // of bestByBits
}

// idYear is a category's or region's number and a year.
type idYear struct{ id, year int32 }

func newRelatedIndex(bySlug []*Story) *relatedIndex {
	n := len(bySlug)
	ix := &relatedIndex{
		bySlug: bySlug,
		rank:   make(map[*Story]int32, n),
		cat:    make([]int32, n), reg: make([]int32, n), year: make([]int32, n),
		tags:   map[*Tag][]int32{},
		tagsOf: make([][]*Tag, n),
	}
	cats, regs := map[*Category]int32{}, map[*Region]int32{}
	ix.catNo, ix.regNo = cats, regs
	for i, st := range ix.bySlug {
		ix.rank[st] = int32(i)
		if _, ok := cats[st.Category]; !ok {
			cats[st.Category] = int32(len(cats))
		}
		if _, ok := regs[st.Region]; !ok {
			regs[st.Region] = int32(len(regs))
		}
		ix.cat[i], ix.reg[i], ix.year[i] = cats[st.Category], regs[st.Region], int32(st.Year)
		ix.tagsOf[i] = st.Tags
		for _, t := range st.Tags {
			ix.tags[t] = append(ix.tags[t], int32(i))
		}
	}
	ix.nCat, ix.nReg = len(cats), len(regs)
	return ix
}

// fill makes the fill-up indexes, the first time a story needs them: a
// story that shares tags with RelatedMax others never does, and an update
// around a few stories (relateAround) seldom.
func (ix *relatedIndex) fill() {
	if ix.byCat != nil {
		return
	}
	ix.catReg = map[[2]int32][]*Story{}
	ix.catYear = map[idYear][]*Story{}
	ix.regYear = map[idYear][]*Story{}
	ix.byYear = map[int32][]*Story{}
	ix.byCat = make([][]*Story, ix.nCat)
	ix.byReg = make([][]*Story, ix.nReg)
	for i, st := range ix.bySlug {
		c, r, y := ix.cat[i], ix.reg[i], ix.year[i]
		ix.catReg[[2]int32{c, r}] = append(ix.catReg[[2]int32{c, r}], st)
		ix.catYear[idYear{c, y}] = append(ix.catYear[idYear{c, y}], st)
		ix.regYear[idYear{r, y}] = append(ix.regYear[idYear{r, y}], st)
		ix.byYear[y] = append(ix.byYear[y], st)
		ix.byCat[c] = append(ix.byCat[c], st)
		ix.byReg[r] = append(ix.byReg[r], st)
	}
}

// slugOrder returns the site's stories by slug, sorted once per model:
// Patch and Move change neither which stories the site has nor their
// slugs.
func (s *Site) slugOrder() []*Story {
	if len(s.bySlug) != len(s.Stories) {
		s.bySlug = slices.Clone(s.Stories)
		slices.SortFunc(s.bySlug, func(a, b *Story) int { return strings.Compare(a.Slug, b.Slug) })
	}
	return s.bySlug
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

// relateWorkers, when not 0, is the number of goroutines relate uses
// (for tests); otherwise one per core, each with at least
// minRelatePerWorker stories.
var relateWorkers = 0

const minRelatePerWorker = 1024

// relate fills in every story's Related list, the stories shared out
// among the cores in runs: each run is scored with scratch of its own,
// and the index's lazy parts are made first (the tags' bitsets under a
// lock), so the lists do not depend on the number of goroutines.
func (s *Site) relate() {
	ix := newRelatedIndex(s.slugOrder())
	sts := s.Stories
	workers := relateWorkers
	if workers == 0 {
		workers = min(runtime.GOMAXPROCS(0), len(sts)/minRelatePerWorker)
	}
	if workers <= 1 {
		for _, st := range sts {
			st.Related = ix.related(st)
		}
		return
	}
	ix.fill()
	ix.groupBits()
	var wg sync.WaitGroup
	for w := range workers {
		run := sts[w*len(sts)/workers : (w+1)*len(sts)/workers]
		wg.Go(func() {
			sc := &relScratch{}
			for _, st := range run {
				st.Related = ix.relatedWith(sc, st)
			}
		})
	}
	wg.Wait()
}

// related returns st's related stories.
func (ix *relatedIndex) related(st *Story) []*Story { return ix.relatedWith(&ix.scratch, st) }

// relatedWith is related, writing only sc besides the index's lazy parts.
func (ix *relatedIndex) relatedWith(sc *relScratch, st *Story) []*Story {
	me := ix.rank[st]
	// The best RelatedMax candidates sharing a tag, best first.
	var best [RelatedMax]scored
	var nb int
	if ix.byBits(st) {
		nb = ix.bestByBits(sc, st, me, &best)
	} else {
		nb = ix.bestByLists(sc, st, me, &best)
	}
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

// bestByLists fills best with the best candidates sharing a tag with st
// (rank me), counting the tags each shares through the tags' lists, and
// returns how many it holds.
func (ix *relatedIndex) bestByLists(sc *relScratch, st *Story, me int32, best *[RelatedMax]scored) int {
	if len(sc.shared) != len(ix.bySlug) {
		sc.shared = make([]uint8, len(ix.bySlug))
	}
	for _, t := range st.Tags {
		for _, j := range ix.tags[t] {
			if j == me {
				continue
			}
			if sc.shared[j] == 0 {
				sc.touched = append(sc.touched, j)
			}
			if sc.shared[j] < 255 {
				sc.shared[j]++
			}
		}
	}
	nb := 0
	for _, j := range sc.touched {
		nb = keep(best, nb, scored{j, int(sc.shared[j])*RelatedTagWeight + ix.score(me, j)})
		sc.shared[j] = 0
	}
	sc.touched = sc.touched[:0]
	return nb
}

// keep inserts c into the first nb entries of best, best first, if it
// ranks among them, and returns how many best then holds.
func keep(best *[RelatedMax]scored, nb int, c scored) int {
	if nb == RelatedMax && !c.better(best[nb-1]) {
		return nb
	}
	k := min(nb, RelatedMax-1)
	for k > 0 && c.better(best[k-1]) {
		best[k] = best[k-1]
		k--
	}
	best[k] = c
	return min(nb+1, RelatedMax)
}

// tiers returns, in falling base score, groups of index lists whose
// stories share one base score with st (after the ones of earlier tiers
// are skipped). Within a tier, lists are merged in slug order.
func (ix *relatedIndex) tiers(st *Story) [][][]*Story {
	ix.fill()
	me := ix.rank[st]
	c, r, y := ix.cat[me], ix.reg[me], ix.year[me]
	near := func(get func(year int32) []*Story, d int32) [][]*Story {
		if d == 0 {
			return [][]*Story{get(y)}
		}
		return [][]*Story{get(y - d), get(y + d)}
	}
	var out [][][]*Story
	// Same category and region: by year distance, then any year.
	for d := int32(0); d <= relatedYearSpan; d++ {
		out = append(out, near(func(year int32) []*Story { return inRegion(ix.catYear[idYear{c, year}], st.Region) }, d))
	}
	out = append(out, [][]*Story{ix.catReg[[2]int32{c, r}]})
	// Same category, another region.
	for d := int32(0); d <= relatedYearSpan; d++ {
		out = append(out, near(func(year int32) []*Story { return ix.catYear[idYear{c, year}] }, d))
	}
	out = append(out, [][]*Story{ix.byCat[c]})
	// Same region, another category.
	for d := int32(0); d <= relatedYearSpan; d++ {
		out = append(out, near(func(year int32) []*Story { return ix.regYear[idYear{r, year}] }, d))
	}
	out = append(out, [][]*Story{ix.byReg[r]})
	// Nearby years alone.
	for d := int32(0); d <= relatedYearSpan; d++ {
		out = append(out, near(func(year int32) []*Story { return ix.byYear[year] }, d))
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
