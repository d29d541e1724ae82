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
// old (numbered oldNums) into next (numbered newNums): one per run of
// ranges of slots numbers whose documents differ, or one from the first
// to the last when there are many. A range whose documents are the same
// entries, as many, has the same numbers: each range's documents fill a
// prefix of it.
func rangeChanges(old, next []*docEntry, oldNums, newNums []int32, slots int) []segment {
	ranges := 0
	if n := len(oldNums); n > 0 {
		ranges = int(oldNums[n-1])/slots + 1
	}
	if n := len(newNums); n > 0 {
		ranges = max(ranges, int(newNums[n-1])/slots+1)
	}
	var segs []segment
	i, k := 0, 0
	open := false // the last segment ends at the current range
	for r := range ranges {
		hi := int32((r + 1) * slots)
		i2, k2 := i, k
		for i2 < len(old) && oldNums[i2] < hi {
			i2++
		}
		for k2 < len(next) && newNums[k2] < hi {
			k2++
		}
		if slices.Equal(old[i:i2], next[k:k2]) {
			open = false
			i, k = i2, k2
			continue
		}
		if open {
			sg := &segs[len(segs)-1]
			sg.oldEnd = int(hi)
			sg.oldMid, sg.newMid = sg.oldMid[:len(sg.oldMid)+i2-i], sg.newMid[:len(sg.newMid)+k2-k]
			sg.oldNums, sg.newNums = sg.oldNums[:len(sg.oldNums)+i2-i], sg.newNums[:len(sg.newNums)+k2-k]
		} else {
			segs = append(segs, segment{r * slots, int(hi), old[i:i2], next[k:k2], oldNums[i:i2], newNums[k:k2]})
			open = true
		}
		i, k = i2, k2
	}
	if len(segs) > maxSegments {
		first, last := segs[0], segs[len(segs)-1]
		// The segments are slices of old and next: their starts from their capacities.
		i0, k0 := cap(old)-cap(first.oldMid), cap(next)-cap(first.newMid)
		i1, k1 := cap(old)-cap(last.oldMid)+len(last.oldMid), cap(next)-cap(last.newMid)+len(last.newMid)
		segs = []segment{{first.p, last.oldEnd, old[i0:i1], next[k0:k1], oldNums[i0:i1], newNums[k0:k1]}}
	}
	return segs
}
