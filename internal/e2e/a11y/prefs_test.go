package a11y

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// overflow returns how far the page is wider than its viewport, and the
// widest elements that stick out (for the failure message).
const overflow = `(() => {
  const de = document.documentElement, w = de.clientWidth;
  const out = {extra: de.scrollWidth - w, culprits: []};
  if (out.extra > 1) {
    for (const e of document.querySelectorAll('body *')) {
      const r = e.getBoundingClientRect();
      if (r.right > w + 1 && getComputedStyle(e).position !== 'fixed') {
        out.culprits.push(e.tagName.toLowerCase() + (e.className ? '.' + String(e.className.baseVal ?? e.className).trim().split(/\s+/).join('.') : '') + ' right=' + Math.round(r.right));
      }
    }
    out.culprits = out.culprits.slice(0, 8);
  }
  return out;
})()`

type overflowResult struct {
	Extra    float64
	Culprits []string
}

// TestReadingPrefs checks the reading preferences (适老化): the controls
// appear with JavaScript, the largest text size and high contrast apply to
// the page, survive a reload, and are remembered on other pages.
func TestReadingPrefs(t *testing.T) {
	needChromium(t)
	s := realSite(t)
	tb := newTab(t)
	story := s.url("/stories/xizhou-chamber-mutual-fund/")
	tb.do("load", chromedp.Navigate(story))
	eval[bool](tb, `(localStorage.removeItem('showcase-prefs'), true)`)
	tb.do("reload", chromedp.Reload())
	if !eval[bool](tb, `(() => { const b = document.querySelector('.reading-prefs'); return !!b && !b.hidden && b.offsetHeight > 0; })()`) {
		t.Fatal(".reading-prefs is not shown with JavaScript on")
	}
	if n := eval[int](tb, `document.querySelectorAll('.reading-prefs .pref-size[data-size]').length`); n < 3 {
		t.Errorf("%d text-size buttons, want at least 3", n)
	}
	for _, size := range []string{"0", "1", "2"} {
		if !eval[bool](tb, `!!document.querySelector('.pref-size[data-size="`+size+`"]')`) {
			t.Errorf("no .pref-size[data-size=%s] button", size)
		}
	}
	fontSize := func() float64 {
		return eval[float64](tb, `parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)`)
	}
	base := fontSize()
	tb.do("click 特大字号", chromedp.Click(`.pref-size[data-size="2"]`))
	if v := eval[string](tb, `document.documentElement.getAttribute('data-size') || ''`); v != "2" {
		t.Errorf("after clicking 特大字号, html[data-size] = %q, want 2", v)
	}
	if big := fontSize(); big < base*1.2 {
		t.Errorf("特大字号 made body text %.1fpx from %.1fpx; want at least 20%% larger", big, base)
	}
	if p := eval[string](tb, `document.querySelector('.pref-size[data-size="2"]').getAttribute('aria-pressed')`); p != "true" {
		t.Errorf("特大字号 button aria-pressed = %q, want true", p)
	}
	tb.do("click 高对比度", chromedp.Click(`.pref-contrast`))
	if !eval[bool](tb, `document.documentElement.classList.contains('high-contrast')`) {
		t.Error("高对比度 did not set html.high-contrast")
	}
	tb.do("reload", chromedp.Reload())
	if v := eval[string](tb, `document.documentElement.getAttribute('data-size') || ''`); v != "2" {
		t.Errorf("after a reload html[data-size] = %q, want 2 (remembered)", v)
	}
	if !eval[bool](tb, `document.documentElement.classList.contains('high-contrast')`) {
		t.Error("high contrast was not remembered across a reload")
	}
	tb.do("another page", chromedp.Navigate(s.url("/regions/")))
	if v := eval[string](tb, `document.documentElement.getAttribute('data-size') || ''`); v != "2" {
		t.Errorf("on another page html[data-size] = %q, want 2", v)
	}
	tb.do("back to the standard size", chromedp.Click(`.pref-size[data-size="0"]`), chromedp.Click(`.pref-contrast`))
	if v := eval[string](tb, `document.documentElement.getAttribute('data-size') || ''`); v != "" {
		t.Errorf("标准字号 left html[data-size] = %q", v)
	}
	if p := tb.problems(); len(p) > 0 {
		t.Errorf("console messages or CSP violations:\n%s", strings.Join(p, "\n"))
	}
}

