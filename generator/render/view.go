package render

import (
	"html/template"
	"time"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// The layouts see the model through views: a view has a method for every
// field of the model value it wraps, of the same name, so that layouts
// read .Story.Title or .Site.Regions as they would the model itself. Each
// method records, in the recorder of the page being rendered, the Key of
// the part of the model it reads; a value reached through it is a view
// again. A field that no view has is an error when the layout executes,
// never a read that goes unrecorded. A view with Stories also has
// StoryCount, their number, which reads the list's length alone.
//
// Reads of the page's own data (PageView's fields but Site) and of the
// site-wide inputs (Config, Home, Pages, Sections, and the regions' and
// categories' own fields) record nothing: the caller compares those as a
// whole.

// PageView is the data a page's layout executes with: the page.
type PageView struct {
	p   *Page
	rec *recorder
}

func (v *PageView) Kind() string            { return v.p.Kind }
func (v *PageView) Path() string            { return v.p.Path }
func (v *PageView) URL() string             { return v.p.URL }
func (v *PageView) Title() string           { return v.p.Title }
func (v *PageView) Description() string     { return v.p.Description }
func (v *PageView) Body() template.HTML     { return v.p.Body }
func (v *PageView) Section() string         { return v.p.Section }
func (v *PageView) Intro() template.HTML    { return v.p.Intro }
func (v *PageView) Count() int              { return v.p.Count }
func (v *PageView) Pager() *Pager           { return v.p.Pager }
func (v *PageView) Target() string          { return v.p.Target }
func (v *PageView) Source() string          { return v.p.Source }
func (v *PageView) SourceLine() int         { return v.p.SourceLine }
func (v *PageView) NoIndex() bool           { return v.p.NoIndex }
func (v *PageView) Story() *StoryView       { return storyView(v.p.Story, v.rec) }
func (v *PageView) Region() *RegionView     { return regionView(v.p.Region, v.rec) }
func (v *PageView) Category() *CategoryView { return categoryView(v.p.Category, v.rec) }
func (v *PageView) Year() *YearView         { return yearView(v.p.Year, nil, v.rec) }
func (v *PageView) Tag() *TagView           { return tagView(v.p.Tag, v.rec) }
func (v *PageView) List() []*StoryView      { return ownList(v.p.List, v.rec) }
func (v *PageView) Site() *SiteView         { return &SiteView{v.p.site, v.rec} }

// StoryView is a story as layouts see it. A story taken from a list
// knows its place there (at): any use of it records that item of the
// list, so that a layout that shows the first ten stories of a list
// depends on those ten and the list's length alone.
type StoryView struct {
	st     *site.Story
	rec    *recorder
	at     Key // the list item it is, if inList
	inList bool
	// own is the story's place in the page's own list, plus one (0: not
	// from it). A story of the page's own list that the page shows other
	// than through a spliced card or dossier section makes the page's
	// shell depend on which story it is (recorder.readOwn).
	own int
}

func storyView(st *site.Story, rec *recorder) *StoryView {
	if st == nil {
		return nil
	}
	return &StoryView{st: st, rec: rec}
}

// storyList returns the views of a list of stories, recording its length
// (the key of the list is kind and id).
func storyList(list []*site.Story, rec *recorder, kind KeyKind, id string) []*StoryView {
	rec.addKey(Key{kind, id, Len})
	if list == nil {
		return nil
	}
	// The views are made in one block: a layout that only counts a list
	// of 10,000 stories makes 2 objects, not 10,001.
	out, views := make([]*StoryView, len(list)), make([]StoryView, len(list))
	for i, st := range list {
		views[i] = StoryView{st: st, rec: rec, at: Key{kind, id, i}, inList: true}
		out[i] = &views[i]
	}
	return out
}

// storyCount returns the length of a list of stories, recording it as
// storyList does, without making the views: what len .Stories shows, for
// a layout that counts a list of 10,000 stories many times.
func storyCount(list []*site.Story, rec *recorder, kind KeyKind, id string) int {
	rec.addKey(Key{kind, id, Len})
	return len(list)
}

// pageList returns the views of a page's own list, which the page's own
// data holds already (Own).
func pageList(list []*site.Story, rec *recorder) []*StoryView {
	if list == nil {
		return nil
	}
	out, views := make([]*StoryView, len(list)), make([]StoryView, len(list))
	for i, st := range list {
		views[i] = StoryView{st: st, rec: rec}
		out[i] = &views[i]
	}
	return out
}

// ownList returns the views of the page's own list (PageView.List).
func ownList(list []*site.Story, rec *recorder) []*StoryView {
	out := pageList(list, rec)
	for i, v := range out {
		v.own = i + 1
	}
	return out
}

// touch records the list item the story is, if any, and that the page
// read an item of its own list itself.
func (v *StoryView) touch() {
	v.item()
	if v.own > 0 {
		v.rec.readOwn()
	}
}

// item records the list item the story is, if any.
func (v *StoryView) item() {
	if v.inList {
		v.rec.addKey(v.at)
	}
}

// slot says where a story spliced into the page comes from.
func (v *StoryView) slot(dossier bool) Slot {
	if v.own > 0 {
		return Slot{Item: v.own - 1, Dossier: dossier}
	}
	return Slot{Item: -1, Slug: v.st.Slug, Dossier: dossier}
}

// content records that the story's own content is read and returns it.
func (v *StoryView) content() *content.Story {
	v.touch()
	v.rec.add(KeyStory, v.st.Slug)
	return v.st.Story
}

// body records that the story's body is read and returns its content.
func (v *StoryView) body() *content.Story {
	v.touch()
	v.rec.add(KeyStoryBody, v.st.Slug)
	return v.st.Story
}

// place records that a part of the story's place in the site is read.
func (v *StoryView) place(k KeyKind) *site.Story {
	v.touch()
	v.rec.add(k, v.st.Slug)
	return v.st
}

// Slug and URL name the story.
func (v *StoryView) Slug() string {
	v.touch()
	return v.st.Slug
}

func (v *StoryView) URL() string {
	v.touch()
	return v.st.URL()
}

func (v *StoryView) Path() string              { return v.content().Path }
func (v *StoryView) Bundle() string            { return v.content().Bundle }
func (v *StoryView) Resources() []string       { return v.content().Resources }
func (v *StoryView) Title() string             { return v.content().Title }
func (v *StoryView) RegionRef() content.Ref    { return v.content().RegionRef }
func (v *StoryView) Town() string              { return v.content().Town }
func (v *StoryView) Year() int                 { return v.content().Year }
func (v *StoryView) CategoryRef() content.Ref  { return v.content().CategoryRef }
func (v *StoryView) Summary() string           { return v.content().Summary }
func (v *StoryView) Date() time.Time           { return v.content().Date }
func (v *StoryView) DateSet() bool             { return v.content().DateSet }
func (v *StoryView) Metrics() []content.Metric { return v.content().Metrics }
func (v *StoryView) Awards() []content.Award   { return v.content().Awards }
func (v *StoryView) Units() []string           { return v.content().Units }
func (v *StoryView) Sources() []content.Source { return v.content().Sources }
func (v *StoryView) Cover() string             { return v.content().Cover }
func (v *StoryView) CoverAlt() string          { return v.content().CoverAlt }
func (v *StoryView) Draft() bool               { return v.content().Draft }
func (v *StoryView) Weight() int               { return v.content().Weight }
func (v *StoryView) Aliases() []string         { return v.content().Aliases }
func (v *StoryView) Body() ([]byte, error)     { return v.body().Source() }
func (v *StoryView) BodyLine() int             { return v.body().BodyLine }
func (v *StoryView) Line() map[string]int      { return v.content().Line }
func (v *StoryView) Region() *RegionView       { return regionView(v.place(KeyStoryPlace).Region, v.rec) }
func (v *StoryView) Category() *CategoryView {
	return categoryView(v.place(KeyStoryPlace).Category, v.rec)
}
func (v *StoryView) Tags() []*TagView { return tagViews(v.place(KeyStoryTags).Tags, v.rec) }
func (v *StoryView) Related() []*StoryView {
	return pageList(v.place(KeyStoryRelated).Related, v.rec)
}
func (v *StoryView) Prev() *StoryView { return storyView(v.place(KeyStoryNeighbours).Prev, v.rec) }
func (v *StoryView) Next() *StoryView { return storyView(v.place(KeyStoryNeighbours).Next, v.rec) }

// RegionView is a region as layouts see it. Its own fields are site-wide
// input; its stories, awards, totals and timeline are recorded.
type RegionView struct {
	r   *site.Region
	rec *recorder
}

func regionView(r *site.Region, rec *recorder) *RegionView {
	if r == nil {
		return nil
	}
	return &RegionView{r, rec}
}

func regionViews(list []*site.Region, rec *recorder) []*RegionView {
	out := make([]*RegionView, len(list))
	for i, r := range list {
		out[i] = &RegionView{r, rec}
	}
	return out
}

func (v *RegionView) Path() string                { return v.r.Region.Path }
func (v *RegionView) Slug() string                { return v.r.Region.Slug }
func (v *RegionView) Title() string               { return v.r.Region.Title }
func (v *RegionView) Division() string            { return v.r.Region.Division }
func (v *RegionView) Weight() int                 { return v.r.Region.Weight }
func (v *RegionView) OtherNames() []string        { return v.r.Region.OtherNames }
func (v *RegionView) Until() int                  { return v.r.Region.Until }
func (v *RegionView) Tile() *content.Tile         { return v.r.Region.Tile }
func (v *RegionView) Body() []byte                { return v.r.Region.Body }
func (v *RegionView) BodyLine() int               { return v.r.Region.BodyLine }
func (v *RegionView) Line() map[string]int        { return v.r.Region.Line }
func (v *RegionView) URL() string                 { return v.r.URL() }
func (v *RegionView) City() bool                  { return v.r.City }
func (v *RegionView) Successor() *RegionView      { return regionView(v.r.Successor, v.rec) }
func (v *RegionView) Predecessors() []*RegionView { return regionViews(v.r.Predecessors, v.rec) }
func (v *RegionView) Stories() []*StoryView {
	return storyList(v.r.Stories, v.rec, KeyRegionStories, v.r.Slug)
}
func (v *RegionView) StoryCount() int {
	return storyCount(v.r.Stories, v.rec, KeyRegionStories, v.r.Slug)
}
func (v *RegionView) Awards() []*AwardView {
	return awardList(v.r.Awards, v.rec, KeyRegionAwards, v.r.Slug)
}
func (v *RegionView) AwardCounts() site.LevelCounts {
	v.rec.addKey(Key{KeyRegionAwards, v.r.Slug, Counts})
	return v.r.AwardCounts
}
func (v *RegionView) Totals() []site.Total {
	v.rec.add(KeyRegionTotals, v.r.Slug)
	return v.r.Totals
}
func (v *RegionView) Timeline() []*YearView {
	v.rec.add(KeyRegionTimeline, v.r.Slug)
	out := make([]*YearView, len(v.r.Timeline))
	for i, y := range v.r.Timeline {
		out[i] = yearView(y, v.r, v.rec)
	}
	return out
}

// CategoryView is a category as layouts see it. Its own fields are
// site-wide input; its stories are recorded.
type CategoryView struct {
	c   *site.Category
	rec *recorder
}

func categoryView(c *site.Category, rec *recorder) *CategoryView {
	if c == nil {
		return nil
	}
	return &CategoryView{c, rec}
}

func (v *CategoryView) Path() string        { return v.c.Category.Path }
func (v *CategoryView) Slug() string        { return v.c.Category.Slug }
func (v *CategoryView) Title() string       { return v.c.Category.Title }
func (v *CategoryView) Description() string { return v.c.Category.Description }
func (v *CategoryView) Weight() int         { return v.c.Category.Weight }
func (v *CategoryView) Body() []byte        { return v.c.Category.Body }
func (v *CategoryView) BodyLine() int       { return v.c.Category.BodyLine }
func (v *CategoryView) URL() string         { return v.c.URL() }
func (v *CategoryView) Stories() []*StoryView {
	return storyList(v.c.Stories, v.rec, KeyCategoryStories, v.c.Slug)
}
func (v *CategoryView) StoryCount() int {
	return storyCount(v.c.Stories, v.rec, KeyCategoryStories, v.c.Slug)
}

// YearView is a year of the site, or of a region's timeline, as layouts
// see it.
type YearView struct {
	y   *site.Year
	id  string
	rec *recorder
}

func yearView(y *site.Year, reg *site.Region, rec *recorder) *YearView {
	if y == nil {
		return nil
	}
	return &YearView{y, yearID(reg, y), rec}
}

func (v *YearView) Year() int   { return v.y.Year }
func (v *YearView) URL() string { return v.y.URL() }
func (v *YearView) Stories() []*StoryView {
	return storyList(v.y.Stories, v.rec, KeyYearStories, v.id)
}
func (v *YearView) StoryCount() int {
	return storyCount(v.y.Stories, v.rec, KeyYearStories, v.id)
}
func (v *YearView) Awards() []*AwardView {
	return awardList(v.y.Awards, v.rec, KeyYearAwards, v.id)
}
func (v *YearView) AwardCounts() site.LevelCounts {
	v.rec.addKey(Key{KeyYearAwards, v.id, Counts})
	return v.y.AwardCounts
}
func (v *YearView) ByLevel(level string) []*AwardView {
	return awardList(v.y.ByLevel(level), v.rec, KeyYearLevelAwards, levelID(v.id, level))
}
func (v *YearView) Empty() bool {
	v.rec.addKey(Key{KeyYearStories, v.id, Len})
	v.rec.addKey(Key{KeyYearAwards, v.id, Len})
	return v.y.Empty()
}

// AwardView is an award of a list, with the story that received it. Any
// use of it records its item of the list, whose version covers every
// field of the award and which story received it; the story records its
// own reads.
type AwardView struct {
	a   site.AwardRef
	rec *recorder
	at  Key
}

// awardList returns the views of a list of awards, recording its length.
func awardList(list []site.AwardRef, rec *recorder, kind KeyKind, id string) []*AwardView {
	rec.addKey(Key{kind, id, Len})
	if list == nil {
		return nil
	}
	out := make([]*AwardView, len(list))
	for i, a := range list {
		out[i] = &AwardView{a, rec, Key{kind, id, i}}
	}
	return out
}

func (v *AwardView) award() site.AwardRef {
	v.rec.addKey(v.at)
	return v.a
}

func (v *AwardView) Level() string     { return v.award().Level }
func (v *AwardView) Name() string      { return v.award().Name }
func (v *AwardView) Year() int         { return v.award().Year }
func (v *AwardView) By() string        { return v.award().By }
func (v *AwardView) Rank() string      { return v.award().Rank }
func (v *AwardView) Line() int         { return v.award().Line }
func (v *AwardView) Story() *StoryView { return storyView(v.award().Story, v.rec) }

// TagView is a tag as layouts see it.
type TagView struct {
	t   *site.Tag
	rec *recorder
}

func tagView(t *site.Tag, rec *recorder) *TagView {
	if t == nil {
		return nil
	}
	return &TagView{t, rec}
}

func tagViews(list []*site.Tag, rec *recorder) []*TagView {
	if list == nil {
		return nil
	}
	out := make([]*TagView, len(list))
	for i, t := range list {
		out[i] = &TagView{t, rec}
	}
	return out
}

func (v *TagView) Slug() string { return v.t.Slug }
func (v *TagView) URL() string  { return v.t.URL() }
func (v *TagView) Name() string {
	v.rec.add(KeyTag, v.t.Slug)
	return v.t.Name
}
func (v *TagView) Page() *content.Tag {
	v.rec.add(KeyTag, v.t.Slug)
	return v.t.Page
}
func (v *TagView) Stories() []*StoryView {
	return storyList(v.t.Stories, v.rec, KeyTagStories, v.t.Slug)
}
func (v *TagView) StoryCount() int {
	return storyCount(v.t.Stories, v.rec, KeyTagStories, v.t.Slug)
}

// SiteView is the whole site as layouts see it.
type SiteView struct {
	s   *site.Site
	rec *recorder
}

func (v *SiteView) Config() *content.Config            { return v.s.Config }
func (v *SiteView) Home() *content.Page                { return v.s.Home }
func (v *SiteView) Pages() []*content.Page             { return v.s.Pages }
func (v *SiteView) Sections() map[string]*content.Page { return v.s.Sections }
func (v *SiteView) Regions() []*RegionView             { return regionViews(v.s.Regions, v.rec) }
func (v *SiteView) Region(slug string) *RegionView     { return regionView(v.s.Region(slug), v.rec) }
func (v *SiteView) Categories() []*CategoryView {
	out := make([]*CategoryView, len(v.s.Categories))
	for i, c := range v.s.Categories {
		out[i] = &CategoryView{c, v.rec}
	}
	return out
}
func (v *SiteView) Stories() []*StoryView {
	return storyList(v.s.Stories, v.rec, KeySiteStories, "")
}
func (v *SiteView) StoryCount() int {
	return storyCount(v.s.Stories, v.rec, KeySiteStories, "")
}
func (v *SiteView) Years() []*YearView {
	v.rec.add(KeySiteYears, "")
	out := make([]*YearView, len(v.s.Years))
	for i, y := range v.s.Years {
		out[i] = yearView(y, nil, v.rec)
	}
	return out
}
func (v *SiteView) Timeline() []*YearView {
	v.rec.add(KeySiteTimeline, "")
	out := make([]*YearView, len(v.s.Timeline))
	for i, y := range v.s.Timeline {
		out[i] = yearView(y, nil, v.rec)
	}
	return out
}
func (v *SiteView) Tags() []*TagView {
	v.rec.add(KeySiteTags, "")
	return tagViews(v.s.Tags, v.rec)
}
func (v *SiteView) AwardCounts() site.LevelCounts {
	v.rec.add(KeySiteAwards, "")
	return v.s.AwardCounts
}
func (v *SiteView) CountyTotals() []site.Total {
	v.rec.add(KeyCountyTotals, "")
	return v.s.CountyTotals()
}
func (v *SiteView) Static() []string {
	v.rec.add(KeyStatic, "")
	return v.s.Static
}
