package hugocompat

import (
	"html"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// metric is one row of a story's table.metrics: the metric's name and its
// figure in the editor's form (300余亿元).
type metric struct {
	Name   string `json:"name"`
	Figure string `json:"figure"`
}

// page is what the comparison reads from one built HTML page.
type page struct {
	Title   string   `json:"title"`
	Metrics []metric `json:"metrics,omitempty"`
	Awards  []string `json:"awards,omitempty"`
}

// tokenKind tells what a token is.
type tokenKind int

const (
	textToken tokenKind = iota
	startToken
	endToken
)

// token is one piece of an HTML document: text (entities decoded), a start
// tag with its attributes, or an end tag. Comments, doctypes and the content
// of script and style elements are dropped.
type token struct {
	kind  tokenKind
	name  string // lower-case tag name
	attrs map[string]string
	text  string
}

// tokenize splits an HTML document into tokens. It is tolerant: it accepts
// unquoted, single- and double-quoted attributes, omitted end tags and stray
// '<' characters, and never fails.
func tokenize(s string) []token {
	var toks []token
	text := func(t string) {
		if t != "" {
			toks = append(toks, token{kind: textToken, text: html.UnescapeString(t)})
		}
	}
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			text(s)
			break
		}
		text(s[:i])
		s = s[i:]
		switch {
		case strings.HasPrefix(s, "<!--"):
			end := strings.Index(s[4:], "-->")
			if end < 0 {
				return toks
			}
			s = s[4+end+3:]
			continue
		case strings.HasPrefix(s, "<!") || strings.HasPrefix(s, "<?"):
			end := strings.IndexByte(s, '>')
			if end < 0 {
				return toks
			}
			s = s[end+1:]
			continue
		}
		closing := strings.HasPrefix(s, "</")
		nameStart := 1
		if closing {
			nameStart = 2
		}
		n := nameStart
		if n < len(s) && isLetter(s[n]) {
			for n < len(s) && (isLetter(s[n]) || '0' <= s[n] && s[n] <= '9' || s[n] == '-') {
				n++
			}
		}
		if n == nameStart { // not a tag: a literal '<'
			text(s[:1])
			s = s[1:]
			continue
		}
		name := strings.ToLower(s[nameStart:n])
		attrs, rest := parseAttrs(s[n:])
		s = rest
		if closing {
			toks = append(toks, token{kind: endToken, name: name})
			continue
		}
		toks = append(toks, token{kind: startToken, name: name, attrs: attrs})
		if name == "script" || name == "style" {
			end := strings.Index(strings.ToLower(s), "</"+name)
			if end < 0 {
				return toks
			}
			s = s[end:]
		}
	}
	return toks
}

// isLetter reports whether c is an ASCII letter.
func isLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// parseAttrs reads the attributes of a tag up to and including its '>' and
// returns them with the rest of the document.
func parseAttrs(s string) (map[string]string, string) {
	attrs := map[string]string{}
	for {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		if s == "" {
			return attrs, s
		}
		switch s[0] {
		case '>':
			return attrs, s[1:]
		case '/':
			s = s[1:]
			continue
		}
		n := 0
		for n < len(s) && !strings.ContainsRune(" \t\r\n\f/>=", rune(s[n])) {
			n++
		}
		if n == 0 { // a stray '=': skip it
			s = s[1:]
			continue
		}
		key := strings.ToLower(s[:n])
		s = strings.TrimLeftFunc(s[n:], unicode.IsSpace)
		val := ""
		if strings.HasPrefix(s, "=") {
			s = strings.TrimLeftFunc(s[1:], unicode.IsSpace)
			if s != "" && (s[0] == '"' || s[0] == '\'') {
				end := strings.IndexByte(s[1:], s[0])
				if end < 0 {
					val, s = s[1:], ""
				} else {
					val, s = s[1:1+end], s[2+end:]
				}
			} else {
				m := 0
				for m < len(s) && !strings.ContainsRune(" \t\r\n\f>", rune(s[m])) {
					m++
				}
				val, s = s[:m], s[m:]
			}
		}
		attrs[key] = html.UnescapeString(val)
	}
}

