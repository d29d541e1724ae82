package opendata

import (
	"encoding/json"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/site"
)

type regionsFile struct {
	Title   string   `json:"title"`
	Source  string   `json:"source"`
	License string   `json:"license,omitempty"`
	Regions []region `json:"regions"`
	// CountyTotals add the totals of every region that is not city-wide:
	// the sums that city-wide figures stand beside.
	CountyTotals []total `json:"countyTotals"`
}

type region struct {
	Slug        string         `json:"slug"`
	Name        string         `json:"name"`
	Division    string         `json:"division,omitempty"`
	URL         string         `json:"url"`
	City        bool           `json:"cityWide"`
	Successor   string         `json:"successor,omitempty"`
	Until       int            `json:"until,omitempty"`
	Stories     int            `json:"stories"`
	Awards      int            `json:"awards"`
	AwardLevels map[string]int `json:"awardLevels"`
	Totals      []total        `json:"totals"`
}

type total struct {
	Name      string      `json:"name"`
	Value     json.Number `json:"value"`
	Unit      string      `json:"unit"`
	Qualifier string      `json:"qualifier"`
	Display   string      `json:"display"`
	Exact     json.Number `json:"exact"`
	Base      string      `json:"baseUnit"`
	Count     int         `json:"figures"`
}

// Regions returns data/regions.json.
func Regions(s *site.Site, o Options) ([]byte, error) {
	f := regionsFile{Title: s.Config.Title, Source: o.url(""), License: s.Config.License, Regions: make([]region, 0, len(s.Regions)), CountyTotals: totalsOf(s.CountyTotals())}
	for _, r := range s.Regions {
		reg := region{Slug: r.Slug, Name: r.Title, Division: r.Division, URL: o.url(r.URL()), City: r.City, Until: r.Until,
			Stories: len(r.Stories), Awards: r.AwardCounts.Total(), AwardLevels: map[string]int{}, Totals: totalsOf(r.Totals)}
		if r.Successor != nil {
			reg.Successor = r.Successor.Slug
		}
		for _, l := range content.Levels {
			reg.AwardLevels[l] = r.AwardCounts.Get(l)
		}
		f.Regions = append(f.Regions, reg)
	}
	return marshal(f)
}

func totalsOf(ts []site.Total) []total {
	out := make([]total, 0, len(ts))
	for _, t := range ts {
		out = append(out, total{Name: t.Name, Value: json.Number(t.Total.Value.String()), Unit: t.Total.Unit, Qualifier: t.Total.Qualifier,
			Display: t.Display, Exact: json.Number(t.Total.Exact.String()), Base: t.Total.Base, Count: t.Count})
	}
	return out
}
