package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestReleaseBody: after ReleaseBody, Source reads the body again from
// the file, as Load made it (BOM dropped, CRLF as LF), and refuses a file
// that changed since.
func TestReleaseBody(t *testing.T) {
	for _, file := range []string{
		"---\ntitle: 甲\n---\n\n正文**粗体**。\n",
		"\xef\xbb\xbf+++\r\ntitle = \"乙\"\r\n+++\r\n\r\n第一段。\r\n\r\n第二段。\r\n",
		"{\"title\": \"丙\"}\n正文。",
	} {
		fsys := fstest.MapFS{"content/stories/a.md": {Data: []byte(file)}}
		cs, list := Load(fsys, Options{Year: 2026})
		if len(cs.Stories) != 1 {
			t.Fatalf("%q: %d stories (%v)", file, len(cs.Stories), list)
		}
		st := cs.Stories[0]
		want := string(st.Body)
		if want == "" || strings.Contains(want, "\r") {
			t.Fatalf("%q: body %q", file, want)
		}
		st.ReleaseBody(fsys)
		if st.Body != nil {
			t.Fatalf("%q: Body kept after ReleaseBody", file)
		}
		got, err := st.Source()
		if err != nil || string(got) != want {
			t.Errorf("%q: Source() = %q, %v; want %q", file, got, err, want)
		}
		fsys["content/stories/a.md"].Data = []byte(strings.Replace(file, "正文", "改过", 1) + "x")
		if got, err := st.Source(); err == nil {
			t.Errorf("%q: Source() of a changed file = %q, want an error", file, got)
		}
		delete(fsys, "content/stories/a.md")
		if _, err := st.Source(); err == nil || !strings.Contains(err.Error(), "content/stories/a.md") {
			t.Errorf("%q: Source() of a removed file: %v, want an error naming it", file, err)
		}
	}
}
