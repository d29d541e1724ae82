package statichost

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/ningbo-showcase/showcase/generator"
	"github.com/ningbo-showcase/showcase/generator/hostfiles"
)

const (
	nginxBin     = "/usr/sbin/nginx"
	brotliModule = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
	mimeTypes    = "/etc/nginx/mime.types"
	// siteRoot is the path the test serves the showcase under.
	siteRoot = "/showcase/"
)

// The placeholders of docs/deploy.md's nginx block that the test replaces:
// the listen address and the directory that holds showcase/.
const (
	listenPlaceholder = "listen 80;"
	rootPlaceholder   = "root /srv/www;"
)

// deployDoc is the file that documents the nginx configuration, relative
// to the repository root.
const deployDoc = "docs/deploy.md"

// docNginx returns the body of the one fenced block of docs/deploy.md that
// starts with the line "```nginx".
func docNginx(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(deployDoc)))
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \r") != "```nginx" {
			continue
		}
		start := i + 1
		for i++; i < len(lines) && strings.TrimRight(lines[i], " \r") != "```"; i++ {
		}
		if i == len(lines) {
			t.Fatalf("%s:%d: the nginx block is not closed", deployDoc, start)
		}
		blocks = append(blocks, strings.Join(lines[start:i], "\n"))
	}
	if len(blocks) != 1 {
		t.Fatalf("%s has %d fenced blocks starting with ```nginx, want exactly 1", deployDoc, len(blocks))
	}
	return blocks[0]
}

