package generator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/content"
)

var update = flag.Bool("update", false, "rewrite golden files")

// copyTree copies the fixture site into a temporary directory.
func copyTree(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if rel == "resources" {
			return filepath.SkipDir // the image cache of builds in place
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func build(t testing.TB, src, dest string, mod func(*Options)) (Report, error) {
	t.Helper()
	o := Options{Source: src, Dest: dest, Year: 2026}
	if mod != nil {
		mod(&o)
	}
	return Build(context.Background(), o)
}

// treeHash returns a digest of every file's path and bytes under dir.
func treeHash(t testing.TB, dir string) string {
	t.Helper()
	h := sha256.New()
	var paths []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return nil
	})
	sort.Strings(paths)
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		h.Write([]byte(rel + "\x00"))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func read(t testing.TB, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestGolden(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	rep, err := build(t, "testdata/site", dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pages["story"] != 4 {
		t.Errorf("story pages = %d, want 4 (draft left out)", rep.Pages["story"])
	}
	for _, name := range []string{
		"index.html", "stories/xizhou/index.html", "stories/bundle-story/index.html", "regions/index.html",
		"regions/xiangshan/index.html", "regions/jiangdong/index.html", "stories/index.html", "stories/page/2/index.html",
		"timeline/index.html", "tags/index.html", "tags/hang-ye/index.html", "about/index.html", "old-about/index.html",
		"404.html", "feed.xml", "sitemap.xml",
	} {
		t.Run(name, func(t *testing.T) {
			got := read(t, dest, name)
			golden := filepath.Join("testdata", "golden", strings.ReplaceAll(name, "/", "__"))
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s (run go test -update and review the diff)", name, golden)
			}
		})
	}
}

func TestPageContent(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, "testdata/site", dest, nil); err != nil {
		t.Fatal(err)
	}
	story := read(t, dest, "stories/xizhou/index.html")
	for _, want := range []string{
		"基金会，当年度帮助35家企业", // CJK line break is no space
		`<td>35家</td>`, `<td>7000万元</td>`,
		`<html lang="zh-CN">`,
		`<link rel="canonical" href="https://example.org/showcase/stories/xizhou/">`,
		`align="left"`,
	} {
		if !strings.Contains(story, want) {
			t.Errorf("story page lacks %q", want)
		}
	}
	if strings.Contains(story, "<script>alert") || strings.Contains(story, `style="`) {
		t.Error("raw HTML or inline style leaked into the story page")
	}
	if p := read(t, dest, "stories/platforms/index.html"); strings.Contains(p, "javascript:") || !strings.Contains(p, "300余亿元") {
		t.Error("platforms page: javascript: link emitted or hedge misplaced")
	}
	if p := read(t, dest, "stories/forum/index.html"); !strings.Contains(p, "6000多名") || !strings.Contains(p, "国家级") {
		t.Error("forum page: hedge or award level missing")
	}
	// Totals: 宁波市 stands apart (5000万元); the county sum adds 象山's
	// 7000万元 to 慈溪's 0.5亿元 (余) = 逾1.2亿元; 多 totals as 余.
	regions := read(t, dest, "regions/index.html")
	for _, want := range []string{"<td>逾1.2亿元</td>", "<td>5000万元</td>", "5000余万元", "6000余名"} {
		if !strings.Contains(regions, want) {
			t.Errorf("regions page lacks total %q", want)
		}
	}
	if got := read(t, dest, "robots.txt"); got != "User-agent: *\nDisallow:\n" {
		t.Errorf("static robots.txt did not win: %q", got)
	}
	// The bundle's photo is published resized, never as it is.
	if _, err := os.Stat(filepath.Join(dest, "stories/bundle-story/cover.png")); err == nil {
		t.Error("bundle photo copied as it is")
	}
	if got, _ := filepath.Glob(filepath.Join(dest, "stories/bundle-story/cover.*-600.*")); len(got) != 2 {
		t.Errorf("bundle photo's ladder: %v, want a WebP and a PNG at 600 px", got)
	}
	if _, err := os.Stat(filepath.Join(dest, "stories/draft")); err == nil {
		t.Error("draft published without --drafts")
	}
}

var linkRE = regexp.MustCompile(`(?:href|src|action)="([^"]*)"`)

// TestSubpathLinks checks every internal link is under the baseURL's path
// and resolves to a file of the build.
func TestSubpathLinks(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, "testdata/site", dest, nil); err != nil {
		t.Fatal(err)
	}
	checked := 0
	filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return nil
		}
		rel, _ := filepath.Rel(dest, p)
		for _, m := range linkRE.FindAllStringSubmatch(read(t, dest, rel), -1) {
			u := m[1]
			if strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "#") || strings.HasPrefix(u, "data:") {
				continue
			}
			var target string
			switch {
			case strings.HasPrefix(u, "/showcase/"):
				target = strings.TrimPrefix(u, "/showcase/")
			case strings.HasPrefix(u, "/"):
				t.Errorf("%s: link %q is outside the subpath", rel, u)
				continue
			default:
				target = filepath.ToSlash(filepath.Join(filepath.Dir(rel), u))
			}
			if i := strings.IndexAny(target, "?#"); i >= 0 {
				target = target[:i]
			}
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
			if _, err := os.Stat(filepath.Join(dest, target)); err != nil {
				t.Errorf("%s: link %q does not resolve", rel, u)
			}
			checked++
		}
		return nil
	})
	if checked < 100 {
		t.Errorf("only %d links checked", checked)
	}
}

