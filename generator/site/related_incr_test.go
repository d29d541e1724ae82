package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/content"
)

// TestRelateFromMatchesRelate adds, deletes, renames and changes stories
// of random sites, from tiny to a few hundred stories, a few at a time,
// and checks that the lists BuildFrom takes from the last model where
// they cannot have changed are those of a fresh Build.
func TestRelateFromMatchesRelate(t *testing.T) {
	for seed := uint64(1); seed <= 30; seed++ {
		rng := rand.New(rand.NewPCG(seed, 23))
		n := []int{1, 2, 4, 8, 20, 60, 300}[seed%7]
		cs := randomSite(rng, n, 1+rng.IntN(30))
		model := Build(cs)
		for step := range 40 {
			cs.Stories = slices.Clone(cs.Stories)
			var what []string
			for range 1 + rng.IntN(3) {
				fresh := randomSite(rng, 1, 1+rng.IntN(30)).Stories[0]
				fresh.Region = cs.Regions[rng.IntN(len(cs.Regions))]
				fresh.Category = cs.Categories[rng.IntN(len(cs.Categories))]
				i := rng.IntN(max(1, len(cs.Stories)))
				switch op := rng.IntN(4); {
				case op == 0 || len(cs.Stories) == 0:
					fresh.Slug = fmt.Sprintf("new%d-%d", step, rng.IntN(1000))
					cs.Stories = append(cs.Stories, fresh)
					what = append(what, "add "+fresh.Slug)
				case op == 1:
					what = append(what, "delete "+cs.Stories[i].Slug)
					cs.Stories = slices.Delete(cs.Stories, i, i+1)
				case op == 2:
					nw := *cs.Stories[i]
					nw.Slug = fmt.Sprintf("ren%d-%d", step, rng.IntN(1000))
					cs.Stories[i] = &nw
					what = append(what, "rename "+nw.Slug)
				default:
					nw := *cs.Stories[i]
					switch rng.IntN(4) {
					case 0:
						nw.Tags = fresh.Tags
					case 1:
						nw.Region = fresh.Region
					case 2:
						nw.Category = fresh.Category
					default:
						nw.Year, nw.Date = fresh.Year, fresh.Date
					}
					cs.Stories[i] = &nw
					what = append(what, "change "+nw.Slug)
				}
			}
			seen := map[string]bool{}
			cs.Stories = slices.DeleteFunc(cs.Stories, func(st *content.Story) bool {
				dup := seen[st.Slug]
				seen[st.Slug] = true
				return dup
			})
			model = BuildFrom(cs, model)
			want := Build(cs)
			for i, st := range model.Stories {
				if got, want := slugsOf(st.Related), slugsOf(want.Stories[i].Related); got != want {
					t.Fatalf("seed %d, step %d (%v), %d stories, %s: related\n got %s\nwant %s", seed, step, what, len(cs.Stories), st.Slug, got, want)
				}
			}
		}
	}
}
