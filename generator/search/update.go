package search

import (
	"slices"
)

// Update is Build for a caller that knows what changed: docs has the
// length of the last call's documents and differs from them only at the
// positions listed in changed (when a document moves in the slice, as a
// changed date moves a story in the site's order, every position from its
// old place to its new one holds another document and is listed). It
// compares only those. A document that only moved costs that comparison;
// a changed document that keeps its URL is replaced in place, whatever
// field changed: that costs its analysis (none when only its year, award
// levels or slugs changed), the shards of the terms it gained, lost or
// changed weight in, the pinyin shards of the keys (of its title, region,
// town or tags) it gained or lost, its chunk and its bytes of the facet
// columns (all of
// them when a facet value appears or disappears). Any other call (a
// document added, deleted or renamed) falls back to Build; the files are
// the same either way.
func (ix *Indexer) Update(docs []Doc, changed []int) ([]File, error) {
	old := ix.entries
	if len(docs) != len(ix.pos) || ix.facets == nil {
		return ix.Build(docs)
	}
	seen := make(map[int]bool, len(changed))
	var at []int // changed positions, once each
	for _, i := range changed {
		if i < 0 || i >= len(docs) {
			return ix.Build(docs)
		}
		if !seen[i] {
			seen[i] = true
			at = append(at, i)
		}
	}
	// The entries of the documents that were at those positions are
	// released; each document there takes an equal released entry: most
	// likely that of a neighbouring position (the documents between a
	// moved one's old and new place shift by one), else one of its URL.
	released := make([]bool, len(old))
	for _, i := range at {
		released[ix.pos[i]] = true
	}
	ofURL := func(u string) (int, int) { return ix.ofURL(old, u) }
	pos := slices.Clone(ix.pos)
	var fresh []int // positions of documents that are not one of those
	for _, i := range at {
		d := &docs[i]
		k := int32(-1)
		for _, j := range [...]int{i - 1, i + 1, i} {
			if j >= 0 && j < len(pos) {
				if c := ix.pos[j]; released[c] && docEqual(&old[c].doc, d) {
					k = c
					break
				}
			}
		}
		if k < 0 {
			lo, hi := ofURL(d.URL)
			for c := lo; c < hi; c++ {
				if released[c] && docEqual(&old[c].doc, d) {
					k = int32(c)
					break
				}
			}
		}
		if k < 0 {
			fresh = append(fresh, i)
			continue
		}
		released[k] = false
		pos[i] = k
	}
	// Each new document replaces the one released entry of its URL, in
	// place when that keeps the documents in order.
	next := old
	var repl []int32
	if len(fresh) > 0 {
		next = slices.Clone(old)
	}
	for _, i := range fresh {
		lo, hi := ofURL(docs[i].URL)
		k := int32(-1)
		for c := lo; c < hi; c++ {
			if released[c] {
				if k >= 0 {
					return ix.Build(docs) // which one is ambiguous
				}
				k = int32(c)
			}
		}
		if k < 0 {
			return ix.Build(docs) // a new URL: documents are renumbered
		}
		released[k] = false
		e := &docEntry{doc: docs[i], num: k, cut: old[k].cut}
		e.doc.Levels, e.doc.Tags = slices.Clone(e.doc.Levels), slices.Clone(e.doc.Tags)
		next[k] = e
		pos[i] = k
		repl = append(repl, k)
	}
	for _, k := range repl {
		if k > 0 && compareDocs(&next[k-1].doc, &next[k].doc) > 0 ||
			int(k) < len(next)-1 && compareDocs(&next[k].doc, &next[k+1].doc) > 0 {
			return ix.Build(docs)
		}
	}
	if len(repl) == 0 {
		ix.pos = pos
		return ix.write()
	}
	segs, shift := changes(old, next)
	fac, err := ix.nextFacets(next, segs, shift)
	if err != nil {
		return nil, err
	}
	fe, prev := make([]*docEntry, len(repl)), make([]*docEntry, len(repl))
	for j, k := range repl {
		fe[j], prev[j] = next[k], old[k]
	}
	ix.analyze(fe, prev)
	ix.pos = pos
	ix.apply(next, ix.nums, ix.occ, segs, fac)
	return ix.write()
}
