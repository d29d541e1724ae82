package render

import (
	"fmt"
	"html/template"
	"strconv"

	"github.com/ningbo-showcase/showcase/generator/site"
)

// Printable dossiers: the whole city's at print/ and each region's at
// regions/<slug>/print/, every story in full, for paper or a PDF. Past
// PrintPart stories a dossier continues in numbered parts (print/2/ …),
// each a complete printable document; the first part holds the intro,
// the totals and the timeline (a region's) or the region comparison (the
// city's), and lists the parts. Only the first part says how many
// stories the dossier holds (Page.Count, as on a list's first page);
// the others say which of them they hold, so that a story added or
// removed changes the parts from its own on, not every part.

// PrintPart is the most stories one part of a dossier holds.
const PrintPart = 100

// PrintURL returns the URL of part n of the dossier whose first part is
// base ("print/", "regions/x/print/").
func PrintURL(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + strconv.Itoa(n) + "/"
}

// CityPrintPages returns the parts of the whole city's dossier.
func (r *Renderer) CityPrintPages() []*Page {
	s := r.site
	title := s.Config.Title + "：项目汇编"
	return r.printParts(Page{Kind: "print", URL: "print/", Title: title, Description: fmt.Sprintf("全部 %d 个创新项目的可打印汇编。", len(s.Stories)), Intro: rebase(r.text.Pages[s.Home], r.th.root)}, "全市创新项目", s.Stories)
}

// RegionPrintPages returns the parts of one region's dossier.
func (r *Renderer) RegionPrintPages(reg *site.Region) []*Page {
	return r.printParts(Page{Kind: "print", URL: reg.URL() + "print/", Title: reg.Title + "：项目汇编", Description: fmt.Sprintf("%s %d 个创新项目的可打印汇编。", reg.Title, len(reg.Stories)), Section: "regions", Region: reg, Intro: rebase(r.text.Regions[reg.Region], r.th.root+reg.URL())}, reg.Title+"创新项目", reg.Stories)
}

// PrintPages returns every dossier's parts: the city's, then the regions'
// in the site's order.
func (r *Renderer) PrintPages() []*Page {
	out := r.CityPrintPages()
	for _, reg := range r.site.Regions {
		out = append(out, r.RegionPrintPages(reg)...)
	}
	return out
}

// printParts returns the parts of a dossier of stories whose first part
// is proto; scope names the stories in the other parts' descriptions.
func (r *Renderer) printParts(proto Page, scope string, stories []*site.Story) []*Page {
	total := max(1, (len(stories)+PrintPart-1)/PrintPart)
	out := make([]*Page, 0, total)
	for n := 1; n <= total; n++ {
		p := proto
		p.site = r.site
		lo, hi := (n-1)*PrintPart, min(n*PrintPart, len(stories))
		if lo < hi {
			p.List = stories[lo:hi]
		}
		p.URL = PrintURL(proto.URL, n)
		p.Path = p.URL + "index.html"
		p.Pager = &Pager{Number: n, Base: proto.URL}
		if n == 1 {
			p.Count = len(stories)
			p.Pager.Total = total
		} else {
			p.Pager.PrevURL = PrintURL(proto.URL, n-1)
			p.Title = fmt.Sprintf("%s（第%d部分）", proto.Title, n)
			p.Description = fmt.Sprintf("%s的可打印汇编，第%d部分：第%d–%d个项目。", scope, n, lo+1, hi)
			p.Intro = ""
		}
		if n < total {
			p.Pager.NextURL = PrintURL(proto.URL, n+1)
		}
		out = append(out, &p)
	}
	return out
}

// PrintPartInfo describes one part of a dossier, for its first part's
// list of parts.
type PrintPartInfo struct {
	Number   int
	URL      string
	From, To int // the stories it holds, counted from 1
}

// printPartsOf lists the parts of the dossier p belongs to.
// printPartsOf lists the parts of the dossier whose first part is p.
func printPartsOf(p *Page) []PrintPartInfo {
	if p.Pager == nil {
		return nil
	}
	out := make([]PrintPartInfo, 0, p.Pager.Total)
	for n := 1; n <= p.Pager.Total; n++ {
		out = append(out, PrintPartInfo{Number: n, URL: PrintURL(p.Pager.Base, n), From: (n-1)*PrintPart + 1, To: min(n*PrintPart, p.Count)})
	}
	return out
}

// printPartOf describes the part p of a dossier.
func printPartOf(p *Page) PrintPartInfo {
	if p.Pager == nil {
		return PrintPartInfo{Number: 1, From: 1, To: len(p.List)}
	}
	from := (p.Pager.Number-1)*PrintPart + 1
	return PrintPartInfo{Number: p.Pager.Number, URL: PrintURL(p.Pager.Base, p.Pager.Number), From: from, To: from + len(p.List) - 1}
}

// storyBody returns a story's body as HTML, as its page shows it, with
// relative links made to point where the page's do.
func (r *Renderer) storyBody(st *site.Story) (template.HTML, error) {
	h, err := r.storyHTML(st)
	return rebase(h, r.th.root+st.URL()), err
}
