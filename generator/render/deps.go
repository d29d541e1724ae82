package render

import (
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/images"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// A Key names one part of the site model that a page can show: a story's
// own content, its place (region, category, tags, neighbours), a list of
// stories, a list of awards, totals, a timeline's years. While a page
// renders, every value its layouts reach in the model records the key of
// the part it belongs to (see view.go); the page's Deps are those keys.
// A page shows the same as before exactly when every key of its Deps has
// the same Version in the new model and the page's own data (Own.Of)
// is the same.
//
// Keys are plain values, stable across models and processes: a story is
// named by its slug, a region, category or tag by its slug, a year by its
// number (and the region's slug for a year of a region's timeline).
type Key struct {
	Kind KeyKind
	ID   string
	// N, for a list of stories or awards, says which part of the list:
	// its length (Len), its counts of awards by level (Counts), or the
	// item at index N.
	N int
}

// The parts of a list a Key's N can name besides an item.
const (
	Len    = -1
	Counts = -2
)

// KeyKind says what a Key names.
type KeyKind uint8

// The kinds of Key. A page's own data (its title, body, intro, list, pager,
// region…) is not among them: it is compared as a whole (Own.Of). Nor
// are the site-wide inputs — the config, the home, section and standalone
// pages, the regions and categories themselves (their names, intros,
// successors) — which the caller compares once for all pages.
const (
	KeyStory           KeyKind = iota + 1 // a story's front matter
	KeyStoryBody                          // a story's Markdown body
	KeyStorySummary                       // a story's summary as shown (Renderer.Summary)
	KeyStoryPlace                         // a story's region and category
	KeyStoryTags                          // a story's tags
	KeyStoryNeighbours                    // a story's previous and next story
	KeyStoryRelated                       // the stories a story's page suggests (site.Story.Related)
	KeyStoryCover                         // a story's cover image as planned
	KeyRegionStories                      // a region's stories, in order
	KeyRegionAwards                       // a region's awards, in order, and their counts
	KeyRegionTotals                       // a region's metric totals
	KeyRegionTimeline                     // the years of a region's timeline
	KeyCategoryStories                    // a category's stories, in order
	KeyYearStories                        // a year's stories, in order
	KeyYearAwards                         // a year's awards, in order, and their counts
	KeyYearLevelAwards                    // a year's awards of one level (ID: year/level)
	KeyTag                                // a tag's name and tag page
	KeyTagStories                         // a tag's stories, in order
	KeySiteStories                        // every story, in order
	KeySiteYears                          // the years with stories
	KeySiteTags                           // the tags
	KeySiteTimeline                       // the years of the site's timeline
	KeySiteAwards                         // the site's award counts
	KeyCountyTotals                       // the sums of the counties' totals
	KeyStatic                             // the files of static/
)

var kindNames = [...]string{"", "story", "story-body", "story-summary", "story-place", "story-tags", "story-neighbours", "story-related", "story-cover", "region-stories", "region-awards", "region-totals", "region-timeline", "category-stories", "year-stories", "year-awards", "year-level-awards", "tag", "tag-stories", "site-stories", "site-years", "site-tags", "site-timeline", "site-awards", "county-totals", "static"}

// String returns the key as kind:id, with #n, #len or #counts for a part
// of a list: story:xizhou-fund, year-stories:2016#3.
func (k Key) String() string {
	name := "?"
	if int(k.Kind) < len(kindNames) {
		name = kindNames[k.Kind]
	}
	if k.ID != "" {
		name += ":" + k.ID
	}
	switch {
	case k.N == Len:
		name += "#len"
	case k.N == Counts:
		name += "#counts"
	case k.N > 0 || k.N == 0 && isList(k.Kind):
		name += "#" + strconv.Itoa(k.N)
	}
	return name
}

// isList reports whether keys of kind k name parts of a list.
func isList(k KeyKind) bool {
	switch k {
	case KeyRegionStories, KeyRegionAwards, KeyCategoryStories, KeyYearStories, KeyYearAwards, KeyYearLevelAwards, KeyTagStories, KeySiteStories:
		return true
	}
	return false
}

// Deps is the set of keys a page read while it rendered, sorted.
type Deps []Key

func cmpKey(a, b Key) int {
	if a.Kind != b.Kind {
		return int(a.Kind) - int(b.Kind)
	}
	switch {
	case a.ID < b.ID:
		return -1
	case a.ID > b.ID:
		return 1
	}
	return a.N - b.N
}

// recorder collects the keys one render reads. A nil *recorder records
// nothing (a render whose dependencies no one asked for).
type recorder struct {
	keys map[Key]struct{}
	// ownRead says the page read a story of its own list itself, not
	// only through a spliced fragment (StoryView.own).
	ownRead bool
}

func (r *recorder) readOwn() {
	if r != nil {
		r.ownRead = true
	}
}

func newRecorder() *recorder { return &recorder{keys: map[Key]struct{}{}} }

func (r *recorder) add(kind KeyKind, id string) {
	if r != nil {
		r.keys[Key{kind, id, 0}] = struct{}{}
	}
}

// addKey records k.
func (r *recorder) addKey(k Key) {
	if r != nil {
		r.keys[k] = struct{}{}
	}
}

func (r *recorder) addAll(d Deps) {
	if r != nil {
		for _, k := range d {
			r.keys[k] = struct{}{}
		}
	}
}

func (r *recorder) deps() Deps {
	d := make(Deps, 0, len(r.keys))
	for k := range r.keys {
		d = append(d, k)
	}
	slices.SortFunc(d, cmpKey)
	return d
}

// executeApart executes layout name of t into w with the data view(rec),
// where rec records what the layout reads apart from the page's recorder:
// for a piece rendered once and shown by many pages (a part, a
// partialCached result). It returns those keys, after adding them to the
// page's recorder; nil when the page records nothing.
func executeApart(set *tmplSet, t *template.Template, w io.Writer, name string, view func(rec *recorder) any) (Deps, error) {
	deps, err := renderApart(set, t, w, name, view)
	set.rec.addAll(deps)
	return deps, err
}

// renderApart is executeApart without adding the keys to the page's
// recorder: for a card or a dossier section, whose keys the page adds
// itself, or its splicing keeps apart (RenderShell). Nothing the piece
// shows is left out of it to be spliced.
func renderApart(set *tmplSet, t *template.Template, w io.Writer, name string, view func(rec *recorder) any) (Deps, error) {
	var rec *recorder
	if set.rec != nil {
		rec = newRecorder()
	}
	page, splice := set.rec, set.splice
	set.rec, set.splice = rec, nil
	err := t.ExecuteTemplate(w, name, view(rec))
	set.rec, set.splice = page, splice
	if err != nil || rec == nil {
		return nil, err
	}
	return rec.deps(), nil
}

// Version is what a Key names in one model, reduced to a 64-bit hash of
// the values the key covers: equal versions, equal data shown. The hash
// depends on nothing but those values — not on addresses, the process or
// the machine — so versions can be kept on disk and compared with the
// next build's (the page cache of a CLI build, pagecache.go in package
// generator).
type Version struct {
	h uint64
}

// Sum returns the version as a number, for storing it.
func (v Version) Sum() uint64 { return v.h }

// Versions gives the Version of keys in one model of the site. It is safe
// for concurrent use; the model must not change while it is in use.
type Versions struct {
	s       *site.Site
	text    *Text
	covers  map[*content.Story]*images.Image
	once    sync.Once
	stories map[string]*site.Story
	cats    map[string]*site.Category
	tags    map[string]*site.Tag
	years   map[string]*site.Year // "2016", "<region>/2016"
	lmu     sync.Mutex
	levels  map[string][]site.AwardRef // ByLevel lists, by levelID
	// memo holds the hashes of stories' front matter and bodies, by
	// content object; prev is the memo of the Versions this one follows,
	// whose entries are taken over when they still hold.
	memo, prev *storyMemo
	// storiesVersion is the model's site.Site.StoriesVersion when stories
	// was made.
	storiesVersion int
}

// NewVersions returns the Versions of the model a Renderer of in renders.
// prev, if not nil, is the Versions of an earlier state of the same model
// or of an earlier model of the same site: its index of stories is reused
// when the model object is the same (changed since only by site.Site.Patch
// or site.Site.Move, which keep every story's object), and its hashes of
// the content objects still in use.
func NewVersions(in Input, prev *Versions) *Versions {
	s := in.Site
	v := &Versions{s: s, text: in.Text, covers: in.Covers, memo: newStoryMemo(), storiesVersion: s.StoriesVersion()}
	if prev != nil {
		v.prev = prev.memo
		if prev.s == s && prev.stories != nil && prev.storiesVersion == v.storiesVersion && len(prev.stories) == len(s.Stories) {
			v.stories = prev.stories
		}
	}
	return v
}

func (v *Versions) index() {
	s := v.s
	if v.stories == nil {
		v.stories = make(map[string]*site.Story, len(s.Stories))
		for _, st := range s.Stories {
			v.stories[st.Slug] = st
		}
	}
	v.cats = make(map[string]*site.Category, len(s.Categories))
	for _, c := range s.Categories {
		v.cats[c.Slug] = c
	}
	v.tags = make(map[string]*site.Tag, len(s.Tags))
	for _, t := range s.Tags {
		v.tags[t.Slug] = t
	}
	v.years = map[string]*site.Year{}
	for _, y := range s.Years {
		v.years[strconv.Itoa(y.Year)] = y
	}
	for _, y := range s.Timeline {
		v.years[strconv.Itoa(y.Year)] = y
	}
	for _, r := range s.Regions {
		for _, y := range r.Timeline {
			v.years[yearID(r, y)] = y
		}
	}
}

// yearID is the ID of a year of a region's timeline (reg not nil) or of
// the site.
func yearID(reg *site.Region, y *site.Year) string {
	if reg == nil {
		return strconv.Itoa(y.Year)
	}
	return reg.Slug + "/" + strconv.Itoa(y.Year)
}

// Of returns the version of k.
func (v *Versions) Of(k Key) Version {
	v.once.Do(v.index)
	return v.compute(k)
}

func (v *Versions) compute(k Key) Version {
	s := v.s
	var h hasher
	h.init()
	h.int(int(k.Kind))
	switch k.Kind {
	case KeyStory:
		if st := v.stories[k.ID]; st != nil {
			h.mix(v.frontMatter(st.Story))
		}
	case KeyStoryBody:
		if st := v.stories[k.ID]; st != nil {
			h.mix(v.body(st.Story))
		}
	case KeyStorySummary:
		if st := v.stories[k.ID]; st != nil {
			if t, ok := v.text.Stories[st.Story]; ok {
				h.str(t.Summary)
			} else {
				h.str(st.Summary)
			}
		}
	case KeyStoryPlace:
		if st := v.stories[k.ID]; st != nil {
			h.str(st.Region.Slug)
			h.str(st.Category.Slug)
		}
	case KeyStoryTags:
		st := v.stories[k.ID]
		if st == nil {
			break
		}
		h.int(len(st.Tags))
		for _, t := range st.Tags {
			h.str(t.Slug)
		}
	case KeyStoryNeighbours:
		if st := v.stories[k.ID]; st != nil {
			h.story(st.Prev)
			h.story(st.Next)
		}
	case KeyStoryRelated:
		st := v.stories[k.ID]
		if st == nil {
			break
		}
		h.int(len(st.Related))
		for _, o := range st.Related {
			h.str(o.Slug)
		}
	case KeyStoryCover:
		if st := v.stories[k.ID]; st != nil {
			h.image(v.covers[st.Story])
		}
	case KeyRegionTotals:
		if r := s.Region(k.ID); r != nil {
			h.totals(r.Totals)
		}
	case KeyRegionTimeline:
		if r := s.Region(k.ID); r != nil {
			h.years(r.Timeline)
		}
	case KeyTag:
		if t := v.tags[k.ID]; t != nil {
			h.str(t.Name)
			h.tagPage(t.Page)
		}
	case KeyRegionStories, KeyCategoryStories, KeyYearStories, KeyTagStories, KeySiteStories:
		list, ok := v.storyList(k)
		switch {
		case !ok:
		case k.N == Len:
			h.int(len(list))
		case k.N >= 0 && k.N < len(list):
			h.str(list[k.N].Slug)
		}
	case KeyRegionAwards, KeyYearAwards, KeyYearLevelAwards:
		list, counts, ok := v.awardList(k)
		switch {
		case !ok:
		case k.N == Len:
			h.int(len(list))
		case k.N == Counts:
			h.int(counts.National)
			h.int(counts.Provincial)
			h.int(counts.Municipal)
			h.int(counts.County)
		case k.N >= 0 && k.N < len(list):
			h.award(list[k.N])
		}
	case KeySiteYears:
		h.years(s.Years)
	case KeySiteTags:
		h.int(len(s.Tags))
		for _, t := range s.Tags {
			h.str(t.Slug)
		}
	case KeySiteTimeline:
		h.years(s.Timeline)
	case KeySiteAwards:
		h.int(s.AwardCounts.National)
		h.int(s.AwardCounts.Provincial)
		h.int(s.AwardCounts.Municipal)
		h.int(s.AwardCounts.County)
	case KeyCountyTotals:
		h.totals(s.CountyTotals())
	case KeyStatic:
		h.int(len(s.Static))
		for _, p := range s.Static {
			h.str(p)
		}
	}
	return Version{h: h.sum()}
}

// storyList returns the list of stories k names a part of.
func (v *Versions) storyList(k Key) ([]*site.Story, bool) {
	switch k.Kind {
	case KeyRegionStories:
		if r := v.s.Region(k.ID); r != nil {
			return r.Stories, true
		}
	case KeyCategoryStories:
		if c := v.cats[k.ID]; c != nil {
			return c.Stories, true
		}
	case KeyYearStories:
		if y := v.years[k.ID]; y != nil {
			return y.Stories, true
		}
	case KeyTagStories:
		if t := v.tags[k.ID]; t != nil {
			return t.Stories, true
		}
	case KeySiteStories:
		return v.s.Stories, true
	}
	return nil, false
}

// awardList returns the list of awards k names a part of, and its counts.
func (v *Versions) awardList(k Key) ([]site.AwardRef, site.LevelCounts, bool) {
	switch k.Kind {
	case KeyRegionAwards:
		if r := v.s.Region(k.ID); r != nil {
			return r.Awards, r.AwardCounts, true
		}
	case KeyYearAwards:
		if y := v.years[k.ID]; y != nil {
			return y.Awards, y.AwardCounts, true
		}
	case KeyYearLevelAwards:
		id, level := splitLevel(k.ID)
		if y := v.years[id]; y != nil {
			return v.byLevel(k.ID, y, level), site.LevelCounts{}, true
		}
	}
	return nil, site.LevelCounts{}, false
}

// byLevel returns y.ByLevel(level), made once per Versions.
func (v *Versions) byLevel(id string, y *site.Year, level string) []site.AwardRef {
	v.lmu.Lock()
	defer v.lmu.Unlock()
	if l, ok := v.levels[id]; ok {
		return l
	}
	if v.levels == nil {
		v.levels = map[string][]site.AwardRef{}
	}
	l := y.ByLevel(level)
	v.levels[id] = l
	return l
}

// levelID is the ID of the awards of one level of a year.
func levelID(year, level string) string { return year + "/" + level }

// splitLevel splits a levelID.
func splitLevel(id string) (year, level string) {
	i := strings.LastIndexByte(id, '/')
	return id[:i], id[i+1:]
}