// TestNoHorizontalOverflow loads the main pages at a phone's 390 px and at
// 200% zoom of a 1280 px window (640 CSS px at device scale 2), each with
// the standard and the largest text size, and checks that nothing makes
// the page scroll sideways.
func TestNoHorizontalOverflow(t *testing.T) {
	needChromium(t)
	s := realSite(t)
	pages := []string{"/", "/stories/chamber-financing-platforms/", "/regions/xiangshan/", "/regions/", "/timeline/", "/search/?q=商会"}
	for _, vp := range []struct {
		name          string
		width, height int64
		scale         float64
		mobile        bool
		sizes         []string
	}{
		{"390px", 390, 844, 3, true, []string{"0", "2"}},
		// 200% zoom with the largest text: the hardest case.
		{"zoom200", 640, 400, 2, false, []string{"2"}},
	} {
		for _, size := range vp.sizes {
			t.Run(fmt.Sprintf("%s-size%s", vp.name, size), func(t *testing.T) {
				tb := newTab(t)
				if _, err := chromedp.Call(tb.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
					Width: vp.width, Height: vp.height, DeviceScaleFactor: vp.scale, Mobile: vp.mobile,
				}); err != nil {
					t.Fatal(err)
				}
				tb.do("set size", chromedp.Navigate(s.url("/")))
				eval[bool](tb, `(localStorage.setItem('showcase-prefs', JSON.stringify({size: `+size+`})), true)`)
				for _, p := range pages {
					tb.do("load "+p, chromedp.Navigate(s.url(p)))
					if strings.HasPrefix(p, "/search/") {
						if err := chromedp.Do(tb.ctx, waitJS(`document.querySelectorAll('ol#search-results > li').length > 0`, 15*time.Second)); err != nil {
							t.Errorf("%s: %v", p, err)
						}
					}
					if got := eval[string](tb, `document.documentElement.getAttribute('data-size') || '0'`); got != size {
						t.Errorf("%s: data-size %q, want %q", p, got, size)
					}
					// A desktop window's scroll bar takes up to 20 px.
					if w := eval[int](tb, `document.documentElement.clientWidth`); int64(w) > vp.width || int64(w) < vp.width-20 {
						t.Errorf("%s: viewport is %d CSS px wide, want %d", p, w, vp.width)
					}
					o := eval[overflowResult](tb, overflow)
					if o.Extra > 1 {
						t.Errorf("%s: the page is %.0f px wider than the %d px viewport; sticking out: %v", p, o.Extra, vp.width, o.Culprits)
					}
				}
				if p := tb.problems(); len(p) > 0 {
					t.Errorf("console messages or CSP violations:\n%s", strings.Join(p, "\n"))
				}
			})
		}
	}
}

// TestWithoutJavaScript reads a story page with JavaScript off: the title,
// the metrics table and the body are all there, and the reading
// preferences (which need JavaScript) stay hidden.
func TestWithoutJavaScript(t *testing.T) {
	needChromium(t)
	s := realSite(t)
	tb := newTab(t)
	// The largest text size is stored while JavaScript is on; with it
	// off, the page must not apply it (which shows scripts are off).
	tb.do("store a preference", chromedp.Navigate(s.url("/")))
	eval[bool](tb, `(localStorage.setItem('showcase-prefs', JSON.stringify({size: 2})), true)`)
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	tb.do("load", chromedp.Navigate(s.url("/stories/xizhou-chamber-mutual-fund/")))
	var got struct {
		H1, Metrics string
		Rows        int
		Paras       int
		Text        int
		Prefs       bool
		Script      bool
	}
	got = eval[struct {
		H1, Metrics string
		Rows        int
		Paras       int
		Text        int
		Prefs       bool
		Script      bool
	}](tb, `(() => {
  const vis = (e) => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const h1 = document.querySelector('h1'), tbl = document.querySelector('table.metrics');
  const paras = [...document.querySelectorAll('main p')].filter((p) => vis(p) && p.textContent.trim().length > 20);
  return {
    h1: vis(h1) ? h1.textContent.trim() : '',
    metrics: vis(tbl) ? tbl.textContent.replace(/\s+/g, ' ').trim() : '',
    rows: tbl ? tbl.querySelectorAll('tr th[scope=row]').length : 0,
    paras: paras.length,
    text: paras.reduce((n, p) => n + p.textContent.length, 0),
    prefs: vis(document.querySelector('.reading-prefs')),
    script: document.documentElement.hasAttribute('data-size'),
  };
})()`)
	if got.H1 != "象山西周镇商会互助基金会" {
		t.Errorf("h1 = %q, want the story title", got.H1)
	}
	if got.Rows < 2 || !strings.Contains(got.Metrics, "35家") || !strings.Contains(got.Metrics, "7000万元") {
		t.Errorf("metrics table: %d rows, text %q; want 35家 and 7000万元", got.Rows, got.Metrics)
	}
	if got.Paras < 3 || got.Text < 200 {
		t.Errorf("body: %d visible paragraphs, %d characters", got.Paras, got.Text)
	}
	if got.Prefs {
		t.Error(".reading-prefs is visible without JavaScript, where its buttons cannot work")
	}
	if got.Script {
		t.Error("prefs.js applied the stored text size although JavaScript was disabled; the test does not test what it says")
	}
}
