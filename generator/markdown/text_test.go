package markdown

import (
	"reflect"
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		text  string
		first string
	}{
		{"empty", "", "", ""},
		{"blank", " \n\n\t\n", "", ""},
		{"paragraphs", "# 标题\n\n第一段，\n续行。\n\n第二段", "标题\n第一段，续行。\n第二段", "第一段，续行。"},
		{"latin soft break", "Hello\nworld", "Hello world", "Hello world"},
		{"hard break", "一\\\n二", "一\n二", "一\n二"},
		{"entities and escapes", "A &amp; B \\*x\\* &#20013;&#x6587; &copy; &bogus;", "A & B *x* 中文 © &bogus;", "A & B *x* 中文 © &bogus;"},
		{"escaped space", "他说\\ **“你好”**\\ 然后", "他说“你好”然后", "他说“你好”然后"},
		{"raw html left out", "前<span>中</span>后\n\n<div>\n块\n</div>\n", "前中后", "前中后"},
		{"spaces around raw html collapsed", "an <img src=x> image", "an image", "an image"},
		{"lists", "- 一\n- 二\n\n1. 三\n\n   三续", "一\n二\n三\n三续", ""},
		{"table", "| 指标 | 数值 |\n|--|--:|\n| 企业 | 35家 |\n| | |", "指标\t数值\n企业\t35家", ""},
		{"code", "```\ncode <line>\n\n  second\n```\n\n`a<b` 行内", "code <line>\nsecond\na<b 行内", "a<b 行内"},
		{"task list", "- [x] 完成\n- [ ] 未完成", "完成\n未完成", ""},
		{"footnote", "正文[^1]。\n\n[^1]: 注释。", "正文。\n注释。", "正文。"},
		{"image-only paragraph skipped", "![封面](a.jpg)\n\n正文", "封面\n正文", "正文"},
		{"nested blocks skipped", "## 标题\n\n- 列表\n\n> 引用\n\n段落", "标题\n列表\n引用\n段落", "段落"},
		{"autolink", "见 https://example.org 页", "见 https://example.org 页", "见 https://example.org 页"},
		{"dropped link keeps text", "[点我](javascript:x)", "点我", "点我"},
		{"thematic break", "上\n\n---\n\n下", "上\n下", "上"},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := r.Convert([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Text != tt.text {
				t.Errorf("Convert(%q).Text = %q, want %q", tt.in, doc.Text, tt.text)
			}
			if doc.FirstParagraph != tt.first {
				t.Errorf("Convert(%q).FirstParagraph = %q, want %q", tt.in, doc.FirstParagraph, tt.first)
			}
		})
	}
}

func TestHeadings(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Heading
	}{
		{"none", "正文", nil},
		{"chinese", "# 北京\n\n## 宁波 象山", []Heading{{1, "bei-jing", "北京"}, {2, "ning-bo-xiang-shan", "宁波 象山"}}},
		{"duplicates", "## 做法\n## 做法\n## 做法-1\n## 做法",
			[]Heading{{2, "zuo-fa", "做法"}, {2, "zuo-fa-1", "做法"}, {2, "zuo-fa-1-1", "做法-1"}, {2, "zuo-fa-2", "做法"}}},
		{"mixed and markup", "### **2016年** Award_Winners & 奖项!",
			[]Heading{{3, "2016-nian-award-winners-jiang-xiang", "2016年 Award_Winners & 奖项!"}}},
		{"latin lower-cased", "## Hello World", []Heading{{2, "hello-world", "Hello World"}}},
		{"non-ascii latin dropped", "## Café Ü", []Heading{{2, "caf", "Café Ü"}}},
		{"nothing sluggable", "## ？！", []Heading{{2, "heading", "？！"}}},
		{"empty headings", "#\n\n##  #\n", []Heading{{1, "heading", ""}, {2, "heading-1", ""}}},
		{"explicit id", "## 行业 {#hang-ye}", []Heading{{2, "hang-ye", "行业"}}},
		{"in blockquote", "> ## 引用", []Heading{{2, "yin-yong", "引用"}}},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := r.Convert([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(doc.Headings, tt.want) {
				t.Errorf("Convert(%q).Headings = %+v, want %+v", tt.in, doc.Headings, tt.want)
			}
			for _, h := range doc.Headings {
				for _, c := range []byte(h.ID) {
					if c >= 0x80 {
						t.Errorf("heading id %q is not ASCII", h.ID)
						break
					}
				}
			}
		})
	}
}
