package search

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/ningbo-showcase/showcase/internal/testenv"
)

const themeDir = "../../themes/showcase"

// testSite serves a tiny site under /showcase/: the real search.html inside
// a minimal base layout that mimics the theme's (with the showcase-root
// meta tag), search.js, the index of testDocs and a page per story. Every
// response carries a strict CSP, so inline script or style would fail.
// redeploy replaces the index; metaCount reports how often the meta file
// was fetched.
func testSite(t *testing.T) (srv *httptest.Server, redeploy func([]Doc), metaCount func() int) {
	t.Helper()
	metas := 0
	files, err := Build(testDocs(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile(filepath.Join(themeDir, "assets/js/search.js"))
	if err != nil {
		t.Fatal(err)
	}
	const root = "/showcase/"
	page := renderPage(t, root)
	mux := http.NewServeMux()
	serve := func(path, ctype string, data []byte) {
		mux.HandleFunc(root+path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ctype)
			w.Write(data)
		})
	}
	serve("js/search.js", "text/javascript", js)
	// The index is served from a map that redeploy replaces.
	var mu sync.Mutex
	index := map[string][]byte{}
	metaCount = func() int {
		mu.Lock()
		defer mu.Unlock()
		return metas
	}
	for _, f := range files {
		index[f.Path] = f.Data
	}
	mux.HandleFunc(root+"search/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		data, ok := index[strings.TrimPrefix(r.URL.Path, root)]
		if r.URL.Path == root+MetaPath {
			metas++
		}
		mu.Unlock()
		switch {
		case r.URL.Path == root+"search/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(page))
		case ok:
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write(data)
		default:
			http.NotFound(w, r)
		}
	})
	redeploy = func(docs []Doc) {
		files, err := Build(docs, Options{})
		if err != nil {
			t.Error(err)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		clear(index)
		for _, f := range files {
			index[f.Path] = f.Data
		}
	}
	for _, d := range testDocs() {
		serve(d.URL, "text/html; charset=utf-8", []byte("<!DOCTYPE html><title>x</title><h1>"+template.HTMLEscapeString(d.Title)+"</h1>"))
	}
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		mux.ServeHTTP(w, r)
	}))
	return srv, redeploy, metaCount
}

