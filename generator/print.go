package generator

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// cityPrintKey is what the first part of the city's dossier shows besides
// its stories: each region's story and award counts, the county sums and
// the city-wide totals (render.CityPrintPages).
func cityPrintKey(s *site.Site) string {
	var b strings.Builder
	for _, r := range s.Regions {
		fmt.Fprintf(&b, "%s\x00%d\x00%d\x00", r.Slug, len(r.Stories), r.AwardCounts.Total())
		if r.City {
			for _, t := range r.Totals {
				fmt.Fprintf(&b, "%s\x00%s\x00%d\x00", t.Name, t.Display, t.Count)
			}
		}
	}
	for _, t := range s.CountyTotals() {
		fmt.Fprintf(&b, "%s\x00%s\x00%d\x00", t.Name, t.Display, t.Count)
	}
	return b.String()
}

// printShows reports whether a dossier part p shows something an edit in
// place (site.Site.Patch) may have changed: one of the stories, or — on a
// first part — the totals and timeline of its region or of the city.
func printShows(p *render.Page, edits []site.Edit) bool {
	for _, e := range edits {
		if slices.Contains(p.List, e.Story) {
			return true
		}
		if p.Pager != nil && p.Pager.Number == 1 && (p.Region == nil || p.Region == e.Story.Region) {
			return true
		}
	}
	return false
}
