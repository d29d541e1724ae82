package render

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// maxFragments bounds the fragment cache: past it, the cache starts
// afresh.
const maxFragments = 256

// timelineYears renders the theme's "timeline-years" template for a
// timeline, reusing the HTML of an earlier call whose timeline showed the
// same: a timeline page or a region's first page at 10,000 stories lists
// hundreds of awards and stories, and an edit rarely changes them. The key
// is everything the bundled template shows: per year its number, whether
// it is empty or has stories, the count and the first TimelineShown
// awards of each level (name, rank, story URL, title and region) and the
// count and the first TimelineShown stories (URL, title, region).
func (r *Renderer) timelineYears(years []*site.Year) (template.HTML, error) {
	key := TimelineKey(years)
	r.fragMu.Lock()
	h, ok := r.frags[key]
	r.fragMu.Unlock()
	if ok {
		return h, nil
	}
	var b strings.Builder
	if err := r.pages["timeline"].ExecuteTemplate(&b, "timeline-years", years); err != nil {
		return "", err
	}
	h = template.HTML(b.String())
	r.fragMu.Lock()
	if r.frags == nil || len(r.frags) >= maxFragments {
		r.frags = map[string]template.HTML{}
	}
	r.frags[key] = h
	r.fragMu.Unlock()
	return h, nil
}

// TimelineShown is how many stories, and how many awards of each level,
// a timeline lists per year (partials/timeline.html).
const TimelineShown = 10

// TimelineKey returns what the bundled theme's timeline of years shows
// (see timelineYears), as a string: equal keys, equal HTML.
func TimelineKey(years []*site.Year) string {
	var b strings.Builder
	sep := func(s string) {
		b.WriteString(s)
		b.WriteByte(0)
	}
	story := func(st *site.Story) {
		sep(st.URL())
		sep(st.Title)
		sep(st.Region.Title)
	}
	for _, y := range years {
		sep("Y" + strconv.Itoa(y.Year) + "/" + strconv.Itoa(len(y.Stories)) + "/" + strconv.Itoa(len(y.Awards)))
		for _, level := range content.Levels {
			n := 0
			for _, a := range y.Awards {
				if a.Level != level {
					continue
				}
				if n < TimelineShown {
					sep(a.Name)
					sep(a.Rank)
					story(a.Story)
				}
				n++
			}
			sep("L" + strconv.Itoa(n))
		}
		for _, st := range y.Stories[:min(len(y.Stories), TimelineShown)] {
			story(st)
		}
	}
	return b.String()
}