func TestDeterministic(t *testing.T) {
	a := filepath.Join(t.TempDir(), "a")
	b := filepath.Join(t.TempDir(), "b")
	if _, err := build(t, "testdata/site", a, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := build(t, "testdata/site", b, nil); err != nil {
		t.Fatal(err)
	}
	if treeHash(t, a) != treeHash(t, b) {
		t.Fatal("two builds of one tree differ")
	}
}

func TestFailedBuildLeavesDest(t *testing.T) {
	src := copyTree(t, "testdata/site")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, src, dest, nil); err != nil {
		t.Fatal(err)
	}
	before := treeHash(t, dest)
	os.WriteFile(filepath.Join(src, "content/stories/bad.md"), []byte("---\ntitle: x\nregion: 无此地\nyear: 2016\ncategory: development\n---\n"), 0o644)
	os.WriteFile(filepath.Join(src, "content/stories/bad2.md"), []byte("---\ntitle: y\n"), 0o644)
	_, err := build(t, src, dest, nil)
	var ce *ContentError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a ContentError", err)
	}
	msg := err.Error()
	for _, want := range []string{"content/stories/bad.md:3: unknown region", "content/stories/bad2.md:1: front matter"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	var e *content.Error
	if !errors.As(err, &e) {
		t.Error("errors.As finds no *content.Error")
	}
	if treeHash(t, dest) != before {
		t.Fatal("a failed build changed the destination")
	}
}

func TestStaleRemovalAndKeep(t *testing.T) {
	src := copyTree(t, "testdata/site")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, src, dest, nil); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dest, "CNAME"), []byte("example.org\n"), 0o644)
	os.Remove(filepath.Join(src, "content/stories/forum.md"))
	if _, err := build(t, src, dest, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "stories/forum/index.html")); err == nil {
		t.Error("page of a deleted story survived")
	}
	if got := read(t, dest, "CNAME"); got != "example.org\n" {
		t.Error("kept file lost")
	}
	if strings.Contains(read(t, dest, "regions/jiangdong/index.html"), "共识论坛") {
		t.Error("deleted story still listed")
	}
}

func TestRefuseForeignDest(t *testing.T) {
	dest := t.TempDir()
	os.WriteFile(filepath.Join(dest, "go.mod"), []byte("module x\n"), 0o644)
	if _, err := build(t, "testdata/site", dest, nil); err == nil {
		t.Fatal("built into a directory that is not a previous build's")
	}
	if _, err := os.Stat(filepath.Join(dest, "go.mod")); err != nil {
		t.Fatal("foreign destination was emptied")
	}
}

func TestDrafts(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, "testdata/site", dest, func(o *Options) { o.Drafts = true }); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(read(t, dest, "stories/draft/index.html"), "草稿") {
		t.Error("draft page lacks its badge")
	}
}

func TestStrictFailsOnWarnings(t *testing.T) {
	src := copyTree(t, "testdata/site")
	os.WriteFile(filepath.Join(src, "content/stories/typo.md"), []byte("---\ntitle: x\nregion: 象山县\nyear: 2016\ncategory: development\nsumary: x\n---\n"), 0o644)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, src, dest, nil); err != nil {
		t.Fatalf("warning failed a normal build: %v", err)
	}
	_, err := build(t, src, filepath.Join(t.TempDir(), "p2"), func(o *Options) { o.Strict = true })
	if err == nil || !strings.Contains(err.Error(), `content/stories/typo.md:6: unknown key "sumary" in story (did you mean "summary"?)`) {
		t.Fatalf("strict: %v", err)
	}
}

func TestRelativeURLs(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, "testdata/site", dest, func(o *Options) { o.RelativeURLs = true }); err != nil {
		t.Fatal(err)
	}
	page := read(t, dest, "stories/xizhou/index.html")
	if !strings.Contains(page, `href="../../regions/xiangshan/index.html"`) || strings.Contains(page, "integrity=") {
		t.Errorf("relative links or integrity wrong:\n%s", page[:min(len(page), 1500)])
	}
	if bytes.Contains([]byte(page), []byte(`href="/showcase/`)) {
		t.Error("absolute link left under --relativeURLs")
	}
	// A card's thumbnail on a list page links the story's files.
	home := read(t, dest, "index.html")
	if !strings.Contains(home, `srcset="stories/bundle-story/cover.af95e091-240.webp 240w, stories/bundle-story/cover.af95e091-480.webp 480w"`) || strings.Contains(home, ` /showcase/stories/`) {
		t.Errorf("thumbnail srcset not relative:\n%s", home[strings.Index(home, "<picture>"):][:400])
	}
}
