package printpdf

import (
	"context"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/ningbo-showcase/showcase/generator"
	"github.com/ningbo-showcase/showcase/generator/corpus"
	"github.com/ningbo-showcase/showcase/internal/testenv"
)

var screenshots = flag.String("screenshots", "", "write a printed dossier page's picture into this directory")

// A4 in inches, and its printable width in CSS pixels under the print
// stylesheet's @page margins (16 mm each side): 178 mm at 96 px per inch.
const (
	a4Width, a4Height = 8.27, 11.69
	printableWidth    = 672
)

var countRE = regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)`)
var pageRE = regexp.MustCompile(`/Type\s*/Page\b`)

// pdfPages returns the page count of a PDF Chromium wrote: the count of
// the page tree's root (the largest), checked against the page objects.
func pdfPages(t *testing.T, pdf []byte) int {
	t.Helper()
	n := 0
	for _, m := range countRE.FindAllSubmatch(pdf, -1) {
		c, _ := strconv.Atoi(string(m[1]))
		n = max(n, c)
	}
	if objs := len(pageRE.FindAll(pdf, -1)); objs != n {
		t.Fatalf("the PDF's page tree counts %d pages, it has %d page objects", n, objs)
	}
	return n
}

func TestPrintDossiers(t *testing.T) {
	testenv.Chromium(t)
	src := t.TempDir()
	if err := corpus.Generate(src, corpus.Options{N: 230, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	srv := httptest.NewUnstartedServer(http.FileServer(http.Dir(dest)))
	srv.Start()
	defer srv.Close()
	rep, err := generator.Build(context.Background(), generator.Options{Source: src, Dest: dest, BaseURL: srv.URL + "/", Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	stories := rep.Pages["story"]
	if stories <= 200 {
		t.Fatalf("%d stories: want over 200 for a three-part city dossier", stories)
	}
	ctx := testenv.Browser(t, 4*time.Minute)
	for _, c := range []struct {
		path    string
		stories int // stories in this part
		chart   bool
	}{
		{"/print/", 100, true},
		{"/print/3/", stories - 200, false},
		{"/regions/cixi/print/", -1, false},
	} {
		t.Run(c.path, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+c.path), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
				t.Fatal(err)
			}
			n := c.stories
			if n < 0 {
				var err error
				if n, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.dossier-story').length`)); err != nil {
					t.Fatal(err)
				}
			}
			pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(func(p *page.PrintToPDFParams) {
				yes := true
				p.PaperWidth, p.PaperHeight, p.PreferCSSPageSize = a4Width, a4Height, &yes
			}))
			if err != nil {
				t.Fatal(err)
			}
			pages := pdfPages(t, pdf)
			// A page per story at least (each starts one), plus the
			// cover; no story should need more than a few.
			if pages < n+1 || pages > 4*n+6 {
				t.Errorf("%d PDF pages for %d stories", pages, n)
			}
			t.Logf("%s: %d stories, %d A4 pages, PDF %d KB", c.path, n, pages, len(pdf)>>10)

			// As printed: the print media at the printable width.
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
				t.Fatal(err)
			}
			defer chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(printableWidth, 900)); err != nil {
				t.Fatal(err)
			}
			check := func(what, expr string) {
				ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
				if err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				if !ok {
					t.Errorf("%s: %s is false", c.path, what)
				}
			}
			check("nothing wider than the page", `document.documentElement.scrollWidth <= window.innerWidth &&
				[...document.querySelectorAll('main *')].every(e => { const r = e.getBoundingClientRect(); return r.width === 0 || (r.left >= -1 && r.right <= window.innerWidth + 1); })`)
			check("no site chrome", `['.site-header', '.site-footer', '.skip-link', '.reading-prefs', '.site-search', '.print-hint']
				.every(s => [...document.querySelectorAll(s)].every(e => getComputedStyle(e).display === 'none'))`)
			check("a page break before every story", `[...document.querySelectorAll('.dossier-story')].every(e => ['page', 'always'].includes(getComputedStyle(e).breakBefore))`)
			check("link addresses after links", `(() => { const a = document.querySelector('.dossier-story h2 a'); return a && getComputedStyle(a, '::after').content.includes(a.getAttribute('href')); })()`)
			if c.chart {
				check("charts kept as SVG", `[...document.querySelectorAll('main svg')].some(s => getComputedStyle(s).display !== 'none' && s.getBoundingClientRect().width > 100)`)
			}
			if *screenshots != "" && c.path == "/regions/cixi/print/" {
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(794, 1123)); err != nil {
					t.Fatal(err)
				}
				buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(*screenshots, "print-dossier-a4.png"), buf, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
