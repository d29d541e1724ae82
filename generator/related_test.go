package generator

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var relatedRE = regexp.MustCompile(`(?s)<section id="related"[^>]*>(.*?)</section>`)
var hrefRE = regexp.MustCompile(`href="([^"]+)"`)

// TestRelatedSection checks that every story page ends its article with a
// related section of 3–6 other stories, never itself.
func TestRelatedSection(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, "testdata/site", dest, nil); err != nil {
		t.Fatal(err)
	}
	pages, _ := filepath.Glob(filepath.Join(dest, "stories", "*", "index.html"))
	n := 0
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(p, filepath.Join("stories", "page")) {
			continue
		}
		n++
		m := relatedRE.FindSubmatch(data)
		if m == nil {
			t.Errorf("%s: no related section", p)
			continue
		}
		self := "/showcase/stories/" + filepath.Base(filepath.Dir(p)) + "/"
		links := hrefRE.FindAllSubmatch(m[1], -1)
		if len(links) < 3 || len(links) > 6 {
			t.Errorf("%s: %d related stories", p, len(links))
		}
		for _, l := range links {
			if string(l[1]) == self {
				t.Errorf("%s lists itself", p)
			}
		}
		if !strings.Contains(string(data[relatedRE.FindIndex(data)[1]:]), "</article>") {
			t.Errorf("%s: the related section is not inside the article", p)
		}
	}
	if n < 3 {
		t.Fatalf("only %d story pages", n)
	}
}
