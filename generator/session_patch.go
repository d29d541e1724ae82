package generator

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/publish"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/search"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// patch rebuilds after an edit of story files alone that keeps the sets
// of stories, years and timeline years: either each story is re-read in
// the same place of every list (site.Site.Patch, then patchOutput), or one
// story moved within or between lists (site.Site.Move, then moveOutput).
// It re-renders the pages that show what changed, the feed, sitemap and
// search index, and takes every other file from the last build. It
// reports false, having changed nothing but perhaps the model (which stays
// valid for BuildFrom), when the edit needs a full rebuild.
func (s *Session) patch(ctx context.Context, cs *content.Site, list content.List, changed []string) (*publish.Memory, bool, error) {
	last := s.cache.last
	if last == nil || !s.cache.trusted || s.th == nil {
		return nil, false, nil
	}
	if s.opts.Strict {
		for _, e := range list {
			e.Warning = false
		}
	}
	if list.Err() != nil {
		return nil, false, nil
	}
	prev := last.cs
	if s.opts.BaseURL != "" {
		cs.Config.BaseURL = s.opts.BaseURL
	}
	if !reflect.DeepEqual(*cs.Config, s.cfg) || cs.Home != prev.Home || !slices.Equal(cs.Sections, prev.Sections) ||
		!slices.Equal(cs.Pages, prev.Pages) || !slices.Equal(cs.Regions, prev.Regions) ||
		!slices.Equal(cs.Categories, prev.Categories) || !slices.Equal(cs.Tags, prev.Tags) ||
		!slices.Equal(cs.Static, prev.Static) || len(cs.Stories) != len(prev.Stories) {
		return nil, false, nil
	}
	var edits []site.Edit
	var at []int              // position of each edit in the model's story list
	var olds []*content.Story // what each edit replaces
	paths := map[string]bool{}
	for i, st := range cs.Stories {
		old := prev.Stories[i]
		if st == old {
			continue
		}
		j, ok := last.index[old]
		if !ok || st.Path != old.Path || hasPhotos(st) || hasPhotos(old) {
			return nil, false, nil // photos are planned and encoded the full way
		}
		edits = append(edits, site.Edit{Story: last.site.Stories[j], New: st})
		at = append(at, j)
		olds = append(olds, old)
		paths[st.Path] = true
	}
	for _, p := range changed {
		if !paths[p] && !s.loader.Transient(p) {
			return nil, false, nil // a resource, a directory, a file that is gone
		}
	}
	var mem *publish.Memory
	var err error
	moved := false
	if tc, ok := last.site.Patch(cs.Config, edits); ok {
		mem, err = s.patchOutput(ctx, last, edits, at, olds, tc)
	} else {
		if len(edits) != 1 {
			return nil, false, nil
		}
		mc, ok := last.site.Move(cs.Config, edits[0])
		if !ok {
			return nil, false, nil
		}
		mem, err = s.moveOutput(ctx, last, edits[0], olds[0], mc)
		moved = true
	}
	if err == errUnpatchable {
		// The model is patched, and BuildFrom may reuse its totals; the
		// pages are not: build them the full way.
		s.cache.last = nil
		return nil, false, nil
	}
	if err != nil {
		// The model is patched but the output is not: start afresh.
		s.reset()
		return nil, true, err
	}
	last.cs, last.mem = cs, mem
	s.prev, s.text = last.site, last.r.Text()
	s.warns = list.Warnings()
	if s.onPatch != nil {
		s.onPatch(moved)
	}
	return mem, true, nil
}

