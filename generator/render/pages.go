package render

import (
	"fmt"
	"html/template"
	"strconv"

	"github.com/ningbo-showcase/showcase/generator/site"
)

// StoryPages returns the page of every story, in the site's order.
func (r *Renderer) StoryPages() []*Page {
	out := make([]*Page, len(r.site.Stories))
	for i, st := range r.site.Stories {
		out[i] = r.StoryPage(st)
	}
	return out
}

// StoryPage returns the page of one story, as StoryPages does: its body
// is the story's HTML, its description the story's summary.
func (r *Renderer) StoryPage(st *site.Story) *Page {
	u := st.URL()
	t := r.text.Stories[st.Story]
	return &Page{Kind: "story", Path: u + "index.html", URL: u, Title: st.Title, Description: or(st.Summary, t.Summary), Story: st, Body: t.HTML, Region: st.Region, Category: st.Category, site: r.site}
}

// paginate splits a list into pages of the configured size; an empty list
// still has one page.
func (r *Renderer) paginate(proto Page, stories []*site.Story) []*Page {
	size := r.site.Config.PageSize
	if size <= 0 {
		size = 20
	}
	total := (len(stories) + size - 1) / size
	if total == 0 {
		total = 1
	}
	var out []*Page
	for n := 1; n <= total; n++ {
		p := proto
		p.site = r.site
		lo, hi := (n-1)*size, min(n*size, len(stories))
		if lo < hi {
			p.List = stories[lo:hi]
		}
		p.URL = URLOf(proto.URL, n)
		p.Path = p.URL + "index.html"
		p.Pager = &Pager{Number: n, Base: proto.URL}
		if n == 1 {
			p.Count = len(stories)
			p.Pager.Total = total
		} else {
			// Later pages count neither the list nor its pages: a story
			// that joins or leaves it changes only the pages it shifts,
			// even when the number of pages changes.
			p.Pager.PrevURL = URLOf(proto.URL, n-1)
			p.Title = fmt.Sprintf("%s（第%d页）", proto.Title, n)
			p.Description = fmt.Sprintf("%s（第%d页）。", proto.Title, n)
		}
		if n < total {
			p.Pager.NextURL = URLOf(proto.URL, n+1)
		}
		out = append(out, &p)
	}
	return out
}

// HomeLatest is the number of latest stories the home page lists.
const HomeLatest = 6

