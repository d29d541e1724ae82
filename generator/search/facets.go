package search

import (
	"fmt"
	"slices"
	"strings"
)

// compareDocs orders documents for numbering: by URL (byte-wise), then by
// every other field, so that the order of a set of documents does not
// depend on the order they were given in (documents that compare equal are
// identical and index identically).
func compareDocs(a, b *Doc) int {
	if c := strings.Compare(a.URL, b.URL); c != 0 {
		return c
	}
	for _, p := range [...][2]string{{a.Title, b.Title}, {a.Summary, b.Summary}, {a.Body, b.Body},
		{a.Region, b.Region}, {a.RegionSlug, b.RegionSlug}, {a.Town, b.Town},
		{a.Category, b.Category}, {a.CategorySlug, b.CategorySlug}} {
		if c := strings.Compare(p[0], p[1]); c != 0 {
			return c
		}
	}
	if a.Year != b.Year {
		if a.Year < b.Year {
			return -1
		}
		return 1
	}
	if c := slices.Compare(a.Levels, b.Levels); c != 0 {
		return c
	}
	return slices.Compare(a.Tags, b.Tags)
}

// levelMask returns a document's award levels as a bit mask in [Levels]
// order.
func levelMask(d *Doc) (byte, error) {
	var mask byte
	for _, l := range d.Levels {
		k := slices.Index(Levels, l)
		if k < 0 {
			return 0, fmt.Errorf("search: doc %s: unknown award level %q", d.URL, l)
		}
		mask |= 1 << k
	}
	return mask, nil
}

// facetState is the facet part of an index: the header's value lists and
// the four byte columns (region, category, year, levels) by document
// number, with the number of documents of each value, so that an
// [Indexer] can update it for a few changed documents without a pass over
// all of them.
type facetState struct {
	regions, cats [][2]string // slug and name, sorted by slug
	years         []int       // newest first
	ridx, cidx    map[string]byte
	yidx          map[int]byte
	counts        [3][]int // documents per region, category and year index
	// consistent is whether every document's region and category names
	// are the ones listed for their slugs (the names of the first
	// documents with those slugs).
	consistent bool
	cols       [4][]byte
}

// newFacetState computes the facets of n documents; doc(i) is document
// number i.
func newFacetState(n int, doc func(int) *Doc) (*facetState, error) {
	regions := map[string]string{}
	cats := map[string]string{}
	years := map[int]bool{}
	consistent := true
	for i := range n {
		d := doc(i)
		if name, ok := regions[d.RegionSlug]; !ok {
			regions[d.RegionSlug] = d.Region
		} else if name != d.Region {
			consistent = false
		}
		if name, ok := cats[d.CategorySlug]; !ok {
			cats[d.CategorySlug] = d.Category
		} else if name != d.Category {
			consistent = false
		}
		years[d.Year] = true
	}
	if len(regions) > maxFacetVals || len(cats) > maxFacetVals || len(years) > maxFacetVals {
		return nil, fmt.Errorf("search: more than %d distinct regions, categories or years", maxFacetVals)
	}
	pairs := func(m map[string]string) ([][2]string, map[string]byte) {
		ks := make([]string, 0, len(m))
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		out := make([][2]string, len(ks))
		idx := make(map[string]byte, len(ks))
		for i, k := range ks {
			out[i] = [2]string{k, m[k]}
			idx[k] = byte(i)
		}
		return out, idx
	}
	f := &facetState{consistent: consistent}
	f.regions, f.ridx = pairs(regions)
	f.cats, f.cidx = pairs(cats)
	for y := range years {
		f.years = append(f.years, y)
	}
	slices.Sort(f.years)
	slices.Reverse(f.years)
	f.yidx = make(map[int]byte, len(f.years))
	for i, y := range f.years {
		f.yidx[y] = byte(i)
	}
	f.counts = [3][]int{make([]int, len(f.regions)), make([]int, len(f.cats)), make([]int, len(f.years))}
	for c := range f.cols {
		f.cols[c] = make([]byte, n)
	}
	for i := range n {
		d := doc(i)
		var v [4]byte
		v[0], v[1], v[2] = f.ridx[d.RegionSlug], f.cidx[d.CategorySlug], f.yidx[d.Year]
		mask, err := levelMask(d)
		if err != nil {
			return nil, err
		}
		v[3] = mask
		for c := range v {
			f.cols[c][i] = v[c]
		}
		for c := range f.counts {
			f.counts[c][v[c]]++
		}
	}
	return f, nil
}

// values returns a document's column values with the state's lists, and
// false when a value is not listed or its name is not the listed one.
func (f *facetState) values(d *Doc) ([4]byte, bool, error) {
	mask, err := levelMask(d)
	if err != nil {
		return [4]byte{}, false, err
	}
	r, ok1 := f.ridx[d.RegionSlug]
	c, ok2 := f.cidx[d.CategorySlug]
	y, ok3 := f.yidx[d.Year]
	ok := ok1 && ok2 && ok3 && f.regions[r][1] == d.Region && f.cats[c][1] == d.Category
	return [4]byte{r, c, y, mask}, ok, nil
}

// update returns the facets after segs (see [segment]; shift is the
// change in the number of documents, n the new number) when the value
// lists stay the same: every changed document's values are listed with
// the listed names, and every value keeps a document. Otherwise it
// returns nil (the caller computes the facets again); it fails only for
// an unknown award level. f does not change.
func (f *facetState) update(segs []segment, shift, n int) (*facetState, error) {
	if !f.consistent {
		return nil, nil
	}
	g := *f
	for c := range g.counts {
		g.counts[c] = slices.Clone(f.counts[c])
	}
	vals := make([][][4]byte, len(segs))
	for k, sg := range segs {
		for _, e := range sg.oldMid {
			v, _, _ := f.values(&e.doc) // listed: it was indexed with these lists
			for c := range g.counts {
				g.counts[c][v[c]]--
			}
		}
		for _, e := range sg.newMid {
			v, ok, err := f.values(&e.doc)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, nil
			}
			for c := range g.counts {
				g.counts[c][v[c]]++
			}
			vals[k] = append(vals[k], v)
		}
	}
	for c := range g.counts {
		if slices.Contains(g.counts[c], 0) {
			return nil, nil
		}
	}
	for c := range g.cols {
		if shift == 0 {
			g.cols[c] = slices.Clone(f.cols[c])
		} else {
			sg := segs[0] // one segment when documents move
			col := make([]byte, 0, n)
			col = append(col, f.cols[c][:sg.p]...)
			col = append(col, make([]byte, len(sg.newMid))...)
			g.cols[c] = append(col, f.cols[c][sg.oldEnd:]...)
		}
		for k, sg := range segs {
			for j, v := range vals[k] {
				g.cols[c][sg.p+j] = v[c]
			}
		}
	}
	return &g, nil
}

// header sets the facet value lists of a meta header.
func (f *facetState) header(m *Meta) {
	m.Regions, m.Categories, m.Years = f.regions, f.cats, f.years
	m.Levels = make([][2]string, len(Levels))
	for i := range Levels {
		m.Levels[i] = [2]string{Levels[i], LevelNames[i]}
	}
}
