package generator

import (
	"cmp"
	"slices"
	"sort"

	"github.com/ningbo-showcase/showcase/generator/cms"
	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// writeAdmin writes Decap CMS into admin/ when hugo.toml names a git
// backend for it ([params.showcase.cms]); without one a published site
// has no /admin/. A static/ file of the same path wins. baseURL is the
// site's address.
func writeAdmin(w *writer, s *site.Site, baseURL string) error {
	if s.Config.CMS == nil {
		return nil
	}
	files, err := cms.SiteFiles(contentSite(s), baseURL)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := w.raw("admin/"+n, files[n]); err != nil {
			return err
		}
	}
	return nil
}

// contentSite is the loaded content behind a site model, what the CMS's
// configuration is made from.
func contentSite(s *site.Site) *content.Site {
	cs := &content.Site{Config: s.Config, Home: s.Home, Pages: s.Pages, Static: s.Static}
	for _, p := range s.Sections {
		cs.Sections = append(cs.Sections, p)
	}
	slices.SortFunc(cs.Sections, func(a, b *content.Page) int { return cmp.Compare(a.Slug, b.Slug) })
	for _, st := range s.Stories {
		cs.Stories = append(cs.Stories, st.Story)
	}
	for _, r := range s.Regions {
		cs.Regions = append(cs.Regions, r.Region)
	}
	for _, c := range s.Categories {
		cs.Categories = append(cs.Categories, c.Category)
	}
	return cs
}