// OtherPages returns every page except the stories': home, lists, terms,
// timeline, search, standalone pages, 404 and alias redirects.
func (r *Renderer) OtherPages() []*Page {
	s := r.site
	desc := s.Config.Description
	if s.Home.Description != "" {
		desc = s.Home.Description
	}
	latest := s.Stories
	if len(latest) > HomeLatest {
		latest = latest[:HomeLatest]
	}
	out := []*Page{{Kind: "home", Path: "index.html", URL: "", Title: s.Home.Title, Description: desc, Intro: r.text.Pages[s.Home], List: latest, site: s}}
	out = append(out, r.StoriesPages()...)

	t, d := r.section("regions", "各区县（市）")
	out = append(out, &Page{Kind: "regions", Path: "regions/index.html", URL: "regions/", Title: t, Description: or(d, "宁波市各区县（市）的创新项目、获奖与成效对比。"), Section: "regions", Intro: r.sectionIntro("regions"), site: s})
	for _, reg := range s.Regions {
		out = append(out, r.RegionPages(reg)...)
	}
	t, d = r.section("categories", "创新类别")
	out = append(out, &Page{Kind: "terms", Path: "categories/index.html", URL: "categories/", Title: t, Description: or(d, "按类别浏览创新项目。"), Section: "categories", Intro: r.sectionIntro("categories"), site: s})
	for _, c := range s.Categories {
		out = append(out, r.CategoryPages(c)...)
	}
	t, d = r.section("years", "年度")
	out = append(out, &Page{Kind: "terms", Path: "years/index.html", URL: "years/", Title: t, Description: or(d, "按年度浏览创新项目。"), Section: "years", Intro: r.sectionIntro("years"), site: s})
	for _, y := range s.Years {
		out = append(out, r.YearPages(y)...)
	}
	t, d = r.section("tags", "标签")
	out = append(out, &Page{Kind: "terms", Path: "tags/index.html", URL: "tags/", Title: t, Description: or(d, "按标签浏览创新项目。"), Section: "tags", Intro: r.sectionIntro("tags"), site: s})
	for _, tg := range s.Tags {
		out = append(out, r.TagPages(tg)...)
	}
	out = append(out, &Page{Kind: "timeline", Path: "timeline/index.html", URL: "timeline/", Title: or(sectionTitle(s, "timeline"), "获奖时间线"), Description: "各年度的创新项目与获奖情况。", Intro: r.sectionIntro("timeline"), site: s})
	out = append(out, &Page{Kind: "search", Path: "search/index.html", URL: "search/", Title: "搜索", Description: "搜索全部创新项目。", site: s})
	out = append(out, &Page{Kind: "data", Path: "data/index.html", URL: "data/", Title: "开放数据", Description: "下载全部创新项目、成效数据和各区县（市）合计：JSON 与 CSV。", site: s})
	for _, p := range s.Pages {
		out = append(out, &Page{Kind: "page", Path: p.Slug + "/index.html", URL: p.Slug + "/", Title: p.Title, Description: or(p.Description, p.Summary), Body: r.text.Pages[p], site: s})
	}
	out = append(out, r.PrintPages()...)
	out = append(out, &Page{Kind: "404", Path: "404.html", URL: "404.html", Title: "页面未找到", Description: "页面未找到。", NoIndex: true, site: s})
	// Alias redirects for moved stories and pages.
	for _, st := range s.Stories {
		for _, a := range st.Aliases {
			ap := aliasPage(a, st.URL())
			ap.site = s
			ap.Source, ap.SourceLine = st.Path, max(1, st.Line["aliases"])
			out = append(out, ap)
		}
	}
	for _, p := range s.Pages {
		for _, a := range p.Aliases {
			ap := aliasPage(a, p.Slug+"/")
			ap.site = s
			ap.Source, ap.SourceLine = p.Path, max(1, p.AliasesLine)
			out = append(out, ap)
		}
	}
	return out
}

// section returns the title and description of a section's list pages:
// its _index page's, or title and no description.
func (r *Renderer) section(name, title string) (string, string) {
	if p := r.site.Sections[name]; p != nil {
		if p.Title != "" {
			title = p.Title
		}
		if p.Description != "" {
			return title, p.Description
		}
	}
	return title, ""
}

// StoriesPages returns the list pages of all stories, as OtherPages has
// them.
func (r *Renderer) StoriesPages() []*Page {
	s := r.site
	t, d := r.section("stories", "全部创新项目")
	return r.paginate(Page{Kind: "list", URL: "stories/", Title: t, Description: or(d, fmt.Sprintf("全部 %d 个创新项目，按时间排列。", len(s.Stories))), Section: "stories", Intro: r.sectionIntro("stories")}, s.Stories)
}

// RegionPages returns the list pages of one region, as OtherPages has them.
func (r *Renderer) RegionPages(reg *site.Region) []*Page {
	return r.paginate(Page{Kind: "list", URL: reg.URL(), Title: reg.Title, Description: fmt.Sprintf("%s的 %d 个统战工作创新项目。", reg.Title, len(reg.Stories)), Section: "regions", Region: reg, Intro: r.text.Regions[reg.Region]}, reg.Stories)
}

// CategoryPages returns the list pages of one category, as OtherPages has
// them.
func (r *Renderer) CategoryPages(c *site.Category) []*Page {
	return r.paginate(Page{Kind: "list", URL: c.URL(), Title: c.Title, Description: or(c.Description, fmt.Sprintf("「%s」类的 %d 个创新项目。", c.Title, len(c.Stories))), Section: "categories", Category: c, Intro: r.text.Categories[c.Category]}, c.Stories)
}

// YearPages returns the list pages of one year, as OtherPages has them.
func (r *Renderer) YearPages(y *site.Year) []*Page {
	return r.paginate(Page{Kind: "list", URL: y.URL(), Title: strconv.Itoa(y.Year) + "年度", Description: fmt.Sprintf("%d年度的 %d 个创新项目。", y.Year, len(y.Stories)), Section: "years", Year: y}, y.Stories)
}

