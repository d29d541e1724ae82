package a11y

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// active describes the focused element: tag, classes and text.
const active = `(() => { const e = document.activeElement; if (!e || e === document.body) return 'body';
  return e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '') +
    (e.type ? '[' + e.type + ']' : '') + ' ' + (e.textContent || e.value || '').trim().slice(0, 30); })()`

// TestKeyboardSkipLink checks that the first Tab from the top of a page
// reaches the skip link, that it moves focus into main, and that the next
// Tabs reach the main navigation.
func TestKeyboardSkipLink(t *testing.T) {
	needChromium(t)
	s := realSite(t)
	tb := newTab(t)
	tb.do("load", chromedp.Navigate(s.url("/stories/xizhou-chamber-mutual-fund/")), chromedp.KeyEvent(kb.Tab))
	if !eval[bool](tb, `document.activeElement.matches('a.skip-link')`) {
		t.Fatalf("the first Tab focused %q, want the skip link", eval[string](tb, active))
	}
	if !eval[bool](tb, `(() => { const r = document.activeElement.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.top >= 0; })()`) {
		t.Error("the focused skip link is not visible on screen")
	}
	inNav := false
	var seen []string
	for i := 0; i < 3 && !inNav; i++ {
		tb.do("tab", chromedp.KeyEvent(kb.Tab))
		seen = append(seen, eval[string](tb, active))
		inNav = eval[bool](tb, `document.activeElement.closest('nav.site-nav') !== null`)
	}
	if !inNav {
		t.Errorf("Tab after the skip link went to %q, not into the main navigation", seen)
	}
	tb.do("follow the skip link", chromedp.Navigate(s.url("/stories/xizhou-chamber-mutual-fund/")), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Enter))
	if h := eval[string](tb, `location.hash`); h != "#main" {
		t.Errorf("Enter on the skip link went to %q, want #main", h)
	}
	tb.do("tab into main", chromedp.KeyEvent(kb.Tab))
	if !eval[bool](tb, `document.activeElement.closest('main') !== null`) {
		t.Errorf("Tab after following the skip link focused %q, outside main", eval[string](tb, active))
	}
	if p := tb.problems(); len(p) > 0 {
		t.Errorf("console messages or CSP violations:\n%s", strings.Join(p, "\n"))
	}
}

// tabTo presses Tab until cond holds for the focused element, at most n
// times, and reports whether it did.
func tabTo(t *testing.T, tb *tab, cond string, n int) (bool, []string) {
	t.Helper()
	var seen []string
	for i := 0; i < n; i++ {
		tb.do("tab", chromedp.KeyEvent(kb.Tab))
		seen = append(seen, eval[string](tb, active))
		if eval[bool](tb, cond) {
			return true, seen
		}
	}
	return false, seen
}