// patchOutput renders what the edits change into a copy of the last
// build's output.
func (s *Session) patchOutput(ctx context.Context, last *lastBuild, edits []site.Edit, at []int, olds []*content.Story, tc site.TagChange) (*publish.Memory, error) {
	c := s.cache
	redo := map[*render.Page]bool{}  // pages to render
	rekey := map[*render.Page]bool{} // pages whose bytes stay
	var gone []string                // paths of pages no longer made
	if len(tc.Changed)+len(tc.Removed) > 0 {
		var err error
		if gone, err = s.retag(last.r, last, tc, redo); err != nil {
			return nil, err
		}
	}
	md := markdownRenderer(last.site.Config.Unsafe)
	text := *last.r.Text() // a copy: the last Renderer keeps its own
	text.Stories = maps.Clone(text.Stories)
	for k, e := range edits {
		delete(last.index, olds[k])
		last.index[e.New] = at[k]
		delete(text.Stories, olds[k])
		c.forget(olds[k])
	}
	// What each page of the bundled theme shows of a story: its own page
	// everything; its neighbours' pages its title; list pages its card;
	// the timelines (the timeline page, its region's first page) its title
	// and awards; the totals (the regions page, its region's first page)
	// its metrics. A page that shows nothing that changed keeps its bytes,
	// and its cache entry gets the new key.
	var metrics bool
	cardsChanged := map[*site.Story]bool{}
	for k, e := range edits {
		old := olds[k]
		d, err := convertStory(md, e.New, nil)
		if err != nil {
			return nil, err
		}
		text.Stories[e.New] = d
		metrics = metrics || !slices.Equal(old.Metrics, e.New.Metrics)
	}
	r := render.New(last.r.Theme(), render.Input{Site: last.site, Text: &text, Cards: c.cards, Covers: last.r.Covers()})
	for k, e := range edits {
		st, i := e.Story, at[k]
		p := r.StoryPage(st)
		last.stories[i] = p
		// last.docs is also the search cache's record of what it indexed,
		// which reindex below brings up to date (an error drops the cache).
		last.docs[i] = c.searchDoc(st, text.Stories[e.New])
		redo[p] = true
	}
	for k, e := range edits {
		st, old := e.Story, olds[k]
		card, err := r.Card(st)
		if err != nil {
			return nil, err
		}
		if card != c.cards[old] {
			cardsChanged[st] = true
		}
		delete(c.cards, old)
		c.cards[e.New] = card
		for _, n := range []*site.Story{st.Prev, st.Next} {
			if n != nil {
				p := last.stories[last.index[n.Story]]
				if old.Title != e.New.Title {
					redo[p] = true
				} else {
					rekey[p] = true
				}
			}
		}
	}
	redoR, rekeyR := relatedPages(last, tc.Related, edits, olds)
	for _, p := range redoR {
		redo[p] = true
	}
	for _, p := range rekeyR {
		rekey[p] = true
	}
	// The stories whose title changed and that a timeline shows.
	var retitled []*site.Story
	for k, e := range edits {
		if olds[k].Title != e.New.Title {
			retitled = append(retitled, e.Story)
		}
	}
	for _, p := range last.others {
		switch p.Kind {
		case "print":
			if printShows(p, edits) {
				redo[p] = true
			}
		case "timeline":
			if inTimeline(last.site.Timeline, retitled) {
				redo[p] = true
			}
		case "regions":
			if metrics {
				redo[p] = true
			}
		case "home", "list":
			first := p.Region != nil && p.Pager.Number == 1
			for _, e := range edits {
				shown := slices.Contains(p.List, e.Story)
				mine := first && p.Region == e.Story.Region
				switch {
				case shown && cardsChanged[e.Story] || mine && (metrics || inTimeline(p.Region.Timeline, retitled)):
					redo[p] = true
				case shown || mine:
					rekey[p] = true
				}
			}
		}
	}
	pages := make([]*render.Page, 0, len(redo))
	for p := range redo {
		pages = append(pages, p)
		delete(rekey, p)
	}
	for p := range rekey {
		c.rekey(p)
	}
	last.r = r
	mem, w, err := s.renderInto(ctx, last, pages)
	if err != nil {
		return nil, err
	}
	for _, p := range gone {
		if !last.static[p] {
			mem.Delete(p)
		}
		c.dropPage(p)
	}
	if gone != nil || len(tc.Changed) > 0 {
		all := append(slices.Clip(last.stories), last.others...)
		if err := w.raw("sitemap.xml", c.sitemap(r, all)); err != nil {
			return nil, err
		}
	}
	return mem, s.finishPatch(w, mem, last, at)
}

// finishPatch writes the feed and the search index of a patched model
// into mem, the copy of the last output that w writes to; at are the
// positions of the edited stories in last.docs.
func (s *Session) finishPatch(w *writer, mem *publish.Memory, last *lastBuild, at []int) error {
	feed, err := s.feed(w, last.r)
	if err != nil {
		return err
	}
	if err := w.raw("feed.xml", feed); err != nil {
		return err
	}
	if err := w.openData(last.r, last.site); err != nil {
		return err
	}
	prev := s.cache.index.files // the index the last output has
	files, err := s.cache.reindex(last.docs, at)
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	// The Indexer hands back the same bytes for files that did not change.
	gone := make(map[string][]byte, len(prev))
	for _, f := range prev {
		gone[f.Path] = f.Data
	}
	for _, f := range files {
		if data, ok := gone[f.Path]; ok {
			delete(gone, f.Path)
			if sameBytes(data, f.Data) {
				continue
			}
		}
		if err := w.raw(f.Path, f.Data); err != nil {
			return err
		}
	}
	for p := range gone {
		if !last.static[p] {
			mem.Delete(p)
		}
	}
	return nil
}

// renderInto renders pages into a copy of the last build's output and
// returns the copy and the writer that wrote it.
func (s *Session) renderInto(ctx context.Context, last *lastBuild, pages []*render.Page) (*publish.Memory, *writer, error) {
	mem := last.mem.Clone()
	w := newWriter(mem, s.opts, last.r.Root(), nil)
	w.static = last.static
	if err := s.writePages(ctx, w, last.r, pages); err != nil {
		return nil, nil, err
	}
	return mem, w, nil
}

// sameBytes reports whether a and b are the same slice (not merely equal
// bytes).
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// errUnpatchable says that a patched model's pages must be built the
// full way after all.
var errUnpatchable = errors.New("generator: the edit needs a full build")

// lastBuild is what a Session keeps of its last build for patch: the
// content and model, the pages, what the lists and the search index were
// made from, and the output.
type lastBuild struct {
	cs      *content.Site
	site    *site.Site
	stories []*render.Page // in the order of site.Stories
	others  []*render.Page
	index   map[*content.Story]int // position in site.Stories
	r       *render.Renderer       // of site, with the Markdown stage's output
	docs    []search.Doc           // in the order of site.Stories
	static  map[string]bool
	mem     *publish.Memory
}
