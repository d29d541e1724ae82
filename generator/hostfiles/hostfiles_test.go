package hostfiles

import (
	"bufio"
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", file, got, want)
	}
}

func TestHeadersGolden(t *testing.T) {
	for _, tc := range []struct{ root, file string }{
		{"/", "headers-root"},
		{"/showcase/", "headers-showcase"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			golden(t, tc.file, Headers(tc.root))
		})
	}
}

func TestHeadersRootSpellings(t *testing.T) {
	want := Headers("/showcase/")
	for _, root := range []string{"showcase", "/showcase", "showcase/", " /showcase/ ", "//showcase//"} {
		t.Run(root, func(t *testing.T) {
			if got := Headers(root); !bytes.Equal(got, want) {
				t.Errorf("Headers(%q) differs from Headers(%q):\n%s", root, "/showcase/", got)
			}
		})
	}
	for _, root := range []string{"", "/", "//"} {
		if got := Headers(root); !bytes.Equal(got, Headers("/")) {
			t.Errorf("Headers(%q) differs from Headers(\"/\")", root)
		}
	}
}

// rule is one block of a parsed _headers file.
type rule struct {
	pattern string
	headers map[string]string
}

// parseHeaders reads a _headers file as Netlify and Cloudflare Pages do:
// a path line, then indented "Name: value" lines; "#" starts a comment.
func parseHeaders(t *testing.T, data []byte) []rule {
	t.Helper()
	var rules []rule
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case !strings.HasPrefix(line, " "):
			if !strings.HasPrefix(line, "/") {
				t.Fatalf("line %d: path %q does not start with /", n, line)
			}
			rules = append(rules, rule{pattern: line, headers: map[string]string{}})
		default:
			name, value, ok := strings.Cut(trimmed, ": ")
			if !ok || len(rules) == 0 {
				t.Fatalf("line %d: %q is not a header of a path", n, line)
			}
			if _, dup := rules[len(rules)-1].headers[name]; dup {
				t.Fatalf("line %d: %s set twice", n, name)
			}
			rules[len(rules)-1].headers[name] = value
		}
	}
	return rules
}

// match reports whether a _headers pattern matches a URL path: "*"
// matches any run of characters, "/" included (both hosts' splat).
func match(pattern, p string) bool {
	before, after, splat := strings.Cut(pattern, "*")
	if !splat {
		return pattern == p
	}
	return len(p) >= len(before)+len(after) && strings.HasPrefix(p, before) && strings.HasSuffix(p, after)
}

// TestHeadersServed applies the generated rules to the URLs of a built
// site and checks the headers each response gets, and that no header is
// set by two matching rules (the hosts would join their values).
func TestHeadersServed(t *testing.T) {
	const root = "/showcase/"
	rules := parseHeaders(t, Headers(root))
	for _, tc := range []struct {
		path  string
		cache string // "" means the host's default
	}{
		{"/showcase/", ""},
		{"/showcase/index.html", ""},
		{"/showcase/stories/xizhou-chamber-mutual-fund/", ""},
		{"/showcase/search/", ""},
		{"/showcase/search/index.html", ""},
		{"/showcase/404.html", ""},
		{"/showcase/feed.xml", ""},
		{"/showcase/sitemap.xml", ""},
		{"/showcase/assets/css/style.c26bd801c5bf.css", LongCache},
		{"/showcase/assets/js/search.c0717c54c0e9.js", LongCache},
		{"/showcase/search/meta.bin", ShortCache},
		{"/showcase/search/d/35c532175129-0.json", LongCache},
		{"/showcase/search/p/fc14d27dd7c1-ac.bin", LongCache},
		{"/showcase/search/t/3cd5d8b8a59b-31.bin", LongCache},
	} {
		t.Run(tc.path, func(t *testing.T) {
			got := map[string]string{}
			for _, r := range rules {
				if !match(r.pattern, tc.path) {
					continue
				}
				for k, v := range r.headers {
					if old, ok := got[k]; ok {
						t.Errorf("%s is set by two rules matching %s: %q and %q", k, tc.path, old, v)
					}
					got[k] = v
				}
			}
			if got["Cache-Control"] != tc.cache {
				t.Errorf("Cache-Control = %q, want %q", got["Cache-Control"], tc.cache)
			}
			for _, h := range Security {
				if got[h[0]] != h[1] {
					t.Errorf("%s = %q, want %q", h[0], got[h[0]], h[1])
				}
			}
		})
	}
	// Outside the site root nothing applies.
	for _, r := range rules {
		if match(r.pattern, "/other/assets/x.css") {
			t.Errorf("rule %s matches a path outside the site root", r.pattern)
		}
	}
}

