package render

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/quantity"
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
		"levels":    func() []string { return content.Levels },
		"levelName": content.LevelName,
		"figure":    Figure,
		"date":      func(t time.Time) string { return t.Format("2006年1月2日") },
		"isoDate":   func(t time.Time) string { return t.Format("2006-01-02") },
		"summary": func(st *StoryView) string {
			st.touch()
			st.rec.add(KeyStorySummary, st.st.Slug)
			return set.r.Summary(st.st)
		},
		"cover": func(st *StoryView) *Picture {
			st.place(KeyStoryCover)
			return set.r.cover(st.st, "cover")
		},
		"thumb": func(st *StoryView) *Picture {
			st.place(KeyStoryCover)
			return set.r.cover(st.st, "thumb")
		},
		"ogImage": func(st *StoryView) string {
			st.place(KeyStoryCover)
			return set.r.ogImage(st.st)
		},
		"storyBody": func(st *StoryView) (template.HTML, error) {
			st.body()
			return set.r.storyBody(st.st)
		},
		"dossierStory": func(st *StoryView) (template.HTML, error) { return set.r.dossierStory(set, st) },
		"printParts":   func(p *PageView) []PrintPartInfo { return printPartsOf(p.p) },
		"printPart":    func(p *PageView) PrintPartInfo { return printPartOf(p.p) },
		"printURL":     PrintURL,
		"card":         func(st *StoryView) (template.HTML, error) { return set.r.showCard(set, st) },
		"partialCached": func(name string, data any, variants ...any) (template.HTML, error) {
			return set.r.partialCached(set, name, data, variants...)
		},
		"timelineYears": func(years []*YearView) (template.HTML, error) { return timelineYears(set, years) },
		"timelineYear":  func(y *YearView) (template.HTML, error) { return timelineYear(set, y) },
		"relatedItem":   func(v *StoryView) (template.HTML, error) { return relatedItem(set, v) },
		"sub":           func(a, b int) int { return a - b },
		"firstAwards": func(n int, a []*AwardView) []*AwardView {
			if len(a) > n {
				return a[:n]
			}
			return a
		},
		"first": func(n int, s []*StoryView) []*StoryView {
			if len(s) > n {
				return s[:n]
			}
			return s
		},
		"pageURL":    URLOf,
		"add":        func(a, b int) int { return a + b },
		"liveReload": func() string { return th.opts.LiveReload },
		"hasStatic": func(p string) bool {
			set.rec.add(KeyStatic, "")
			for _, s := range set.r.site.Static {
				if s == p {
					return true
				}
			}
			return false
		},
		"awardsChart": func() template.HTML { return set.r.awardsChart(set.rec) },
		"regionBars":  func() template.HTML { return set.r.regionBars(set.rec) },
		"tileMap":     func(id, measure string) template.HTML { return set.r.tileMap(set.rec, id, measure) },
		"sparkline":   func(reg *RegionView) template.HTML { return set.r.sparkline(set.rec, reg.r) },
		"divisionName": func(r *RegionView) string {
			if r.r.Division == "" {
				return "区域"
			}
			return r.r.Division
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
