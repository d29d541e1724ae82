package deploy_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/ningbo-showcase/showcase/generator/deploy"
)

// site is the built site of the tests: pages, feeds, hashed assets, an
// unhashed image, the search index, and the files that are never
// uploaded (bookkeeping, keep names, host files, precompressed siblings).
var site = map[string]string{
	"index.html":                    "<!doctype html><title>首页</title>",
	"index.html.gz":                 "gz sibling",
	"index.html.br":                 "br sibling",
	"stories/a/index.html":          "<!doctype html><title>A</title>",
	"stories/b/index.html":          "<!doctype html><title>B</title>",
	"old/a/index.html":              "<!doctype html><meta http-equiv=refresh content=\"0; url=/stories/a/\">",
	"index.xml":                     "<rss></rss>",
	"sitemap.xml":                   "<urlset></urlset>",
	"assets/style.0123456789ab.css": "body{color:#000}",
	"assets/app.0123456789ab.js":    strings.Repeat("console.log(1);", 50),
	"assets/logo.0123456789ab.svg":  "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>",
	"images/photo.png":              "\x89PNG fake",
	"search/meta.bin":               "meta",
	"search/t/0.0123456789ab.bin":   "shard",
	"robots.txt":                    "User-agent: *",
	".showcase-build":               "marker",
	".showcase-manifest":            "manifest",
	".git/HEAD":                     "ref: refs/heads/main",
	"CNAME":                         "example.org",
	"_headers":                      "/*\n  X-Frame-Options: DENY\n",
	"_redirects":                    "/old/a/ /stories/a/ 301\n",
}

// uploaded are the keys a deploy of site creates.
var uploaded = []string{
	"assets/app.0123456789ab.js", "assets/logo.0123456789ab.svg", "assets/style.0123456789ab.css",
	"images/photo.png", "index.html", "index.xml", "old/a/index.html", "robots.txt",
	"search/meta.bin", "search/t/0.0123456789ab.bin", "sitemap.xml",
	"stories/a/index.html", "stories/b/index.html",
}

const config = `baseURL = "https://example.org/"
[params.showcase]
  keep = [".git", "CNAME"]

[deployment]
[[deployment.targets]]
  name = "test"
  URL = "%s"

[[deployment.targets]]
  name = "other"
  URL = "s3://other?region=cn-hangzhou"

[[deployment.matchers]]
  pattern = '\.js$'
  gzip = true

[[deployment.matchers]]
  pattern = '^images/'
  cacheControl = "public, max-age=86400"
`

// fixture writes site and a hugo.toml pointing at url into a new source
// directory, and returns it with the site directory.
func fixture(t *testing.T, url string) (src, dir string) {
	t.Helper()
	src = t.TempDir()
	dir = filepath.Join(src, "public")
	for p, body := range site {
		write(t, filepath.Join(dir, p), body)
	}
	write(t, filepath.Join(src, "hugo.toml"), strings.Replace(config, "%s", url, 1))
	return src, dir
}

