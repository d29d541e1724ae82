package search

import "slices"

// segment is one change of the documents. Over positions in number order
// (changes), the old documents at [p, oldEnd) become newMid, from p. Over
// document numbers (rangeChanges), the old documents numbered in [p,
// oldEnd), oldMid with numbers oldNums, become newMid with numbers
// newNums, in the same numbers.
type segment struct {
	p, oldEnd        int
	oldMid, newMid   []*docEntry
	oldNums, newNums []int32
}

// maxSegments is the number of separate changed places an update handles
// one by one; more are handled as one range.
const maxSegments = 8

// changes returns the segments that turn old into next and the change in
// the number of documents. When documents are added or removed, there is
// one segment, from the first difference to the last; else one segment
// per run of replaced documents, or one in all when there are many.
func changes(old, next []*docEntry) ([]segment, int) {
	p := 0
	for p < len(old) && p < len(next) && old[p] == next[p] {
		p++
	}
	s := 0
	for s < len(old)-p && s < len(next)-p && old[len(old)-1-s] == next[len(next)-1-s] {
		s++
	}
	oldEnd, newEnd := len(old)-s, len(next)-s
	shift := newEnd - oldEnd
	if p == oldEnd && p == newEnd {
		return nil, 0
	}
	whole := []segment{{p, oldEnd, old[p:oldEnd], next[p:newEnd], nil, nil}}
	if shift != 0 {
		return whole, shift
	}
	var segs []segment
	for k := p; k < oldEnd; {
		if old[k] == next[k] {
			k++
			continue
		}
		e := k + 1
		for e < oldEnd && old[e] != next[e] {
			e++
		}
		if len(segs) == maxSegments {
			return whole, 0
		}
		segs = append(segs, segment{k, e, old[k:e], next[k:e], nil, nil})
		k = e
	}
	return segs, 0
}

// rangeChanges returns the segments, over document numbers, that turn
// old (numbered oldNums) into next (numbered newNums), and the change in
// numbers of the ranges after them. The ranges (of slots numbers) that
// are the same from the start and, counted from the end, from the end
// stay; when the ones between are as many, there is a segment per run of
// ranges whose documents differ (one from the first to the last when
// there are many) and no shift; otherwise one segment from the first
// difference to the last, and the ranges after it move by the shift. A
// range whose documents are the same entries, as many, has the same
// numbers: each range's documents fill a prefix of it.
func rangeChanges(old, next []*docEntry, oldNums, newNums []int32, slots int) ([]segment, int) {
	oldR, newR := rangesOf(oldNums, slots), rangesOf(newNums, slots)
	same := func(a, b int) bool {
		return slices.Equal(old[oldR[a]:oldR[a+1]], next[newR[b]:newR[b+1]])
	}
	no, nn := len(oldR)-1, len(newR)-1
	a := 0
	for a < no && a < nn && same(a, a) {
		a++
	}
	z := 0
	for z < no-a && z < nn-a && same(no-1-z, nn-1-z) {
		z++
	}
	oldEnd, newEnd := no-z, nn-z
	if a == oldEnd && a == newEnd {
		return nil, 0
	}
	seg := func(r0, r1, n1 int) segment {
		i0, i1, k0, k1 := oldR[r0], oldR[r1], newR[r0], newR[n1]
		return segment{r0 * slots, r1 * slots, old[i0:i1], next[k0:k1], oldNums[i0:i1], newNums[k0:k1]}
	}
	if oldEnd != newEnd {
		return []segment{seg(a, oldEnd, newEnd)}, (newEnd - oldEnd) * slots
	}
	var segs []segment
	for r := a; r < oldEnd; {
		if same(r, r) {
			r++
			continue
		}
		e := r + 1
		for e < oldEnd && !same(e, e) {
			e++
		}
		if len(segs) == maxSegments {
			return []segment{seg(a, oldEnd, oldEnd)}, 0
		}
		segs = append(segs, seg(r, e, e))
		r = e
	}
	return segs, 0
}

// rangesOf returns, for documents numbered nums (increasing), the index
// of the first document of each range of slots numbers, then len(nums).
func rangesOf(nums []int32, slots int) []int {
	n := 0
	if len(nums) > 0 {
		n = int(nums[len(nums)-1])/slots + 1
	}
	out := make([]int, n+1)
	i := 0
	for r := range n {
		out[r] = i
		for i < len(nums) && int(nums[i]) < (r+1)*slots {
			i++
		}
	}
	out[n] = len(nums)
	return out
}
