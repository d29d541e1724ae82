package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/ningbo-showcase/showcase/generator/content"
)

// TestAddAndRemoveMatchBuild adds and removes random stories in place
// (falling back to BuildFrom where Add or Remove refuses) and checks after
// every step that the model describes as BuildFrom of the same content.
func TestAddAndRemoveMatchBuild(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) { addAndRemove(t, seed) })
	}
}

func addAndRemove(t *testing.T, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 17))
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
	metricNames := [][2]string{{"企业", "家"}, {"资金", "万元"}, {"资金", "亿元"}, {"人次", "人次"}}
	values := []string{"1", "35", "0.5", "7000"}
	levels := append(slices.Clone(content.Levels), "other")
	random := func(slug string) *content.Story {
		st := &content.Story{Path: "content/stories/" + slug + ".md", Slug: slug, Title: slug}
		st.Region = cs.Regions[rng.IntN(len(cs.Regions))]
		st.Category = cs.Categories[rng.IntN(len(cs.Categories))]
		st.Year = 2010 + rng.IntN(4)
		st.Date = time.Date(st.Year, time.Month(1+rng.IntN(12)), 1+rng.IntN(3), 0, 0, 0, 0, content.Shanghai)
		st.DateSet = rng.IntN(4) != 0
		if rng.IntN(6) == 0 {
			st.Weight = 1 + rng.IntN(2)
		}
		for range rng.IntN(3) {
			tag := fmt.Sprint("标签", rng.IntN(7))
			if !slices.Contains(st.Tags, tag) {
				st.Tags = append(st.Tags, tag)
			}
		}
		for range rng.IntN(4) {
			m := metricNames[rng.IntN(len(metricNames))]
			st.Metrics = append(st.Metrics, content.Metric{Name: m[0], Unit: m[1], Value: values[rng.IntN(len(values))]})
		}
		for range rng.IntN(3) {
			st.Awards = append(st.Awards, content.Award{Level: levels[rng.IntN(len(levels))], Name: fmt.Sprint("奖", rng.IntN(3)), Year: 2009 + rng.IntN(6)})
		}
		return st
	}
	for i := range 30 {
		cs.Stories = append(cs.Stories, random(fmt.Sprintf("s%02d", i)))
	}
	model := Build(cs)
	added, removed := 0, 0
	for step := range 200 {
		cs.Stories = slices.Clone(cs.Stories)
		if rng.IntN(2) == 0 || len(cs.Stories) < 10 {
			c := random(fmt.Sprintf("n%03d", step))
			cs.Stories = append(cs.Stories, c)
			if _, _, ok := model.Add(cs.Config, c); ok {
				added++
			} else {
				model = BuildFrom(cs, model)
			}
		} else {
			i := rng.IntN(len(cs.Stories))
			old := cs.Stories[i]
			cs.Stories = slices.Delete(cs.Stories, i, i+1)
			var st *Story
			for _, x := range model.Stories {
				if x.Story == old {
					st = x
				}
			}
			if _, ok := model.Remove(cs.Config, st); ok {
				removed++
			} else {
				model = BuildFrom(cs, model)
			}
		}
		if got, want := describe(model), describe(BuildFrom(cs, nil)); got != want {
			t.Fatalf("step %d:\n%s", step, firstDiff(got, want))
		}
	}
	if added == 0 || removed == 0 {
		t.Fatalf("%d stories added, %d removed in place: both must run", added, removed)
	}
}