func write(t *testing.T, p, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// options loads the fixture's config and returns deploy options for
// target name with a counting client.
func options(t *testing.T, src, dir, name string) (deploy.Options, *counting) {
	t.Helper()
	cfg, err := deploy.LoadConfig(os.DirFS(src))
	if err != nil {
		t.Fatal(err)
	}
	tg, err := cfg.Target(name)
	if err != nil {
		t.Fatal(err)
	}
	c := &counting{}
	return deploy.Options{Dir: dir, Config: cfg, Target: tg, MaxDeletes: cfg.MaxDeletes, HTTPClient: c, MaxBackoff: time.Millisecond}, c
}

// keys lists the bucket, returning keys and their ETags.
func keys(t *testing.T, c *s3.Client, bucket string) map[string]string {
	t.Helper()
	out := map[string]string{}
	p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			out[aws.ToString(o.Key)] = aws.ToString(o.ETag)
		}
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func setup(t *testing.T) (*gateway, string, string) {
	g := startGateway(t)
	g.bucket(t, "site")
	useCredentials(t, gwAccess, gwSecret)
	src, dir := fixture(t, g.url("site"))
	return g, src, dir
}

// TestFirstDeploy checks every object of a first deploy: its bytes and
// its headers.
func TestFirstDeploy(t *testing.T) {
	g, src, dir := setup(t)
	o, cnt := options(t, src, dir, "test")
	sum, err := deploy.Deploy(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Uploaded != len(uploaded) || sum.Deleted != 0 || sum.Plan.Unchanged != 0 || cnt.puts.Load() != int64(len(uploaded)) {
		t.Errorf("uploaded %d (%d PUTs), deleted %d, unchanged %d; want %d uploads", sum.Uploaded, cnt.puts.Load(), sum.Deleted, sum.Plan.Unchanged, len(uploaded))
	}
	c := g.client()
	if got := sortedKeys(keys(t, c, "site")); strings.Join(got, " ") != strings.Join(uploaded, " ") {
		t.Fatalf("bucket holds\n%v\nwant\n%v", got, uploaded)
	}
	type want struct{ ctype, cache, encoding string }
	const long = "public, max-age=31536000, immutable"
	wants := map[string]want{
		"assets/app.0123456789ab.js":    {"text/javascript; charset=utf-8", long, "gzip"},
		"assets/logo.0123456789ab.svg":  {"image/svg+xml; charset=utf-8", long, ""},
		"assets/style.0123456789ab.css": {"text/css; charset=utf-8", long, ""},
		"images/photo.png":              {"image/png", "public, max-age=86400", ""},
		"index.html":                    {"text/html; charset=utf-8", "no-cache", ""},
		"index.xml":                     {"application/xml; charset=utf-8", "no-cache", ""},
		"old/a/index.html":              {"text/html; charset=utf-8", "no-cache", ""},
		"robots.txt":                    {"text/plain; charset=utf-8", "no-cache", ""},
		"search/meta.bin":               {"application/octet-stream", "no-cache", ""},
		"search/t/0.0123456789ab.bin":   {"application/octet-stream", long, ""},
		"sitemap.xml":                   {"application/xml; charset=utf-8", "no-cache", ""},
		"stories/a/index.html":          {"text/html; charset=utf-8", "no-cache", ""},
		"stories/b/index.html":          {"text/html; charset=utf-8", "no-cache", ""},
	}
	for _, k := range uploaded {
		out, err := c.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String("site"), Key: aws.String(k)})
		if err != nil {
			t.Fatalf("get %s: %v", k, err)
		}
		body, _ := io.ReadAll(out.Body)
		out.Body.Close()
		w := wants[k]
		got := want{aws.ToString(out.ContentType), aws.ToString(out.CacheControl), aws.ToString(out.ContentEncoding)}
		if got != w {
			t.Errorf("%s: headers %+v, want %+v", k, got, w)
		}
		sum := md5.Sum(body)
		if m := out.Metadata["md5chksum"]; m != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: md5chksum metadata %q, want the MD5 of the object's bytes", k, m)
		}
		if w.encoding == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("%s: %v", k, err)
			}
			body, _ = io.ReadAll(zr)
		}
		if string(body) != site[k] {
			t.Errorf("%s: body %q, want %q", k, body, site[k])
		}
	}
}

// TestNoChange checks that a second deploy of the same site uploads and
// deletes nothing.
func TestNoChange(t *testing.T) {
	_, src, dir := setup(t)
	o, _ := options(t, src, dir, "test")
	if _, err := deploy.Deploy(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	o, cnt := options(t, src, dir, "test")
	sum, err := deploy.Deploy(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Uploaded != 0 || sum.Deleted != 0 || sum.Plan.Unchanged != len(uploaded) || cnt.puts.Load() != 0 || cnt.deletes.Load() != 0 || cnt.heads.Load() != 0 {
		t.Errorf("second deploy: uploaded %d, deleted %d, unchanged %d; %d PUT, %d DELETE, %d HEAD requests; want only %d unchanged",
			sum.Uploaded, sum.Deleted, sum.Plan.Unchanged, cnt.puts.Load(), cnt.deletes.Load(), cnt.heads.Load(), len(uploaded))
	}
}

// TestEditAndDelete checks that after an edit and a deletion exactly the
// edited file is uploaded and the deleted one's object deleted.
func TestEditAndDelete(t *testing.T) {
	g, src, dir := setup(t)
	o, _ := options(t, src, dir, "test")
	if _, err := deploy.Deploy(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "stories/a/index.html"), "<!doctype html><title>A, edited</title>")
	os.RemoveAll(filepath.Join(dir, "stories/b"))
	o, cnt := options(t, src, dir, "test")
	sum, err := deploy.Deploy(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Plan.Uploads) != 1 || sum.Plan.Uploads[0].Path != "stories/a/index.html" || sum.Plan.Uploads[0].Reason != "changed" ||
		strings.Join(sum.Plan.Deletes, " ") != "stories/b/index.html" || cnt.puts.Load() != 1 || cnt.deletes.Load() != 1 {
		t.Errorf("plan %+v, deletes %v; %d PUT, %d DELETE", sum.Plan.Uploads, sum.Plan.Deletes, cnt.puts.Load(), cnt.deletes.Load())
	}
	got := keys(t, g.client(), "site")
	if _, ok := got["stories/b/index.html"]; ok || len(got) != len(uploaded)-1 {
		t.Errorf("bucket after the deletion: %v", sortedKeys(got))
	}
	out, err := g.client().GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String("site"), Key: aws.String("stories/a/index.html")})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(out.Body)
	out.Body.Close()
	if string(body) != "<!doctype html><title>A, edited</title>" {
		t.Errorf("edited page holds %q", body)
	}
}

