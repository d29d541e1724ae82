package render

import (
	"html/template"
	"strings"
)

// timelineYears renders the theme's "timeline-years" template for a
// timeline's years, with the template set (and so the recorder) of the
// page that shows it.
func timelineYears(set *tmplSet, years []*YearView) (template.HTML, error) {
	var b strings.Builder
	if err := set.pages["timeline"].ExecuteTemplate(&b, "timeline-years", years); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// TimelineShown is how many stories, and how many awards of each level,
// the bundled theme's timeline lists per year (partials/timeline.html).
const TimelineShown = 10
