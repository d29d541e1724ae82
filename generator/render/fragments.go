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

// timelineYear renders the theme's "timeline-year" template for one year
// of a timeline as a part (parts.go) named by the year's id: the site's
// year and each region's year are rendered once per Renderer, and by the
// dev server again only when a key the year read changed.
func timelineYear(set *tmplSet, y *YearView) (template.HTML, error) {
	return set.r.part(set, "timeline", "timeline-year", "timeline-year\x00"+y.id, func(rec *recorder) any {
		return &YearView{y: y.y, id: y.id, rec: rec}
	})
}

// relatedItem renders the theme's "related-item" template for a story
// that a story page lists as related, as a part (parts.go) named by its
// slug: a story listed by six others is rendered once per Renderer, and by
// the dev server again only when a key it read changed.
func relatedItem(set *tmplSet, v *StoryView) (template.HTML, error) {
	return set.r.part(set, "story", "related-item", "related-item\x00"+v.st.Slug, func(rec *recorder) any {
		return storyView(v.st, rec)
	})
}

// TimelineShown is how many stories, and how many awards of each level,
// the bundled theme's timeline lists per year (partials/timeline.html).
const TimelineShown = 10
