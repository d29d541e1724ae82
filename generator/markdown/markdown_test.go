package markdown

import (
	"fmt"
	"strings"
	"testing"
)

func TestConvertHTML(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		// East Asian line breaks.
		{"cjk break after comma", "西周镇…基金会，\n当年度…", "<p>西周镇…基金会，当年度…</p>\n"},
		{"cjk break full sentence",
			"象山县西周镇成立商会互助基金会，\n当年度帮助35家企业走出融资困境。",
			"<p>象山县西周镇成立商会互助基金会，当年度帮助35家企业走出融资困境。</p>\n"},
		{"cjk break between han", "宁波\n象山", "<p>宁波象山</p>\n"},
		{"cjk break crlf", "基金会，\r\n当年度\r\n\r\n## 北京\r\n", "<p>基金会，当年度</p>\n<h2 id=\"bei-jing\">北京</h2>\n"},
		{"byte order mark", "\ufeff# 北京\n", "<h1 id=\"bei-jing\">北京</h1>\n"},
		{"cjk break before emphasis", "基金会，\n**当年度**", "<p>基金会，<strong>当年度</strong></p>\n"},
		{"cjk break after link", "[宁波](/regions/ningbo/)\n象山", "<p><a href=\"/regions/ningbo/\">宁波</a>象山</p>\n"},
		{"latin break kept", "the end.\nNext line", "<p>the end.\nNext line</p>\n"},
		{"latin break before link", "see the\n[link](/x)", "<p>see the\n<a href=\"/x\">link</a></p>\n"},
		{"latin break after emphasis", "*a*\nb", "<p><em>a</em>\nb</p>\n"},
		{"hard break", "第一行\\\n第二行", "<p>第一行<br>\n第二行</p>\n"},
		// CJK emphasis.
		{"emphasis inside han", "象山**西周镇**商会", "<p>象山<strong>西周镇</strong>商会</p>\n"},
		{"emphasis ending in cjk punctuation", "**先调研，后设计。**基金会", "<p><strong>先调研，后设计。</strong>基金会</p>\n"},
		{"emphasis of cjk quote", "他说**“你好”**然后", "<p>他说<strong>“你好”</strong>然后</p>\n"},
		{"emphasis with space kept", "**一个服务台。** 把", "<p><strong>一个服务台。</strong> 把</p>\n"},
		{"emphasis after cjk punctuation", "基金会：*互助*。", "<p>基金会：<em>互助</em>。</p>\n"},
		{"latin quote emphasis stays literal", "foo**\"bar\"**baz", "<p>foo**&quot;bar&quot;**baz</p>\n"},
		{"latin emphasis", "*foo*bar and **x**", "<p><em>foo</em>bar and <strong>x</strong></p>\n"},
		{"intraword underscore", "snake_case_name 与 中文_强调_中文", "<p>snake_case_name 与 中文_强调_中文</p>\n"},
		{"underscore emphasis", "_强调_ 与 __加粗__", "<p><em>强调</em> 与 <strong>加粗</strong></p>\n"},
		{"escaped space", "他说\\ **“你好”**\\ 然后", "<p>他说<strong>“你好”</strong>然后</p>\n"},
		// Typographer off.
		{"quotes as written", "“创新”与\"创新\"与'创新' -- ...", "<p>“创新”与&quot;创新&quot;与'创新' -- ...</p>\n"},
		// GFM.
		{"strikethrough", "~~旧~~新", "<p><del>旧</del>新</p>\n"},
		{"linkify url", "见 https://example.org/a 页",
			"<p>见 <a href=\"https://example.org/a\">https://example.org/a</a> 页</p>\n"},
		{"linkify www", "见 www.example.org 页",
			"<p>见 <a href=\"http://www.example.org\">www.example.org</a> 页</p>\n"},
		{"autolink email", "<office@example.org>", "<p><a href=\"mailto:office@example.org\">office@example.org</a></p>\n"},
		{"task list", "- [ ] 调研\n- [x] 成立基金会",
			"<ul>\n<li><input disabled=\"\" type=\"checkbox\"> 调研</li>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> 成立基金会</li>\n</ul>\n"},
		{"table alignment",
			"| 指标 | 数值 | 备注 | 单位 |\n|:--|:-:|--:|---|\n| 企业 | 35 | 当年 | 家 |",
			"<table>\n<thead>\n<tr>\n<th align=\"left\">指标</th>\n<th align=\"center\">数值</th>\n<th align=\"right\">备注</th>\n<th>单位</th>\n</tr>\n</thead>\n" +
				"<tbody>\n<tr>\n<td align=\"left\">企业</td>\n<td align=\"center\">35</td>\n<td align=\"right\">当年</td>\n<td>家</td>\n</tr>\n</tbody>\n</table>\n"},
		{"footnote", "资金周转额7000万元[^src]。\n\n[^src]: 据2016年报道。",
			"<p>资金周转额7000万元<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup>。</p>\n" +
				"<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"fn:1\">\n" +
				"<p>据2016年报道。&#160;<a href=\"#fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n" +
				"</li>\n</ol>\n</div>\n"},
		// Heading IDs.
		{"heading chinese", "## 北京", "<h2 id=\"bei-jing\">北京</h2>\n"},
		{"heading duplicates", "# 北京\n# 北京\n# 北京", "<h1 id=\"bei-jing\">北京</h1>\n<h1 id=\"bei-jing-1\">北京</h1>\n<h1 id=\"bei-jing-2\">北京</h1>\n"},
		{"heading mixed", "## 2016年 Innovation Award：象山！", "<h2 id=\"2016-nian-innovation-award-xiang-shan\">2016年 Innovation Award：象山！</h2>\n"},
		{"heading markup", "### **融资**服务 [平台](/x)", "<h3 id=\"rong-zi-fu-wu-ping-tai\"><strong>融资</strong>服务 <a href=\"/x\">平台</a></h3>\n"},
		{"heading empty", "## ……", "<h2 id=\"heading\">……</h2>\n"},
		{"heading explicit id", "## 行业 {#hang-ye}\n## hang-ye", "<h2 id=\"hang-ye\">行业</h2>\n<h2 id=\"hang-ye-1\">hang-ye</h2>\n"},
		{"heading explicit id wins over earlier auto id", "## bei jing\n## 北京 {#bei-jing}", "<h2 id=\"bei-jing-1\">bei jing</h2>\n<h2 id=\"bei-jing\">北京</h2>\n"},
		{"heading attributes limited", "## 标题 {#t .note style=\"color:red\" onclick=\"alert(1)\"}", "<h2 id=\"t\" class=\"note\">标题</h2>\n"},
		{"setext heading", "成果\n====", "<h1 id=\"cheng-guo\">成果</h1>\n"},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := r.Convert([]byte(tt.in))
			if err != nil {
				t.Fatalf("Convert(%q): %v", tt.in, err)
			}
			if got := string(doc.HTML); got != tt.want {
				t.Errorf("Convert(%q).HTML =\n%q\nwant\n%q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRawHTML(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		safe, open string // HTML with Unsafe false and true
	}{
		{"script block", "<script>alert(1)</script>\n",
			"<!-- raw HTML omitted -->\n",
			"<script>alert(1)</script>\n"},
		{"inline img onerror", "图 <img src=x onerror=alert(1)> 文",
			"<p>图 <!-- raw HTML omitted --> 文</p>\n",
			"<p>图 <img src=x onerror=alert(1)> 文</p>\n"},
		{"inline javascript anchor", "点<a href=\"javascript:alert(1)\">这里</a>",
			"<p>点<!-- raw HTML omitted -->这里<!-- raw HTML omitted --></p>\n",
			"<p>点<a href=\"javascript:alert(1)\">这里</a></p>\n"},
		{"div block", "<div class=\"x\">\n块\n</div>\n",
			"<!-- raw HTML omitted -->\n",
			"<div class=\"x\">\n块\n</div>\n"},
		{"code span stays text", "`<script>`", "<p><code>&lt;script&gt;</code></p>\n", "<p><code>&lt;script&gt;</code></p>\n"},
		{"escaped text", "&lt;script&gt; 和 \\<script>", "<p>&lt;script&gt; 和 &lt;script&gt;</p>\n", "<p>&lt;script&gt; 和 &lt;script&gt;</p>\n"},
	}
	safe, open := New(Options{}), New(Options{Unsafe: true})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []struct {
				r    *Renderer
				want string
			}{{safe, tt.safe}, {open, tt.open}} {
				doc, err := c.r.Convert([]byte(tt.in))
				if err != nil {
					t.Fatal(err)
				}
				if got := string(doc.HTML); got != c.want {
					t.Errorf("Convert(%q) (unsafe=%v) =\n%q\nwant\n%q", tt.in, c.r == open, got, c.want)
				}
			}
		})
	}
}

