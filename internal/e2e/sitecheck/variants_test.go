package sitecheck

import (
	"net/url"
	"os"
	"path"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/generator"
)

// TestLinksUnderSubpath builds the showcase for a site under a subpath and
// checks that every internal link stays under it and resolves.
func TestLinksUnderSubpath(t *testing.T) {
	const base = "https://example.org/showcase/"
	out, err := generate(t, os.DirFS(repoRoot), generator.Options{BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := url.Parse(base)
	n := 0
	for _, p := range out.paths(".html") {
		pg := parsePage(p, out[p])
		if r, _ := pg.meta("showcase-root"); !pg.redirect() && r != "/showcase/" {
			t.Errorf("%s: showcase-root %q, want /showcase/", p, r)
		}
		for _, tg := range pg.tags {
			for _, a := range tg.attrs {
				if !urlAttrs[a.name] || a.name == "srcset" || tg.name == "meta" {
					continue
				}
				// Resolve as the browser does at https://example.org/.
				file, _, internal, err := resolve(b, pg.url(), a.val)
				if err != nil {
					t.Errorf("%s: <%s %s=%q>: %v", p, tg.name, a.name, a.val, err)
					continue
				}
				if !internal {
					continue
				}
				n++
				if _, ok := out[file]; !ok {
					t.Errorf("%s: <%s %s=%q>: %s is not in the output", p, tg.name, a.name, a.val, file)
				}
			}
		}
	}
	t.Logf("checked %d internal links under /showcase/", n)
}

// TestLinksRelative builds the showcase with relative URLs, for browsing
// from disk, and checks that every link is relative, names a file (never a
// directory, which file:// does not map to index.html) and resolves.
func TestLinksRelative(t *testing.T) {
	out, err := generate(t, os.DirFS(repoRoot), generator.Options{RelativeURLs: true})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range out.paths(".html") {
		pg := parsePage(p, out[p])
		for _, tg := range pg.tags {
			for _, a := range tg.attrs {
				if !urlAttrs[a.name] || a.name == "srcset" || tg.name == "meta" {
					continue
				}
				if tg.name == "link" && a.name == "href" {
					if rel, _ := tg.get("rel"); rel == "canonical" {
						continue // the canonical address is absolute by design
					}
				}
				u, err := url.Parse(a.val)
				if err != nil {
					t.Errorf("%s: <%s %s=%q>: %v", p, tg.name, a.name, a.val, err)
					continue
				}
				if u.Scheme != "" || u.Host != "" {
					continue
				}
				if u.Path == "" {
					continue // a fragment or query on the same page
				}
				n++
				if strings.HasPrefix(u.Path, "/") {
					t.Errorf("%s: <%s %s=%q> is root-absolute; it breaks when browsing from disk", p, tg.name, a.name, a.val)
					continue
				}
				target := path.Join(path.Dir(p), u.Path)
				if strings.HasSuffix(u.Path, "/") {
					t.Errorf("%s: <%s %s=%q> names a directory; from disk it must spell out index.html", p, tg.name, a.name, a.val)
					continue
				}
				if strings.HasPrefix(target, "../") || target == ".." {
					t.Errorf("%s: <%s %s=%q> leaves the site", p, tg.name, a.name, a.val)
					continue
				}
				if _, ok := out[target]; !ok {
					t.Errorf("%s: <%s %s=%q>: %s is not in the output", p, tg.name, a.name, a.val, target)
				}
			}
		}
	}
	t.Logf("checked %d relative links", n)
}
