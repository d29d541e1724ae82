package generator

import (
	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// relatedPages returns, for a Session patch, the story pages whose
// related section (see site.RelatedMax) may show something else: those
// whose list changed (changed), which must be rendered, and those listing
// an edited story. The latter are rendered when the section shows
// something of it that changed (title, region, year), else only
// re-keyed. olds are what each edit replaced; last.index must already
// point at the new content.
func relatedPages(last *lastBuild, changed []*site.Story, edits []site.Edit, olds []*content.Story) (redo, rekey []*render.Page) {
	page := func(st *site.Story) *render.Page { return last.stories[last.index[st.Story]] }
	for _, st := range changed {
		redo = append(redo, page(st))
	}
	for k, e := range edits {
		old, nw := olds[k], e.New
		shown := old.Title != nw.Title || old.Region != nw.Region || old.Year != nw.Year
		for _, o := range last.site.Listing(e.Story) {
			if shown {
				redo = append(redo, page(o))
			} else {
				rekey = append(rekey, page(o))
			}
		}
	}
	return redo, rekey
}
