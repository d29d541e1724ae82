package hugocompat

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestHugoPictures: with Hugo, the fixture's bundle photo (a phone's
// "IMG 0042.JPG") becomes a <picture> of resized files, as cover and in
// the text, with width, height and alt, and gives og:image; WebP only
// when this hugo is the extended build.
func TestHugoPictures(t *testing.T) {
	dest := buildHugo(t, "testdata/site")
	page, err := os.ReadFile(filepath.Join(dest, "stories/building-alliance/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	pictures := regexp.MustCompile(`(?s)<picture>.*?</picture>`).FindAllString(html, -1)
	if len(pictures) != 2 {
		t.Fatalf("%d pictures, want 2 (cover and text):\n%s", len(pictures), html)
	}
	for _, p := range pictures {
		for _, want := range []string{`width="1000"`, `height="750"`, `alt="`, `_480x0_resize_q80_box.JPG 480w`, `_800x0_resize_q80_box.JPG 800w`} {
			if !strings.Contains(p, want) {
				t.Errorf("picture lacks %q: %s", want, p)
			}
		}
	}
	if !strings.Contains(pictures[1], `loading="lazy"`) || strings.Contains(pictures[0], `loading="lazy"`) {
		t.Error("the text photo is not lazy, or the cover is")
	}
	if !strings.Contains(html, `<meta property="og:image" content="https://example.org/stories/building-alliance/IMG%200042_`) {
		t.Error("no og:image from the cover")
	}
	if !strings.Contains(html, `<img src="alliance.svg" alt="联盟示意图">`) {
		t.Error("the SVG is no longer a plain <img>")
	}
}
