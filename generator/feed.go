package generator

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// FeedEntries is the number of stories in the Atom feed.
const FeedEntries = 50

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Title     string     `xml:"title"`
	ID        string     `xml:"id"`
	Link      atomLink   `xml:"link"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published"`
	Summary   string     `xml:"summary,omitempty"`
	Category  []atomTerm `xml:"category"`
}

type atomTerm struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomFeed struct {
	XMLName  xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string   `xml:"xml:lang,attr"`
	Title    string   `xml:"title"`
	Subtitle string   `xml:"subtitle,omitempty"`
	ID       string   `xml:"id"`
	Updated  string   `xml:"updated"`
	Author   struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

// Feed returns the site's Atom feed: the first FeedEntries stories in the
// site's order. Its updated time is the newest story date, never the clock.
func Feed(r *render.Renderer, s *site.Site) ([]byte, error) {
	f := atomFeed{Lang: "zh-CN", Title: s.Config.Title, Subtitle: s.Config.Description, ID: r.AbsURL("")}
	f.Author.Name = s.Config.Title
	f.Links = []atomLink{{Rel: "self", Type: "application/atom+xml", Href: r.AbsURL("feed.xml")}, {Rel: "alternate", Type: "text/html", Href: r.AbsURL("")}}
	var newest time.Time
	for i, st := range s.Stories {
		if st.Date.After(newest) {
			newest = st.Date
		}
		if i >= FeedEntries {
			continue
		}
		d := st.Date.Format(time.RFC3339)
		e := atomEntry{Title: st.Title, ID: r.AbsURL(st.URL()), Link: atomLink{Rel: "alternate", Type: "text/html", Href: r.AbsURL(st.URL())}, Updated: d, Published: d, Summary: r.Summary(st)}
		e.Category = append(e.Category, atomTerm{Term: st.Region.Slug, Label: st.Region.Title}, atomTerm{Term: st.Category.Slug, Label: st.Category.Title})
		f.Entries = append(f.Entries, e)
	}
	if newest.IsZero() {
		newest = time.Date(2004, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f.Updated = newest.Format(time.RFC3339)
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// Sitemap returns sitemap.xml listing every indexable page, as compact as
// a minifier would make it (it is written as it is).
func Sitemap(r *render.Renderer, pages []*render.Page) []byte {
	return sitemapXML(r, sitemapEntries(pages))
}

// sitemapEntry is one URL of the sitemap: its path below the root.
type sitemapEntry struct {
	url  string
	date int // the story's date as yyyymmdd, written as <lastmod>; 0: none
}

// sitemapEntries returns the sitemap's URLs in page order.
func sitemapEntries(pages []*render.Page) []sitemapEntry {
	urls := make([]sitemapEntry, 0, len(pages))
	for _, p := range pages {
		if e, ok := sitemapEntryOf(p); ok {
			urls = append(urls, e)
		}
	}
	return urls
}

// sitemapEntryOf returns the sitemap entry of a page, if it has one.
func sitemapEntryOf(p *render.Page) (sitemapEntry, bool) {
	if p.NoIndex {
		return sitemapEntry{}, false
	}
	e := sitemapEntry{url: p.URL}
	if p.Story != nil && p.Story.DateSet {
		y, m, d := p.Story.Date.Date()
		e.date = y*10000 + int(m)*100 + d
	}
	return e, true
}

// sitemapXML writes the entries sorted by URL; it sorts a copy.
func sitemapXML(r *render.Renderer, entries []sitemapEntry) []byte {
	return sortedSitemapXML(r, sortEntries(entries))
}

// sortEntries returns a copy of entries sorted by URL.
func sortEntries(entries []sitemapEntry) []sitemapEntry {
	urls := slices.Clone(entries)
	slices.SortFunc(urls, func(a, b sitemapEntry) int { return strings.Compare(a.url, b.url) })
	return urls
}

// sortedSitemapXML writes entries sorted by URL.
func sortedSitemapXML(r *render.Renderer, urls []sitemapEntry) []byte {
	base := r.AbsURL("")
	size := 200
	for _, u := range urls {
		size += len(base) + len(u.url) + 60
	}
	var b bytes.Buffer
	b.Grow(size)
	b.WriteString(strings.TrimSuffix(xml.Header, "\n"))
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	plain := plainASCII(base)
	for _, u := range urls {
		writeEntry(&b, base, plain, u)
	}
	b.WriteString("</urlset>")
	return b.Bytes()
}

// writeEntry writes one <url> element of the sitemap; plain says whether
// base is plainASCII.
func writeEntry(b *bytes.Buffer, base string, plain bool, u sitemapEntry) {
	b.WriteString("<url><loc>")
	if plain && plainASCII(u.url) {
		b.WriteString(base)
		b.WriteString(u.url)
	} else {
		xml.EscapeText(b, []byte(base+u.url))
	}
	b.WriteString("</loc>")
	if u.date != 0 {
		var d [16]byte
		b.WriteString("<lastmod>")
		b.Write(appendDate(d[:0], u.date))
		b.WriteString("</lastmod>")
	}
	b.WriteString("</url>")
}

// appendDate appends the date yyyymmdd as yyyy-mm-dd, as
// time.Time.Format("2006-01-02") writes it.
func appendDate(dst []byte, date int) []byte {
	y, m, d := strconv.Itoa(date/10000), date/100%100, date%100
	for i := len(y); i < 4; i++ {
		dst = append(dst, '0')
	}
	dst = append(dst, y...)
	return append(dst, '-', byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10))
}

// plainASCII reports whether s is printable ASCII that XML text needs no
// escape for.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c <= ' ' || c >= 0x7f, c == '&', c == '<', c == '>', c == '\'', c == '"':
			return false
		}
	}
	return true
}
