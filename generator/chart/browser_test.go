package chart

import (
	"context"
	"fmt"
	"github.com/ningbo-showcase/showcase/internal/testenv"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium is Debian's browser, which the browser tests drive.
const chromium = testenv.ChromiumPath

// pageCSS stands in for a theme: page margins and a dark page in the dark
// scheme, so that the charts are seen as they will be on the site.
const pageCSS = `body{margin:0 16px;font-family:sans-serif;line-height:1.5;color:#1f2328;background:#fff}
main{max-width:60rem;margin:0 auto}
@media (prefers-color-scheme:dark){body{color:#e6edf3;background:#0d1117}a{color:#79c0ff}}
`

// previewPage returns a standalone page with every golden case.
func previewPage() string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>图表预览</title><link rel="stylesheet" href="/chart.css"><link rel="stylesheet" href="/page.css"></head>
<body><main><h1>图表预览</h1>
`)
	for _, c := range cases() {
		fmt.Fprintf(&b, "<section id=\"case-%s\">\n%s</section>\n", c.name, c.html)
	}
	b.WriteString("</main></body></html>\n")
	return b.String()
}

// layoutScript opens every data table and measures the page as drawn: the smallest rendered font
// size of chart text, horizontal overflow, text that overlaps other text
// or leaves its SVG, and whether the stylesheet applied.
const layoutScript = `(() => {
  document.querySelectorAll("details.chart-data").forEach(d => { d.open = true; });
  const out = {minFont: 1e9, minFontAt: "", overflow: document.documentElement.scrollWidth - window.innerWidth, problems: []};
  for (const fig of document.querySelectorAll("figure.chart")) {
    const svg = fig.querySelector("svg");
    const name = fig.closest("section").id;
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll("text")];
    const rects = texts.map(t => t.getBoundingClientRect());
    texts.forEach((t, i) => {
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < out.minFont) { out.minFont = px; out.minFontAt = name; }
      const r = rects[i];
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        out.problems.push(name + ": text " + JSON.stringify(t.textContent) + " leaves the SVG");
      }
      for (let j = 0; j < i; j++) {
        const q = rects[j];
        const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
        const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
        if (w > 1 && h > 1) {
          out.problems.push(name + ": text " + JSON.stringify(t.textContent) + " overlaps " + JSON.stringify(texts[j].textContent));
        }
      }
    });
  }
  out.svgStyle = [...document.querySelectorAll("svg.chart-svg")].map(s => getComputedStyle(s).display + " " + getComputedStyle(s).maxWidth);
  const links = [...document.querySelectorAll("#case-tiles a.tile")];
  out.tileLinks = links.length;
  out.focusable = links.filter(a => { a.focus(); return document.activeElement === a; }).length;
  return out;
})()`

type layout struct {
	MinFont   float64  `json:"minFont"`
	MinFontAt string   `json:"minFontAt"`
	Overflow  float64  `json:"overflow"`
	Problems  []string `json:"problems"`
	SVGStyle  []string `json:"svgStyle"`
	TileLinks int      `json:"tileLinks"`
	Focusable int      `json:"focusable"`
}

// TestBrowser renders every golden case in headless Chromium under a
// strict Content-Security-Policy, at 1280 and 390 px wide, in the light
// and dark schemes (at 390 px also with the high-contrast class), and checks that the stylesheet applies without CSP
// errors, that nothing overflows the phone's width, that chart text
// renders at 11 px or more and neither overlaps nor leaves its chart, and
// that the tile links take keyboard focus. With CHART_SCREENSHOTS=DIR it
// also writes a PNG of every chart to DIR.
func TestBrowser(t *testing.T) {
	testenv.Chromium(t)
	page := previewPage()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page)
		case "/chart.css":
			w.Header().Set("Content-Type", "text/css; charset=utf-8")
			fmt.Fprint(w, CSS)
		case "/page.css":
			w.Header().Set("Content-Type", "text/css; charset=utf-8")
			fmt.Fprint(w, pageCSS)
		case "/favicon.ico":
			w.WriteHeader(http.StatusNoContent)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, testenv.Flags(testenv.ProfileDir(t))...)
	defer cancelAlloc()
	var mu sync.Mutex
	var console []string
	ctx, cancelTab := chromedp.NewContext(ctx, chromedp.WithListener(func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *cdplog.EventEntryAdded:
			console = append(console, string(ev.Entry.Level)+": "+ev.Entry.Text)
		case *runtime.EventExceptionThrown:
			console = append(console, "exception: "+ev.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			console = append(console, "console."+string(ev.Type))
		}
	}))
	defer cancelTab()
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("starting %s: %v", chromium, err)
	}

	shots := os.Getenv("CHART_SCREENSHOTS")
	for _, width := range []int64{1280, 390} {
		for _, scheme := range []string{"light", "dark", "light-high-contrast", "dark-high-contrast"} {
			if width > 500 && strings.HasSuffix(scheme, "high-contrast") {
				continue
			}
			t.Run(fmt.Sprintf("%d-%s", width, scheme), func(t *testing.T) {
				if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
					Width: width, Height: 900, DeviceScaleFactor: 2, Mobile: width < 500,
				}); err != nil {
					t.Fatal(err)
				}
				if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: strings.TrimSuffix(scheme, "-high-contrast")}},
				}); err != nil {
					t.Fatal(err)
				}
				if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
					t.Fatal(err)
				}
				if strings.HasSuffix(scheme, "high-contrast") {
					if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.body.classList.add("high-contrast")`)); err != nil {
						t.Fatal(err)
					}
				}
				got, err := chromedp.Run(ctx, chromedp.Evaluate[layout](layoutScript))
				if err != nil {
					t.Fatal(err)
				}
				for _, st := range got.SVGStyle {
					if !strings.HasPrefix(st, "block ") || strings.HasSuffix(st, " none") {
						t.Errorf("the stylesheet did not apply: an SVG has display and max-width %q", st)
					}
				}
				if got.Overflow > 0 {
					t.Errorf("the page is %v px wider than the %d px viewport", got.Overflow, width)
				}
				if got.MinFont < 11 {
					t.Errorf("chart text renders at %.1f px in %s, want at least 11", got.MinFont, got.MinFontAt)
				}
				t.Logf("smallest chart text: %.1f px (%s)", got.MinFont, got.MinFontAt)
				for _, p := range got.Problems {
					t.Error(p)
				}
				if got.TileLinks == 0 || got.Focusable != got.TileLinks {
					t.Errorf("%d of %d tile links take focus", got.Focusable, got.TileLinks)
				}
				// Tab from the caption into the map: the first tile takes
				// focus and shows the focus ring.
				if err := chromedp.Do(ctx,
					chromedp.Evaluate[chromedp.Void](`(() => { const c = document.querySelector("#case-tiles figcaption"); c.tabIndex = -1; c.focus(); })()`),
					chromedp.KeyEvent("\t"),
				); err != nil {
					t.Fatal(err)
				}
				focus, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const a = document.activeElement;
					return [a.getAttribute("href") || a.tagName, String(a.matches(":focus-visible")), getComputedStyle(a.querySelector("rect")).stroke]; })()`))
				if err != nil {
					t.Fatal(err)
				}
				if want := []string{"/regions/cixi/", "true"}; len(focus) != 3 || focus[0] != want[0] || focus[1] != want[1] {
					t.Errorf("after Tab into the map, focus is %q, want the first tile %q with :focus-visible", focus, want)
				} else if !strings.HasPrefix(focus[2], "rgb(180, 83, 9)") && !strings.HasPrefix(focus[2], "rgb(251, 191, 36)") {
					t.Errorf("the focused tile's outline is %s, want the --chart-focus colour", focus[2])
				}
				if shots != "" {
					writeShots(t, ctx, shots, fmt.Sprintf("%d-%s", width, scheme))
				}
			})
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for _, line := range console {
		t.Errorf("browser console: %s", line)
	}
}

// writeShots writes one PNG per chart to dir.
func writeShots(t *testing.T, ctx context.Context, dir, prefix string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases() {
		sel := "#case-" + c.name
		png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("screenshot of %s: %v", sel, err)
		}
		if err := os.WriteFile(filepath.Join(dir, prefix+"-"+c.name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
