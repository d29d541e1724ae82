package generator

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/publish"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// moveOutput renders what a site.Site.Move changed into a copy of the
// last build's output: the story's page and its old and new neighbours',
// the list pages of every list it left, joined or moved in (each page
// rendered only when its key says it shows something else now), the
// home, regions, timeline and term-list pages when what they count or
// show changed, the sitemap, feed and search index.
func (s *Session) moveOutput(ctx context.Context, last *lastBuild, e site.Edit, old *content.Story, mc site.MoveChange) (*publish.Memory, error) {
	c, st := s.cache, e.Story
	// A Renderer of the moved model with the story's new text.
	md := markdownRenderer(last.site.Config.Unsafe)
	d, err := convertStory(md, e.New, nil)
	if err != nil {
		return nil, err
	}
	text := *last.r.Text() // a copy: the last Renderer keeps its own
	text.Stories = maps.Clone(text.Stories)
	delete(text.Stories, old)
	text.Stories[e.New] = d
	r := render.New(last.r.Theme(), render.Input{Site: last.site, Text: &text, Cards: c.cards, Covers: last.r.Covers()})
	check := map[*render.Page]bool{}
	var gone []string
	// The lists it is in or was in get new pages. (Before anything of
	// last changes: errUnpatchable leaves the search cache as it was.)
	type listID struct {
		section string
		of      any
	}
	lists := map[listID][]*render.Page{{"stories", nil}: r.StoriesPages()}
	for _, x := range mc.Regions {
		lists[listID{"regions", x}] = r.RegionPages(x)
	}
	for _, x := range mc.Categories {
		lists[listID{"categories", x}] = r.CategoryPages(x)
	}
	for _, x := range mc.Years {
		lists[listID{"years", x}] = r.YearPages(x)
	}
	// The dossiers it is in or was in: the city's and its regions'.
	lists[listID{"print", nil}] = r.CityPrintPages()
	for _, x := range mc.Regions {
		lists[listID{"print", x}] = r.RegionPrintPages(x)
	}
	aliases := map[string]bool{}
	for _, p := range last.others {
		if p.Kind == "alias" {
			aliases[p.Path] = true
		}
	}
	made := map[string]bool{}
	for _, ps := range lists {
		for _, p := range ps {
			if aliases[p.Path] {
				return nil, errUnpatchable // a new list page an alias would replace: the full build reports it
			}
			made[p.Path] = true
		}
	}
	if len(mc.Tags.Changed)+len(mc.Tags.Removed) > 0 {
		var err error
		if gone, err = s.retag(r, last, mc.Tags, check); err != nil {
			return nil, err
		}
	}
	delete(last.index, old)
	c.forget(old)
	moveElem(last.stories, mc.From, mc.To)
	moveElem(last.docs, mc.From, mc.To)
	for i := min(mc.From, mc.To); i <= max(mc.From, mc.To); i++ {
		last.index[last.site.Stories[i].Story] = i
	}
	p := r.StoryPage(st)
	last.stories[mc.To] = p
	last.docs[mc.To] = c.searchDoc(st, d)
	card, err := r.Card(st)
	if err != nil {
		return nil, err
	}
	c.cards[e.New] = card
	check[p] = true
	for _, n := range mc.Neighbours {
		check[last.stories[last.index[n.Story]]] = true
	}
	redoR, rekeyR := relatedPages(last, mc.Related, []site.Edit{e}, []*content.Story{old})
	for _, p := range append(redoR, rekeyR...) {
		check[p] = true // its key says whether it changed
	}

	for _, ps := range lists {
		for _, p := range ps {
			check[p] = true
		}
	}
	regionMoved := len(mc.Regions) > 1
	home := mc.From < render.HomeLatest || mc.To < render.HomeLatest || regionMoved || len(mc.Categories) > 1 || mc.Awards
	others := make([]*render.Page, 0, len(last.others)+2)
	for _, p := range last.others {
		if p.Kind == "list" && p.Tag == nil || p.Kind == "print" {
			var id listID
			switch {
			case p.Kind == "print" && p.Region != nil:
				id = listID{"print", p.Region}
			case p.Kind == "print":
				id = listID{"print", nil}
			case p.Region != nil:
				id = listID{"regions", p.Region}
			case p.Category != nil:
				id = listID{"categories", p.Category}
			case p.Year != nil:
				id = listID{"years", p.Year}
			default:
				id = listID{p.Section, nil}
			}
			if ps, ok := lists[id]; ok {
				if ps != nil {
					others = append(others, ps...)
					lists[id] = nil
				}
				if !made[p.Path] {
					gone = append(gone, p.Path)
				}
				continue
			}
		}
		switch p.Kind {
		case "home":
			check[p] = check[p] || home
		case "regions":
			// Per region: stories, stories per year, awards, totals.
			check[p] = check[p] || regionMoved || len(mc.Years) > 1 || mc.Awards || mc.Totals
		case "timeline", "terms":
			check[p] = true // its key says whether it changed
		}
		others = append(others, p)
	}
	last.others, last.r = others, r
	pages := make([]*render.Page, 0, len(check))
	for p, ok := range check {
		if ok {
			pages = append(pages, p)
		}
	}
	mem, w, err := s.renderInto(ctx, last, pages)
	if err != nil {
		return nil, err
	}
	slices.Sort(gone)
	for _, p := range gone {
		if !last.static[p] {
			mem.Delete(p)
		}
		c.dropPage(p)
	}
	// The sitemap: the entries of the pages checked (the story's date may
	// have changed, a list may have a new page) and of those gone.
	var set []sitemapEntry
	for _, p := range pages {
		if e, ok := sitemapEntryOf(p); ok {
			set = append(set, e)
		}
	}
	goneURLs := make([]string, len(gone))
	for i, p := range gone {
		goneURLs[i] = strings.TrimSuffix(p, "index.html")
	}
	if err := w.raw("sitemap.xml", c.patchSitemap(r, goneURLs, set)); err != nil {
		return nil, err
	}

	// Every position between the story's old and new place holds another
	// document now.
	var at []int
	for i := min(mc.From, mc.To); i <= max(mc.From, mc.To); i++ {
		at = append(at, i)
	}
	return mem, s.finishPatch(w, mem, last, at)
}

