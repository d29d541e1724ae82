package sitecheck

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ningbo-showcase/showcase/generator"
)

// Payloads that untrusted text carries in the XSS tests.
const (
	payloadScript = `<script>alert(1)</script>`
	payloadAttr   = `"><img src=x onerror=alert(1)>`
	payloadJS     = `javascript:alert(1)`
	payloadData   = `data:text/html,<script>alert(1)</script>`
)

// hostileStory is a story every text field of which carries script.
const hostileStory = `---
title: '标题<script>alert(1)</script>"><img src=x onerror=alert(1)>javascript:alert(1)'
region: 象山县
town: '西周镇<script>alert(1)</script>'
year: 2016
category: development
summary: '摘要"><img src=x onerror=alert(1)><script>alert(1)</script>data:text/html,<script>alert(1)</script>'
tags: ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)']
metrics:
  - name: '指标<script>alert(1)</script>'
    value: 35
    unit: '家"><img src=x onerror=alert(1)>'
  - name: '"><svg onload=alert(1)>'
    value: 0.5
    unit: '亿元<script>alert(1)</script>'
    qualifier: 余
awards:
  - level: provincial
    name: '奖<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    year: 2016
    by: '"><img src=x onerror=alert(1)>'
    rank: '<script>alert(1)</script>'
units: ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>']
sources:
  - title: '来源<script>alert(1)</script>'
    publisher: '"><img src=x onerror=alert(1)>'
    url: 'https://example.org/?q="><script>alert(1)</script>'
    date: '2016-01-01'
---
正文<script>alert(1)</script>

"><img src=x onerror=alert(1)>

<img src=x onerror=alert(1)>

[点我](javascript:alert(1)) [再点](JaVaScRiPt:alert(1)) [编码](java&#x09;script:alert(1))
[数据](data:text/html,<script>alert(1)</script>) ![图](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
<javascript:alert(1)> <a href="javascript:alert(1)">a</a>

[ref]: javascript:alert(1)

[引用][ref]

<iframe src="javascript:alert(1)"></iframe><object data="data:text/html,x"></object>
<svg><script>alert(1)</script></svg><math><mtext><script>alert(1)</script></mtext></math>

## 标题 {#x onclick=alert(1)}

` + "```html\n<script>alert(1)</script>\n```\n"

// hostileTree returns the real site's frame with the hostile story and a
// plain one beside it (so lists, neighbours and search have two entries).
func hostileTree(tb testing.TB) fstest.MapFS {
	tb.Helper()
	fsys := baseTree(tb)
	fsys["content/stories/hostile.md"] = &fstest.MapFile{Data: []byte(hostileStory)}
	stories := realStories(tb)
	names := make([]string, 0, len(stories))
	for name := range stories {
		names = append(names, name)
	}
	sort.Strings(names)
	fsys["content/stories/"+names[0]] = &fstest.MapFile{Data: stories[names[0]]}
	// Editors write the other pages too: a region, a category, a tag page,
	// a standalone page and a story that uses them, all hostile.
	for name, src := range map[string]string{
		"content/regions/hostile/_index.md":    "---\ntitle: '区<script>alert(1)</script>'\ndivision: 区\nother_names: ['\"><img src=x onerror=alert(1)>']\ntile: {x: 5, y: 5}\n---\n区简介<script>alert(1)</script>[x](javascript:alert(1))\n",
		"content/categories/hostile/_index.md": "---\ntitle: '类<script>alert(1)</script>'\ndescription: '\"><img src=x onerror=alert(1)>'\nweight: 9\n---\n类简介<img src=x onerror=alert(1)>\n",
		"content/tags/hostile/_index.md":       "---\ntitle: '<script>alert(1)</script>'\n---\n标签简介<script>alert(1)</script>\n",
		"content/hostile-page.md":              "---\ntitle: '页<script>alert(1)</script>'\ndescription: '\"><img src=x onerror=alert(1)>'\n---\n[点我](javascript:alert(1)) <script>alert(1)</script>\n",
		"content/stories/hostile-region.md":    "---\ntitle: 区域故事\nregion: '\"><img src=x onerror=alert(1)>'\nyear: 2015\ncategory: '类<script>alert(1)</script>'\ntags: ['<script>alert(1)</script>']\nawards:\n  - {level: national, name: '<script>alert(1)</script>', year: 2015}\n---\n正文。\n",
	} {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

// TestXSS builds the hostile tree, minified as a real build is, and checks
// that no file of the output carries executable markup, and that the
// payloads did reach the output as text (so the test is not vacuous).
func TestXSS(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts generator.Options
		root string
	}{
		{"minified", generator.Options{}, "/"},
		{"plain", generator.Options{NoMinify: true}, "/"},
		{"subpath", generator.Options{BaseURL: "https://example.org/showcase/"}, "/showcase/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := generate(t, hostileTree(t), tc.opts)
			if err != nil {
				t.Fatalf("the hostile tree must load (its payloads are valid text): %v", err)
			}
			if bad := append(out.unsafeMarkup(tc.root), out.rawJSONMarkup()...); len(bad) > 0 {
				t.Errorf("executable markup in the output:\n%s", strings.Join(bad, "\n"))
			}
			for _, p := range []string{"regions/hostile/index.html", "categories/hostile/index.html", "hostile-page/index.html", "stories/hostile-region/index.html"} {
				if _, ok := out[p]; !ok {
					t.Errorf("%s was not written", p)
				}
			}
			page := string(out["stories/hostile/index.html"])
			if page == "" {
				t.Fatal("stories/hostile/index.html was not written")
			}
			for _, want := range []string{"标题&lt;script", "西周镇&lt;script", "指标&lt;script", "奖&lt;script", "来源&lt;script", "&lt;img src=x onerror=alert(1)"} {
				if !strings.Contains(page, want) {
					t.Errorf("story page lacks the escaped payload %q", want)
				}
			}
			if !strings.Contains(string(out["feed.xml"]), "标题&lt;script") {
				t.Errorf("feed lacks the escaped title")
			}
		})
	}
}

