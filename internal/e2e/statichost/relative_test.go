package statichost

import (
	"bytes"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/generator"
)

// aliasStory is the story of the real showcase the relative build's copy
// gives aliases, so that redirect pages are checked from disk too.
const aliasStory = "content/stories/xizhou-chamber-mutual-fund.md"

// copyTree copies the source files of the showcase (hugo.toml, content/
// and static/) into a new directory, so a test can change them.
func copyTree(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	src := os.DirFS(repoRoot)
	for _, root := range []string{"hugo.toml", "content", "static"} {
		err := fs.WalkDir(src, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) && p == root {
					return fs.SkipDir
				}
				return err
			}
			target := filepath.Join(dst, filepath.FromSlash(p))
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			data, err := fs.ReadFile(src, p)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// aliasTree returns a copy of the showcase's source whose story
// aliasStory has the aliases aliasPaths.
func aliasTree(t *testing.T) string {
	t.Helper()
	src := copyTree(t)
	story := filepath.Join(src, filepath.FromSlash(aliasStory))
	data, err := os.ReadFile(story)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("---\n")) || bytes.Contains(data, []byte("\naliases:")) {
		t.Fatalf("%s: expected YAML front matter without aliases", aliasStory)
	}
	data = append([]byte("---\naliases: ["+strings.Join(aliasPaths, ", ")+"]\n"), data[4:]...)
	if err := os.WriteFile(story, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return src
}

// aliasPaths are the aliases aliasTree gives aliasStory.
var aliasPaths = []string{"/2016/xizhou-fund/", "/old/xizhou.html"}

// TestRelativeURLs builds the showcase (with aliases added to one story)
// with --relativeURLs and checks every page as a browser reading it from
// disk would: each link is relative, names a file that exists (index.html
// spelled out) and no element carries an integrity attribute.
func TestRelativeURLs(t *testing.T) {
	src := aliasTree(t)
	site := build(t, src, "", generator.Options{BaseURL: "https://example.org/showcase/", RelativeURLs: true})

	pages := htmlFiles(t, site)
	for _, alias := range []string{"2016/xizhou-fund/index.html", "old/xizhou.html"} {
		if !isRedirectPage(pages[alias]) {
			t.Errorf("%s: no redirect page", alias)
		}
	}
	links := 0
	for rel, page := range pages {
		dir := path.Dir(rel)
		for _, l := range pageLinks(page) {
			v := l.val
			if external(v) || strings.HasPrefix(v, "#") {
				continue
			}
			links++
			if strings.HasPrefix(v, "/") {
				t.Errorf("%s: <%s %s=%q> is root-absolute; from disk it names the file system's root", rel, l.tag, l.attr, v)
				continue
			}
			u, err := url.Parse(v)
			if err != nil {
				t.Errorf("%s: <%s %s=%q>: %v", rel, l.tag, l.attr, v, err)
				continue
			}
			target := path.Join(dir, u.Path)
			if u.Path == "" {
				target = rel // a query or fragment only: this page
			}
			if target == ".." || strings.HasPrefix(target, "../") {
				t.Errorf("%s: <%s %s=%q> leaves the site", rel, l.tag, l.attr, v)
				continue
			}
			st, err := os.Stat(filepath.Join(site, filepath.FromSlash(target)))
			switch {
			case err != nil:
				t.Errorf("%s: <%s %s=%q>: %s does not exist", rel, l.tag, l.attr, v, target)
			case st.IsDir():
				t.Errorf("%s: <%s %s=%q> names a directory; from disk it must name %s/index.html", rel, l.tag, l.attr, v, target)
			}
		}
		if in := attrs(page, "integrity"); len(in) > 0 {
			t.Errorf("%s: %d integrity attributes; browsers refuse them for files read from disk", rel, len(in))
		}
	}
	if links == 0 {
		t.Fatal("no links checked")
	}
	t.Logf("%d pages, %d links checked from disk", len(pages), links)
}

// TestSearchNeedsServer checks that the search page tells a reader who
// opened it from disk that search needs a web server: in the page's text
// or in the search script, which can see that location.protocol is
// "file:".
func TestSearchNeedsServer(t *testing.T) {
	site := build(t, repoRoot, "", generator.Options{RelativeURLs: true, NoMinify: true})
	page, err := os.ReadFile(filepath.Join(site, "search", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(page, []byte("file://")) || bytes.Contains(page, []byte("服务器")) {
		return
	}
	scripts, _ := filepath.Glob(filepath.Join(site, "assets", "js", "search.*.js"))
	for _, s := range scripts {
		js, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(js, []byte(`"file:"`)) || bytes.Contains(js, []byte(`'file:'`)) {
			return
		}
	}
	t.Errorf("search/index.html (and its script %v) never says that search needs a web server when the page is opened from disk (file://): it mentions neither file:// nor 服务器, and the script never tests for the file: protocol", scripts)
}