// moveElem moves the element at from to to, shifting those between.
func moveElem[T any](s []T, from, to int) {
	x := s[from]
	if from < to {
		copy(s[from:to], s[from+1:to+1])
	} else {
		copy(s[to+1:from+1], s[to:from])
	}
	s[to] = x
}

// inTimeline reports whether a timeline shows any of the stories: among
// the first render.TimelineShown stories of a year, or with an award among
// the first render.TimelineShown of its level in a year.
func inTimeline(years []*site.Year, stories []*site.Story) bool {
	if len(stories) == 0 {
		return false
	}
	for _, y := range years {
		for _, st := range y.Stories[:min(len(y.Stories), render.TimelineShown)] {
			if slices.Contains(stories, st) {
				return true
			}
		}
		var seen [8]int
		for _, a := range y.Awards {
			k := slices.Index(content.Levels, a.Level) + 1 // 0: an unknown level
			if seen[k] < render.TimelineShown && slices.Contains(stories, a.Story) {
				return true
			}
			seen[k]++
		}
	}
	return false
}

// retag replaces the pages of the tags a patch changed (TagChange), made
// by r, in
// last.others, marks them to be rendered in redo with the tags page, and
// returns the paths of the pages that are gone. A new tag page that an
// alias would replace is errUnpatchable: the full build reports it.
func (s *Session) retag(r *render.Renderer, last *lastBuild, tc site.TagChange, redo map[*render.Page]bool) ([]string, error) {
	changed := map[*site.Tag]bool{}
	for _, t := range tc.Changed {
		changed[t] = true
	}
	first, end := -1, -1
	old := map[*site.Tag][]*render.Page{}
	aliases := map[string]bool{}
	for i, p := range last.others {
		switch {
		case p.Tag != nil:
			if first < 0 {
				first = i
			}
			end = i + 1
			old[p.Tag] = append(old[p.Tag], p)
		case p.Kind == "terms" && p.Section == "tags":
			redo[p] = true
			if first < 0 {
				first, end = i+1, i+1
			}
		case p.Kind == "alias":
			aliases[p.Path] = true
		}
	}
	if first < 0 {
		return nil, errUnpatchable
	}
	var seg []*render.Page
	made := map[string]bool{}
	for _, t := range last.site.Tags {
		ps := old[t]
		if changed[t] || ps == nil {
			ps = r.TagPages(t)
			for _, p := range ps {
				if aliases[p.Path] {
					return nil, errUnpatchable
				}
				redo[p] = true
			}
		}
		for _, p := range ps {
			made[p.Path] = true
		}
		seg = append(seg, ps...)
	}
	var gone []string
	for _, ps := range old {
		for _, p := range ps {
			if !made[p.Path] {
				gone = append(gone, p.Path)
			}
		}
	}
	slices.Sort(gone)
	last.others = slices.Concat(last.others[:first], seg, last.others[end:])
	return gone, nil
}
