package sitecheck

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ningbo-showcase/showcase/generator"
)

// testBase is the base URL the real showcase is built with in these tests.
const testBase = "http://127.0.0.1:8080/"

var (
	realOnce sync.Once
	realDir  string
	realErr  error
)

// TestMain removes the built showcase after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if realDir != "" {
		os.RemoveAll(realDir)
	}
	os.Exit(code)
}

// realSite builds the real showcase (the repository's content/) once per
// test binary and returns its output.
func realSite(tb testing.TB) (string, output) {
	tb.Helper()
	realOnce.Do(func() {
		realDir, realErr = os.MkdirTemp("", "sitecheck-")
		if realErr != nil {
			return
		}
		_, realErr = generator.Build(context.Background(), generator.Options{
			Source: repoRoot, Dest: filepath.Join(realDir, "public"), BaseURL: testBase, Year: 2026,
		})
	})
	if realErr != nil {
		tb.Fatalf("building the showcase: %v", realErr)
	}
	dir := filepath.Join(realDir, "public")
	return dir, fromDir(tb, dir)
}

// page is an HTML page of a built site, parsed.
type page struct {
	path  string // file below the root: stories/x/index.html
	tags  []tag
	ids   map[string]bool
	title string
	h1    int
}

var titleRE = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)

func parsePage(p string, doc []byte) *page {
	pg := &page{path: p, ids: map[string]bool{}}
	scanHTML(string(doc), func(t tag) {
		pg.tags = append(pg.tags, t)
		if id, ok := t.get("id"); ok {
			pg.ids[id] = true
		}
		if t.name == "a" {
			if name, ok := t.get("name"); ok {
				pg.ids[name] = true
			}
		}
		if t.name == "h1" {
			pg.h1++
		}
	})
	if m := titleRE.FindSubmatch(doc); m != nil {
		pg.title = strings.TrimSpace(string(m[1]))
	}
	return pg
}

func (pg *page) first(name string) (tag, bool) {
	for _, t := range pg.tags {
		if t.name == name {
			return t, true
		}
	}
	return tag{}, false
}

func (pg *page) meta(name string) (string, bool) {
	for _, t := range pg.tags {
		if n, _ := t.get("name"); t.name == "meta" && n == name {
			return t.get("content")
		}
	}
	return "", false
}

// redirect reports whether the page is an alias that redirects elsewhere.
func (pg *page) redirect() bool {
	for _, t := range pg.tags {
		if eq, _ := t.get("http-equiv"); t.name == "meta" && strings.EqualFold(eq, "refresh") {
			return true
		}
	}
	return false
}

// url returns the page's URL path below the root: stories/x/ for
// stories/x/index.html.
func (pg *page) url() string {
	if pg.path == "index.html" {
		return ""
	}
	return strings.TrimSuffix(pg.path, "index.html")
}

// resolve maps a link on a page to the file it names in the output, or
// "" with ok false when the link leaves the site. The second result is the
// fragment.
func resolve(base *url.URL, pageURL, ref string) (file, frag string, internal bool, err error) {
	pu, _ := url.Parse(base.String())
	pu.Path = base.Path + pageURL
	r, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return "", "", false, err
	}
	u := pu.ResolveReference(r)
	if u.Scheme != base.Scheme || u.Host != base.Host {
		return "", "", false, nil
	}
	if !strings.HasPrefix(u.Path, base.Path) {
		return "", "", true, fmt.Errorf("%q leaves the site root %s", ref, base.Path)
	}
	rel := strings.TrimPrefix(u.Path, base.Path)
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return rel, u.Fragment, true, nil
}