// TestXSSSearchIndex checks that the search index carries the hostile
// title as JSON text, with < and > escaped, and never a raw tag.
func TestXSSSearchIndex(t *testing.T) {
	out, err := generate(t, hostileTree(t), generator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	jsons := out.paths(".json")
	if len(jsons) == 0 {
		t.Fatal("no JSON search files in the output")
	}
	found := false
	for _, p := range jsons {
		data := out[p]
		if strings.ContainsAny(string(data), "<>") {
			t.Errorf("%s: raw < or > in JSON; encode them as \\u003c and \\u003e", p)
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Errorf("%s: invalid JSON: %v", p, err)
			continue
		}
		if strings.Contains(jsonText(v), "标题<script>alert(1)</script>") {
			found = true
		}
	}
	if !found {
		t.Errorf("no search file holds the hostile title as text; files: %v", jsons)
	}
}

// jsonText concatenates every string of a decoded JSON value.
func jsonText(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch t := v.(type) {
		case string:
			b.WriteString(t)
			b.WriteByte('\n')
		case []any:
			for _, e := range t {
				walk(e)
			}
		case map[string]any:
			for k, e := range t {
				b.WriteString(k)
				b.WriteByte('\n')
				walk(e)
			}
		}
	}
	walk(v)
	return b.String()
}

// TestScannerFindsMarkup shows the checks are not vacuous: each piece of
// executable markup is found, and our own pages' markup is not.
func TestScannerFindsMarkup(t *testing.T) {
	own := func(src string) bool { return src == "/assets/js/prefs.1.js" }
	for _, tc := range []struct {
		doc  string
		want int
	}{
		{`<p>a &lt;script&gt; b</p><script src="/assets/js/prefs.1.js"></script>`, 0},
		{`<a href="https://example.org/?q=javascript:x">x</a><img src="data:image/png;base64,AA">`, 0},
		{`<textarea><script>alert(1)</script></textarea>`, 0},
		{`<script>alert(1)</script>`, 1},
		{`<SCRIPT SRC=//evil.example/x.js></SCRIPT>`, 1},
		{`<img src=x onerror=alert(1)>`, 1},
		{`<svg><g onload="alert(1)"></g></svg>`, 1},
		{`<a href=" JaVa&#x09;ScRiPt:alert(1)">x</a>`, 1},
		{`<a href='java` + "\n" + `script:alert(1)'>x</a>`, 1},
		{`<iframe src="data:text/html,x"></iframe>`, 2},
		{`<img src="data:image/svg+xml,<svg onload=alert(1)>">`, 1},
		{`<link rel="icon" type="image/svg+xml" href="data:image/svg&#43;xml;base64,PHN2Zy8+">`, 0},
		{`<link rel="stylesheet" href="data:text/css,p{}">`, 1},
		{`<a href="data:image/svg+xml;base64,PHN2Zy8+">x</a>`, 1},
		{`<form action=javascript:alert(1)><button formaction="vbscript:x">`, 2},
		{`<p style="x">`, 1},
		{`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`, 1},
		{`<!-- <script>alert(1)</script> --><p>`, 0},
	} {
		t.Run(tc.doc, func(t *testing.T) {
			if got := checkMarkup(tc.doc, own); len(got) != tc.want {
				t.Errorf("found %d, want %d: %q", len(got), tc.want, got)
			}
		})
	}
	if got := checkXML([]byte(`<feed><entry><content type="html">&lt;img src=x onerror=alert(1)&gt;</content><id>javascript:alert(1)</id><title>javascript:alert(1)</title></entry></feed>`), own); len(got) != 2 {
		t.Errorf("checkXML found %q, want the HTML content and the id", got)
	}
}
