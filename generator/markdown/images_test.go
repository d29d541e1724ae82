package markdown

import (
	"html/template"
	"strings"
	"testing"
)

func TestConvertImages(t *testing.T) {
	src := "段落。\n\n![平台 *大厅*](a%20b.jpg \"t\")\n\n![远程](https://example.org/x.jpg) ![](/abs.png) ![坏](javascript:alert(1))\n"
	var got []Image
	doc, err := New(Options{}).ConvertImages([]byte(src), func(img Image) (template.HTML, bool) {
		got = append(got, img)
		return "<picture>P</picture>", true
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Dest != "a%20b.jpg" || got[0].Alt != "平台 大厅" || got[0].Line != 3 {
		t.Fatalf("images: %+v", got)
	}
	h := string(doc.HTML)
	if !strings.Contains(h, "<p><picture>P</picture></p>") || strings.Contains(h, "a%20b.jpg") {
		t.Errorf("html: %s", h)
	}
	if !strings.Contains(h, `<img src="https://example.org/x.jpg" alt="远程">`) || !strings.Contains(h, `<img src="/abs.png" alt="">`) {
		t.Errorf("other images changed: %s", h)
	}
	if !strings.Contains(doc.Text, "平台 大厅") {
		t.Errorf("alt text left the plain text: %q", doc.Text)
	}
	// Without a func, or when it declines, the <img> stays.
	for _, f := range []ImageFunc{nil, func(Image) (template.HTML, bool) { return "", false }} {
		doc, _ := New(Options{}).ConvertImages([]byte(src), f)
		if !strings.Contains(string(doc.HTML), `<img src="a%20b.jpg" alt="平台 大厅" title="t">`) {
			t.Errorf("declined image: %s", doc.HTML)
		}
	}
}

func TestLocalPath(t *testing.T) {
	for dest, want := range map[string]bool{"a.jpg": true, "sub/a.jpg": true, "微信图片_1.jpg": true, "a:b/c.jpg": false,
		"https://x/a.jpg": false, "//x/a.jpg": false, "/a.jpg": false, "#x": false, "": false, "data:image/png;base64,AA": false, "dir/a:b.jpg": true} {
		if got := localPath(dest); got != want {
			t.Errorf("localPath(%q) = %v, want %v", dest, got, want)
		}
	}
}
