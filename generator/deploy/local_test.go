package deploy

import (
	"context"
	"crypto/md5"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestReadRedirects(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "_redirects"), []byte("# comment\n/showcase/2016/x/ /showcase/stories/x/ 301\n/showcase/about.html /showcase/about/ 301\n/elsewhere/ /showcase/ 301\n"), 0o644)
	got, err := readRedirects(dir, "/showcase/")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["2016/x/index.html"] != "/showcase/stories/x/" || got["about.html"] != "/showcase/about/" {
		t.Errorf("redirects %v", got)
	}
	if got, err := readRedirects(t.TempDir(), "/"); err != nil || got != nil {
		t.Errorf("no _redirects: %v, %v", got, err)
	}
}

func TestWebsiteRedirects(t *testing.T) {
	for ep, want := range map[string]bool{
		"": true, "https://s3.ap-east-1.amazonaws.com": true, "https://s3.cn-north-1.amazonaws.com.cn": true,
		"https://s3.oss-cn-hangzhou.aliyuncs.com": false, "https://cos.ap-shanghai.myqcloud.com": false, "http://127.0.0.1:7070": true,
	} {
		if got := (&Location{Endpoint: ep}).websiteRedirects(); got != want {
			t.Errorf("websiteRedirects(%q) = %v", ep, got)
		}
	}
}

// TestScanSelects checks which files a scan selects and in what order:
// siblings only where a matcher is written for them, include and exclude,
// the two waves and Config.Order.
func TestScanSelects(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"index.html", "index.html.gz", "index.html.br", "a.css", "a.css.gz", "b.js", "x.psd", "sub/page.html", "feed.xml", ".showcase-build", ".showcase-x", ".git/HEAD", "_headers", "_redirects"} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte(p), 0o644)
	}
	exclude, _ := compileGlob("**.psd")
	cfg := &Config{
		Keep:     []string{".git"},
		Matchers: []*Matcher{{Pattern: `\.html\.gz$`, ContentType: "text/html; charset=utf-8", ContentEncoding: "gzip", re: regexp.MustCompile(`\.html\.gz$`)}, {Pattern: ".*", re: regexp.MustCompile(".*")}},
		Order:    []*regexp.Regexp{regexp.MustCompile(`\.js$`)},
	}
	files, err := scan(context.Background(), dir, cfg, &Target{exclude: exclude}, map[string]string{"sub/page.html": "/index.html"}, &hashCache{old: map[string]string{}, new: map[string]string{}}, 4)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, f.Path)
		if f.Path == "index.html.gz" && (f.ContentEncoding != "gzip" || f.ContentType != "text/html; charset=utf-8") {
			t.Errorf("index.html.gz headers %+v", f)
		}
		if f.Path == "sub/page.html" && f.Redirect != "/index.html" {
			t.Errorf("sub/page.html redirect %q", f.Redirect)
		}
	}
	want := "b.js a.css index.html.gz feed.xml index.html sub/page.html"
	if strings.Join(got, " ") != want {
		t.Errorf("scan selected\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
}

// TestHashCache checks that a file whose size, modification time and inode
// are unchanged is not read again, that any change of those is, and that a
// file modified moments ago is not remembered.
func TestHashCache(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	for p, body := range map[string]string{"a.html": "aaaa", "b.css": "body"} {
		os.WriteFile(filepath.Join(dir, p), []byte(body), 0o644)
		os.Chtimes(filepath.Join(dir, p), old, old)
	}
	os.WriteFile(filepath.Join(dir, "fresh.txt"), []byte("new"), 0o644)
	md5s := func() map[string]string {
		t.Helper()
		c := openCache(dir)
		files, err := scan(context.Background(), dir, &Config{}, &Target{}, nil, c, 2)
		if err != nil {
			t.Fatal(err)
		}
		c.save()
		out := map[string]string{}
		for _, f := range files {
			out[f.Path] = f.MD5
		}
		return out
	}
	sum := func(s string) string { return fmt.Sprintf("%x", md5.Sum([]byte(s))) }
	if got := md5s(); got["a.html"] != sum("aaaa") || got["fresh.txt"] != sum("new") {
		t.Fatalf("first scan: %v", got)
	}
	if c := openCache(dir); len(c.old) != 2 || c.old["fresh.txt"] != "" {
		t.Errorf("cache holds %v; want a.html and b.css, not the fresh file", c.old)
	}
	// Rewritten in place with the same size and the same time: the cache
	// answers, which shows the file was not read.
	os.WriteFile(filepath.Join(dir, "a.html"), []byte("bbbb"), 0o644)
	os.Chtimes(filepath.Join(dir, "a.html"), old, old)
	if got := md5s(); got["a.html"] != sum("aaaa") {
		t.Errorf("unchanged stamp: a.html hashed again (%s)", got["a.html"])
	}
	// Any other time: read again.
	os.Chtimes(filepath.Join(dir, "a.html"), old.Add(time.Second), old.Add(time.Second))
	if got := md5s(); got["a.html"] != sum("bbbb") {
		t.Errorf("new time: a.html has the remembered hash %s", got["a.html"])
	}
}
