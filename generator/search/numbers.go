package search

// Stable document numbers.
//
// Documents, in URL order (compareDocs), are cut into blocks: a block
// ends after a document whose URL hash says so (one in four) once the
// block has least documents, and always at slots documents (for the
// default chunk size of 8: at least 6, at most 10, about 8 on average).
// Block b owns the range of slots numbers from b·slots; its documents
// fill a prefix of it, in URL order. A cut depends only on the URLs of
// the block's own documents, so adding, deleting or renaming a document
// renumbers the documents after it in its block and, when the cuts move,
// in the next few blocks; only when the number of blocks before a
// document changes is it renumbered with every one after it (about one
// change in ten, at 10,000 documents). Numbers keep URL order, whose
// neighbours share terms and facet values (slugs are made of title and
// region words), so posting lists and columns compress as with dense
// numbers.
//
// A byte per range (its occupancy) tells a client which numbers are
// documents. Posting gaps leave out the free numbers at the end of the
// previous posting's range (gapCode): a list of consecutive documents
// stays a run of 1s, while a gap's bytes depend only on the ranges of its
// two postings.

import (
	"math/bits"
	"slices"
)

// blockLimits returns the numbers per range (the most documents of a
// block) and the fewest documents of a block that a cut may end, for
// chunkSize documents per chunk on average.
func blockLimits(chunkSize int) (slots, least int) {
	return max(1, chunkSize+chunkSize/4), max(1, chunkSize-chunkSize/4)
}

// urlCut reports whether a block may end after the document of a URL:
// for one URL in four, by a 64-bit FNV-1a hash of it, mixed (MurmurHash3's
// finalizer).
func urlCut(url string) bool {
	h := uint64(14695981039346656037)
	for i := 0; i < len(url); i++ {
		h ^= uint64(url[i])
		h *= 1099511628211
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h>>62 == 0
}

// stableNumbers returns the numbers of documents in URL order whose URLs
// may end a block as cuts say, and the occupancy of each range of slots
// numbers.
func stableNumbers(cuts []bool, slots, least int) (nums []int32, occ []uint8) {
	nums = make([]int32, len(cuts))
	b, size := 0, 0
	for i, c := range cuts {
		nums[i] = int32(b*slots + size)
		size++
		if size >= least && c || size == slots {
			occ = append(occ, uint8(size))
			b, size = b+1, 0
		}
	}
	if size > 0 {
		occ = append(occ, uint8(size))
	}
	return nums, occ
}

// numberDocs sorts docs in number order (URL order) and returns their
// numbers and the ranges' occupancy, for chunkSize.
func numberDocs(docs []Doc, chunkSize int) ([]Doc, []int32, []uint8) {
	out := numbered(docs)
	cuts := make([]bool, len(out))
	for i := range out {
		cuts[i] = urlCut(out[i].URL)
	}
	slots, least := blockLimits(chunkSize)
	nums, occ := stableNumbers(cuts, slots, least)
	return out, nums, occ
}

// numbered returns docs in URL order (compareDocs): docs itself when it
// is in that order already, else a sorted copy.
func numbered(docs []Doc) []Doc {
	ordered := true
	for i := 1; i < len(docs); i++ {
		if compareDocs(&docs[i-1], &docs[i]) > 0 {
			ordered = false
			break
		}
	}
	if ordered {
		return docs
	}
	ps := make([]*Doc, len(docs))
	for i := range docs {
		ps[i] = &docs[i]
	}
	slices.SortFunc(ps, compareDocs)
	out := make([]Doc, len(docs))
	for i, p := range ps {
		out[i] = *p
	}
	return out
}

// gapCode encodes the gaps of posting lists over stable numbers: the gap
// from prev to doc leaves out the free numbers at the end of prev's range
// when doc lies in a later range. The first posting's gap is its number
// + 1.
type gapCode struct {
	slots int32
	inv   uint64 // 2^40 / slots + 1: x·inv >> 40 is x / slots for every int32 x ≥ 0 (slots < 512)
	occ   []uint8
}

// newGapCode returns the gap code of ranges of slots numbers with
// occupancy occ.
func newGapCode(slots int, occ []uint8) *gapCode {
	return &gapCode{slots: int32(slots), inv: 1<<40/uint64(slots) + 1, occ: occ}
}

// rangeOf returns the range of number x ≥ 0: x / slots, without a
// division (a gap is coded per posting).
func (g *gapCode) rangeOf(x int32) int32 {
	hi, lo := bits.Mul64(uint64(x), g.inv)
	return int32(hi<<24 | lo>>40)
}

// gap returns the encoded gap from prev (-1 before the first posting) to
// doc > prev. A nil gapCode gives the plain difference.
func (g *gapCode) gap(prev, doc int32) uint64 {
	if prev < 0 || g == nil {
		return uint64(doc - prev)
	}
	j := g.rangeOf(prev)
	d := doc - prev
	if g.rangeOf(doc) > j {
		d -= g.slots - int32(g.occ[j])
	}
	return uint64(d)
}

// next decodes the document after prev (-1 before the first posting)
// from its encoded gap d. A nil gapCode adds the plain difference.
func (g *gapCode) next(prev int32, d uint64) int32 {
	if prev < 0 || g == nil {
		return prev + int32(d)
	}
	j := g.rangeOf(prev)
	doc := prev + int32(d)
	if doc >= j*g.slots+int32(g.occ[j]) {
		doc += g.slots - int32(g.occ[j])
	}
	return doc
}
