package generator

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/render"
)

// TestDirtyIDs checks that the keys a build looks up for a model change
// (keyTable.dirtyIDs) are exactly those dirtyKeys.has holds, each once,
// over random tables and changes, also after the table was compacted.
func TestDirtyIDs(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	slugs := []string{"a", "b", "c", "d"}
	ids := func() string {
		// Story slugs, region slugs, a region's year ("b/2016") and a
		// year with a level ("2016/1").
		switch r.IntN(4) {
		case 0:
			return slugs[r.IntN(len(slugs))] + "/2016"
		case 1:
			return fmt.Sprint("2016/", r.IntN(3))
		}
		return slugs[r.IntN(len(slugs))]
	}
	for round := range 200 {
		tab := newKeyTable()
		for range 300 {
			k := render.Key{Kind: render.KeyKind(1 + r.IntN(int(render.KeyStatic)+2)), ID: ids(), N: r.IntN(3) - 1}
			if _, ok := tab.ids[k]; !ok {
				tab.add(k, render.Version{})
			}
		}
		if round%2 == 1 {
			// Keep every other key, renumbered.
			var used []int32
			for i := 0; i < len(tab.keys); i += 2 {
				used = append(used, int32(i))
			}
			tab.checked = 0
			tab.compact(nil, nil, slices.Values([][]int32{used}))
		}
		d := &dirtyKeys{}
		for range r.IntN(6) {
			switch r.IntN(4) {
			case 0:
				d.kinds(render.KeyKind(1 + r.IntN(int(render.KeyStatic))))
			case 1:
				d.stories = idSet{slugs[r.IntN(len(slugs))]: true}
			case 2:
				d.id(render.KeyKind(1+r.IntN(int(render.KeyStatic))), ids())
			case 3:
				d.years = idSet{slugs[r.IntN(len(slugs))]: true}
			}
		}
		got := tab.dirtyIDs(d)
		slices.Sort(got)
		if len(slices.Compact(slices.Clone(got))) != len(got) {
			t.Fatalf("round %d: dirtyIDs lists a key twice", round)
		}
		var want []int32
		for i, k := range tab.keys {
			if d.has(k) {
				want = append(want, int32(i))
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: dirtyIDs = %v, want %v (stories %v, years %v, ids %v)", round, got, want, d.stories, d.years, d.ids)
		}
	}
}