// TestLinks checks every internal href and src of every page of the built
// showcase: the file exists, and a fragment names an id on its page.
func TestLinks(t *testing.T) {
	_, out := realSite(t)
	base, _ := url.Parse(testBase)
	pages := map[string]*page{}
	for _, p := range out.paths(".html") {
		pages[p] = parsePage(p, out[p])
	}
	links := 0
	for _, p := range out.paths(".html") {
		pg := pages[p]
		for _, tg := range pg.tags {
			for _, a := range tg.attrs {
				if !urlAttrs[a.name] || a.name == "srcset" {
					continue
				}
				if tg.name == "meta" {
					continue
				}
				file, frag, internal, err := resolve(base, pg.url(), a.val)
				if err != nil {
					t.Errorf("%s: <%s %s=%q>: %v", p, tg.name, a.name, a.val, err)
					continue
				}
				if !internal {
					continue
				}
				links++
				if _, ok := out[file]; !ok {
					t.Errorf("%s: <%s %s=%q>: %s is not in the output", p, tg.name, a.name, a.val, file)
					continue
				}
				if frag != "" && strings.HasSuffix(file, ".html") {
					if target := pages[file]; target != nil && !target.ids[frag] {
						t.Errorf("%s: <%s %s=%q>: no id %q on %s", p, tg.name, a.name, a.val, frag, file)
					}
				}
			}
		}
	}
	if len(pages) < 30 {
		t.Errorf("only %d pages in the built showcase", len(pages))
	}
	t.Logf("link-checked %d pages, %d internal links", len(pages), links)
}

func TestResolve(t *testing.T) {
	base, _ := url.Parse("https://example.org/showcase/")
	for _, tc := range []struct {
		page, ref, file, frag string
		internal, err         bool
	}{
		{"", "#main", "index.html", "main", true, false},
		{"", "stories/", "stories/index.html", "", true, false},
		{"stories/x/", "../y/", "stories/y/index.html", "", true, false},
		{"stories/x/", "/showcase/assets/a.css", "assets/a.css", "", true, false},
		{"stories/x/", "https://example.org/showcase/feed.xml", "feed.xml", "", true, false},
		{"stories/x/", "https://example.com/", "", "", false, false},
		{"stories/x/", "/elsewhere/", "", "", true, true},
		{"", "search/?q=商会", "search/index.html", "", true, false},
	} {
		file, frag, internal, err := resolve(base, tc.page, tc.ref)
		if file != tc.file || frag != tc.frag || internal != tc.internal || (err != nil) != tc.err {
			t.Errorf("resolve(%q, %q) = %q, %q, %v, %v", tc.page, tc.ref, file, frag, internal, err)
		}
	}
}

// TestPageBasics checks that every HTML page has one h1, a title, the
// document language and a meta description.
func TestPageBasics(t *testing.T) {
	_, out := realSite(t)
	for _, p := range out.paths(".html") {
		pg := parsePage(p, out[p])
		if pg.redirect() {
			continue
		}
		if pg.h1 != 1 {
			t.Errorf("%s: %d <h1> elements, want 1", p, pg.h1)
		}
		if pg.title == "" {
			t.Errorf("%s: empty or missing <title>", p)
		}
		if h, ok := pg.first("html"); !ok {
			t.Errorf("%s: no <html> element", p)
		} else if lang, _ := h.get("lang"); lang != "zh-CN" {
			t.Errorf("%s: <html lang=%q>, want zh-CN", p, lang)
		}
		if d, ok := pg.meta("description"); !ok || strings.TrimSpace(d) == "" {
			t.Errorf("%s: no meta description", p)
		}
		if r, ok := pg.meta("showcase-root"); !ok || r != "/" {
			t.Errorf("%s: meta showcase-root = %q, want /", p, r)
		}
	}
}

type sitemap struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc string `xml:"loc"`
	} `xml:"url"`
}

