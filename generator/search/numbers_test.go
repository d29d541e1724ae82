package search

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestStableNumbers checks that numbers keep URL order and fill a prefix
// of each range with between the fewest and the most documents of a
// block, that they depend on the set of documents alone, and that
// deleting or adding one document renumbers only a few others, but for
// the few changes that move the number of blocks before the rest.
func TestStableNumbers(t *testing.T) {
	docs := syntheticDocs(3000)
	slots, least := blockLimits(8)
	if slots != 10 || least != 6 {
		t.Fatalf("blockLimits(8) = %d, %d, want 10, 6", slots, least)
	}
	sorted, nums, occ := numberDocs(docs, 8)
	shuffled := slices.Clone(docs)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	s2, n2, o2 := numberDocs(shuffled, 8)
	if !slices.Equal(nums, n2) || !slices.Equal(occ, o2) || fmt.Sprint(sorted) != fmt.Sprint(s2) {
		t.Fatal("numbers depend on the order of the docs")
	}
	for i := 1; i < len(nums); i++ {
		if nums[i] <= nums[i-1] || compareDocs(&sorted[i-1], &sorted[i]) > 0 {
			t.Fatalf("numbers not increasing in URL order at %d", i)
		}
	}
	total := 0
	for r, o := range occ {
		if int(o) > slots || int(o) < least && r < len(occ)-1 {
			t.Errorf("range %d: %d documents, want %d to %d", r, o, least, slots)
		}
		total += int(o)
	}
	if total != len(docs) {
		t.Fatalf("the ranges hold %d documents, want %d", total, len(docs))
	}
	at := map[string]int32{}
	for i, d := range sorted {
		at[d.URL] = nums[i]
		if r := int(nums[i]) / slots; int(nums[i])%slots >= int(occ[r]) {
			t.Fatalf("%s: number %d outside its range's prefix of %d", d.URL, nums[i], occ[r])
		}
	}
	local, localMoved := 0, 0
	const changes = 200
	for k := range changes {
		var next []Doc
		if k%2 == 0 {
			next = slices.Delete(slices.Clone(docs), k*13, k*13+1)
		} else {
			d := docs[k*13]
			d.URL = fmt.Sprintf("stories/added-%d/", k)
			next = append(slices.Clone(docs), d)
		}
		s, ns, _ := numberDocs(next, 8)
		moved, last := 0, false
		for i, d := range s {
			if x, ok := at[d.URL]; ok && x != ns[i] {
				moved++
				last = last || i == len(s)-1
			}
		}
		if !last {
			// The cuts after a change settle within a few blocks.
			local++
			localMoved += moved
			if moved > 200 {
				t.Errorf("change %d: %d documents renumbered, yet not the last", k, moved)
			}
		}
	}
	if local < changes*3/4 || localMoved > 20*local {
		t.Errorf("%d of %d changes renumber only documents near them, %d on average; want most, a few each", local, changes, localMoved/max(local, 1))
	}
	t.Logf("%d of %d additions and deletions renumber only documents near them, %d on average", local, changes, localMoved/max(local, 1))
}

func TestGapCode(t *testing.T) {
	// rangeOf divides without a division, exactly.
	for slots := 1; slots < 512; slots++ {
		g := newGapCode(slots, nil)
		for _, x := range []int32{0, 1, int32(slots) - 1, int32(slots), 12345, 1<<24 + 7, 1<<31 - 1} {
			if got := g.rangeOf(x); got != x/int32(slots) {
				t.Fatalf("slots %d: rangeOf(%d) = %d, want %d", slots, x, got, x/int32(slots))
			}
		}
	}
	docs := syntheticDocs(2000)
	_, nums, occ := numberDocs(docs, 8)
	slots, _ := blockLimits(8)
	g := newGapCode(slots, occ)
	r := rand.New(rand.NewPCG(3, 4))
	for _, p := range []float64{1, 0.9, 0.5, 0.1, 0.01} {
		var list []int32
		for _, x := range nums {
			if r.Float64() < p {
				list = append(list, x)
			}
		}
		prev := int32(-1)
		ones := 0
		for _, x := range list {
			d := g.gap(prev, x)
			if d == 1 {
				ones++
			}
			if got := g.next(prev, d); got != x || d < 1 {
				t.Fatalf("p=%v: gap %d from %d decodes to %d, want %d", p, d, prev, got, x)
			}
			prev = x
		}
		if p == 1 && ones < len(list)-1 {
			t.Errorf("a list of every document has %d gaps of 1 of %d", ones, len(list)-1)
		}
	}
}
