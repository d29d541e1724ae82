package render

import (
	"html/template"
	"slices"
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
func (th *Theme) timelineYears(set *tmplSet, years []*site.Year) (template.HTML, error) {
	key := TimelineKey(years)
	th.fragMu.Lock()
	h, ok := th.frags[key]
	th.fragMu.Unlock()
	if ok {
		return h, nil
	}
	var b strings.Builder
	if err := set.pages["timeline"].ExecuteTemplate(&b, "timeline-years", years); err != nil {
		return "", err
	}
	h = template.HTML(b.String())
	th.fragMu.Lock()
	if th.frags == nil || len(th.frags) >= maxFragments {
		th.frags = map[string]template.HTML{}
	}
	th.frags[key] = h
	th.fragMu.Unlock()
	return h, nil
}

// TimelineShown is how many stories, and how many awards of each level,
// a timeline lists per year (partials/timeline.html).
const TimelineShown = 10

// TimelineKey returns what the bundled theme's timeline of years shows
// (see timelineYears), as a string: equal keys, equal HTML.
func TimelineKey(years []*site.Year) string {
	var b strings.Builder
	b.Grow(len(years) * 2048) // about what a busy year takes
	sep := func(s string) {
		b.WriteString(s)
		b.WriteByte(0)
	}
	story := func(st *site.Story) {
		sep(st.Slug)
		sep(st.Title)
		sep(st.Region.Title)
	}
	var num []byte
	count := func(tag byte, n int) {
		num = append(strconv.AppendInt(append(num[:0], tag), int64(n), 10), 0)
		b.Write(num)
	}
	for _, y := range years {
		count('Y', y.Year)
		count('S', len(y.Stories))
		count('A', len(y.Awards))
		// The first TimelineShown awards of each level, in one pass.
		var n [4]int
		for _, a := range y.Awards {
			k := slices.Index(content.Levels, a.Level)
			if k < 0 {
				continue
			}
			if n[k] < TimelineShown {
				count('L', k)
				sep(a.Name)
				sep(a.Rank)
				story(a.Story)
			}
			n[k]++
		}
		for k := range n {
			count('N', n[k])
		}
		for _, st := range y.Stories[:min(len(y.Stories), TimelineShown)] {
			story(st)
		}
	}
	return b.String()
}