// TestSitemap checks that sitemap.xml lists every indexable page — every
// page but 404.html, redirects and noindex pages — and nothing else.
func TestSitemap(t *testing.T) {
	_, out := realSite(t)
	var sm sitemap
	if err := xml.Unmarshal(out["sitemap.xml"], &sm); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	listed := map[string]bool{}
	for _, u := range sm.URLs {
		if !strings.HasPrefix(u.Loc, testBase) {
			t.Errorf("sitemap: %q is not under %s", u.Loc, testBase)
			continue
		}
		rel := strings.TrimPrefix(u.Loc, testBase)
		if rel == "" || strings.HasSuffix(rel, "/") {
			rel += "index.html"
		}
		if listed[rel] {
			t.Errorf("sitemap lists %s twice", u.Loc)
		}
		listed[rel] = true
		if _, ok := out[rel]; !ok {
			t.Errorf("sitemap lists %s, which is not in the output", u.Loc)
		}
	}
	var missing []string
	for _, p := range out.paths(".html") {
		pg := parsePage(p, out[p])
		robots, _ := pg.meta("robots")
		indexable := p != "404.html" && !pg.redirect() && !strings.Contains(robots, "noindex")
		if indexable && !listed[p] {
			missing = append(missing, p)
		}
		if !indexable && listed[p] {
			t.Errorf("sitemap lists %s, which is not indexable", p)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("sitemap misses %d indexable pages: %v", len(missing), missing)
	}
}

type atom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

// TestFeed checks that feed.xml is Atom with the required elements, RFC
// 3339 dates, one entry per story and links that resolve.
func TestFeed(t *testing.T) {
	_, out := realSite(t)
	var f atom
	if err := xml.Unmarshal(out["feed.xml"], &f); err != nil {
		t.Fatalf("feed.xml is not Atom: %v", err)
	}
	rfc := func(what, s string) time.Time {
		ts, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Errorf("%s: updated %q is not RFC 3339: %v", what, s, err)
		}
		return ts
	}
	if f.ID == "" || f.Title == "" {
		t.Errorf("feed id %q, title %q: both are required", f.ID, f.Title)
	}
	updated := rfc("feed", f.Updated)
	self := false
	for _, l := range f.Links {
		if l.Rel == "self" && l.Href == testBase+"feed.xml" {
			self = true
		}
	}
	if !self {
		t.Errorf("feed has no link rel=self to %sfeed.xml", testBase)
	}
	stories := 0
	for p := range out {
		if strings.HasPrefix(p, "stories/") && strings.HasSuffix(p, "/index.html") && strings.Count(p, "/") == 2 {
			stories++
		}
	}
	if len(f.Entries) != min(stories, generator.FeedEntries) {
		t.Errorf("feed has %d entries, want %d (one per story)", len(f.Entries), min(stories, generator.FeedEntries))
	}
	ids := map[string]bool{}
	var newest time.Time
	for i, e := range f.Entries {
		what := fmt.Sprintf("entry %d (%s)", i, e.ID)
		if e.ID == "" || e.Title == "" {
			t.Errorf("%s: id and title are required", what)
		}
		if ids[e.ID] {
			t.Errorf("%s: duplicate id", what)
		}
		ids[e.ID] = true
		if u := rfc(what, e.Updated); u.After(newest) {
			newest = u
		}
		if len(e.Links) == 0 {
			t.Errorf("%s: no link", what)
		}
		for _, l := range e.Links {
			rel := strings.TrimPrefix(l.Href, testBase)
			if rel == l.Href {
				t.Errorf("%s: link %q is not under %s", what, l.Href, testBase)
			} else if _, ok := out[rel+"index.html"]; !ok {
				t.Errorf("%s: link %q has no page", what, l.Href)
			}
		}
	}
	if !newest.IsZero() && !updated.Equal(newest) {
		t.Errorf("feed updated %v, want the newest entry's %v", updated, newest)
	}
}

// TestRealSiteMarkup checks the built showcase for executable markup as
// TestXSS does for the hostile story.
func TestRealSiteMarkup(t *testing.T) {
	_, out := realSite(t)
	if bad := append(out.unsafeMarkup("/"), out.rawJSONMarkup()...); len(bad) > 0 {
		t.Errorf("executable markup in the showcase:\n%s", strings.Join(bad, "\n"))
	}
}
