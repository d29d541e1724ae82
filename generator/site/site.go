// Package site builds the showcase's site model from loaded content: stories
// in the contract's order, the lists by region, category, year and tag,
// previous/next links, award timelines and metric totals.
//
// The model is a pure function of the content: the same content gives the
// same model, whatever the clock, the file times or the scheduling.
//
// # Edits
//
// Build makes a model from scratch; BuildFrom reuses the totals of an
// earlier model's unchanged scopes. Site.Patch (stories re-read in place,
// tags changed), Site.Move (one story moved within or between its lists),
// Site.Add and Site.Remove (one story more or less) update a model in place
// for the dev server, and report what they changed; each leaves the model
// equal to what BuildFrom makes of the edited content, or refuses and
// changes nothing.
package site

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/ningbo-showcase/showcase/generator/content"
)

// Site is the whole showcase, ready to render.
type Site struct {
	Config     *content.Config
	Home       *content.Page
	Pages      []*content.Page // standalone pages, by slug
	Sections   map[string]*content.Page
	Stories    []*Story // in the contract's order
	Regions    []*Region
	Categories []*Category
	Years      []*Year // descending: newest first
	Tags       []*Tag  // by slug
	Static     []string

	// Timeline runs from the first to the last year with a story or an
	// award, every year present (empty years too), ascending.
	Timeline []*Year
	// AwardCounts counts all awards by level.
	AwardCounts LevelCounts

	regionBySlug map[string]*Region
	bySlug       []*Story      // the stories by slug (slugOrder)
	relIx        *relatedIndex // the related index kept between edits (related_keep.go)
	stories      int           // counts Add and Remove (StoriesVersion)
	countyMu     sync.Mutex
	county       []Total // CountyTotals, if countyOK
	countyOK     bool
}

// Story is a story placed in the site.
type Story struct {
	*content.Story
	Region     *Region
	Category   *Category
	Tags       []*Tag
	Prev, Next *Story // neighbours in the region's list
	// Related are the stories its page suggests next (see RelatedMax).
	Related []*Story

	url string // URL(), made once by BuildFrom: a story's slug never changes
}

// URL returns the story's path below the site root.
func (s *Story) URL() string {
	if s.url != "" {
		return s.url
	}
	return "stories/" + s.Slug + "/"
}

// Region is a region with its stories.
type Region struct {
	*content.Region
	Stories      []*Story
	Successor    *Region
	Predecessors []*Region
	Awards       []AwardRef
	AwardCounts  LevelCounts
	Totals       []Total
	// City reports a city-wide scope (division 市), whose figures already
	// include the counties' and are never added to them.
	City bool
	// Timeline is the site's year range with this region's stories and
	// awards.
	Timeline []*Year
}

// URL returns the region's path below the site root.
func (r *Region) URL() string { return "regions/" + r.Slug + "/" }

// Category is a category with its stories.
type Category struct {
	*content.Category
	Stories []*Story
}

// URL returns the category's path below the site root.
func (c *Category) URL() string { return "categories/" + c.Slug + "/" }

// Year is one showcase year: the stories filed under it and the awards
// received in it.
type Year struct {
	Year        int
	Stories     []*Story
	Awards      []AwardRef // by level, then story order
	AwardCounts LevelCounts
}

// URL returns the year's path below the site root.
func (y *Year) URL() string { return "years/" + strconv.Itoa(y.Year) + "/" }

// ByLevel returns the year's awards of one level.
func (y *Year) ByLevel(level string) []AwardRef {
	var out []AwardRef
	for _, a := range y.Awards {
		if a.Level == level {
			out = append(out, a)
		}
	}
	return out
}

// Empty reports whether the year has neither stories nor awards.
func (y *Year) Empty() bool { return len(y.Stories) == 0 && len(y.Awards) == 0 }

// Tag is a tag with its stories.
type Tag struct {
	Name    string
	Slug    string
	Page    *content.Tag // nil when the tag has no page of its own
	Stories []*Story
}

// URL returns the tag's path below the site root.
func (t *Tag) URL() string { return "tags/" + t.Slug + "/" }

// AwardRef is an award with the story that received it.
type AwardRef struct {
	content.Award
	Story *Story
}

// LevelCounts counts awards by level.
type LevelCounts struct{ National, Provincial, Municipal, County int }

// Get returns the count of one level.
func (c LevelCounts) Get(level string) int {
	switch level {
	case content.National:
		return c.National
	case content.Provincial:
		return c.Provincial
	case content.Municipal:
		return c.Municipal
	case content.County:
		return c.County
	}
	return 0
}

// Total returns the count of all levels.
func (c LevelCounts) Total() int { return c.National + c.Provincial + c.Municipal + c.County }

func (c *LevelCounts) add(level string) {
	switch level {
	case content.National:
		c.National++
	case content.Provincial:
		c.Provincial++
	case content.Municipal:
		c.Municipal++
	case content.County:
		c.County++
	}
}

