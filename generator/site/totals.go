package site

import (
	"slices"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/quantity"
)

// Total is the sum of one metric over a scope's stories: same name and
// dimension, units normalised over 万 and 亿, hedges carried (see
// quantity.Sum).
type Total struct {
	Name    string
	Display string // as shown: 1.2亿元, 300余亿元, 逾1.2亿元
	Count   int    // figures added
	Total   quantity.Total
}

// totals adds the metrics of the given stories by name and dimension.
// Figures that do not add up (percentages) are left out.
func totals(stories []*Story) []Total {
	var items []quantity.Named
	for _, st := range stories {
		items = appendItems(items, st.Metrics)
	}
	return fromGroups(quantity.Totals(items))
}

func appendItems(items []quantity.Named, ms []content.Metric) []quantity.Named {
	for _, m := range ms {
		v, err := quantity.ParseDecimal(m.Value)
		if err != nil {
			continue // content has validated every value
		}
		items = append(items, quantity.Named{Name: m.Name, Figure: quantity.Figure{Value: v, Unit: m.Unit, Qualifier: m.Qualifier}})
	}
	return items
}

func fromGroups(groups []quantity.Group) []Total {
	var out []Total
	for _, g := range groups {
		if g.Err != nil {
			continue
		}
		out = append(out, newTotal(g.Name, g.Total))
	}
	return out
}

func newTotal(name string, t quantity.Total) Total {
	return Total{Name: name, Display: t.String(), Count: t.Count, Total: t}
}

// key is a total's group: its name and dimension.
func (t Total) key() [2]string { return [2]string{t.Name, t.Total.Base} }

// CountyTotals adds the metrics of every region that is not city-wide: the
// county sums that city-wide figures stand beside, never added to. They are
// the regions' totals combined, region by region, which is what adding the
// regions' stories one after the other gives: a group's figures either all
// add up or none do, since that depends on the dimension alone.
//
// They are computed once per model and kept until Patch or Move changes
// it; the caller must not modify them.
func (s *Site) CountyTotals() []Total {
	s.countyMu.Lock()
	defer s.countyMu.Unlock()
	if !s.countyOK {
		s.county, s.countyOK = s.countyTotals(), true
	}
	return s.county
}

// forgetCountyTotals drops the kept county totals, before the model
// changes in place.
func (s *Site) forgetCountyTotals() {
	s.countyMu.Lock()
	s.county, s.countyOK = nil, false
	s.countyMu.Unlock()
}

func (s *Site) countyTotals() []Total {
	idx := map[[2]string]int{}
	var out []Total
	for _, r := range s.Regions {
		if r.City {
			continue
		}
		for _, t := range r.Totals {
			if i, ok := idx[t.key()]; ok {
				out[i] = newTotal(t.Name, quantity.Combine(out[i].Total, t.Total))
				continue
			}
			idx[t.key()] = len(out)
			out = append(out, t)
		}
	}
	return out
}

// retotal returns the totals of r after one of its stories, st, changed
// its metrics from old to st's (or joined or left r: old or st's metrics
// are then nil) and perhaps moved from before to after position before
// (positions in r.Stories, after is st's current one; a story that left
// has after -1, one that joined before -1). It changes the totals in
// place of adding every story again when st holds the first figure of no
// group at either place: then no group comes or goes and their order, the
// order of their first figures, stays.
func retotal(r *Region, st *Story, old []content.Metric, before, after int) []Total {
	var nw []content.Metric
	if after >= 0 {
		nw = st.Metrics
	}
	// The stories before st at either place must hold a figure of every
	// group of its metrics there: before (after) other stories came (come)
	// before it, the same in either list, since the others keep their order.
	if before >= 0 && !firstsBefore(r.Stories, st, before, old) {
		return totals(r.Stories)
	}
	if after >= 0 && !firstsBefore(r.Stories, st, after, nw) {
		return totals(r.Stories)
	}
	out := slices.Clone(r.Totals)
	idx := map[[2]string]int{}
	for i, t := range out {
		idx[t.key()] = i
	}
	for _, t := range fromGroups(quantity.Totals(appendItems(nil, old))) {
		i, ok := idx[t.key()]
		if !ok {
			return totals(r.Stories)
		}
		rest, ok := quantity.Remove(out[i].Total, t.Total)
		if !ok {
			return totals(r.Stories)
		}
		out[i] = newTotal(t.Name, rest)
	}
	for _, t := range fromGroups(quantity.Totals(appendItems(nil, nw))) {
		i, ok := idx[t.key()]
		if !ok {
			return totals(r.Stories)
		}
		out[i] = newTotal(t.Name, quantity.Combine(out[i].Total, t.Total))
	}
	return out
}

// firstsBefore reports whether every metric of ms, by name and dimension,
// has a figure in the first n stories of the list other than skip.
func firstsBefore(stories []*Story, skip *Story, n int, ms []content.Metric) bool {
	want := map[[2]string]bool{}
	for _, m := range ms {
		want[[2]string{m.Name, quantity.Dimension(m.Unit)}] = true
	}
	for _, st := range stories {
		if len(want) == 0 || n == 0 {
			break
		}
		if st == skip {
			continue
		}
		n--
		for _, m := range st.Metrics {
			delete(want, [2]string{m.Name, quantity.Dimension(m.Unit)})
		}
	}
	return len(want) == 0
}

// reuseTotals returns r's totals, taken from the same region of prev when
// it lists the same stories (content objects are replaced when their file
// changes, so identity means unchanged).
func reuseTotals(prev *Site, r *Region) []Total {
	if prev != nil {
		if p := prev.regionBySlug[r.Slug]; p != nil && p.Region == r.Region && sameStories(p.Stories, r.Stories) {
			return p.Totals
		}
	}
	return totals(r.Stories)
}

func sameStories(a, b []*Story) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Story != b[i].Story {
			return false
		}
	}
	return true
}
