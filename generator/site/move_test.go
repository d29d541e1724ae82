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

// TestPatchAndMoveMatchBuild edits random stories of a random site — dates,
// weights, years, regions, categories, tags, metrics and awards — and
// checks after each edit that the model Patch or Move left describes the
// same site as BuildFrom of the edited content.
func TestPatchAndMoveMatchBuild(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) { patchAndMove(t, seed) })
	}
}

func patchAndMove(t *testing.T, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 11))
	cs, random := randomStories(rng)
	for i := range 30 {
		cs.Stories = append(cs.Stories, random(fmt.Sprintf("s%02d", i)))
	}
	model := Build(cs)
	patched, moved := 0, 0
	for step := range 300 {
		i := rng.IntN(len(cs.Stories))
		old := cs.Stories[i]
		nw := new(content.Story)
		*nw = *old
		r := random(old.Slug)
		// Change a few things of the story, each from a fresh random one.
		for f := range 9 {
			if rng.IntN(4) != 0 {
				continue
			}
			switch f {
			case 0:
				nw.Title = r.Title
			case 1:
				nw.Date, nw.DateSet = r.Date, r.DateSet
				nw.Date = time.Date(nw.Year, nw.Date.Month(), nw.Date.Day(), 0, 0, 0, 0, content.Shanghai)
			case 2:
				nw.Year, nw.Date = r.Year, r.Date
			case 3:
				nw.Weight = r.Weight
			case 4:
				nw.Region = r.Region
			case 5:
				nw.Category = r.Category
			case 6:
				nw.Tags = r.Tags
			case 7:
				nw.Metrics = r.Metrics
			case 8:
				nw.Awards = r.Awards
			}
		}
		cs.Stories = slices.Clone(cs.Stories)
		cs.Stories[i] = nw
		var st *Story
		for _, x := range model.Stories {
			if x.Story == old {
				st = x
			}
		}
		if ix := model.relIx; ix != nil {
			// Make the index's lazy parts now and then, so that the
			// edit moves the story in them too.
			if rng.IntN(2) == 0 {
				ix.fill()
			}
			if rng.IntN(2) == 0 {
				ix.groupBits()
			}
			for _, tag := range st.Tags {
				ix.tagBits(tag)
			}
		}
		e := []Edit{{Story: st, New: nw}}
		if _, ok := model.Patch(cs.Config, e); ok {
			patched++
		} else if _, ok := model.Move(cs.Config, e[0]); ok {
			moved++
		} else {
			model = BuildFrom(cs, model)
		}
		if got, want := describe(model), describe(BuildFrom(cs, nil)); got != want {
			t.Fatalf("step %d (story %s):\n%s", step, old.Slug, firstDiff(got, want))
		}
		keptIndexMatches(t, model, step)
	}
	if patched == 0 || moved == 0 {
		t.Fatalf("%d edits patched, %d moved: both must run", patched, moved)
	}
}

