package site

import "math/bits"

// A story whose tags are common shares a tag with thousands of others at
// 100,000 stories, and counting them through the tags' lists costs the
// sum of the lists' lengths for every story: the related lists would cost
// the square of the site's size. bestByBits finds the same best
// candidates through one bitset per tag, over the stories' ranks: it adds
// the story's tag bitsets word by word into bit-sliced counters (plane k
// holds bit k of each candidate's count of shared tags), then walks the
// candidates by count, highest first, stopping after the count at which
// RelatedMax are found. A candidate sharing v tags scores between
// v·RelatedTagWeight and v·RelatedTagWeight + RelatedCategoryWeight +
// RelatedRegionWeight + RelatedYearWeight, below every candidate sharing
// v+1, so no lower count can enter the list then. Which way related
// takes is only a matter of cost (byBits): both give the same lists.

// maxBitsTags is the most tags a story may have for bestByBits (four
// bit planes).
const maxBitsTags = 15

// relatedMode forces one way for tests: 0 chooses by cost, 1 the lists,
// 2 the bitsets.
var relatedMode = 0

// byBits reports whether bestByBits costs less than bestByLists for st.
func (ix *relatedIndex) byBits(st *Story) bool {
	n := len(st.Tags)
	if n == 0 || n > maxBitsTags || relatedMode == 1 {
		return false
	}
	if relatedMode == 2 {
		return true
	}
	list := 0
	for _, t := range st.Tags {
		list += len(ix.tags[t])
	}
	words := (len(ix.bySlug) + 63) / 64
	// A counted candidate costs a few times a word operation.
	return words*n*(1+bits.Len(uint(n))) < 4*list
}

// tagBits returns the bitset of tag t over the stories' ranks, made the
// first time it is asked for.
func (ix *relatedIndex) tagBits(t *Tag) []uint64 {
	ix.bitsMu.Lock()
	defer ix.bitsMu.Unlock()
	if b, ok := ix.bits[t]; ok {
		return b
	}
	if ix.bits == nil {
		ix.bits = map[*Tag][]uint64{}
	}
	b := make([]uint64, (len(ix.bySlug)+63)/64)
	for _, j := range ix.tags[t] {
		b[j/64] |= 1 << (j % 64)
	}
	ix.bits[t] = b
	return b
}

// bestByBits is bestByLists through the tags' bitsets.
func (ix *relatedIndex) bestByBits(sc *relScratch, st *Story, me int32, best *[RelatedMax]scored) int {
	n := len(st.Tags)
	p := bits.Len(uint(n)) // planes: counts up to n
	words := (len(ix.bySlug) + 63) / 64
	sets := make([][]uint64, n)
	for i, t := range st.Tags {
		sets[i] = ix.tagBits(t)
	}
	if cap(sc.planes) < p*words {
		sc.planes = make([]uint64, p*words)
	}
	planes := sc.planes[:p*words] // plane k of word w at k*words+w
	for w := range words {
		var c [4]uint64
		for _, set := range sets {
			x := set[w]
			for k := 0; k < p && x != 0; k++ {
				carry := c[k] & x
				c[k] ^= x
				x = carry
			}
		}
		if int(me)/64 == w {
			for k := range p {
				c[k] &^= 1 << (me % 64)
			}
		}
		for k := range p {
			planes[k*words+w] = c[k]
		}
	}
	// Within a count, candidates of st's category and region come first,
	// then of its category alone, of its region alone, and the rest. The
	// groups' base scores do not overlap (60–70, 40–50, 20–30, 0–10), so
	// once the list is full no later group can enter it.
	ix.groupBits()
	inCat, inReg := ix.catBits[ix.cat[me]], ix.regBits[ix.reg[me]]
	groups := [4]struct{ cat, reg bool }{{true, true}, {true, false}, {false, true}, {false, false}}
	nb := 0
	for v := n; v >= 1 && nb < RelatedMax; v-- {
		for _, g := range groups {
			if nb == RelatedMax {
				break
			}
			for w := range words {
				m := ^uint64(0)
				for k := range p {
					if v>>k&1 == 1 {
						m &= planes[k*words+w]
					} else {
						m &^= planes[k*words+w]
					}
				}
				if g.cat {
					m &= inCat[w]
				} else {
					m &^= inCat[w]
				}
				if g.reg {
					m &= inReg[w]
				} else {
					m &^= inReg[w]
				}
				for m != 0 {
					j := int32(w*64 + bits.TrailingZeros64(m))
					m &= m - 1
					nb = keep(best, nb, scored{j, v*RelatedTagWeight + ix.score(me, j)})
				}
			}
		}
	}
	return nb
}

// groupBits makes, once, the bitsets of each category's and each
// region's stories over the ranks.
func (ix *relatedIndex) groupBits() {
	if ix.catBits != nil {
		return
	}
	words := (len(ix.bySlug) + 63) / 64
	ix.catBits = make([][]uint64, ix.nCat)
	ix.regBits = make([][]uint64, ix.nReg)
	for i := range ix.catBits {
		ix.catBits[i] = make([]uint64, words)
	}
	for i := range ix.regBits {
		ix.regBits[i] = make([]uint64, words)
	}
	for j := range ix.bySlug {
		ix.catBits[ix.cat[j]][j/64] |= 1 << (j % 64)
		ix.regBits[ix.reg[j]][j/64] |= 1 << (j % 64)
	}
}