// Less reports whether a comes before b in every list: stories with a
// weight first, by ascending weight; then newest date first; then slug.
func Less(a, b *content.Story) bool {
	aw, bw := a.Weight != 0, b.Weight != 0
	if aw != bw {
		return aw
	}
	if a.Weight != b.Weight {
		return a.Weight < b.Weight
	}
	if !a.Date.Equal(b.Date) {
		return a.Date.After(b.Date)
	}
	return a.Slug < b.Slug
}

// Build makes the site model. c must have loaded without errors.
func Build(c *content.Site) *Site { return BuildFrom(c, nil) }

// BuildFrom makes the site model like Build, reusing from prev — the model
// of an earlier load of the same tree, or nil — the metric totals of scopes
// whose stories are the same content objects, so that a rebuild after one
// edit does not add up every metric of the site again.
func BuildFrom(c *content.Site, prev *Site) *Site {
	s := &Site{
		Config:       c.Config,
		Home:         c.Home,
		Sections:     map[string]*content.Page{},
		Static:       c.Static,
		regionBySlug: map[string]*Region{},
	}
	for _, p := range c.Sections {
		s.Sections[p.Slug] = p
	}
	s.Pages = append(s.Pages, c.Pages...)
	sort.Slice(s.Pages, func(i, j int) bool { return s.Pages[i].Slug < s.Pages[j].Slug })

	for _, r := range c.Regions {
		reg := &Region{Region: r, City: r.Division == "市"}
		s.Regions = append(s.Regions, reg)
		s.regionBySlug[r.Slug] = reg
	}
	sort.SliceStable(s.Regions, func(i, j int) bool {
		a, b := s.Regions[i], s.Regions[j]
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		return a.Slug < b.Slug
	})
	for _, r := range s.Regions {
		if r.Region.Successor != "" {
			if succ := s.regionBySlug[r.Region.Successor]; succ != nil {
				r.Successor = succ
				succ.Predecessors = append(succ.Predecessors, r)
			}
		}
	}
	catBySlug := map[string]*Category{}
	for _, cat := range c.Categories {
		cc := &Category{Category: cat}
		s.Categories = append(s.Categories, cc)
		catBySlug[cat.Slug] = cc
	}
	sort.SliceStable(s.Categories, func(i, j int) bool {
		a, b := s.Categories[i], s.Categories[j]
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		return a.Slug < b.Slug
	})

	stories := append([]*content.Story(nil), c.Stories...)
	sortStories(stories)
	years := map[int]*Year{}
	year := func(y int) *Year {
		if years[y] == nil {
			years[y] = &Year{Year: y}
		}
		return years[y]
	}
	tagPages := map[string]*content.Tag{}
	for _, t := range c.Tags {
		tagPages[t.Title] = t
	}
	tagsByName := map[string]*Tag{}
	for _, cs := range stories {
		st := &Story{Story: cs, Region: s.regionBySlug[cs.Region.Slug], Category: catBySlug[cs.Category.Slug], url: "stories/" + cs.Slug + "/"}
		s.Stories = append(s.Stories, st)
		st.Region.Stories = append(st.Region.Stories, st)
		st.Category.Stories = append(st.Category.Stories, st)
		year(st.Year).Stories = append(year(st.Year).Stories, st)
		for _, name := range cs.Tags {
			t := tagsByName[name]
			if t == nil {
				t = &Tag{Name: name, Page: tagPages[name]}
				tagsByName[name] = t
			}
			t.Stories = append(t.Stories, st)
			st.Tags = append(st.Tags, t)
		}
	}
	// Tag pages without stories still get their page.
	for name, p := range tagPages {
		if tagsByName[name] == nil {
			tagsByName[name] = &Tag{Name: name, Page: p}
		}
	}
	s.Tags = assignTagSlugs(tagsByName)

	// Awards: by level, then in story order.
	for _, st := range s.Stories {
		for _, a := range st.Awards {
			ref := AwardRef{Award: a, Story: st}
			y := year(a.Year)
			y.Awards = append(y.Awards, ref)
			y.AwardCounts.add(a.Level)
			st.Region.Awards = append(st.Region.Awards, ref)
			st.Region.AwardCounts.add(a.Level)
			s.AwardCounts.add(a.Level)
		}
	}
	for _, y := range years {
		sortAwards(y.Awards)
		s.Years = append(s.Years, y)
	}
	sort.Slice(s.Years, func(i, j int) bool { return s.Years[i].Year > s.Years[j].Year })
	// Only years with stories get a page; award-only years appear on the
	// timeline.
	withStories := s.Years[:0:0]
	for _, y := range s.Years {
		if len(y.Stories) > 0 {
			withStories = append(withStories, y)
		}
	}
	s.Timeline = timeline(s.Years, nil)
	s.Years = withStories
	for _, r := range s.Regions {
		sortAwards(r.Awards)
		r.Timeline = timeline(s.Years, r)
		for i, st := range r.Stories {
			if i > 0 {
				st.Prev = r.Stories[i-1]
			}
			if i+1 < len(r.Stories) {
				st.Next = r.Stories[i+1]
			}
		}
		r.Totals = reuseTotals(prev, r)
	}
	s.relateFrom(prev)
	return s
}