// hasClass reports whether a start tag's class attribute lists class.
func (t token) hasClass(class string) bool {
	for _, c := range strings.Fields(t.attrs["class"]) {
		if c == class {
			return true
		}
	}
	return false
}

// collapse trims s and turns every run of white space into one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// extract reads a story's data from an HTML page: the text of the first
// <h1>, the (th, td) pairs of the rows of the first table.metrics (a row
// without both, such as a header row, is no metric) and the
// texts of the items of the first ul.awards. Texts are whitespace-collapsed.
func extract(doc string) page {
	var p page
	toks := tokenize(doc)
	var (
		inH1, h1Done       bool
		h1                 strings.Builder
		tableDepth         int // >0 inside table.metrics
		tablesDone         bool
		cell               *strings.Builder // th or td being read
		th, td             strings.Builder
		inRow, haveTH      bool
		haveTD             bool
		listDepth          int // >0 inside ul.awards
		awardsDone, inItem bool
		item               strings.Builder
	)
	endRow := func() {
		if inRow && haveTH && haveTD {
			p.Metrics = append(p.Metrics, metric{Name: collapse(th.String()), Figure: collapse(td.String())})
		}
		inRow, haveTH, haveTD, cell = false, false, false, nil
		th.Reset()
		td.Reset()
	}
	endItem := func() {
		if inItem {
			p.Awards = append(p.Awards, collapse(item.String()))
		}
		inItem = false
		item.Reset()
	}
	for _, t := range toks {
		switch t.kind {
		case textToken:
			if inH1 {
				h1.WriteString(t.text)
			}
			if cell != nil {
				cell.WriteString(t.text)
			}
			if inItem {
				item.WriteString(t.text)
			}
		case startToken:
			switch {
			case t.name == "h1" && !h1Done:
				inH1 = true
			case t.name == "table":
				if tableDepth > 0 {
					tableDepth++
				} else if !tablesDone && t.hasClass("metrics") {
					tableDepth = 1
				}
			case tableDepth == 1 && t.name == "tr":
				endRow()
				inRow = true
			case tableDepth == 1 && inRow && (t.name == "th" || t.name == "td"):
				// The row's first th is the name, its first td the figure.
				cell = nil
				if t.name == "th" && !haveTH {
					cell, haveTH = &th, true
				} else if t.name == "td" && !haveTD {
					cell, haveTD = &td, true
				}
			case t.name == "ul" || t.name == "ol":
				if listDepth > 0 {
					listDepth++
				} else if !awardsDone && t.name == "ul" && t.hasClass("awards") {
					listDepth = 1
				}
			case listDepth == 1 && t.name == "li":
				endItem()
				inItem = true
			case t.name == "br" && (inH1 || cell != nil || inItem):
				if inItem {
					item.WriteString(" ")
				}
				if cell != nil {
					cell.WriteString(" ")
				}
			}
		case endToken:
			switch {
			case t.name == "h1" && inH1:
				inH1, h1Done = false, true
			case t.name == "table" && tableDepth > 0:
				tableDepth--
				if tableDepth == 0 {
					endRow()
					tablesDone = true
				}
			case tableDepth == 1 && t.name == "tr":
				endRow()
			case tableDepth == 1 && (t.name == "th" || t.name == "td"):
				cell = nil
			case (t.name == "ul" || t.name == "ol") && listDepth > 0:
				listDepth--
				if listDepth == 0 {
					endItem()
					awardsDone = true
				}
			case listDepth == 1 && t.name == "li":
				endItem()
			}
		}
	}
	p.Title = collapse(h1.String())
	return p
}

