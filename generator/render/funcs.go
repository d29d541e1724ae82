package render

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/quantity"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// funcs returns the template functions of one template set: those that
// depend on the model act for the Renderer executing with the set.
func (th *Theme) funcs(set *tmplSet) template.FuncMap {
	return template.FuncMap{
		"relURL": func(p string) string { return th.root + strings.TrimPrefix(p, "/") },
		"absURL": th.AbsURL,
		"asset": func(name string) (*Asset, error) {
			a := th.assets[name]
			if a == nil {
				return nil, fmt.Errorf("theme has no asset %q", name)
			}
			return &Asset{Path: a.Path, URL: th.root + a.Path, Integrity: a.Integrity, Data: a.Data}, nil
		},
		"levels":        func() []string { return content.Levels },
		"levelName":     content.LevelName,
		"figure":        Figure,
		"date":          func(t time.Time) string { return t.Format("2006年1月2日") },
		"isoDate":       func(t time.Time) string { return t.Format("2006-01-02") },
		"summary":       func(st *site.Story) string { return set.r.Summary(st) },
		"cover":         func(st *site.Story) *Picture { return set.r.cover(st, "cover") },
		"thumb":         func(st *site.Story) *Picture { return set.r.cover(st, "thumb") },
		"ogImage":       func(st *site.Story) string { return set.r.ogImage(st) },
		"card":          func(st *site.Story) (template.HTML, error) { return set.r.card(set, st) },
		"timelineYears": func(years []*site.Year) (template.HTML, error) { return th.timelineYears(set, years) },
		"sub":           func(a, b int) int { return a - b },
		"firstAwards": func(n int, a []site.AwardRef) []site.AwardRef {
			if len(a) > n {
				return a[:n]
			}
			return a
		},
		"first": func(n int, s []*site.Story) []*site.Story {
			if len(s) > n {
				return s[:n]
			}
			return s
		},
		"pageURL":    URLOf,
		"add":        func(a, b int) int { return a + b },
		"liveReload": func() string { return th.opts.LiveReload },
		"hasStatic": func(p string) bool {
			for _, s := range set.r.site.Static {
				if s == p {
					return true
				}
			}
			return false
		},
		"awardsChart": func() template.HTML { return set.r.awardsChart() },
		"regionBars":  func() template.HTML { return set.r.regionBars() },
		"tileMap":     func(id, measure string) template.HTML { return set.r.tileMap(id, measure) },
		"sparkline":   func(reg *site.Region) template.HTML { return set.r.sparkline(reg) },
		"storyBody":   func(st *site.Story) template.HTML { return set.r.storyBody(st) },
		"printParts":  printPartsOf,
		"printURL":    PrintURL,
		"divisionName": func(r *site.Region) string {
			if r.Division == "" {
				return "区域"
			}
			return r.Division
		},
	}
}

// Figure returns a metric in the editor's own form: 300余亿元, 近2万户次.
func Figure(m content.Metric) string {
	v, err := quantity.ParseDecimal(m.Value)
	if err != nil {
		return m.Value + m.Unit
	}
	return quantity.Figure{Value: v, Unit: m.Unit, Qualifier: m.Qualifier}.String()
}
