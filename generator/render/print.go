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
// city's), and lists the parts.

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
	return r.printParts(Page{Kind: "print", URL: "print/", Title: title, Description: fmt.Sprintf("全部 %d 个创新项目的可打印汇编。", len(s.Stories)), Intro: rebase(r.text.Pages[s.Home], r.th.root)}, s.Stories)
}

// RegionPrintPages returns the parts of one region's dossier.
func (r *Renderer) RegionPrintPages(reg *site.Region) []*Page {
	return r.printParts(Page{Kind: "print", URL: reg.URL() + "print/", Title: reg.Title + "：项目汇编", Description: fmt.Sprintf("%s %d 个创新项目的可打印汇编。", reg.Title, len(reg.Stories)), Section: "regions", Region: reg, Intro: rebase(r.text.Regions[reg.Region], r.th.root+reg.URL())}, reg.Stories)
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

func (r *Renderer) printParts(proto Page, stories []*site.Story) []*Page {
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
		p.Count = len(stories)
		p.Pager = &Pager{Number: n, Total: total, Base: proto.URL}
		if n > 1 {
			p.Pager.PrevURL = PrintURL(proto.URL, n-1)
			p.Title = fmt.Sprintf("%s（第%d部分）", proto.Title, n)
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

// storyBody returns a story's body as HTML, as its page shows it, with
// relative links made to point where the page's do.
func (r *Renderer) storyBody(st *site.Story) template.HTML {
	return rebase(r.text.Stories[st.Story].HTML, r.th.root+st.URL())
}
