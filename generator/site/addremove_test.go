package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
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
	cs, random := randomStories(rng)
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