// renderPage renders the real search.html inside a minimal base layout
// that mimics the theme's (with the showcase-root meta tag); root is the
// site root as the page's links name it ("/showcase/", or "../" for a
// relative build), and search.js is at root+"js/search.js".
func renderPage(t *testing.T, root string) string {
	t.Helper()
	layout, err := os.ReadFile(filepath.Join(themeDir, "layouts/search.html"))
	if err != nil {
		t.Fatal(err)
	}
	funcs := template.FuncMap{
		"relURL": func(p string) string { return root + p },
		"asset": func(p string) struct{ URL, Integrity string } {
			return struct{ URL, Integrity string }{root + p, ""}
		},
	}
	tpl := template.Must(template.New("base").Funcs(funcs).Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>搜索</title>
<meta name="showcase-root" content="{{relURL ""}}"></head>
<body><main id="main">{{template "main" .}}</main></body></html>`))
	template.Must(tpl.Parse(string(layout)))
	var page strings.Builder
	if err := tpl.Execute(&page, nil); err != nil {
		t.Fatal(err)
	}
	return page.String()
}

// browser starts headless Chromium with the project's flags and extra
// options.
func browser(t *testing.T, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	return testenv.Browser(t, 3*time.Minute, extra...)
}

// waitJS polls a JavaScript expression until it is true.
func waitJS(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.PollFunction[bool]("() => "+expr, chromedp.WithPollingTimeout(60*time.Second))(ctx, t)
		if err != nil {
			return fmt.Errorf("waiting for %s: %w", expr, err)
		}
		return nil
	})
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

func TestBrowser(t *testing.T) {
	ctx := browser(t)
	srv, redeploy, metaCount := testSite(t)
	defer srv.Close()
	base := srv.URL + "/showcase/search/"

	var mu sync.Mutex
	var problems []string
	if err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			mu.Lock()
			problems = append(problems, "dialog opened: "+e.Message)
			mu.Unlock()
		case *runtime.EventExceptionThrown:
			mu.Lock()
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	const results = `document.querySelectorAll('#search-results > li')`

	do("type a query",
		chromedp.Navigate(base),
		waitJS(`document.querySelector('#search-facets fieldset') !== null`),
		chromedp.SendKeys(chromedp.ID("search-input"), "紧固件"),
		waitJS(results+`.length === 2`),
	)
	if !eval[bool](t, ctx, `document.getElementById('search-file').hidden`) {
		t.Error("the file:// notice is shown on a page served over HTTP")
	}
	if first := eval[string](t, ctx, `document.querySelector('#search-results > li a').textContent`); first != "紧固件行业协会调解中心" {
		t.Errorf("first result %q", first)
	}
	if marks := eval[int](t, ctx, `document.querySelectorAll('#search-results mark').length`); marks == 0 {
		t.Error("no <mark> in the results")
	}
	if status := eval[string](t, ctx, `document.getElementById('search-status').textContent`); !strings.Contains(status, "2") {
		t.Errorf("status %q does not count 2 results", status)
	}
	if u := eval[string](t, ctx, `location.search`); !strings.Contains(u, "q=") {
		t.Errorf("URL %q does not carry the query", u)
	}

	do("arrow key", chromedp.Focus(chromedp.ID("search-input")), chromedp.KeyEvent(kb.ArrowDown))
	if a := eval[string](t, ctx, `document.activeElement.textContent`); a != "紧固件行业协会调解中心" {
		t.Errorf("ArrowDown focused %q, want the first result", a)
	}

	do("shareable URL, browsing without a query",
		chromedp.Navigate(base+"?region=xiangshan&year=2016"),
		waitJS(results+`.length === 2`),
		waitJS(`document.querySelector('input[name=facet-region][value=xiangshan]').checked`),
		waitJS(`document.querySelector('input[name=facet-year][value="2016"]').checked`),
	)
	// Counts per value apply the other facets: 象山县 has one story in 2015;
	// in 2016 it has one of each of two categories.
	for sel, want := range map[string]string{
		`input[name=facet-year][value="2015"]`:          "(1)",
		`input[name=facet-category][value=development]`: "(1)",
		`input[name=facet-category][value=stability]`:   "(1)",
		`input[name=facet-region][value=haishu]`:        "(1)",
		`input[name=facet-level][value=county]`:         "(1)",
		`input[name=facet-level][value=national]`:       "(0)",
	} {
		if got := eval[string](t, ctx, `document.querySelector('`+sel+`').parentElement.textContent`); !strings.HasSuffix(got, want) {
			t.Errorf("facet %s label %q, want a count %s", sel, got, want)
		}
	}
	if n := eval[int](t, ctx, results+`.length`); n != 2 {
		t.Errorf("%d results for 象山县 in 2016, want 2", n)
	}
	// Browsing lists stories in default order: newer year first, then by
	// URL (stories/xiangshan-fishery/ before stories/xizhou-…/).
	const titles = `Array.from(document.querySelectorAll('#search-results > li a'), (a) => a.textContent).join('|')`
	if got, want := eval[string](t, ctx, titles), "象山渔民协商议事会|西周镇商会互助基金"; got != want {
		t.Errorf("browsing 象山县 in 2016 lists %q, want %q", got, want)
	}
	do("browsing everything", chromedp.Navigate(base), waitJS(results+`.length === 10`))
	if got, want := eval[string](t, ctx, titles), "紧固件行业协会调解中心|ＡＰＰ平台上线|<img src=x onerror=alert(1)>标题测试|象山渔民协商议事会|西周镇商会互助基金|"+
		"慈溪创二代联谊会|象山侨联服务站|民营企业服务中心|紧固螺栓与设备固件|融资服务平台"; got != want {
		t.Errorf("browsing lists %q, want %q", got, want)
	}

	do("apply a facet",
		chromedp.Navigate(base+"?q=融资"),
		waitJS(results+`.length === 4`),
		chromedp.Click(chromedp.CSS(`input[name=facet-region][value=xiangshan]`)),
		waitJS(results+`.length === 2 && location.search.includes('region=xiangshan')`),
	)
	if m := eval[string](t, ctx, `document.querySelector('#search-results .search-hit-meta').textContent`); !strings.Contains(m, "象山县") {
		t.Errorf("result meta %q, want 象山县", m)
	}
	if c := eval[string](t, ctx, `document.querySelector('input[name=facet-region][value=xiangshan]').parentElement.textContent`); !strings.Contains(c, "(2)") {
		t.Errorf("facet label %q lacks the count (2)", c)
	}

	do("back restores the state",
		chromedp.NavigateBack(),
		waitJS(results+`.length === 4 && !location.search.includes('region')`),
		waitJS(`document.querySelector('input[name=facet-region][value=""]').checked`),
	)

	do("no results suggests dropping a facet",
		chromedp.Navigate(base+"?q=紧固件&region=cixi"),
		waitJS(`document.querySelectorAll('#search-suggestions button').length > 0`),
		chromedp.Click(chromedp.CSS(`#search-suggestions button`)),
		waitJS(results+`.length === 2`),
	)

	do("markup in a title",
		chromedp.Navigate(base+"?q=onerror"),
		waitJS(results+`.length === 1`),
	)
	if title := eval[string](t, ctx, `document.querySelector('#search-results a').textContent`); title != "<img src=x onerror=alert(1)>标题测试" {
		t.Errorf("title rendered as %q", title)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#search-results img, #search-results script, #search-results b').length`); n != 0 {
		t.Errorf("%d elements made from markup in the results", n)
	}

	do("follow a result",
		chromedp.Navigate(base+"?q=cixi"),
		waitJS(results+`.length === 1`),
		chromedp.Click(chromedp.CSS(`#search-results a`)),
	)
	// The page changes under the evaluation; testenv.WaitJS retries across
	// the navigation until the story is there.
	do("reach the story", testenv.WaitJS(`location.pathname.startsWith('/showcase/stories/') && document.querySelector('h1') !== null && document.querySelector('h1').textContent !== ''`, 60*time.Second))
	path := eval[string](t, ctx, `location.pathname`)
	h1 := eval[string](t, ctx, `document.querySelector('h1').textContent`)
	if path != "/showcase/stories/cixi-second-generation/" || h1 != "慈溪创二代联谊会" {
		t.Errorf("followed the result to %s with h1 %q", path, h1)
	}
	// A tab left open across a redeployment: the hashed files whose content
	// changed are gone; the next query that needs one (the document chunk
	// of a story whose title changed, not loaded before: a query without
	// results loads none) reloads the meta file and shows the new index.
	do("before the redeployment",
		chromedp.Navigate(base+"?q=火星"),
		waitJS(`document.getElementById('search-status').textContent === '没有找到符合条件的案例'`),
	)
	docs := testDocs()
	docs[0].Title = "西周镇商会互助基金（新版）"
	redeploy(docs)
	before := metaCount()
	do("after the redeployment",
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Evaluate[bool](`(document.getElementById('search-input').value = '') === ''`)(ctx, tg)
			return err
		}),
		chromedp.SendKeys(chromedp.ID("search-input"), "西周"),
		waitJS(`[...`+results+`].some((li) => li.textContent.includes('西周镇商会互助基金（新版）'))`),
	)
	if metaCount() != before+1 {
		t.Errorf("meta file fetched %d times after the redeployment, want once", metaCount()-before)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("page problems: %v", problems)
	}
}

