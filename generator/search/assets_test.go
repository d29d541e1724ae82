package search

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestScript checks search.js against the page's rules: at most 15 KB
// gzip, no HTML parsing of content, no third-party imports.
func TestScript(t *testing.T) {
	js, err := os.ReadFile(filepath.Join(themeDir, "assets/js/search.js"))
	if err != nil {
		t.Fatal(err)
	}
	if n := gzipLen(js); n > 15*1024 {
		t.Errorf("search.js is %d bytes gzip, budget 15360", n)
	} else {
		t.Logf("search.js: %d bytes, %d gzip", len(js), n)
	}
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
		if strings.Contains(string(js), bad) {
			t.Errorf("search.js uses %s", bad)
		}
	}
	if regexp.MustCompile(`(?m)^\s*import\s`).Match(js) {
		t.Error("search.js imports a module; it must stand alone")
	}
}

// TestPage checks search.html: a form that works without JavaScript, a
// noscript note, the module script from the asset pipeline, and nothing
// inline that a strict CSP would block.
func TestPage(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(themeDir, "layouts/search.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	for _, want := range []string{
		`{{define "main"}}`,
		`<form id="search-form" class="search-form" action="{{relURL "search/"}}" method="get" role="search">`,
		`<label for="search-input">`, `type="search" id="search-input" name="q"`,
		`<noscript>`, `<ol id="search-results"`, `aria-live="polite"`,
		`<script type="module" src="{{.URL}}"{{with .Integrity}} integrity="{{.}}" crossorigin="anonymous"{{end}}></script>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("search.html lacks %s", want)
		}
	}
	if regexp.MustCompile(`<script(\s[^>]*)?>[^<]`).MatchString(page) || strings.Contains(page, "style=") || strings.Contains(page, "<style") {
		t.Error("search.html has inline script or style")
	}
}
