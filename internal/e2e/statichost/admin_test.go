package statichost

import (
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/ningbo-showcase/showcase/generator"
	"github.com/ningbo-showcase/showcase/generator/cms"
	"github.com/ningbo-showcase/showcase/generator/hostfiles"
	"github.com/ningbo-showcase/showcase/internal/testenv"
)

// cmsDoc documents the team setup and its nginx block for /admin/.
const cmsDoc = "docs/cms.md"

// TestAdminBehindNginx builds the showcase with a Gitea backend named in
// hugo.toml, serves it with nginx under docs/deploy.md's configuration
// plus docs/cms.md's location block for /admin/, and opens /admin/ in
// Chromium: Decap loads in Chinese with the Gitea login, with no error
// (no CSP violation) and no request off the site's origin, while the rest
// of the site keeps the strict policy.
func TestAdminBehindNginx(t *testing.T) {
	require(t, nginxBin, "nginx")
	require(t, brotliModule, "nginx's brotli_static module")
	require(t, mimeTypes, "nginx's mime.types")
	port := freePort(t)
	origin := "http://127.0.0.1:" + strconv.Itoa(port)
	src := copyTree(t)
	cfg := filepath.Join(src, "hugo.toml")
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, "\n[params.showcase.cms]\n  backend = \"gitea\"\n  repo = \"tongzhan/showcase\"\n  branch = \"main\"\n  base_url = \"https://git.example.gov.cn\"\n  api_root = \"https://git.example.gov.cn/api/v1\"\n  app_id = \"0b6f4c1e-client-id\"\n"...)
	if err := os.WriteFile(cfg, data, 0o644); err != nil {
		t.Fatal(err)
	}
	prefix := t.TempDir()
	www := filepath.Join(prefix, "www")
	build(t, src, filepath.Join(www, "showcase"), generator.Options{BaseURL: origin + siteRoot, Compress: true})

	// docs/cms.md's block, for the site under siteRoot, goes into the
	// documented server.
	block := fencedBlock(t, cmsDoc, "nginx")
	if want := cms.SiteCSP("https://git.example.gov.cn"); !strings.Contains(block, `"`+want+`"`) {
		t.Errorf("%s's nginx block does not set cms.SiteCSP's policy %q", cmsDoc, want)
	}
	block = strings.Replace(block, "location /admin/ {", "location "+siteRoot+"admin/ {", 1)
	server := nginxConf(t, "127.0.0.1:"+strconv.Itoa(port), www)
	anchor := "    location " + siteRoot + " {"
	if !strings.Contains(server, anchor) {
		t.Fatalf("%s's nginx block has no %q", deployDoc, anchor)
	}
	server = strings.Replace(server, anchor, indent(block)+"\n"+anchor, 1)
	startNginx(t, prefix, server, port)

	for path, strict := range map[string]bool{siteRoot: true, siteRoot + "stories/": true, siteRoot + "admin/": false, siteRoot + "admin/config.yml": false} {
		resp, err := http.Get(origin + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		csp := resp.Header.Values("Content-Security-Policy")
		if resp.StatusCode != 200 || len(csp) != 1 || (csp[0] == hostfiles.CSP) != strict {
			t.Errorf("%s: status %d, CSP %q", path, resp.StatusCode, csp)
		}
	}

	ctx := testenv.Browser(t, 90*time.Second)
	var mu sync.Mutex
	var problems, foreign []string
	chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError && !strings.HasSuffix(e.Entry.URL, "/favicon.ico") {
				problems = append(problems, "log: "+e.Entry.Text)
			}
		case *network.EventRequestWillBeSent:
			if u := e.Request.URL; !strings.HasPrefix(u, origin+"/") && !strings.HasPrefix(u, "blob:") && !strings.HasPrefix(u, "data:") {
				foreign = append(foreign, u)
			}
		}
	})
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx, chromedp.Navigate(origin+siteRoot+"admin/"),
		testenv.WaitJS(`[...document.querySelectorAll('button')].some(b => b.textContent.includes('Gitea'))`, 30*time.Second))
	if err != nil {
		text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
		t.Fatalf("the Gitea login did not show: %v\n%s", err, text)
	}
	label, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('button')].find(b => b.textContent.includes('Gitea')).textContent`))
	if !strings.Contains(label, "登录") {
		t.Errorf("login button %q is not Chinese", label)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("the CMS logged problems:\n%s", strings.Join(problems, "\n"))
	}
	if len(foreign) > 0 {
		t.Errorf("requests left the site's origin: %q", foreign)
	}
}

// fencedBlock returns the body of the one fenced block of doc (relative to
// the repository root) that starts with "```lang".
func fencedBlock(t *testing.T, doc, lang string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(doc)))
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "```"+lang {
			continue
		}
		start := i + 1
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "```"; i++ {
		}
		blocks = append(blocks, strings.Join(lines[start:min(i, len(lines))], "\n"))
	}
	if len(blocks) != 1 {
		t.Fatalf("%s has %d blocks starting with ```%s, want exactly 1", doc, len(blocks), lang)
	}
	return blocks[0]
}

func indent(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = "    " + strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}