// pagesUnder returns the URL path of every index.html page in a built site
// whose path falls in one of the compared kinds: /stories/<slug>/,
// /regions/<slug>/, /categories/<slug>/ and the standalone pages named in
// standalone (/<slug>/). Pagination pages (…/page/N/) are not pages of
// their own.
func pagesUnder(dir string, standalone map[string]bool) (map[string]string, error) {
	pages := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || d.Name() != "index.html" {
			return nil
		}
		rel, err := filepath.Rel(dir, filepath.Dir(path))
		if err != nil {
			return err
		}
		parts := strings.Split(filepath.ToSlash(rel), "/")
		url := "/" + strings.Join(parts, "/") + "/"
		switch {
		case len(parts) == 2 && (parts[0] == "stories" || parts[0] == "regions" || parts[0] == "categories"):
			pages[url] = path
		case len(parts) == 1 && standalone[url]:
			pages[url] = path
		}
		return nil
	})
	return pages, err
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want page
	}{
		{
			name: "hugo style, indented",
			doc: `<!DOCTYPE html><html lang="zh-CN"><head><title>x</title>
<style>h1{color:red}</style><script>var s = "<h1>not this</h1>";</script></head>
<body><main><article><h1>商会融资
  服务平台</h1>
<table class="metrics">
  <tbody>
    <tr><th scope="row">累计融资</th><td>300余亿元</td></tr>
    <tr><th scope="row">服务企业</th><td>近2万户次</td></tr>
  </tbody>
</table>
<ul class="awards">
  <li><span class="award-year">2016年</span> <span class="award-level">国家级</span> <span>全国奖</span></li>
</ul><h1>second</h1></article></main></body></html>`,
			want: page{
				Title:   "商会融资 服务平台",
				Metrics: []metric{{"累计融资", "300余亿元"}, {"服务企业", "近2万户次"}},
				Awards:  []string{"2016年 国家级 全国奖"},
			},
		},
		{
			name: "minified, unquoted attributes, omitted end tags",
			doc:  `<h1 class=t>标题</h1><table class="wide metrics"><caption>成效</caption><thead><tr><th>指标<th>数值<tbody><tr><th scope=row>入会企业<td>35家<tr><th scope=row>基金<td><span>7000</span>万元</table><ul class=awards><li>甲<li>乙</ul>`,
			want: page{
				Title:   "标题",
				Metrics: []metric{{"入会企业", "35家"}, {"基金", "7000万元"}},
				Awards:  []string{"甲", "乙"},
			},
		},
		{
			name: "entities, comments, nested lists and other tables",
			doc:  `<!-- <h1>no</h1> --><h1>A &amp; B&#x3001;C</h1><table class="data"><tr><th>x<td>y</table><table class='metrics'><tr><th>名&lt;称</th><td>1.7个</td></tr><tr><td>no header</td></tr></table><ul class="awards"><li>奖<ul><li>子项</li></ul></li></ul><ul class="awards"><li>later</li></ul>`,
			want: page{
				Title:   "A & B、C",
				Metrics: []metric{{"名<称", "1.7个"}},
				Awards:  []string{"奖子项"},
			},
		},
		{
			name: "stray angle brackets and an unterminated tag",
			doc:  `<h1>3 < 5 <> ok</h1><p>a <b`,
			want: page{Title: "3 < 5 <> ok"},
		},
		{
			name: "empty document",
			doc:  ``,
			want: page{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := extract(tt.doc)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("extract:\n got %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestFigure(t *testing.T) {
	tests := []struct {
		value     any
		unit, q   string
		want      string
		wantError bool
	}{
		{value: 35, unit: "家", want: "35家"},
		{value: int64(7000), unit: "万元", want: "7000万元"},
		{value: 70000000.0, unit: "元", want: "70000000元"},
		{value: 0.5, unit: "亿元", want: "0.5亿元"},
		{value: 1.7, unit: "个百分点", want: "1.7个百分点"},
		{value: 300, unit: "亿元", q: "余", want: "300余亿元"},
		{value: 6000, unit: "名", q: "多", want: "6000多名"},
		{value: 2, unit: "万户次", q: "近", want: "近2万户次"},
		{value: 1.25, unit: "亿元", q: "约", want: "约1.25亿元"},
		{value: "300", unit: "亿元", wantError: true},
		{value: nil, unit: "亿元", wantError: true},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got, err := figure(tt.value, tt.unit, tt.q)
			if (err != nil) != tt.wantError {
				t.Fatalf("figure(%v, %q, %q) error %v, want error %v", tt.value, tt.unit, tt.q, err, tt.wantError)
			}
			if got != tt.want {
				t.Errorf("figure(%v, %q, %q) = %q, want %q", tt.value, tt.unit, tt.q, got, tt.want)
			}
		})
	}
}
