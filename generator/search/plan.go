package search

// segment is one change of the numbered documents: the old documents
// numbered [p, oldEnd) become newMid, numbered from p.
type segment struct {
	p, oldEnd      int
	oldMid, newMid []*docEntry
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
	whole := []segment{{p, oldEnd, old[p:oldEnd], next[p:newEnd]}}
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
		segs = append(segs, segment{k, e, old[k:e], next[k:e]})
		k = e
	}
	return segs, 0
}

// stage is one step of moving the postings: segments over the document
// numbers the step starts from, and the change in the number of
// documents.
type stage struct {
	segs  []segment
	shift int
}

// stageCost is the rough cost of moving the postings of one stage of n
// documents: the postings of the segments' documents are gathered and
// compared, and when documents are added or removed every list that
// lists a document after the change is spliced, about as much work as
// gathering the postings of an eighth of the documents.
func stageCost(segs []segment, shift, n int) int {
	c := 0
	for _, sg := range segs {
		c += len(sg.oldMid) + len(sg.newMid)
	}
	if shift != 0 {
		c += n / 8
	}
	return c
}

// plan returns the stages that turn the postings of old into those of
// next, given segs and shift from changes(old, next) and which old
// entries are kept. When documents are both removed and added (a rename
// moves a document in URL order), the documents between its old and new
// number are renumbered and segs spans them all; removing the old
// documents and then inserting the new ones instead changes only a few
// bytes of each list (the numbers are delta-encoded), which is cheaper
// when the span is long. plan returns the cheapest of: segs as one
// stage; the removals, then the insertions; each run of removed and then
// each run of inserted documents on its own (when there are at most
// maxSegments runs).
func plan(old, next []*docEntry, kept []bool, segs []segment, shift int) []stage {
	best := []stage{{segs, shift}}
	if len(segs) == 0 {
		return best
	}
	bestCost := stageCost(segs, shift, len(old))
	// Staging costs at least a removal and an insertion, each over at
	// least the kept documents.
	nk := 0
	for _, k := range kept {
		if k {
			nk++
		}
	}
	if bestCost <= 2*stageCost(nil, 1, nk) {
		return best
	}
	// try considers the stages between successive lists of steps.
	try := func(steps [][]*docEntry) {
		var st []stage
		c := 0
		for k := 1; k < len(steps); k++ {
			s, sh := changes(steps[k-1], steps[k])
			if len(s) > 0 {
				st = append(st, stage{s, sh})
				c += stageCost(s, sh, len(steps[k-1]))
			}
		}
		if c < bestCost {
			best, bestCost = st, c
		}
	}
	// The runs of removed old entries and of new entries in next, by
	// number from 1 (0: kept).
	oldRun := make([]int, len(old))
	removed := 0
	for j := range old {
		if !kept[j] {
			if j == 0 || kept[j-1] {
				removed++
			}
			oldRun[j] = removed
		}
	}
	nextRun := make([]int, len(next))
	added := 0
	for i, m := 0, 0; i < len(next); i++ {
		for m < len(old) && !kept[m] {
			m++
		}
		if m < len(old) && next[i] == old[m] {
			m++
			continue
		}
		if i == 0 || nextRun[i-1] == 0 {
			added++
		}
		nextRun[i] = added
	}
	if removed == 0 || added == 0 {
		return best // one stage already
	}
	// without returns old without its removed runs up to r and next
	// without its added runs from r on.
	without := func(r, a int) []*docEntry {
		out := make([]*docEntry, 0, len(old))
		if a == 0 {
			for j, e := range old {
				if kept[j] || oldRun[j] > r {
					out = append(out, e)
				}
			}
			return out
		}
		for i, e := range next {
			if nextRun[i] <= a {
				out = append(out, e)
			}
		}
		return out
	}
	try([][]*docEntry{old, without(removed, 0), next})
	if removed+added <= maxSegments {
		steps := [][]*docEntry{old}
		for r := 1; r <= removed; r++ {
			steps = append(steps, without(r, 0))
		}
		for a := 1; a <= added; a++ {
			steps = append(steps, without(removed, a))
		}
		try(steps)
	}
	return best
}
