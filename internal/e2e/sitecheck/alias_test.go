package sitecheck

import (
	"errors"
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/ningbo-showcase/showcase/generator"
)

// TestAliasCollisions checks that an alias may not take the place of a
// page the site generates: the build must fail with an error at the
// aliases line, instead of a redirect silently replacing the page (or, for
// "/", the build failing without a position).
func TestAliasCollisions(t *testing.T) {
	for _, alias := range []string{"/", "/index.html", "/search/", "/regions/xiangshan/", "/stories/b/", "/stories/", "/timeline/", "/feed.xml", "/404.html"} {
		t.Run(alias, func(t *testing.T) {
			fsys := baseTree(t)
			fsys["content/stories/a.md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: A\nregion: 象山县\nyear: 2016\ncategory: development\naliases: [%q]\n---\n正文。\n", alias))}
			fsys["content/stories/b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: B\nregion: 象山县\nyear: 2016\ncategory: development\n---\n正文。\n")}
			out, err := generateErr(fsys, generator.Options{})
			var ce *generator.ContentError
			if errors.As(err, &ce) {
				for _, e := range ce.List.Errors() {
					if e.Pos.File == "content/stories/a.md" && e.Pos.Line == 6 {
						return
					}
				}
				t.Fatalf("content errors, but none at content/stories/a.md:6: %v", err)
			}
			if err != nil {
				t.Fatalf("alias %s: the build failed without a content error at the aliases line: %v", alias, err)
			}
			t.Errorf("alias %s was accepted; the generated page now reads %.120q", alias, out[aliasFile(alias)])
		})
	}
}

func aliasFile(alias string) string {
	f := alias[1:]
	if f == "" || f[len(f)-1] == '/' {
		f += "index.html"
	}
	return f
}