// sortStories sorts stories by Less, comparing precomputed keys.
func sortStories(stories []*content.Story) {
	type keyed struct {
		weighted int // 0 with a weight, 1 without: weighted stories first
		weight   int
		date     int64 // negated: newest first
		st       *content.Story
	}
	keys := make([]keyed, len(stories))
	for i, st := range stories {
		k := keyed{weighted: 1, weight: st.Weight, date: -st.Date.UnixNano(), st: st}
		if st.Weight != 0 {
			k.weighted = 0
		}
		keys[i] = k
	}
	slices.SortFunc(keys, func(a, b keyed) int {
		if c := cmp.Compare(a.weighted, b.weighted); c != 0 {
			return c
		}
		if c := cmp.Compare(a.weight, b.weight); c != 0 {
			return c
		}
		if c := cmp.Compare(a.date, b.date); c != 0 {
			return c
		}
		return strings.Compare(a.st.Slug, b.st.Slug)
	})
	for i, k := range keys {
		stories[i] = k.st
	}
}

// sortAwards orders awards by year, then level (highest first), keeping
// story order within each: a counting sort, since a site has few years.
func sortAwards(a []AwardRef) {
	if len(a) < 2 {
		return
	}
	lo, hi := a[0].Year, a[0].Year
	for _, x := range a {
		lo, hi = min(lo, x.Year), max(hi, x.Year)
	}
	if hi-lo > 1<<16 {
		slices.SortStableFunc(a, func(x, y AwardRef) int {
			if x.Year != y.Year {
				return x.Year - y.Year
			}
			return levelRank(x.Level) - levelRank(y.Level)
		})
		return
	}
	key := func(x AwardRef) int { return (x.Year-lo)*4 + levelRank(x.Level) }
	start := make([]int, (hi-lo+1)*4+1)
	for _, x := range a {
		start[key(x)+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	out := make([]AwardRef, len(a))
	for _, x := range a {
		k := key(x)
		out[start[k]] = x
		start[k]++
	}
	copy(a, out)
}

// levelRank orders award levels, highest first.
func levelRank(level string) int {
	switch level {
	case content.National:
		return 0
	case content.Provincial:
		return 1
	case content.Municipal:
		return 2
	}
	return 3
}

// timeline returns every year from the first to the last with a story or an
// award, ascending; for a region, with only that region's stories and awards
// but over the whole site's range, so regions line up.
func timeline(all []*Year, r *Region) []*Year {
	if len(all) == 0 {
		return nil
	}
	lo, hi := all[0].Year, all[0].Year
	byYear := map[int]*Year{}
	for _, y := range all {
		lo, hi = min(lo, y.Year), max(hi, y.Year)
		byYear[y.Year] = y
	}
	var out []*Year
	for y := lo; y <= hi; y++ {
		src := byYear[y]
		if r == nil {
			if src == nil {
				src = &Year{Year: y}
			}
			out = append(out, src)
			continue
		}
		ry := &Year{Year: y}
		for _, st := range r.Stories {
			if st.Year == y {
				ry.Stories = append(ry.Stories, st)
			}
		}
		for _, a := range r.Awards {
			if a.Year == y {
				ry.Awards = append(ry.Awards, a)
				ry.AwardCounts.add(a.Level)
			}
		}
		out = append(out, ry)
	}
	return out
}

// assignTagSlugs gives every tag an ASCII slug: its tag page's, else its
// pinyin; colliding pinyin slugs get -2, -3 … in the order of the tag names,
// so the outcome is deterministic.
func assignTagSlugs(byName map[string]*Tag) []*Tag {
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	taken := map[string]bool{}
	var tags []*Tag
	for _, n := range names {
		if t := byName[n]; t.Page != nil {
			t.Slug = t.Page.Slug
			taken[t.Slug] = true
		}
	}
	for _, n := range names {
		t := byName[n]
		if t.Page == nil {
			base := Slugify(n)
			slug := base
			for i := 2; taken[slug]; i++ {
				slug = fmt.Sprintf("%s-%d", base, i)
			}
			t.Slug = slug
			taken[slug] = true
		}
		tags = append(tags, t)
	}
	sort.Slice(tags, func(i, j int) bool { return tags[i].Slug < tags[j].Slug })
	return tags
}

// Region returns the region with the given slug, or nil.
func (s *Site) Region(slug string) *Region { return s.regionBySlug[slug] }
