package generator

import (
	"reflect"
	"slices"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// model returns the site model of cs, whose load had no errors. When only
// story files changed, each still the same story of the last model, the
// last model is patched in place (site.Site.Patch), or, for one story
// that moved in its lists, moved (site.Site.Move); patched and moved say
// which. Anything else builds a new model with site.BuildFrom, reusing the
// last one's totals.
func (s *Session) model(cs *content.Site, changed []string) (st *site.Site, moved, patched bool) {
	s.dirty = nil
	if st, moved, dirty, ok := s.patchModel(cs, changed); ok {
		s.dirty = dirty
		return st, moved, true
	}
	var prev *site.Site
	if s.last != nil {
		prev = s.last.site
	}
	st = site.BuildFrom(cs, prev)
	if s.opts.BaseURL != "" {
		st.Config.BaseURL = s.opts.BaseURL
	}
	return st, false, false
}

// patchModel patches the last model in place for an edit of story files
// that keeps the site-wide inputs and the set of stories, and reports
// whether it did, and which keys of the model the change can have touched.
func (s *Session) patchModel(cs *content.Site, changed []string) (*site.Site, bool, *dirtyKeys, bool) {
	last := s.last
	if last == nil || changed == nil {
		return nil, false, nil, false
	}
	prev := last.cs
	if !reflect.DeepEqual(*cs.Config, s.cfg) || cs.Home != prev.Home || !slices.Equal(cs.Sections, prev.Sections) ||
		!slices.Equal(cs.Pages, prev.Pages) || !slices.Equal(cs.Regions, prev.Regions) ||
		!slices.Equal(cs.Categories, prev.Categories) || !slices.Equal(cs.Tags, prev.Tags) ||
		!slices.Equal(cs.Static, prev.Static) || len(cs.Stories) != len(prev.Stories) {
		return nil, false, nil, false
	}
	var edits []site.Edit
	paths := map[string]bool{}
	var placed map[*content.Story]*site.Story // the last model's stories by content
	for i, st := range cs.Stories {
		old := prev.Stories[i]
		if st == old {
			continue
		}
		if placed == nil {
			placed = make(map[*content.Story]*site.Story, len(last.site.Stories))
			for _, x := range last.site.Stories {
				placed[x.Story] = x
			}
		}
		x, ok := placed[old]
		if !ok || st.Path != old.Path || hasPhotos(st) || hasPhotos(old) {
			return nil, false, nil, false // photos are planned again with a new model
		}
		edits = append(edits, site.Edit{Story: x, New: st})
		paths[st.Path] = true
	}
	for _, p := range changed {
		if !paths[p] && !s.loader.Transient(p) {
			return nil, false, nil, false // a resource, a directory, a file that is gone
		}
	}
	if tc, ok := last.site.Patch(cs.Config, edits); ok {
		return last.site, false, patched(edits, tc), true
	}
	if len(edits) != 1 {
		return nil, false, nil, false
	}
	awards := len(edits[0].Story.Story.Awards) > 0
	if mc, ok := last.site.Move(cs.Config, edits[0]); ok {
		return last.site, true, moved(edits[0], mc, awards), true
	}
	return nil, false, nil, false
}