// nginxConf returns the documented block with its placeholders replaced.
func nginxConf(t *testing.T, listen, root string) string {
	t.Helper()
	conf := docNginx(t)
	for _, r := range [][2]string{
		{listenPlaceholder, "listen " + listen + ";"},
		{rootPlaceholder, "root " + root + ";"},
	} {
		if n := strings.Count(conf, r[0]); n != 1 {
			t.Fatalf("%s: the nginx block has %q %d times, want once (the test replaces it)", deployDoc, r[0], n)
		}
		conf = strings.Replace(conf, r[0], r[1], 1)
	}
	return conf
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startNginx runs nginx in the foreground with a minimal main
// configuration around server (the block docs/deploy.md documents) and stops it when the
// test ends.
func startNginx(t *testing.T, prefix, server string, port int) {
	t.Helper()
	for _, d := range []string{"tmp", "logs"} {
		if err := os.MkdirAll(filepath.Join(prefix, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	serverConf := filepath.Join(prefix, "showcase.conf")
	if err := os.WriteFile(serverConf, []byte(server), 0o644); err != nil {
		t.Fatal(err)
	}
	var main strings.Builder
	fmt.Fprintf(&main, "load_module %s;\n", brotliModule)
	if os.Geteuid() == 0 {
		// The test's directories are private to root.
		main.WriteString("user root;\n")
	}
	main.WriteString("worker_processes 1;\nevents { worker_connections 64; }\nhttp {\n")
	fmt.Fprintf(&main, "    include %s;\n    default_type application/octet-stream;\n    access_log off;\n", mimeTypes)
	for _, k := range []string{"client_body", "proxy", "fastcgi", "uwsgi", "scgi"} {
		fmt.Fprintf(&main, "    %s_temp_path %s;\n", k, filepath.Join(prefix, "tmp", k))
	}
	fmt.Fprintf(&main, "    include %s;\n}\n", serverConf)
	conf := filepath.Join(prefix, "nginx.conf")
	if err := os.WriteFile(conf, []byte(main.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	errorLog := filepath.Join(prefix, "error.log")
	args := []string{"-p", prefix + "/", "-e", errorLog, "-c", conf,
		"-g", "daemon off; pid " + filepath.Join(prefix, "nginx.pid") + "; error_log " + errorLog + ";"}
	if out, err := exec.Command(nginxBin, append([]string{"-t"}, args...)...).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t: %v\n%s\nconfiguration:\n%s", err, out, server)
	}
	var out bytes.Buffer
	cmd := exec.Command(nginxBin, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt) // SIGINT: fast shutdown of master and workers
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	})
	addr := "127.0.0.1:" + strconv.Itoa(port)
	deadline := time.Now().Add(10 * time.Second)
	for {
		select {
		case err := <-exited:
			log, _ := os.ReadFile(errorLog)
			t.Fatalf("nginx exited: %v\n%s%s", err, out.Bytes(), log)
		default:
		}
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(errorLog)
			t.Fatalf("nginx is not listening on %s after 10 s: %v\n%s", addr, err, log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestNginx serves the real showcase, built with --compress for
// http://127.0.0.1:PORT/showcase/, with Debian's nginx and the documented
// configuration, and crawls it.
func TestNginx(t *testing.T) {
	require(t, nginxBin, "nginx")
	require(t, brotliModule, "nginx's brotli_static module")
	require(t, mimeTypes, "nginx's mime.types")
	port := freePort(t)
	origin := "http://127.0.0.1:" + strconv.Itoa(port)
	prefix := t.TempDir()
	www := filepath.Join(prefix, "www")
	site := build(t, repoRoot, filepath.Join(www, "showcase"), generator.Options{BaseURL: origin + siteRoot, Compress: true})
	// The files for Netlify and Cloudflare Pages are in the build too;
	// nginx must not serve them.
	for name, data := range map[string][]byte{"_headers": hostfiles.Headers(siteRoot), "_redirects": hostfiles.Redirects(siteRoot, nil)} {
		if _, err := os.Stat(filepath.Join(site, name)); os.IsNotExist(err) {
			if err := os.WriteFile(filepath.Join(site, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	startNginx(t, prefix, nginxConf(t, "127.0.0.1:"+strconv.Itoa(port), www), port)

	c := &crawler{t: t, origin: origin, seen: map[string]bool{}, pages: map[string]bool{}, site: site,
		client: &http.Client{
			Timeout:       10 * time.Second,
			Transport:     &http.Transport{DisableCompression: true},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}}
	c.crawl(siteRoot, "(start)")

	t.Run("sitemap", func(t *testing.T) { c.checkSitemap(t) })
	t.Run("every page reached", func(t *testing.T) { c.checkAllPages(t) })
	t.Run("precompressed", func(t *testing.T) { c.checkCompression(t) })
	t.Run("not found", func(t *testing.T) { c.checkNotFound(t) })
	t.Run("search index cache", func(t *testing.T) { c.checkSearchCache(t) })
	if len(c.broken) > 0 {
		sort.Strings(c.broken)
		t.Errorf("%d broken links:\n%s", len(c.broken), strings.Join(c.broken, "\n"))
	}
	t.Logf("crawled %d pages and %d other files over HTTP from %s%s; %d broken", len(c.pages), len(c.seen)-len(c.pages), origin, siteRoot, len(c.broken))
}

// crawler fetches a site over HTTP from one page, following the links
// that stay under siteRoot on the same origin.
type crawler struct {
	t      *testing.T
	client *http.Client
	origin string
	site   string          // the build directory
	seen   map[string]bool // paths fetched
	pages  map[string]bool // paths that were HTML pages
	broken []string
}

// get fetches a path with an Accept-Encoding ("" for none).
func (c *crawler) get(p, enc string) (*http.Response, []byte, error) {
	req, err := http.NewRequest("GET", c.origin+p, nil)
	if err != nil {
		return nil, nil, err
	}
	if enc != "" {
		req.Header.Set("Accept-Encoding", enc)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp, body, err
}

// crawl fetches p (linked from ref) and everything it links to.
func (c *crawler) crawl(p, ref string) {
	queue := [][2]string{{p, ref}}
	for len(queue) > 0 {
		p, ref := queue[0][0], queue[0][1]
		queue = queue[1:]
		if c.seen[p] {
			continue
		}
		c.seen[p] = true
		resp, body, err := c.get(p, "")
		if err != nil {
			c.broken = append(c.broken, fmt.Sprintf("%s (linked from %s): %v", p, ref, err))
			continue
		}
		if resp.StatusCode != http.StatusOK {
			c.broken = append(c.broken, fmt.Sprintf("%s (linked from %s): %s", p, ref, resp.Status))
			continue
		}
		c.checkHeaders(p, resp)
		if ce := resp.Header.Get("Content-Encoding"); ce != "" {
			c.t.Errorf("%s: Content-Encoding %q for a request that accepts none", p, ce)
		}
		ct := resp.Header.Get("Content-Type")
		var targets []string
		switch {
		case strings.HasPrefix(ct, "text/html"):
			c.pages[p] = true
			for _, l := range pageLinks(body) {
				targets = append(targets, l.val)
			}
		case strings.HasPrefix(ct, "text/css"):
			for _, m := range cssURL.FindAllSubmatch(body, -1) {
				targets = append(targets, string(m[1]))
			}
		}
		base, _ := url.Parse(c.origin + p)
		for _, s := range targets {
			if strings.HasPrefix(strings.ToLower(s), "javascript:") {
				c.t.Errorf("%s: javascript: URL %q", p, s)
				continue
			}
			u, err := base.Parse(s)
			if err != nil {
				c.broken = append(c.broken, fmt.Sprintf("%q in %s: %v", s, p, err))
				continue
			}
			if u.Scheme+"://"+u.Host != c.origin || !strings.HasPrefix(u.Path, siteRoot) {
				if !external(s) {
					c.broken = append(c.broken, fmt.Sprintf("%q in %s leaves the site (%s)", s, p, u))
				}
				continue
			}
			if !c.seen[u.EscapedPath()] {
				queue = append(queue, [2]string{u.EscapedPath(), p})
			}
		}
	}
}

var cssURL = regexp.MustCompile(`url\(\s*['"]?([^'")\s]+)['"]?\s*\)`)

// hashed reports whether a URL path names a content-hashed file, by the
// patterns hostfiles gives the hosts that read _headers.
func hashed(p string) bool {
	rel := strings.TrimPrefix(p, siteRoot)
	for _, pat := range hostfiles.Hashed {
		if pre, ok := strings.CutSuffix(pat, "*"); ok && strings.HasPrefix(rel, pre) {
			return true
		}
	}
	return false
}

// checkHeaders checks a response's Cache-Control and security headers:
// the same as the hosts reading _headers get.
func (c *crawler) checkHeaders(p string, resp *http.Response) {
	want := hostfiles.ShortCache
	if hashed(p) {
		want = hostfiles.LongCache
	}
	if got := resp.Header.Get("Cache-Control"); got != want {
		c.t.Errorf("%s: Cache-Control %q, want %q", p, got, want)
	}
	for _, h := range hostfiles.Security {
		if got := resp.Header.Values(h[0]); len(got) != 1 || got[0] != h[1] {
			c.t.Errorf("%s: %s %q, want %q", p, h[0], got, h[1])
		}
	}
}

// checkSitemap checks that every page of sitemap.xml was reached from
// the home page.
func (c *crawler) checkSitemap(t *testing.T) {
	resp, body, err := c.get(siteRoot+"sitemap.xml", "")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("sitemap.xml: %v %v", err, resp)
	}
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(body, &sm); err != nil {
		t.Fatal(err)
	}
	if len(sm.URLs) == 0 {
		t.Fatal("sitemap.xml lists no pages")
	}
	for _, u := range sm.URLs {
		pu, err := url.Parse(u.Loc)
		if err != nil || pu.Scheme+"://"+pu.Host != c.origin {
			t.Errorf("sitemap.xml: %q is not on %s", u.Loc, c.origin)
			continue
		}
		if !c.pages[pu.EscapedPath()] {
			t.Errorf("sitemap.xml lists %s, not reachable from the home page", u.Loc)
		}
	}
	t.Logf("%d sitemap pages checked", len(sm.URLs))
}

// checkAllPages checks that every HTML file of the build was reached,
// but for the 404 page (checked by checkNotFound) and alias redirect
// pages, which nothing links to: those are fetched and crawled from.
func (c *crawler) checkAllPages(t *testing.T) {
	redirects := 0
	for rel, data := range htmlFiles(t, c.site) {
		p := siteRoot + strings.TrimSuffix(rel, "index.html")
		switch {
		case rel == "404.html":
		case isRedirectPage(data):
			redirects++
			c.crawl(siteRoot+rel, "(redirect page)")
		case !c.pages[(&url.URL{Path: p}).EscapedPath()]:
			t.Errorf("%s (%s) was not reached from the home page", p, rel)
		}
	}
	t.Logf("%d redirect pages fetched directly", redirects)
}

// checkCompression asks for every file that has a .br or .gz sibling
// (publish writes one only where it is smaller) with each encoding alone
// and checks that nginx sends the sibling where there is one, decompressing
// to the file, and the file itself where there is none.
func (c *crawler) checkCompression(t *testing.T) {
	sent := map[string]int{}
	err := filepath.WalkDir(c.site, func(file string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(file, ".br") || strings.HasSuffix(file, ".gz") {
			return err
		}
		siblings := map[string]bool{}
		for enc, ext := range map[string]string{"br": ".br", "gzip": ".gz"} {
			if _, err := os.Stat(file + ext); err == nil {
				siblings[enc] = true
			}
		}
		if len(siblings) == 0 {
			return nil
		}
		want, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(c.site, file)
		p := siteRoot + filepath.ToSlash(rel)
		for _, enc := range []string{"br", "gzip"} {
			resp, body, err := c.get(p, enc)
			if err != nil {
				t.Errorf("%s (%s): %v", p, enc, err)
				continue
			}
			wantEnc := ""
			if siblings[enc] || enc == "gzip" && strings.HasSuffix(p, ".bin") && len(want) >= 20 {
				// A .bin without a .gz (whose gzip would not be smaller)
				// is gzipped on the fly, as the config says.
				wantEnc = enc
			}
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != wantEnc {
				t.Errorf("%s with Accept-Encoding %s: %s, Content-Encoding %q, want %q", p, enc, resp.Status, resp.Header.Get("Content-Encoding"), wantEnc)
				continue
			}
			c.checkHeaders(p, resp)
			var zr io.Reader = bytes.NewReader(body)
			switch wantEnc {
			case "br":
				zr = brotli.NewReader(zr)
			case "gzip":
				if zr, err = gzip.NewReader(zr); err != nil {
					t.Errorf("%s (gzip): %v", p, err)
					continue
				}
			}
			if wantEnc != "" && !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("%s (%s): Vary %q lacks Accept-Encoding", p, enc, resp.Header.Get("Vary"))
			}
			got, err := io.ReadAll(zr)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s (%s): decompressed body differs from the file (%v)", p, enc, err)
			}
			sent[wantEnc]++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if sent["br"] == 0 || sent["gzip"] == 0 {
		t.Fatalf("the --compress build served %d files as br and %d as gzip; want some of each", sent["br"], sent["gzip"])
	}
	t.Logf("precompressed files served: %d as br, %d as gzip, %d plain (no smaller sibling)", sent["br"], sent["gzip"], sent[""])
}

// checkNotFound checks that a missing URL, the build marker and the
// files for other hosts get 404 with the site's 404 page.
func (c *crawler) checkNotFound(t *testing.T) {
	want, err := os.ReadFile(filepath.Join(c.site, "404.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"no-such-page/", "stories/no-such-story/", "no-such-file.css", "_headers", "_redirects", ".showcase-build"} {
		resp, body, err := c.get(siteRoot+p, "")
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s%s: %s, want 404", siteRoot, p, resp.Status)
		}
		if !bytes.Equal(body, want) {
			t.Errorf("%s%s: body is not the site's 404 page:\n%.300s", siteRoot, p, body)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("%s%s: Content-Type %q", siteRoot, p, ct)
		}
	}
}

// checkSearchCache fetches every file of the search index, which search
// loads by script (the crawl does not see them): the shards get the long
// lifetime, the meta file the short one, and the binary files are served
// gzipped to a client that accepts it.
func (c *crawler) checkSearchCache(t *testing.T) {
	long, short, gzipped := 0, 0, 0
	err := filepath.WalkDir(filepath.Join(c.site, "search"), func(file string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(file, ".gz") || strings.HasSuffix(file, ".br") {
			return err
		}
		rel, _ := filepath.Rel(c.site, file)
		p := siteRoot + filepath.ToSlash(rel)
		resp, _, err := c.get(p, "")
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %v %v", p, err, resp)
			return nil
		}
		c.checkHeaders(p, resp)
		switch resp.Header.Get("Cache-Control") {
		case hostfiles.LongCache:
			long++
		case hostfiles.ShortCache:
			short++
		}
		if path.Base(p) == "meta.bin" && resp.Header.Get("Cache-Control") != hostfiles.ShortCache {
			t.Errorf("%s: Cache-Control %q", p, resp.Header.Get("Cache-Control"))
		}
		// The binary files are served gzipped, from their .gz sibling or
		// compressed on the fly, as the search's byte budget assumes (all
		// but the tiniest: nginx leaves bodies under 20 bytes as they are).
		if info, err := d.Info(); err == nil && strings.HasSuffix(p, ".bin") && info.Size() >= 1024 {
			resp, body, err := c.get(p, "gzip")
			if err != nil || resp.Header.Get("Content-Encoding") != "gzip" {
				t.Errorf("%s with Accept-Encoding gzip: %v, Content-Encoding %q, want gzip", p, err, resp.Header.Get("Content-Encoding"))
				return nil
			}
			want, err := os.ReadFile(file)
			if err != nil {
				return err
			}
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Errorf("%s (gzip): %v", p, err)
				return nil
			}
			if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s (gzip): decompressed body differs from the file (%v)", p, err)
			}
			gzipped++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if long == 0 || short == 0 {
		t.Errorf("search index: %d long-cached and %d short-cached files; want some of each", long, short)
	}
	if gzipped == 0 {
		t.Error("no .bin file of the search index checked for compression")
	}
	t.Logf("search index: %d files cached for a year, %d revalidated, %d .bin files served gzipped", long, short, gzipped)
}