func TestDangerousURLs(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"javascript link", "[点我](javascript:alert(1))", "<p>点我</p>\n"},
		{"mixed case", "[点我](JaVaScRiPt:alert(1))", "<p>点我</p>\n"},
		{"leading space", "[点我](< javascript:alert(1)>)", "<p>点我</p>\n"},
		{"tab entity", "[点我](java&#x09;script:alert(1))", "<p>点我</p>\n"},
		{"decimal tab entity", "[点我](java&#9;script:alert(1))", "<p>点我</p>\n"},
		{"newline entity", "[点我](java&#10;script:alert(1))", "<p>点我</p>\n"},
		{"letter entity", "[点我](&#106;avascript:alert(1))", "<p>点我</p>\n"},
		{"colon entity", "[点我](javascript&colon;alert(1))", "<p>点我</p>\n"},
		{"percent escape", "[点我](%6Aavascript:alert(1))", "<p>点我</p>\n"},
		{"zero width space", "[点我](java\u200bscript:alert(1))", "<p>点我</p>\n"},
		{"control char", "[点我](\x01javascript:alert(1))", "<p>点我</p>\n"},
		{"vbscript", "[点我](vbscript:msgbox(1))", "<p>点我</p>\n"},
		{"data html", "[点我](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "<p>点我</p>\n"},
		{"data image link", "[点我](data:image/png;base64,iVBORw0KGgo=)", "<p>点我</p>\n"},
		{"file", "[点我](file:///etc/passwd)", "<p>点我</p>\n"},
		{"reference", "[点我][x]\n\n[x]: javascript:alert(1)", "<p>点我</p>\n"},
		{"link keeps inner markup", "[**点**我](javascript:x)", "<p><strong>点</strong>我</p>\n"},
		{"autolink", "<javascript:alert(1)>", "<p>javascript:alert(1)</p>\n"},
		{"autolink upper case", "<JAVASCRIPT:alert(1)>", "<p>JAVASCRIPT:alert(1)</p>\n"},
		{"autolink vbscript", "<vbscript:msgbox(1)>", "<p>vbscript:msgbox(1)</p>\n"},
		{"autolink data", "<data:text/html,hello>", "<p>data:text/html,hello</p>\n"},
		{"image javascript", "![示意图](javascript:alert(1))", "<p>示意图</p>\n"},
		{"image svg data", "![示意图](data:image/svg+xml;base64,PHN2Zz4=)", "<p>示意图</p>\n"},
		{"image file", "![示意图](file:///etc/passwd)", "<p>示意图</p>\n"},
		{"image other scheme", "![示意图](ftp://example.org/a.png)", "<p>示意图</p>\n"},
		// Allowed destinations.
		{"http", "[a](http://example.org/)", "<p><a href=\"http://example.org/\">a</a></p>\n"},
		{"https", "[a](https://example.org/?q=1#f)", "<p><a href=\"https://example.org/?q=1#f\">a</a></p>\n"},
		{"mailto", "[a](mailto:office@example.org)", "<p><a href=\"mailto:office@example.org\">a</a></p>\n"},
		{"tel", "[a](tel:+8657400000000)", "<p><a href=\"tel:+8657400000000\">a</a></p>\n"},
		{"relative", "[a](../regions/xiangshan/)", "<p><a href=\"../regions/xiangshan/\">a</a></p>\n"},
		{"fragment", "[a](#bei-jing)", "<p><a href=\"#bei-jing\">a</a></p>\n"},
		{"path with colon later", "[a](/x/a:b)", "<p><a href=\"/x/a:b\">a</a></p>\n"},
		{"chinese path", "[a](/标签/商会/)", "<p><a href=\"/%E6%A0%87%E7%AD%BE/%E5%95%86%E4%BC%9A/\">a</a></p>\n"},
		{"image relative", "![图](cover.jpg)", "<p><img src=\"cover.jpg\" alt=\"图\"></p>\n"},
		{"image https", "![图](https://example.org/a.webp)", "<p><img src=\"https://example.org/a.webp\" alt=\"图\"></p>\n"},
		{"image data png", "![图](data:image/png;base64,iVBORw0KGgo=)", "<p><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"图\"></p>\n"},
		{"image data webp upper case", "![图](DATA:IMAGE/WEBP;base64,UklG)", "<p><img src=\"DATA:IMAGE/WEBP;base64,UklG\" alt=\"图\"></p>\n"},
	}
	for _, unsafe := range []bool{false, true} {
		r := New(Options{Unsafe: unsafe})
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/unsafe=%v", tt.name, unsafe), func(t *testing.T) {
				doc, err := r.Convert([]byte(tt.in))
				if err != nil {
					t.Fatal(err)
				}
				if got := string(doc.HTML); got != tt.want {
					t.Errorf("Convert(%q) (unsafe=%v) =\n%q\nwant\n%q", tt.in, unsafe, got, tt.want)
				}
			})
		}
	}
}

func TestNoStyleAttribute(t *testing.T) {
	in := "| a | b | c |\n|:-|:-:|-:|\n| 1 | 2 | 3 |\n\n## 标题 {style=\"color:red\"}\n\n- [x] 完成\n\n脚注[^1]\n\n[^1]: 注。\n"
	for _, unsafe := range []bool{false, true} {
		doc, err := New(Options{Unsafe: unsafe}).Convert([]byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(doc.HTML), "style=") {
			t.Errorf("unsafe=%v: output has a style attribute:\n%s", unsafe, doc.HTML)
		}
	}
}
