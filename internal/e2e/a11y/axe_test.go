package a11y

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var (
	axeOnce sync.Once
	axeSrc  string
	axeErr  error
)

// axeSource returns the vendored axe-core script.
func axeSource(t *testing.T) string {
	t.Helper()
	axeOnce.Do(func() {
		b, err := os.ReadFile(filepath.Join("testdata", "axe-core", "axe.min.js"))
		axeSrc, axeErr = string(b), err
	})
	if axeErr != nil {
		t.Fatal(axeErr)
	}
	return axeSrc
}

// axeRun runs axe-core over the document for WCAG 2.0 and 2.1, levels A
// and AA, and returns the violations and the ids of the rules passed.
const axeRun = `axe.run(document, {
  runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
  resultTypes: ['violations'],
}).then((r) => JSON.stringify({
  violations: r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(' '), html: n.html, summary: n.failureSummary}))})),
  passes: r.passes.map((p) => p.id),
}))`

type axeResult struct {
	Violations []struct {
		ID, Impact, Help string
		Nodes            []struct{ Target, HTML, Summary string }
	}
	Passes []string
}

// audit injects axe-core into the tab's page and runs it.
func audit(t *testing.T, tb *tab) axeResult {
	t.Helper()
	if ok := eval[bool](tb, axeSource(t)+"\n;typeof axe === 'object'"); !ok {
		t.Fatal("axe-core did not load")
	}
	var r axeResult
	if err := json.Unmarshal([]byte(eval[string](tb, axeRun)), &r); err != nil {
		t.Fatalf("axe result: %v", err)
	}
	return r
}

// auditPages are the pages axe-core checks, with what to wait for.
var auditPages = []struct {
	name, path string
	prefs      string // localStorage reading preferences to set first
	ready      string // a JavaScript condition the page must reach
}{
	{"home", "/", "", ""},
	{"story", "/stories/xizhou-chamber-mutual-fund/", "", ""},
	{"region", "/regions/xiangshan/", "", ""},
	{"regions", "/regions/", "", ""},
	{"timeline", "/timeline/", "", ""},
	{"search", "/search/?q=" + "商会", "", `document.querySelectorAll('ol#search-results > li a').length > 0`},
	{"search-facets", "/search/?q=" + "商会" + "&region=xiangshan", "", `document.querySelectorAll('#search-facets input:checked').length > 0 && document.querySelectorAll('ol#search-results > li').length > 0`},
	{"not-found", "/no/such/page/", "", ""},
	{"story-large-contrast", "/stories/xizhou-chamber-mutual-fund/", `{"size":2,"contrast":true}`, `document.documentElement.classList.contains('high-contrast')`},
}

// TestAxe runs axe-core on each page and asserts no WCAG 2.1 A/AA
// violation, no console message and no CSP violation.
func TestAxe(t *testing.T) {
	needChromium(t)
	s := realSite(t)
	passed := map[string]bool{}
	for _, pg := range auditPages {
		t.Run(pg.name, func(t *testing.T) {
			tb := newTab(t)
			if pg.prefs != "" {
				tb.do("set preferences", chromedp.Navigate(s.url("/")))
				eval[bool](tb, `(localStorage.setItem('showcase-prefs', `+"`"+pg.prefs+"`"+`), true)`)
			}
			tb.do("load "+pg.path, chromedp.Navigate(s.url(pg.path)))
			if pg.ready != "" {
				if err := chromedp.Do(tb.ctx, waitJS(pg.ready, 15*time.Second)); err != nil {
					t.Fatalf("%s never became ready (is the search UI finished?): %v; status: %q", pg.path, err,
						eval[string](tb, `(document.getElementById('search-status') || {}).textContent || ''`))
				}
			}
			var problems []string
			for _, p := range tb.problems() {
				// The 404 page comes with its status, which the
				// browser logs.
				if pg.name == "not-found" && strings.Contains(p, "status of 404") && strings.HasSuffix(p, pg.path) {
					continue
				}
				problems = append(problems, p)
			}
			if len(problems) > 0 {
				t.Errorf("%s: console messages or CSP violations:\n%s", pg.path, strings.Join(problems, "\n"))
			}
			r := audit(t, tb)
			for _, v := range r.Violations {
				var b strings.Builder
				for _, n := range v.Nodes {
					b.WriteString("\n    target: " + n.Target + "\n    html: " + n.HTML + "\n    " + strings.ReplaceAll(n.Summary, "\n", "\n    "))
				}
				t.Errorf("%s: axe %s (%s): %s%s", pg.path, v.ID, v.Impact, v.Help, b.String())
			}
			for _, id := range r.Passes {
				passed[id] = true
			}
			t.Logf("%s: %d rules passed, %d violated", pg.path, len(r.Passes), len(r.Violations))
		})
	}
	ids := make([]string, 0, len(passed))
	for id := range passed {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	t.Logf("axe rules passed on at least one page: %d (%s)", len(ids), strings.Join(ids, ", "))
}