// TestDryRun checks that a dry run plans the changes and makes none.
func TestDryRun(t *testing.T) {
	g, src, dir := setup(t)
	o, _ := options(t, src, dir, "test")
	if _, err := deploy.Deploy(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	before := keys(t, g.client(), "site")
	write(t, filepath.Join(dir, "index.html"), "<!doctype html><title>new</title>")
	write(t, filepath.Join(dir, "stories/c/index.html"), "<!doctype html><title>C</title>")
	os.Remove(filepath.Join(dir, "robots.txt"))
	o, cnt := options(t, src, dir, "test")
	o.DryRun = true
	sum, err := deploy.Deploy(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	var ups []string
	for _, u := range sum.Plan.Uploads {
		ups = append(ups, u.Path+":"+u.Reason)
	}
	if strings.Join(ups, " ") != "index.html:changed stories/c/index.html:new" || strings.Join(sum.Plan.Deletes, " ") != "robots.txt" {
		t.Errorf("dry run planned uploads %v, deletes %v", ups, sum.Plan.Deletes)
	}
	if sum.Uploaded != 0 || sum.Deleted != 0 || cnt.puts.Load() != 0 || cnt.deletes.Load() != 0 {
		t.Errorf("dry run made %d PUT and %d DELETE requests", cnt.puts.Load(), cnt.deletes.Load())
	}
	after := keys(t, g.client(), "site")
	if strings.Join(sortedKeys(after), " ") != strings.Join(sortedKeys(before), " ") || after["index.html"] != before["index.html"] {
		t.Errorf("dry run changed the bucket")
	}
}

// TestMaxDeletes checks that when more objects would be deleted than
// MaxDeletes allows, none is, and that a higher limit then deletes them.
func TestMaxDeletes(t *testing.T) {
	g, src, dir := setup(t)
	o, _ := options(t, src, dir, "test")
	if _, err := deploy.Deploy(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"stories/a/index.html", "stories/b/index.html", "robots.txt"} {
		os.Remove(filepath.Join(dir, p))
	}
	o, cnt := options(t, src, dir, "test")
	o.MaxDeletes = 2
	sum, err := deploy.Deploy(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Plan.SkippedDeletes || sum.Deleted != 0 || cnt.deletes.Load() != 0 || len(sum.Plan.Deletes) != 3 {
		t.Errorf("over the limit: skipped %v, deleted %d (%d DELETE requests), planned %v", sum.Plan.SkippedDeletes, sum.Deleted, cnt.deletes.Load(), sum.Plan.Deletes)
	}
	if n := len(keys(t, g.client(), "site")); n != len(uploaded) {
		t.Errorf("bucket holds %d objects after skipped deletions, want %d", n, len(uploaded))
	}
	o, _ = options(t, src, dir, "test")
	o.MaxDeletes = 3
	if sum, err = deploy.Deploy(context.Background(), o); err != nil || sum.Deleted != 3 {
		t.Errorf("at the limit: deleted %d, %v; want 3", sum.Deleted, err)
	}
	if n := len(keys(t, g.client(), "site")); n != len(uploaded)-3 {
		t.Errorf("bucket holds %d objects, want %d", n, len(uploaded)-3)
	}
}

// TestInterrupted cuts the network after a few uploads: the deploy fails
// with a message that says so and deletes nothing; the next deploy
// uploads exactly the rest and deletes what is gone.
func TestInterrupted(t *testing.T) {
	g, src, dir := setup(t)
	// A stale object from an earlier deploy, which only a complete deploy
	// may delete.
	write(t, filepath.Join(dir, "stale.html"), "old page")
	o, _ := options(t, src, dir, "test")
	if _, err := deploy.Deploy(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "stale.html"))
	for _, p := range uploaded {
		data, _ := os.ReadFile(filepath.Join(dir, p))
		write(t, filepath.Join(dir, p), string(data)+" v2")
	}
	o, cnt := options(t, src, dir, "test")
	o.Workers = 1
	o.MaxAttempts = 2
	cnt.failAfter = 4
	sum, err := deploy.Deploy(context.Background(), o)
	var de *deploy.Error
	if err == nil || !errors.As(err, &de) || !strings.Contains(err.Error(), "stopped after 4 of 13 uploads; nothing was deleted; run it again") ||
		!strings.Contains(de.Localized(true), "部署在上传 4/13 个文件后中止，未删除任何对象") {
		t.Fatalf("interrupted deploy: %v", err)
	}
	if sum.Uploaded != 4 || cnt.deletes.Load() != 0 {
		t.Errorf("interrupted deploy uploaded %d, sent %d DELETE requests", sum.Uploaded, cnt.deletes.Load())
	}
	if _, ok := keys(t, g.client(), "site")["stale.html"]; !ok {
		t.Errorf("the interrupted deploy deleted stale.html")
	}
	// The first wave (assets) went first: no page was uploaded.
	for _, u := range sum.Plan.Uploads[:4] {
		if strings.HasSuffix(u.Path, ".html") || strings.HasSuffix(u.Path, ".xml") {
			t.Errorf("page %s uploaded before the assets", u.Path)
		}
	}
	o, cnt = options(t, src, dir, "test")
	sum, err = deploy.Deploy(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Uploaded != len(uploaded)-4 || sum.Deleted != 1 || cnt.puts.Load() != int64(len(uploaded)-4) {
		t.Errorf("next deploy uploaded %d, deleted %d; want %d and 1", sum.Uploaded, sum.Deleted, len(uploaded)-4)
	}
	o, _ = options(t, src, dir, "test")
	if sum, err = deploy.Deploy(context.Background(), o); err != nil || sum.Uploaded+sum.Deleted != 0 {
		t.Errorf("after completion: uploaded %d, deleted %d, %v", sum.Uploaded, sum.Deleted, err)
	}
}

// TestStoredHash runs against a gateway whose ETags are not MD5s: the
// deploy compares the md5chksum metadata instead, and a second deploy
// still uploads nothing.
func TestStoredHash(t *testing.T) {
	g := startGateway(t, "--data-integrity-etag")
	g.bucket(t, "site")
	useCredentials(t, gwAccess, gwSecret)
	src, dir := fixture(t, g.url("site"))
	o, _ := options(t, src, dir, "test")
	if _, err := deploy.Deploy(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	for k, etag := range keys(t, g.client(), "site") {
		if e := strings.Trim(etag, `"`); len(e) == 32 {
			t.Skipf("versitygw --data-integrity-etag gave %s the MD5-like ETag %s", k, e)
		}
	}
	write(t, filepath.Join(dir, "index.html"), "<!doctype html><title>new</title>")
	o, cnt := options(t, src, dir, "test")
	sum, err := deploy.Deploy(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Uploaded != 1 || sum.Plan.Uploads[0].Path != "index.html" || cnt.heads.Load() == 0 {
		t.Errorf("uploaded %d (%v) after %d HEAD requests; want index.html alone", sum.Uploaded, sum.Plan.Uploads, cnt.heads.Load())
	}
}

// flaky fails the first try of every PUT, as a network that drops
// connections now and then does.
type flaky struct {
	counting
	mu    sync.Mutex
	tried map[string]bool
}

func (f *flaky) Do(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodPut {
		f.mu.Lock()
		first := !f.tried[r.URL.Path]
		f.tried[r.URL.Path] = true
		f.mu.Unlock()
		if first {
			f.puts.Add(1)
			return nil, fmt.Errorf("injected: connection reset")
		}
	}
	return f.counting.Do(r)
}

// TestRetry checks that requests that fail once are retried, with
// backoff, and the deploy succeeds.
func TestRetry(t *testing.T) {
	g, src, dir := setup(t)
	o, _ := options(t, src, dir, "test")
	f := &flaky{tried: map[string]bool{}}
	o.HTTPClient = f
	sum, err := deploy.Deploy(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Uploaded != len(uploaded) || f.puts.Load() != int64(2*len(uploaded)) || len(keys(t, g.client(), "site")) != len(uploaded) {
		t.Errorf("uploaded %d with %d PUT requests; want %d with twice as many", sum.Uploaded, f.puts.Load(), len(uploaded))
	}
}

// TestOddNames deploys files whose names need escaping in URLs and XML:
// Chinese, spaces, +, %, &, quotes. They upload under their own names, and
// a second deploy finds them unchanged.
func TestOddNames(t *testing.T) {
	g := startGateway(t)
	g.bucket(t, "site")
	useCredentials(t, gwAccess, gwSecret)
	src := t.TempDir()
	dir := filepath.Join(src, "public")
	names := []string{"图片/封面 1+2.png", "a b/c%20d.html", "q&a/'x'.txt", "tags/统战/index.html", "~tilde/(x)=y;z,w.css"}
	for _, n := range names {
		write(t, filepath.Join(dir, n), n)
	}
	write(t, filepath.Join(src, "hugo.toml"), "[[deployment.targets]]\nname = \"t\"\nURL = \""+g.url("site")+"\"\n")
	o, _ := options(t, src, dir, "t")
	if sum, err := deploy.Deploy(context.Background(), o); err != nil || sum.Uploaded != len(names) {
		t.Fatalf("first deploy: %v, %+v", err, sum)
	}
	got := sortedKeys(keys(t, g.client(), "site"))
	want := append([]string(nil), names...)
	sort.Strings(want)
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("bucket holds %q, want %q", got, want)
	}
	o, cnt := options(t, src, dir, "t")
	if sum, err := deploy.Deploy(context.Background(), o); err != nil || sum.Uploaded != 0 || sum.Deleted != 0 || cnt.puts.Load() != 0 {
		t.Errorf("second deploy: %v, %+v", err, sum)
	}
}

// TestRangedListing lists the bucket in ranges of 3 local keys, and checks
// that objects in every range, between the cuts, before the first and
// after the last key, are found: stale ones deleted, unchanged ones not
// uploaded again.
func TestRangedListing(t *testing.T) {
	defer func(n int) { *deploy.ListRange = n }(*deploy.ListRange)
	*deploy.ListRange = 3
	g := startGateway(t)
	g.bucket(t, "site")
	useCredentials(t, gwAccess, gwSecret)
	src := t.TempDir()
	dir := filepath.Join(src, "public")
	local := []string{"a-b/c", "a.b", "a/b", "a0", "b/index.html", "c.css", "d/e/f.js", "m.txt", "n.txt", "图片/1.png", "图片/2.png", "z"}
	for _, n := range local {
		write(t, filepath.Join(dir, n), n)
	}
	stale := []string{"0first", "a-a", "a/a", "a/c", "b/index.htm", "n.txt0", "zz", "图片/15.png", "😀.txt"}
	c := g.client()
	for _, k := range stale {
		if _, err := c.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("site"), Key: aws.String(k), Body: strings.NewReader("stale")}); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(src, "hugo.toml"), "[[deployment.targets]]\nname = \"t\"\nURL = \""+g.url("site")+"\"\n")
	o, _ := options(t, src, dir, "t")
	o.MaxDeletes = -1
	sum, err := deploy.Deploy(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(stale)
	if sum.Uploaded != len(local) || strings.Join(sum.Plan.Deletes, " ") != strings.Join(stale, " ") {
		t.Errorf("uploaded %d, deleted %q; want %d and %q", sum.Uploaded, sum.Plan.Deletes, len(local), stale)
	}
	o, cnt := options(t, src, dir, "t")
	if sum, err := deploy.Deploy(context.Background(), o); err != nil || sum.Uploaded != 0 || sum.Plan.Unchanged != len(local) || len(sum.Plan.Deletes) != 0 || cnt.gets.Load() < 4 {
		t.Errorf("second deploy: %v, %+v, %d listing requests", err, sum, cnt.gets.Load())
	}
}
