package search

import "slices"

// Update is Build for a caller that knows what changed: docs has the
// length of the last call's documents and differs from them only at the
// positions listed in changed (a document that moved in the slice, as a
// changed date moves a story in the site's order, counts at its old and
// new positions). It compares only those. A changed document that keeps
// its URL is replaced in place, whatever field changed: that costs its
// own analysis, the shards it touches, its chunk and its bytes of the
// facet columns (all of them when a facet value appears or disappears).
// Any other call falls back to Build; the files are the same either way.
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
	// The entries of the documents that were at those positions, by URL.
	released := make(map[string][]int32, len(at))
	for _, i := range at {
		k := ix.pos[i]
		released[old[k].doc.URL] = append(released[old[k].doc.URL], k)
	}
	pos := slices.Clone(ix.pos)
	var fresh []int // positions of documents that are not one of those
	for _, i := range at {
		d := &docs[i]
		ks := released[d.URL]
		j := slices.IndexFunc(ks, func(k int32) bool { return docEqual(&old[k].doc, d) })
		if j < 0 {
			fresh = append(fresh, i)
			continue
		}
		pos[i] = ks[j]
		released[d.URL] = slices.Delete(ks, j, j+1)
	}
	// Each new document replaces the one released entry of its URL, in
	// place when that keeps the documents in order.
	next := old
	var repl []int32
	if len(fresh) > 0 {
		next = slices.Clone(old)
	}
	for _, i := range fresh {
		ks := released[docs[i].URL]
		if len(ks) != 1 {
			return ix.Build(docs)
		}
		k := ks[0]
		released[docs[i].URL] = nil
		e := &docEntry{doc: docs[i], num: k}
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
	ix.apply(next, segs, shift, fac)
	return ix.write()
}
