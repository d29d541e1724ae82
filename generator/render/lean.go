package render

import (
	"html/template"
	"strings"

	"github.com/ningbo-showcase/showcase/generator/site"
)

// A Renderer whose cards no later model takes over (no Input.Cards: a
// CLI build) keeps of a card that pages splice only its minified
// fragment, not its HTML as rendered: at 100,000 stories that is about
// 100 MB less held while the lists render. A page that shows the card
// without splicing renders it again (cardAgain).

// cardAgain renders st's card (layout "story-card") for a page that shows
// it without splicing, when the Renderer kept only its fragment.
func (r *Renderer) cardAgain(set *tmplSet, st *site.Story) (template.HTML, error) {
	var b strings.Builder
	if _, err := renderApart(set, set.pages["list"], &b, "story-card", func(rec *recorder) any { return storyView(st, rec) }); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}