// TagPages returns the list pages of one tag, as OtherPages has them.
func (r *Renderer) TagPages(tg *site.Tag) []*Page {
	return r.paginate(Page{Kind: "list", URL: tg.URL(), Title: "标签：" + tg.Name, Description: fmt.Sprintf("标签「%s」下的 %d 个创新项目。", tg.Name, len(tg.Stories)), Section: "tags", Tag: tg, Intro: r.tagIntro(tg)}, tg.Stories)
}

func aliasPage(alias, target string) *Page {
	rel := alias[1:]
	file := rel + "index.html"
	if rel != "" && rel[len(rel)-1] != '/' {
		if len(rel) > 5 && (rel[len(rel)-5:] == ".html" || rel[len(rel)-4:] == ".htm") {
			file = rel
		} else {
			file = rel + "/index.html"
		}
	}
	return &Page{Kind: "alias", Path: file, URL: rel, Title: "已移动", Target: target, NoIndex: true}
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (r *Renderer) sectionIntro(name string) template.HTML {
	if p := r.site.Sections[name]; p != nil {
		return r.text.Pages[p]
	}
	return ""
}

func (r *Renderer) tagIntro(t *site.Tag) template.HTML {
	if t.Page != nil {
		return r.text.Tags[t.Page]
	}
	return ""
}

func sectionTitle(s *site.Site, name string) string {
	if p := s.Sections[name]; p != nil {
		return p.Title
	}
	return ""
}

// Own is a page's own data, as a value apart from the model: its fields,
// and the model values it points to by identity (a story, region,
// category or tag by slug, a year by number). What those values hold is
// compared through the keys a render records (see Key), not here.
type Own struct {
	Kind, Path, URL, Title, Description, Section, Target, Source string
	Body, Intro                                                  template.HTML
	Count, SourceLine                                            int
	NoIndex                                                      bool
	Pager                                                        Pager
	Paged                                                        bool
	Story, Region, Category, Tag                                 string
	Year                                                         int
	List                                                         []string
}

// Own returns the page's own data.
func (p *Page) Own() Own {
	o := Own{Kind: p.Kind, Path: p.Path, URL: p.URL, Title: p.Title, Description: p.Description, Section: p.Section,
		Target: p.Target, Source: p.Source, Body: p.Body, Intro: p.Intro, Count: p.Count, SourceLine: p.SourceLine, NoIndex: p.NoIndex}
	if p.Pager != nil {
		o.Pager, o.Paged = *p.Pager, true
	}
	if p.Story != nil {
		o.Story = p.Story.Slug
	}
	if p.Region != nil {
		o.Region = p.Region.Slug
	}
	if p.Category != nil {
		o.Category = p.Category.Slug
	}
	if p.Tag != nil {
		o.Tag = p.Tag.Slug
	}
	if p.Year != nil {
		o.Year = p.Year.Year
	}
	if p.List != nil {
		o.List = make([]string, len(p.List))
		for i, st := range p.List {
			o.List[i] = st.Slug
		}
	}
	return o
}

// Of reports whether p's own data is o.
func (o *Own) Of(p *Page) bool {
	if o.Kind != p.Kind || o.Path != p.Path || o.URL != p.URL || o.Title != p.Title || o.Description != p.Description ||
		o.Body != p.Body || o.Section != p.Section || o.Intro != p.Intro || o.Count != p.Count ||
		o.Target != p.Target || o.Source != p.Source || o.SourceLine != p.SourceLine || o.NoIndex != p.NoIndex {
		return false
	}
	if o.Paged != (p.Pager != nil) || p.Pager != nil && o.Pager != *p.Pager {
		return false
	}
	if o.Story != slugOf(p.Story) || len(o.List) != len(p.List) {
		return false
	}
	for i, st := range p.List {
		if o.List[i] != st.Slug {
			return false
		}
	}
	switch {
	case p.Region == nil && o.Region != "" || p.Region != nil && o.Region != p.Region.Slug:
		return false
	case p.Category == nil && o.Category != "" || p.Category != nil && o.Category != p.Category.Slug:
		return false
	case p.Tag == nil && o.Tag != "" || p.Tag != nil && o.Tag != p.Tag.Slug:
		return false
	case p.Year == nil && o.Year != 0 || p.Year != nil && o.Year != p.Year.Year:
		return false
	}
	return true
}

func slugOf(st *site.Story) string {
	if st == nil {
		return ""
	}
	return st.Slug
}
