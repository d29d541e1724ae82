package markdown

import (
	"fmt"
	"html"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are Chinese Markdown samples that exercise every feature, plus
// attacks the safety rules must stop.
var fuzzSeeds = []string{
	"西周镇商会互助基金会，\n当年度帮助35家企业走出融资困境。",
	"## 背景\n\n象山县**西周镇**的企业~~多为~~家庭作坊起步。\n\n## 背景\n",
	"| 指标 | 数值 |\n|:--|--:|\n| 企业 | 35家 |\n| 金额 | 300余亿元 |\n",
	"- [x] 调研\n- [ ] 成立基金会，见 https://example.org/ 与 www.example.org\n",
	"正文[^1]。\n\n[^1]: 据2016年报道。\n",
	"**先调研，后设计。**基金会\n\n他说\\ **“你好”**\\ 然后",
	"## 行业 {#hang-ye .x style=\"color:red\" onclick=alert(1)}\n\n### 2016年 Awards",
	"<script>alert(1)</script>\n\n图 <img src=x onerror=alert(1)> 文 <a href=\"javascript:alert(1)\">x</a>",
	"[点我](JaVaScRiPt:alert(1)) [x](java&#x09;script:alert(1)) [y](< javascript:alert(1)>) <vbscript:x> ![z](data:text/html,hi)",
	"[r]: javascript:alert(1)\n\n[点][r] ![图](data:image/png;base64,iVBORw0KGgo=)",
	"> 引用\n>\n> 1. 一\n>    ```\n>    <b>code</b>\n>    ```\n",
}

// FuzzConvert checks that Convert never panics or fails, that with the
// default options the HTML holds no script element, event handler, style
// attribute, or link or image destination a browser would run as script,
// and that Summarize keeps its length promise.
func FuzzConvert(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	for _, path := range goldenDocs(f) {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	safe, open := New(Options{}), New(Options{Unsafe: true})
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := safe.Convert(src)
		if err != nil {
			t.Fatalf("Convert: %v", err)
		}
		if err := checkSafeHTML(string(doc.HTML)); err != nil {
			t.Fatalf("unsafe output for %q: %v\n%s", src, err, doc.HTML)
		}
		if _, err := open.Convert(src); err != nil {
			t.Fatalf("Convert (unsafe): %v", err)
		}
		for _, n := range []int{1, 7, 50} {
			if s := Summarize(doc.Text, n); utf8.RuneCountInString(s) > n {
				t.Fatalf("Summarize(%q, %d) = %q is too long", doc.Text, n, s)
			}
		}
		if utf8.Valid(src) {
			if !utf8.ValidString(Summarize(doc.Text, 50)) {
				t.Fatalf("Summarize of valid text is not valid UTF-8")
			}
		}
	})
}

// checkSafeHTML scans HTML produced with Unsafe false. Text there is
// always escaped, so every '<' opens a tag or a comment; the check reads
// each tag's attributes and rejects event handlers, style attributes and
// href or src values that a browser would read as a javascript:,
// vbscript: or (outside images) data: URL.
func checkSafeHTML(s string) error {
	if strings.Contains(strings.ToLower(s), "<script") {
		return fmt.Errorf("contains <script")
	}
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			return nil
		}
		s = s[i:]
		if strings.HasPrefix(s, "<!--") {
			end := strings.Index(s, "-->")
			if end < 0 {
				return fmt.Errorf("unterminated comment")
			}
			s = s[end+3:]
			continue
		}
		end := strings.IndexByte(s, '>')
		if end < 0 {
			return fmt.Errorf("unterminated tag %q", s)
		}
		tag := s[1:end]
		s = s[end+1:]
		name, attrs, _ := strings.Cut(tag, " ")
		for attrs = strings.TrimSpace(attrs); attrs != "" && attrs != "/"; attrs = strings.TrimSpace(attrs) {
			key, rest, ok := strings.Cut(attrs, `="`)
			if !ok {
				return fmt.Errorf("tag <%s>: malformed attribute %q", tag, attrs)
			}
			value, rest, ok := strings.Cut(rest, `"`)
			if !ok {
				return fmt.Errorf("tag <%s>: unterminated attribute %q", tag, key)
			}
			attrs = rest
			key = strings.ToLower(key)
			switch {
			case strings.HasPrefix(key, "on"):
				return fmt.Errorf("tag <%s> has an event handler", tag)
			case key == "style":
				return fmt.Errorf("tag <%s> has a style attribute", tag)
			case key == "href" || key == "src":
				if u := browserURL(html.UnescapeString(value)); dangerousURL(u, name == "img" && key == "src") {
					return fmt.Errorf("tag <%s> links to %q", tag, u)
				}
			}
		}
	}
}

// browserURL normalises an attribute value the way the URL parser of a
// browser does before it reads the scheme: leading and trailing C0
// control characters and spaces removed, tabs and newlines removed
// everywhere, case folded.
func browserURL(v string) string {
	v = strings.TrimFunc(v, func(r rune) bool { return r <= ' ' })
	v = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(v)
	return strings.ToLower(v)
}

func dangerousURL(u string, image bool) bool {
	if strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:") {
		return true
	}
	if !strings.HasPrefix(u, "data:") {
		return false
	}
	if image {
		for _, t := range []string{"png", "gif", "jpeg", "webp"} {
			if strings.HasPrefix(u, "data:image/"+t+";") || strings.HasPrefix(u, "data:image/"+t+",") {
				return false
			}
		}
	}
	return true
}

func TestCheckSafeHTML(t *testing.T) {
	bad := []string{
		`<p><a href="javascript:alert(1)">x</a></p>`,
		`<p><a href=" JAVA&#x09;SCRIPT:alert(1)">x</a></p>`,
		`<a href="data:text/html,hi">x</a>`,
		`<img src="data:image/svg+xml,x" alt="">`,
		`<p onclick="x">y</p>`,
		`<td style="text-align:left">1</td>`,
		`<SCRIPT>alert(1)</SCRIPT>`,
	}
	for _, s := range bad {
		if checkSafeHTML(s) == nil {
			t.Errorf("checkSafeHTML(%q) = nil, want an error", s)
		}
	}
	good := `<h2 id="x">标题</h2>` + "\n" + `<p><a href="#javascript:x">a</a> <a href="https://example.org/">a</a> <img src="data:image/png;base64,AA" alt="图"> javascript:alert(1)</p><!-- raw HTML omitted --><input checked="" disabled="" type="checkbox">`
	if err := checkSafeHTML(good); err != nil {
		t.Errorf("checkSafeHTML(%q) = %v, want nil", good, err)
	}
}
