package a11y

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/ningbo-showcase/showcase/internal/testenv"
)

var screenshots = flag.String("screenshots", "", "write the phone search's picture into this directory")

// clsScript sums the layout shifts of the page, as Lighthouse's CLS
// counts them (those without recent input), from before its first paint.
// It first forgets the reading settings other tests of the shared browser
// chose (a larger font), as a first visit has none.
const clsScript = `
try { localStorage.clear(); } catch (e) {}
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
}).observe({type: 'layout-shift', buffered: true});
`

// settled waits until the search results are shown and two frames have
// passed since, so that every layout shift has been reported.
const ready = `/^找到/.test(document.getElementById('search-status').textContent) && document.querySelector('#search-results li') !== null`

// frames waits two frames, so that every layout shift has been reported.
const frames = `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))`

// TestSearchOnPhone loads /search/?q=商会 on a 390 × 844 phone and on a
// 1280 × 800 screen: the results must not move the page about as they
// arrive (CLS ≤ 0.1), and on the phone the whole first result is on the
// first screen, before the 筛选 disclosure that folds the facets and
// counts the active ones.
func TestSearchOnPhone(t *testing.T) {
	needChromium(t)
	s := realSite(t)
	for _, c := range []struct {
		name          string
		width, height int64
		mobile        bool
		query         string
	}{
		{"phone", 390, 844, true, "/search/?q=" + "商会"},
		{"phone with a filter", 390, 844, true, "/search/?q=" + "商会" + "&region=ningbo"},
		{"desktop", 1280, 800, false, "/search/?q=" + "商会"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := newTab(t)
			if _, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: clsScript}); err != nil {
				t.Fatal(err)
			}
			opts := []chromedp.EmulateViewportOption{}
			if c.mobile {
				opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(3))
			}
			tb.do("viewport", chromedp.EmulateViewport(c.width, c.height, opts...))
			// Lighthouse's mobile run slows the CPU 4×, so that the
			// scripts run after the first paint, as they do on a phone.
			if c.mobile {
				if _, err := chromedp.Call(tb.ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: 4}); err != nil {
					t.Fatal(err)
				}
			}
			tb.do("load", chromedp.Navigate(s.url(c.query)))
			tb.do("results", testenv.WaitJS(ready, 30*time.Second))
			eval[bool](tb, frames)
			cls := eval[float64](tb, `window.__cls`)
			t.Logf("%s: CLS %.4f", c.name, cls)
			if cls > 0.1 {
				t.Errorf("layout shift %.3f while results arrive, want ≤ 0.1", cls)
			}
			if !c.mobile {
				if !eval[bool](tb, `(() => { const f = document.getElementById('search-filter'), r = document.getElementById('search-results'); return f.open && getComputedStyle(f.querySelector('summary')).display === 'none' && f.getBoundingClientRect().right <= r.getBoundingClientRect().left; })()`) {
					t.Error("on a wide screen the facets are not open beside the results")
				}
				return
			}
			// Results arrive after the first paint on a slow phone; the
			// results area holds a screen's height from the start, so
			// the footer is never on the first screen to be pushed down
			// (Lighthouse measured that shift as 0.14 on a 412 × 823
			// screen, where this test's timing often misses it).
			if !eval[bool](tb, `parseFloat(getComputedStyle(document.querySelector('.search-main')).minHeight) >= innerHeight`) {
				t.Error("on a phone the results area does not reserve the first screen: the footer moves as results arrive")
			}
			bottom := eval[float64](tb, `document.querySelector('#search-results li').getBoundingClientRect().bottom`)
			if bottom > float64(c.height) {
				t.Errorf("the first result ends at %.0f px, below the first screen (%d px)", bottom, c.height)
			}
			if !eval[bool](tb, `(() => { const f = document.getElementById('search-filter'), r = document.getElementById('search-results'); return getComputedStyle(f).display !== 'none' && !f.open && f.getBoundingClientRect().top >= r.getBoundingClientRect().bottom; })()`) {
				t.Error("on a phone the facets are not folded below the results")
			}
			summary := eval[string](tb, `document.querySelector('#search-filter summary').textContent`)
			want := "筛选"
			if strings.Contains(c.query, "region=") {
				want = "筛选（已选 1 项）"
			}
			if strings.TrimSpace(summary) != want {
				t.Errorf("summary %q, want %q", summary, want)
			}
			tb.do("open the disclosure", chromedp.Click(chromedp.CSS("#search-filter summary")))
			if !eval[bool](tb, `document.getElementById('search-filter').open && document.querySelectorAll('#search-facets input[type=radio]').length > 0`) {
				t.Error("the 筛选 disclosure does not open onto the facets")
			}
			if *screenshots != "" && !strings.Contains(c.query, "region=") {
				tb.do("top", chromedp.Evaluate[chromedp.Void](`document.getElementById('search-filter').open = false; scrollTo(0, 0)`))
				buf, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(*screenshots, fmt.Sprintf("search-phone-%d.png", c.width)), buf, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if p := tb.problems(); len(p) > 0 {
				t.Errorf("console messages or CSP violations:\n%s", strings.Join(p, "\n"))
			}
		})
	}
}
