package deploy

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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
	files, err := scan(context.Background(), dir, cfg, &Target{exclude: exclude}, map[string]string{"sub/page.html": "/index.html"}, 4)
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
