package site

import (
	"slices"
	"sync"

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
		for _, m := range st.Metrics {
			v, err := quantity.ParseDecimal(m.Value)
			if err != nil {
				continue // content has validated every value
			}
			items = append(items, quantity.Named{Name: m.Name, Figure: quantity.Figure{Value: v, Unit: m.Unit, Qualifier: m.Qualifier}})
		}
	}
	var out []Total
	for _, g := range quantity.Totals(items) {
		if g.Err != nil {
			continue
		}
		out = append(out, Total{Name: g.Name, Display: g.Total.String(), Count: g.Total.Count, Total: g.Total})
	}
	return out
}

// countyTotals memoises a site's county sums with the stories they add.
type countyTotals struct {
	once    sync.Once
	stories []*content.Story
	totals  []Total
}

// CountyTotals adds the metrics of every region that is not city-wide: the
// county sums that city-wide figures stand beside, never added to. It is
// computed once per model (and reused from the previous model by
// BuildFrom when the stories are the same).
func (s *Site) CountyTotals() []Total {
	c := s.county
	c.once.Do(func() {
		var stories []*Story
		for _, r := range s.Regions {
			if !r.City {
				stories = append(stories, r.Stories...)
			}
		}
		c.stories = identities(stories)
		c.totals = totals(stories)
	})
	return c.totals
}

func identities(stories []*Story) []*content.Story {
	out := make([]*content.Story, len(stories))
	for i, st := range stories {
		out[i] = st.Story
	}
	return out
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

// reuseCounty carries the county sums over from prev when the stories they
// add are the same.
func reuseCounty(prev, s *Site) *countyTotals {
	c := &countyTotals{}
	if prev == nil || prev.county == nil || prev.county.stories == nil {
		return c
	}
	var stories []*Story
	for _, r := range s.Regions {
		if !r.City {
			stories = append(stories, r.Stories...)
		}
	}
	if slices.Equal(prev.county.stories, identities(stories)) {
		c.once.Do(func() { c.stories, c.totals = prev.county.stories, prev.county.totals })
	}
	return c
}