// describe writes out everything of a model that pages show.
func describe(s *Site) string {
	var b strings.Builder
	awards := func(refs []AwardRef) string {
		var out []string
		for _, a := range refs {
			out = append(out, fmt.Sprintf("%d/%s/%s/%s", a.Year, a.Level, a.Name, a.Story.Slug))
		}
		return strings.Join(out, ",")
	}
	totals := func(ts []Total) string {
		var out []string
		for _, t := range ts {
			out = append(out, fmt.Sprintf("%s=%s×%d", t.Name, t.Display, t.Count))
		}
		return strings.Join(out, ",")
	}
	years := func(ys []*Year) string {
		var out []string
		for _, y := range ys {
			out = append(out, fmt.Sprintf("%d[%s|%s|%v]", y.Year, slugsOf(y.Stories), awards(y.Awards), y.AwardCounts))
		}
		return strings.Join(out, " ")
	}
	fmt.Fprintf(&b, "stories %s\nawards %v\ncounty %s\ntimeline %s\nyears %s\n", slugsOf(s.Stories), s.AwardCounts, totals(s.CountyTotals()), years(s.Timeline), years(s.Years))
	for _, st := range s.Stories {
		var tags []string
		for _, t := range st.Tags {
			tags = append(tags, t.Slug)
		}
		prev, next := "", ""
		if st.Prev != nil {
			prev = st.Prev.Slug
		}
		if st.Next != nil {
			next = st.Next.Slug
		}
		fmt.Fprintf(&b, "story %s %s %s %s<%s>%s %v related %s\n", st.Slug, st.Region.Slug, st.Category.Slug, strings.Join(tags, ","), prev, next, st.Story == nil, slugsOf(st.Related))
	}
	for _, r := range s.Regions {
		fmt.Fprintf(&b, "region %s [%s] %s %v totals %s timeline %s\n", r.Slug, slugsOf(r.Stories), awards(r.Awards), r.AwardCounts, totals(r.Totals), years(r.Timeline))
	}
	for _, c := range s.Categories {
		fmt.Fprintf(&b, "category %s [%s]\n", c.Slug, slugsOf(c.Stories))
	}
	for _, t := range s.Tags {
		fmt.Fprintf(&b, "tag %s %s [%s]\n", t.Slug, t.Name, slugsOf(t.Stories))
	}
	return b.String()
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "got  " + a + "\nwant " + b
		}
	}
	return "(same)"
}

// randomStories returns a site's content with four regions and three
// categories and no stories, and a maker of random stories for it.
func randomStories(rng *rand.Rand) (*content.Site, func(slug string) *content.Story) {
	cs := &content.Site{Config: &content.Config{}, Home: &content.Page{}}
	for i, slug := range []string{"city", "east", "west", "north"} {
		div := "区"
		if i == 0 {
			div = "市"
		}
		cs.Regions = append(cs.Regions, &content.Region{Slug: slug, Title: slug, Division: div, Weight: i % 2})
	}
	for i, slug := range []string{"dev", "stab", "self"} {
		cs.Categories = append(cs.Categories, &content.Category{Slug: slug, Title: slug, Weight: i})
	}
	metricNames := [][2]string{{"企业", "家"}, {"资金", "万元"}, {"资金", "亿元"}, {"人次", "人次"}, {"占比", "%"}, {"资金", "人次"}}
	values := []string{"1", "35", "0.5", "7000", "1.25", "300"}
	quals := []string{"", "", "余", "多", "近", "约"}
	levels := append(slices.Clone(content.Levels), "other")
	random := func(slug string) *content.Story {
		st := &content.Story{Path: "content/stories/" + slug + ".md", Slug: slug, Title: slug + fmt.Sprint(rng.IntN(9))}
		st.Region = cs.Regions[rng.IntN(len(cs.Regions))]
		st.Category = cs.Categories[rng.IntN(len(cs.Categories))]
		st.Year = 2010 + rng.IntN(4)
		st.Date = time.Date(st.Year, time.Month(1+rng.IntN(12)), 1+rng.IntN(3), 0, 0, 0, 0, content.Shanghai)
		st.DateSet = rng.IntN(4) != 0
		if rng.IntN(6) == 0 {
			st.Weight = 1 + rng.IntN(2)
		}
		for range rng.IntN(3) {
			tag := fmt.Sprint("tag", rng.IntN(5))
			if !slices.Contains(st.Tags, tag) {
				st.Tags = append(st.Tags, tag)
			}
		}
		for range rng.IntN(4) {
			m := metricNames[rng.IntN(len(metricNames))]
			st.Metrics = append(st.Metrics, content.Metric{Name: m[0], Unit: m[1], Value: values[rng.IntN(len(values))], Qualifier: quals[rng.IntN(len(quals))]})
		}
		for range rng.IntN(3) {
			st.Awards = append(st.Awards, content.Award{Level: levels[rng.IntN(len(levels))], Name: fmt.Sprint("奖", rng.IntN(3)), Year: 2009 + rng.IntN(6)})
		}
		return st
	}
	return cs, random
}
