package statichost

import (
	"bytes"
	"context"
	"github.com/ningbo-showcase/showcase/internal/testenv"
	stdhtml "html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/generator"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
)

// repoRoot is the showcase's source tree: the repository root.
const repoRoot = "../../.."

// build builds the showcase in src with opts into dest, a new directory
// when dest is "", and returns dest.
func build(t *testing.T, src, dest string, opts generator.Options) string {
	t.Helper()
	if dest == "" {
		dest = filepath.Join(t.TempDir(), "site")
	}
	opts.Source, opts.Dest = src, dest
	if _, err := generator.Build(context.Background(), opts); err != nil {
		t.Fatalf("build %s: %v", src, err)
	}
	return dest
}

// require skips the test with a loud message when the file a test needs
// (a program or a module) is absent, and fails it instead when CI=true.
func require(t *testing.T, file, what string) {
	t.Helper()
	testenv.Require(t, what, file, "Debian: apt-get install nginx libnginx-mod-http-brotli-static (make deps)")
}

// link is a URL in a page: the element and attribute it is in, and its
// value, unescaped.
type link struct {
	tag, attr, val string
}

// linkAttrs lists the attributes that hold URLs, by element; "*" is any
// element.
var linkAttrs = map[string][]string{
	"a": {"href"}, "link": {"href"}, "area": {"href"},
	"img": {"src", "srcset"}, "source": {"src", "srcset"}, "script": {"src"},
	"iframe": {"src"}, "video": {"src", "poster"}, "audio": {"src"}, "track": {"src"},
	"form": {"action"}, "embed": {"src"}, "object": {"data"},
}

// pageLinks returns every URL of an HTML page: the attributes of
// linkAttrs (each candidate of a srcset apart) and the target of a
// meta refresh.
func pageLinks(page []byte) []link {
	var out []link
	l := html.NewLexer(parse.NewInputBytes(page))
	var tag string
	var refresh bool
	for {
		tt, _ := l.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			tag = strings.ToLower(string(l.Text()))
			refresh = false
		case html.AttributeToken:
			key := strings.ToLower(string(l.AttrKey()))
			val := stdhtml.UnescapeString(string(unquote(l.AttrVal())))
			if tag == "meta" && key == "http-equiv" && strings.EqualFold(val, "refresh") {
				refresh = true
			}
			if tag == "meta" && key == "content" && refresh {
				if _, u, ok := strings.Cut(val, "url="); ok {
					out = append(out, link{tag, "refresh", strings.TrimSpace(u)})
				}
			}
			for _, a := range linkAttrs[tag] {
				if key != a {
					continue
				}
				if a == "srcset" {
					for _, cand := range strings.Split(val, ",") {
						if f := strings.Fields(cand); len(f) > 0 {
							out = append(out, link{tag, a, f[0]})
						}
					}
					continue
				}
				out = append(out, link{tag, a, val})
			}
		}
	}
}

// attrs returns the values of attribute name on any element of page.
func attrs(page []byte, name string) []string {
	var out []string
	l := html.NewLexer(parse.NewInputBytes(page))
	for {
		tt, _ := l.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt == html.AttributeToken && strings.EqualFold(string(l.AttrKey()), name) {
			out = append(out, stdhtml.UnescapeString(string(unquote(l.AttrVal()))))
		}
	}
}

func unquote(v []byte) []byte {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}

// external reports whether a URL leaves the site or is not a document
// link at all (mailto:, tel:, data:).
func external(u string) bool {
	lu := strings.ToLower(u)
	for _, p := range []string{"http:", "https:", "//", "mailto:", "tel:", "data:"} {
		if strings.HasPrefix(lu, p) {
			return true
		}
	}
	return false
}

// htmlFiles returns the slash paths of the HTML files under dir (not
// their .gz/.br siblings), and their contents.
func htmlFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("no HTML files in %s", dir)
	}
	return out
}

// isRedirectPage reports whether page is an alias's redirect page.
func isRedirectPage(page []byte) bool {
	return bytes.Contains(page, []byte(`http-equiv="refresh"`)) || bytes.Contains(page, []byte(`http-equiv=refresh`))
}
