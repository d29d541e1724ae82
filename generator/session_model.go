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
// that moved in its lists, moved (site.Site.Move); when one story file was
// added, deleted or renamed, its story is added or removed in place
// (site.Site.Add, site.Site.Remove: reshapeModel). patched and moved say
// which (an addition or a removal counts as a move). Anything else builds
// a new model with site.BuildFrom, reusing the last one's totals.
func (s *Session) model(cs *content.Site, changed []string) (st *site.Site, moved, patched bool) {
	s.dirty = nil
	if st, moved, dirty, ok := s.patchModel(cs, changed); ok {
		s.dirty = dirty
		return st, moved, true
	}
	if dirty, ok := s.reshapeModel(cs, changed); ok {
		s.dirty = dirty
		return s.last.site, true, true
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
	if !s.sameInputs(cs) || len(cs.Stories) != len(prev.Stories) {
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

// sameInputs reports whether cs has the site-wide inputs of the last
// build's content: config, home, sections, pages, regions, categories, tag
// pages and static files.
func (s *Session) sameInputs(cs *content.Site) bool {
	prev := s.last.cs
	return reflect.DeepEqual(*cs.Config, s.cfg) && cs.Home == prev.Home && slices.Equal(cs.Sections, prev.Sections) &&
		slices.Equal(cs.Pages, prev.Pages) && slices.Equal(cs.Regions, prev.Regions) &&
		slices.Equal(cs.Categories, prev.Categories) && slices.Equal(cs.Tags, prev.Tags) &&
		slices.Equal(cs.Static, prev.Static)
}

// reshapeModel adds or removes, in the last model, the story of a story
// file that was added or deleted, or both for one renamed, when nothing
// else changed, and reports whether it did, and which keys of the model
// the change can have touched. When a rename's removal succeeds but its
// addition is refused, the model is left as consistent as any earlier
// model of the site, for site.BuildFrom to take from.
func (s *Session) reshapeModel(cs *content.Site, changed []string) (*dirtyKeys, bool) {
	last := s.last
	if last == nil || changed == nil || !s.sameInputs(cs) {
		return nil, false
	}
	prev := last.cs
	if d := len(cs.Stories) - len(prev.Stories); d < -1 || d > 1 {
		return nil, false
	}
	was := make(map[*content.Story]bool, len(prev.Stories))
	for _, st := range prev.Stories {
		was[st] = true
	}
	var added, removed *content.Story
	for _, st := range cs.Stories {
		if was[st] {
			delete(was, st)
			continue
		}
		if added != nil {
			return nil, false
		}
		added = st
	}
	for st := range was {
		if removed != nil {
			return nil, false
		}
		removed = st
	}
	if added == nil && removed == nil || added != nil && (hasPhotos(added) || added.Draft) ||
		removed != nil && (hasPhotos(removed) || removed.Draft) || added != nil && removed != nil && added.Path == removed.Path {
		return nil, false // an edit, which Patch and Move refused; photos are planned with a new model
	}
	for _, p := range changed {
		if (added == nil || p != added.Path) && (removed == nil || p != removed.Path) && !s.loader.Transient(p) {
			return nil, false // a resource, a directory, another file
		}
	}
	model := last.site
	d := &dirtyKeys{}
	if removed != nil {
		var x *site.Story
		for _, st := range model.Stories {
			if st.Story == removed {
				x = st
				break
			}
		}
		mc, ok := model.Remove(cs.Config, x)
		if !ok {
			return nil, false
		}
		d.merge(moved(site.Edit{Story: x}, mc, len(removed.Awards) > 0))
	}
	if added != nil {
		x, mc, ok := model.Add(cs.Config, added)
		if !ok {
			return nil, false
		}
		d.merge(moved(site.Edit{Story: x}, mc, len(added.Awards) > 0))
	}
	return d, true
}
