package site

import (
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

// CountyTotals adds the metrics of every region that is not city-wide: the
// county sums that city-wide figures stand beside, never added to.
func (s *Site) CountyTotals() []Total {
	var stories []*Story
	for _, r := range s.Regions {
		if !r.City {
			stories = append(stories, r.Stories...)
		}
	}
	return totals(stories)
}
