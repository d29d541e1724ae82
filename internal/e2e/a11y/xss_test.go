package a11y

import (
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"
)

// hostileStory carries script in its title, summary and body; the search
// results must show the title as text.
const hostileStory = `---
title: '标题<script>alert(1)</script>"><img src=x onerror=alert(1)>'
region: 象山县
town: '<img src=x onerror=alert(1)>'
year: 2016
category: development
summary: '摘要<script>alert(1)</script>"><img src=x onerror=alert(1)>'
tags: ['<script>alert(1)</script>']
metrics:
  - {name: '<svg onload=alert(1)>', value: 35, unit: '家<script>alert(1)</script>'}
---
正文<script>alert(1)</script> <img src=x onerror=alert(1)> [点我](javascript:alert(1))
`

// hostileSource writes the real showcase's config and content, with the
// hostile story in place of all stories but one, into a temporary
// directory.
func hostileSource(t *testing.T) string {
	t.Helper()
	src := filepath.Join("..", "..", "..")
	dir := t.TempDir()
	kept := false
	err := fs.WalkDir(os.DirFS(src), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !(p == "hugo.toml" || strings.HasPrefix(p, "content/") && strings.HasSuffix(p, ".md")) {
			return nil
		}
		if strings.HasPrefix(p, "content/stories/") && p != "content/stories/_index.md" {
			if kept {
				return nil
			}
			kept = true
		}
		data, err := os.ReadFile(filepath.Join(src, p))
		if err != nil {
			return err
		}
		return writeFile(dir, p, data)
	})
	if err == nil {
		err = writeFile(dir, "content/stories/hostile.md", []byte(hostileStory))
	}
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeFile(dir, name string, data []byte) error {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// TestXSSInBrowser builds a site with the hostile story, searches for it
// and opens it: the result shows the title as text, nothing runs (alert is
// counted), and no CSP violation says that something tried to.
func TestXSSInBrowser(t *testing.T) {
	needChromium(t)
	s, err := buildAndServe(hostileSource(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	tb := newTab(t)
	tb.do("search", chromedp.Navigate(s.url("/search/?q=标题")))
	const first = `document.querySelector('ol#search-results > li a.search-hit-title')`
	if err := chromedp.Do(tb.ctx, waitJS(first+` !== null`, 15*time.Second)); err != nil {
		t.Fatalf("no search result for the hostile story: %v", err)
	}
	if got := eval[string](tb, first+`.textContent`); got != `标题<script>alert(1)</script>"><img src=x onerror=alert(1)>` {
		t.Errorf("the first result reads %q, want the title as text", got)
	}
	if n := eval[int](tb, `document.querySelectorAll('#search-results script, #search-results img, #search-results svg, #search-results [onerror], #search-results [onload]').length`); n != 0 {
		t.Errorf("the search results hold %d elements made from the title: %s", n, eval[string](tb, `document.getElementById('search-results').innerHTML`))
	}
	tb.do("open the story", chromedp.Navigate(s.url("/stories/hostile/")))
	if h1 := eval[string](tb, `document.querySelector('h1').textContent`); !strings.Contains(h1, "<script>") {
		t.Errorf("h1 = %q, want the title with its markup as text", h1)
	}
	if n := eval[int](tb, `window.__alerts`); n != 0 {
		t.Errorf("alert ran %d times", n)
	}
	if p := tb.problems(); len(p) > 0 {
		t.Errorf("console messages or CSP violations (something tried to run):\n%s", strings.Join(p, "\n"))
	}
}

// TestWatchSeesViolations shows that the tabs' watch is not blind: a page
// with inline script and style, an event handler and a foreign image
// under the CSP yields violations, and a console message is seen.
func TestWatchSeesViolations(t *testing.T) {
	needChromium(t)
	srv := httptest.NewServer(handler(fstest.MapFS{
		"index.html": {Data: []byte(`<!doctype html><html lang="en"><head><title>t</title><script>console.log("inline ran")</script><style>p{color:red}</style></head>
<body><p style="color:blue" onclick="x()">x</p><img src="https://evil.example/x.png" alt=""><script src="/ok.js"></script></body></html>`)},
		"ok.js": {Data: []byte(`console.log("external ran")`)},
	}))
	defer srv.Close()
	tb := newTab(t)
	tb.do("load", chromedp.Navigate(srv.URL+"/"))
	all := strings.Join(tb.problems(), "\n")
	for _, want := range []string{"external ran", "CSP violation: script-src", "CSP violation: style-src", "CSP violation: img-src"} {
		if !strings.Contains(all, want) {
			t.Errorf("the watch missed %q; it saw:\n%s", want, all)
		}
	}
	if strings.Contains(all, "inline ran") {
		t.Error("an inline script ran under the CSP")
	}
}
