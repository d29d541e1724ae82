package search

import "slices"

// Update is Build for a caller that knows what changed: docs has the
// length of the last Build's documents and differs from them only at the
// positions listed in changed. It compares only those, and keeps the
// facet columns when the changed documents keep their region, category,
// year and award levels, so that an edit of one document's text costs
// about its own analysis and the shards it touches, not a pass over every
// document. Any other call falls back to Build; the files are the same
// either way.
func (ix *Indexer) Update(docs []Doc, changed []int) ([]File, error) {
	old := ix.entries
	if len(docs) != len(old) || ix.facets == nil {
		return ix.Build(docs)
	}
	var fresh []int
	for _, i := range changed {
		if i < 0 || i >= len(docs) {
			return ix.Build(docs)
		}
		if docEqual(&old[i].doc, &docs[i]) || slices.Contains(fresh, i) {
			continue
		}
		if !sameFacets(&old[i].doc, &docs[i]) {
			return ix.Build(docs)
		}
		fresh = append(fresh, i)
	}
	if len(fresh) == 0 {
		return ix.write(ix.newFacets(), docs)
	}
	slices.Sort(fresh)
	p, end := fresh[0], fresh[len(fresh)-1]+1
	next := slices.Clone(old)
	ix.analyze(docs, fresh, next)
	ix.updateTerms(old[p:end], next[p:end], p, end, 0)
	ix.updatePinyin(old[p:end], next[p:end], p, end, 0)
	ix.updateChunks(next, p, end, 0)
	ix.entries = next
	return ix.write(ix.newFacets(), docs)
}

// newFacets returns a builder for write with the last build's facets: its
// header lists and columns (write fills in the rest of the header).
func (ix *Indexer) newFacets() *builder {
	f := ix.facets
	b := &builder{opts: f.opts, cols: f.cols}
	b.meta.Regions, b.meta.Categories, b.meta.Years, b.meta.Levels = f.meta.Regions, f.meta.Categories, f.meta.Years, f.meta.Levels
	return b
}

// sameFacets reports whether two documents have the same facet values, so
// that neither the facet lists nor the columns change when one replaces
// the other.
func sameFacets(a, b *Doc) bool {
	return a.Region == b.Region && a.RegionSlug == b.RegionSlug && a.Category == b.Category &&
		a.CategorySlug == b.CategorySlug && a.Year == b.Year && slices.Equal(a.Levels, b.Levels)
}