// TestKeyboardSearch uses the search page with the keyboard alone: Tab to
// the search box, type a query, reach the first result by Tab and by the
// arrow key, and change a facet with the arrow keys and Space.
func TestKeyboardSearch(t *testing.T) {
	needChromium(t)
	s := realSite(t)
	tb := newTab(t)
	tb.do("load", chromedp.Navigate(s.url("/search/")))
	if ok, seen := tabTo(t, tb, `document.activeElement.id === 'search-input'`, 20); !ok {
		t.Fatalf("Tab never reached the search box #search-input; focus went %q", seen)
	}
	tb.do("type a query", chromedp.KeyEvent("商会"))
	const results = `document.querySelectorAll('ol#search-results > li a')`
	if err := chromedp.Do(tb.ctx, waitJS(results+`.length > 0`, 15*time.Second)); err != nil {
		t.Fatalf("typing 商会 showed no results: %v; status %q", err, eval[string](tb, `document.getElementById('search-status').textContent`))
	}
	// Results of the first character may show before those of the whole
	// query replace them (on a slow machine the two keys come more than the
	// input debounce apart): wait until the search for the whole query,
	// which puts it in the URL as it starts, is done.
	if err := chromedp.Do(tb.ctx, waitJS(`new URLSearchParams(location.search).get('q') === '商会' && !document.getElementById('search-status').textContent.includes('正在') && document.getElementById('search-input').value === '商会' && `+results+`.length > 0`, 15*time.Second)); err != nil {
		t.Fatal(err)
	}
	if q := eval[string](tb, `document.getElementById('search-input').value`); q != "商会" {
		t.Errorf("search box holds %q after typing", q)
	}
	tb.do("arrow down", chromedp.KeyEvent(kb.ArrowDown))
	if !eval[bool](tb, `document.activeElement === `+results+`[0]`) {
		t.Errorf("ArrowDown from the search box focused %q, want the first result", eval[string](tb, active))
	}
	tb.do("arrow down again", chromedp.KeyEvent(kb.ArrowDown))
	if n := eval[int](tb, results+`.length`); n > 1 && !eval[bool](tb, `document.activeElement === `+results+`[1]`) {
		t.Errorf("a second ArrowDown focused %q, want the second result", eval[string](tb, active))
	}
	tb.do("arrow up twice", chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent(kb.ArrowUp))
	if !eval[bool](tb, `document.activeElement.id === 'search-input'`) {
		t.Errorf("ArrowUp from the first result focused %q, want the search box", eval[string](tb, active))
	}
	if ok, seen := tabTo(t, tb, `document.activeElement === `+results+`[0]`, 60); !ok {
		t.Errorf("Tab from the search box never reached the first result; focus went %q", seen)
	}

	// Facets: radio groups. Tab into the first group, move with the
	// arrow key (which selects), and select with Space.
	tb.do("reload", chromedp.Navigate(s.url("/search/?q=商会")), waitJS(results+`.length > 0`, 15*time.Second))
	if ok, seen := tabTo(t, tb, `document.activeElement.closest('#search-facets') !== null && document.activeElement.type === 'radio'`, 30); !ok {
		t.Fatalf("Tab never reached a facet; focus went %q", seen)
	}
	before := eval[string](tb, `location.search`)
	tb.do("arrow to the next option", chromedp.KeyEvent(kb.ArrowDown))
	// The URL follows the selection once the new results are in.
	chromedp.Do(tb.ctx, waitJS(`location.search !== `+strconv.Quote(before), 5*time.Second))
	after := eval[string](tb, `location.search`)
	if !eval[bool](tb, `document.activeElement.type === 'radio' && document.activeElement.checked && document.activeElement.value !== ''`) || after == before {
		t.Errorf("ArrowDown in a facet group: focus %q, URL %q → %q; want the next option selected and the URL changed", eval[string](tb, active), before, after)
	}
	if err := chromedp.Do(tb.ctx, waitJS(`!document.getElementById('search-status').textContent.includes('正在')`, 10*time.Second)); err != nil {
		t.Error(err)
	}
	tb.do("back to 全部 with ArrowUp", chromedp.KeyEvent(kb.ArrowUp))
	if !eval[bool](tb, `document.activeElement.type === 'radio' && document.activeElement.checked && document.activeElement.value === ''`) {
		t.Errorf("ArrowUp did not select 全部: focus %q", eval[string](tb, active))
	}
	// Space selects a focused, unselected option (a screen reader's
	// virtual cursor can focus one without selecting it).
	eval[bool](tb, `(() => { const r = [...document.activeElement.closest('fieldset').querySelectorAll('input[type=radio]:not(:disabled)')]; r[1].focus(); return !r[1].checked; })()`)
	tb.do("space", chromedp.KeyEvent(" "))
	if !eval[bool](tb, `document.activeElement.type === 'radio' && document.activeElement.checked && document.activeElement.value !== ''`) {
		t.Errorf("Space on a facet option did not select it: focus %q", eval[string](tb, active))
	}
	if !eval[bool](tb, `location.search.includes('=') && new URLSearchParams(location.search).size > 1`) {
		t.Errorf("selecting a facet did not reach the URL: %q", eval[string](tb, `location.search`))
	}

	// Buttons: a query without results offers suggestion buttons; Enter
	// on one runs it.
	tb.do("no results", chromedp.Navigate(s.url("/search/?q=qqqxzzz")), waitJS(`document.querySelectorAll('#search-suggestions button').length > 0`, 15*time.Second))
	if ok, seen := tabTo(t, tb, `document.activeElement.matches('#search-suggestions button')`, 60); !ok {
		t.Errorf("Tab never reached a suggestion button; focus went %q", seen)
	} else {
		for i := 0; i < 10 && !eval[bool](tb, `document.activeElement.textContent.includes('浏览全部')`); i++ {
			tb.do("tab", chromedp.KeyEvent(kb.Tab))
		}
		tb.do("enter", chromedp.KeyEvent(kb.Enter))
		if err := chromedp.Do(tb.ctx, waitJS(results+`.length > 0`, 15*time.Second)); err != nil {
			t.Errorf("Enter on %q showed no results: %v", eval[string](tb, active), err)
		}
	}
	if p := tb.problems(); len(p) > 0 {
		t.Errorf("console messages or CSP violations:\n%s", strings.Join(p, "\n"))
	}
}
