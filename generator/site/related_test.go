package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ningbo-showcase/showcase/generator/content"
)

// baseScore is a candidate's score without tags, as the package doc
// defines it.
func baseScore(a, b *Story) int {
	n := 0
	if a.Category == b.Category {
		n += RelatedCategoryWeight
	}
	if a.Region == b.Region {
		n += RelatedRegionWeight
	}
	if d := abs(a.Year - b.Year); d <= relatedYearSpan {
		n += RelatedYearWeight - 3*d
	}
	return n
}

// bruteRelated is the definition of the related list, comparing every
// pair: score as the package doc says, ties by slug, up to RelatedMax
// sharing something, at least RelatedMin.
func bruteRelated(s *Site, st *Story) []*Story {
	type cand struct {
		o     *Story
		score int
	}
	var all []cand
	for _, o := range s.Stories {
		if o == st {
			continue
		}
		n := baseScore(st, o)
		for _, t := range st.Tags {
			if slices.Contains(o.Tags, t) {
				n += RelatedTagWeight
			}
		}
		all = append(all, cand{o, n})
	}
	slices.SortFunc(all, func(a, b cand) int {
		if a.score != b.score {
			return b.score - a.score
		}
		return strings.Compare(a.o.Slug, b.o.Slug)
	})
	var out []*Story
	for _, c := range all {
		if len(out) == RelatedMax || c.score == 0 && len(out) >= RelatedMin {
			break
		}
		out = append(out, c.o)
	}
	return out
}

func randomSite(rng *rand.Rand, n, tags int) *content.Site {
	cs := &content.Site{Config: &content.Config{}, Home: &content.Page{}}
	for i, slug := range []string{"city", "east", "west", "north", "south"} {
		cs.Regions = append(cs.Regions, &content.Region{Slug: slug, Title: slug, Weight: i})
	}
	for i, slug := range []string{"dev", "stab", "self"} {
		cs.Categories = append(cs.Categories, &content.Category{Slug: slug, Title: slug, Weight: i})
	}
	for i := range n {
		st := &content.Story{Slug: fmt.Sprintf("s%05d", rng.IntN(n*10)*100+i), Title: fmt.Sprint("t", i)}
		st.Path = "content/stories/" + st.Slug + ".md"
		st.Region = cs.Regions[rng.IntN(len(cs.Regions))]
		st.Category = cs.Categories[rng.IntN(len(cs.Categories))]
		st.Year = 2004 + rng.IntN(13)
		st.Date = time.Date(st.Year, 1, 1, 0, 0, 0, 0, content.Shanghai)
		for range rng.IntN(4) {
			// A skewed pool: low numbers far more common.
			tag := fmt.Sprint("tag", rng.IntN(1+rng.IntN(tags)))
			if !slices.Contains(st.Tags, tag) {
				st.Tags = append(st.Tags, tag)
			}
		}
		cs.Stories = append(cs.Stories, st)
	}
	return cs
}

// TestRelatedMatchesBruteForce checks the indexed lists against comparing
// every pair, on random sites from tiny to a few hundred stories, counting
// shared tags either way (the tags' lists or their bitsets).
func TestRelatedMatchesBruteForce(t *testing.T) {
	defer func() { relatedMode, relateWorkers = 0, 0 }()
	for _, workers := range []int{1, 3} { // one goroutine, or runs on three
		relateWorkers = workers
		for _, mode := range []int{0, 1, 2} { // by cost, by the tags' lists, by bitsets
			relatedMode = mode
			testRelatedMatchesBruteForce(t, mode)
		}
	}
}

func testRelatedMatchesBruteForce(t *testing.T, mode int) {
	for seed := uint64(1); seed <= 40; seed++ {
		rng := rand.New(rand.NewPCG(seed, 17))
		n := []int{1, 2, 3, 4, 5, 8, 20, 60, 300}[seed%9]
		s := Build(randomSite(rng, n, 1+rng.IntN(30)))
		for _, st := range s.Stories {
			got, want := slugsOf(st.Related), slugsOf(bruteRelated(s, st))
			if got != want {
				t.Fatalf("mode %d, seed %d, %d stories, %s: related\n got %s\nwant %s", mode, seed, n, st.Slug, got, want)
			}
			if slices.Contains(st.Related, st) {
				t.Fatalf("%s lists itself", st.Slug)
			}
			if len(st.Related) > RelatedMax || len(st.Related) < min(RelatedMin, len(s.Stories)-1) {
				t.Fatalf("%s lists %d stories", st.Slug, len(st.Related))
			}
		}
	}
}

func slugsOf(list []*Story) string {
	var out []string
	for _, st := range list {
		out = append(out, st.Slug)
	}
	return strings.Join(out, ",")
}

// TestRelatedOrder checks the priorities on a hand-made site: a shared tag
// beats category, region and year together; the category beats region
// and year; the region beats the year.
func TestRelatedOrder(t *testing.T) {
	cs := &content.Site{Config: &content.Config{}, Home: &content.Page{}}
	r1, r2 := &content.Region{Slug: "r1", Title: "甲区"}, &content.Region{Slug: "r2", Title: "乙区"}
	c1, c2 := &content.Category{Slug: "c1"}, &content.Category{Slug: "c2"}
	cs.Regions, cs.Categories = []*content.Region{r1, r2}, []*content.Category{c1, c2}
	add := func(slug string, r *content.Region, c *content.Category, year int, tags ...string) {
		cs.Stories = append(cs.Stories, &content.Story{Path: slug, Slug: slug, Title: slug, Region: r, Category: c, Year: year, Tags: tags,
			Date: time.Date(year, 1, 1, 0, 0, 0, 0, content.Shanghai)})
	}
	add("me", r1, c1, 2016, "商会", "融资")
	add("two-tags", r2, c2, 2004, "融资", "商会")
	add("one-tag", r2, c2, 2004, "商会")
	add("cat-region-year", r1, c1, 2016)
	add("cat-region", r1, c1, 2005)
	add("cat-near", r2, c1, 2015)
	add("cat-far", r2, c1, 2005)
	add("region", r1, c2, 2016)
	add("nothing", r2, c2, 2004)
	s := Build(cs)
	var me *Story
	for _, st := range s.Stories {
		if st.Slug == "me" {
			me = st
		}
	}
	if got := slugsOf(me.Related); got != "two-tags,one-tag,cat-region-year,cat-region,cat-near,cat-far" {
		t.Errorf("related = %s", got)
	}
	for _, st := range s.Stories {
		if st.Slug == "nothing" && !strings.HasPrefix(slugsOf(st.Related), "one-tag,two-tags,region") {
			// one-tag and two-tags share category c2 and region r2 and year.
			t.Errorf("nothing: %s", slugsOf(st.Related))
		}
	}
}