// TestBrowserFromDisk opens the search page from disk (file://), as a
// reader of a relative-URL build would: the page must say that search
// needs a web server and must not try to fetch the index. Plain Chromium
// never runs a module read from disk, so the notice stands on its own;
// with --allow-file-access-from-files search.js runs, as in browsers that
// allow it, and must keep the notice and fetch nothing.
func TestBrowserFromDisk(t *testing.T) {
	dir := t.TempDir()
	js, err := os.ReadFile(filepath.Join(themeDir, "assets/js/search.js"))
	if err != nil {
		t.Fatal(err)
	}
	files, err := Build(testDocs(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	writeSite(t, dir, append(files,
		File{Path: "search/index.html", Data: []byte(renderPage(t, "../"))},
		File{Path: "js/search.js", Data: js}))
	pageURL := "file://" + filepath.ToSlash(filepath.Join(dir, "search", "index.html")) + "?q=" + url.QueryEscape("紧固件")
	tests := []struct {
		name    string
		opts    []chromedp.ExecAllocatorOption
		scripts bool // whether search.js runs
	}{
		{"module blocked", nil, false},
		{"module runs", []chromedp.ExecAllocatorOption{chromedp.Flag("allow-file-access-from-files", true)}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := browser(t, tt.opts...)
			if _, err := chromedp.Run(ctx, chromedp.Navigate(pageURL)); err != nil {
				t.Fatalf("opening %s: %v", pageURL, err)
			}
			if tt.scripts {
				if _, err := chromedp.Run(ctx, waitJS(`document.getElementById('search-input').disabled`)); err != nil {
					t.Fatalf("search.js did not run from disk: %v", err)
				}
			} else {
				// A module script runs before the load event: once the
				// document is complete, one that would run has run.
				if _, err := chromedp.Run(ctx, waitJS(`document.readyState === 'complete'`)); err != nil {
					t.Fatalf("the page did not finish loading: %v", err)
				}
			}
			notice := eval[string](t, ctx, `(() => { const e = document.getElementById('search-file'); return e && !e.hidden && e.getClientRects().length > 0 ? e.textContent : ''; })()`)
			if !strings.Contains(notice, "服务器") {
				t.Errorf("visible file notice = %q, want one that says search needs a web server", notice)
			}
			fetched := eval[[]string](t, ctx, `performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/search/') && !n.endsWith('.html'))`)
			if len(fetched) > 0 {
				t.Errorf("fetched %v from disk", fetched)
			}
			if status := eval[string](t, ctx, `document.getElementById('search-status').textContent`); status != "" {
				t.Errorf("status %q, want none", status)
			}
		})
	}
}
