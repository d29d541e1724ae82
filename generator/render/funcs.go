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

// funcs returns the template functions, built for this renderer.
func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"relURL": func(p string) string { return r.root + strings.TrimPrefix(p, "/") },
		"absURL": r.AbsURL,
		"asset": func(name string) (*Asset, error) {
			a := r.assets[name]
			if a == nil {
				return nil, fmt.Errorf("theme has no asset %q", name)
			}
			return &Asset{Path: a.Path, URL: r.root + a.Path, Integrity: a.Integrity, Data: a.Data}, nil
		},
		"levels":        func() []string { return content.Levels },
		"levelName":     content.LevelName,
		"figure":        Figure,
		"date":          func(t time.Time) string { return t.Format("2006年1月2日") },
		"isoDate":       func(t time.Time) string { return t.Format("2006-01-02") },
		"summary":       r.Summary,
		"card":          r.card,
		"timelineYears": r.timelineYears,
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
		"liveReload": func() string { return r.opts.LiveReload },
		"hasStatic": func(p string) bool {
			for _, s := range r.site.Static {
				if s == p {
					return true
				}
			}
			return false
		},
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
