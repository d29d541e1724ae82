package sitecheck

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ningbo-showcase/showcase/generator"
)

// FuzzPipeline runs a whole story file through the pipeline — load, site
// model, Markdown, templates, feed, sitemap, search index — into memory, and
// checks that nothing panics, that a rejected story is rejected with
// positioned errors, and that no output file carries executable markup: no
// script element but the theme's own, no event handler, no javascript: or
// data: document URL.
func FuzzPipeline(f *testing.F) {
	for _, src := range realStories(f) {
		f.Add(src)
	}
	f.Add([]byte(hostileStory))
	f.Add([]byte("---\ntitle: \"<script>alert(1)</script>\"\nregion: 象山\nyear: 2016\ncategory: development\nsources:\n  - {title: x, url: \"javascript:alert(1)\"}\n---\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n"))
	base := baseTree(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys["content/stories/fuzzed.md"] = &fstest.MapFile{Data: src}
		out, err := generate(t, fsys, generator.Options{Year: 2026, NoMinify: true})
		if err != nil {
			var ce *generator.ContentError
			if !errors.As(err, &ce) {
				t.Fatalf("load failed without a ContentError: %v", err)
			}
			for _, e := range ce.List.Errors() {
				if e.Pos.File == "" || e.Pos.Line < 1 {
					t.Errorf("error without a position: %v", e)
				}
			}
			return
		}
		if bad := out.unsafeMarkup("/"); len(bad) > 0 {
			t.Fatalf("executable markup in the output:\n%s", strings.Join(bad, "\n"))
		}
	})
}