func TestRedirects(t *testing.T) {
	for _, tc := range []struct {
		name    string
		root    string
		aliases []Alias
		want    string
	}{
		{"none", "/", nil, ""},
		{"root site", "/", []Alias{{"/old/", "stories/new/"}}, "/old/ /stories/new/ 301\n"},
		{"subpath", "/showcase/", []Alias{{"/old/", "stories/new/"}}, "/showcase/old/ /showcase/stories/new/ 301\n"},
		{"relative from and rooted to", "showcase", []Alias{{"old/page.html", "/about/"}}, "/showcase/old/page.html /showcase/about/ 301\n"},
		{"sorted", "/", []Alias{{"/b/", "x/"}, {"/a/", "y/"}, {"/a/", "x/"}}, "/a/ /x/ 301\n/a/ /y/ 301\n/b/ /x/ 301\n"},
		{"duplicates dropped", "/", []Alias{{"/a/", "x/"}, {"a/", "/x/"}}, "/a/ /x/ 301\n"},
		{"empty left out", "/", []Alias{{"", "x/"}, {"/", "x/"}, {"/a/", ""}, {" ", " "}}, ""},
		{"absolute target", "/s/", []Alias{{"/old/", "https://example.org/new/"}}, "/s/old/ https://example.org/new/ 301\n"},
		{"whitespace escaped", "/", []Alias{{"/a b/", "c\td/"}}, "/a%20b/ /c%09d/ 301\n"},
		{"percent kept or escaped", "/", []Alias{{"/a%20b/", "100%/"}}, "/a%20b/ /100%25/ 301\n"},
		{"non-ASCII kept", "/", []Alias{{"/旧/", "stories/new/"}}, "/旧/ /stories/new/ 301\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := string(Redirects(tc.root, tc.aliases))
			const head = "# Generated by showcase from the aliases of moved pages.\n"
			if !strings.HasPrefix(got, head) {
				t.Fatalf("no header comment:\n%s", got)
			}
			if body := strings.TrimPrefix(got, head); body != tc.want {
				t.Errorf("Redirects(%q, %q) =\n%s\nwant\n%s", tc.root, tc.aliases, body, tc.want)
			}
			for _, l := range strings.Split(strings.TrimSpace(strings.TrimPrefix(got, head)), "\n") {
				if l != "" && len(strings.Fields(l)) != 3 {
					t.Errorf("line %q has not three fields", l)
				}
			}
		})
	}
}

func TestRedirectsOrderIndependent(t *testing.T) {
	a := []Alias{{"/x/", "stories/x/"}, {"/b/", "stories/b/"}, {"/m/", "about/"}, {"/b/", "stories/c/"}}
	want := Redirects("/", a)
	for i := range a {
		rot := append(append([]Alias{}, a[i:]...), a[:i]...)
		if got := Redirects("/", rot); !bytes.Equal(got, want) {
			t.Errorf("rotation %d gives different output:\n%s", i, got)
		}
	}
}

func FuzzRedirects(f *testing.F) {
	f.Add("/showcase/", "/old/", "stories/new/")
	f.Add("", "a b", "%zz")
	f.Fuzz(func(t *testing.T, root, from, to string) {
		out := Redirects(root, []Alias{{from, to}})
		lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
		for _, l := range lines[1:] {
			if len(strings.Fields(l)) != 3 || !strings.HasSuffix(l, " 301") {
				t.Fatalf("line %q is not FROM TO 301", l)
			}
		}
	})
}
