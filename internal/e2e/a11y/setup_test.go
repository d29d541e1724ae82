package a11y

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/ningbo-showcase/showcase/internal/testenv"
	"io/fs"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/ningbo-showcase/showcase/generator"
)

// chromium is Debian's browser, which these tests drive.
const chromium = testenv.ChromiumPath

// CSP is the strict policy the test server sends with every response, the
// one docs/deploy.md recommends to hosts.
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"

// handler serves the built site in fsys: a path ending in / maps to its
// index.html, an unknown path gets 404.html with status 404, and every
// response carries the CSP and nosniff.
func handler(fsys fs.FS) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-store")
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if strings.HasSuffix(r.URL.Path, "/") {
			name = path.Join(name, "index.html")
		}
		status := http.StatusOK
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			status, name = http.StatusNotFound, "404.html"
			if data, err = fs.ReadFile(fsys, name); err != nil {
				http.NotFound(w, r)
				return
			}
		}
		typ := mime.TypeByExtension(path.Ext(name))
		if typ == "" {
			typ = "application/octet-stream"
		}
		h.Set("Content-Type", typ)
		w.WriteHeader(status)
		w.Write(data)
	})
}

// site is a built site served over HTTP.
type site struct {
	srv *httptest.Server
	dir string
}

func (s *site) url(p string) string { return s.srv.URL + p }

// buildAndServe builds the source tree src into a temporary directory
// with the server's address as base URL and serves it.
func buildAndServe(src string) (*site, error) {
	dir, err := os.MkdirTemp("", "a11y-")
	if err != nil {
		return nil, err
	}
	dest := filepath.Join(dir, "public")
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return nil, err
	}
	s := &site{dir: dir}
	var root *os.Root
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handler(root.FS()).ServeHTTP(w, r)
	}))
	s.srv.Start()
	if _, err := generator.Build(context.Background(), generator.Options{Source: src, Dest: dest, BaseURL: s.srv.URL + "/", Year: 2026}); err != nil {
		s.close()
		return nil, fmt.Errorf("building %s: %w", src, err)
	}
	if root, err = os.OpenRoot(dest); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

func (s *site) close() {
	s.srv.Close()
	os.RemoveAll(s.dir)
}

var (
	realOnce sync.Once
	real     *site
	realErr  error

	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
	stopBrowser = func() {}
)

// TestMain stops the browser and removes the built sites after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	stopBrowser()
	if real != nil {
		real.close()
	}
	os.Exit(code)
}

// realSite builds the real showcase (the repository's content/) once and
// serves it.
func realSite(t *testing.T) *site {
	t.Helper()
	realOnce.Do(func() { real, realErr = buildAndServe(filepath.Join("..", "..", "..")) })
	if realErr != nil {
		t.Fatal(realErr)
	}
	return real
}

// needChromium skips the test loudly when Chromium is absent, and fails it
// under CI=true.
func needChromium(t *testing.T) {
	t.Helper()
	testenv.Chromium(t)
}

// browser returns the context of the one Chromium all tests share.
func browser(t *testing.T) context.Context {
	t.Helper()
	needChromium(t)
	browserOnce.Do(func() {
		dir, err := os.MkdirTemp("", "a11y-chromium-")
		if err != nil {
			browserErr = err
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
		ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, testenv.Flags(dir)...)
		ctx, cancelBrowser := chromedp.NewContext(ctx)
		stopBrowser = func() {
			cancelBrowser()
			cancelAlloc()
			cancel()
			os.RemoveAll(dir)
		}
		// Start the browser with its first (blank) tab.
		browserErr = chromedp.Do(ctx, chromedp.Navigate("about:blank"))
		browserCtx = ctx
	})
	if browserErr != nil {
		t.Fatalf("starting %s: %v", chromium, browserErr)
	}
	return browserCtx
}

// watchScript runs before any page script: it records CSP violations and
// turns alert() into a counter, so script injected by content is seen.
const watchScript = `
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + (e.sourceFile || '') + ':' + e.lineNumber);
});
window.__alerts = 0;
window.alert = function () { window.__alerts++; };
`

// tab is a browser tab that records console messages, exceptions and
// log entries.
type tab struct {
	t   *testing.T
	ctx context.Context
	mu  sync.Mutex
	log []string
}

// newTab opens a tab in the shared browser; it closes when the test ends.
func newTab(t *testing.T) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser(t))
	t.Cleanup(cancel)
	tb := &tab{t: t, ctx: ctx}
	if err := chromedp.Listen(ctx, func(ev any) {
		var msg string
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			var parts []string
			for _, a := range e.Args {
				if a.Value != nil {
					parts = append(parts, string(a.Value))
				} else {
					parts = append(parts, a.Description)
				}
			}
			msg = fmt.Sprintf("console.%s: %s", e.Type, strings.Join(parts, " "))
		case *runtime.EventExceptionThrown:
			msg = "exception: " + e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
		case *cdplog.EventEntryAdded:
			// The browser requests /favicon.ico by itself; the
			// theme links none, so its 404 is not the page's doing.
			if strings.HasSuffix(e.Entry.URL, "/favicon.ico") {
				return
			}
			msg = fmt.Sprintf("log %s %s: %s %s", e.Entry.Source, e.Entry.Level, e.Entry.Text, e.Entry.URL)
		default:
			return
		}
		tb.mu.Lock()
		tb.log = append(tb.log, msg)
		tb.mu.Unlock()
	}); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("enabling the log: %v", err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchScript}); err != nil {
		t.Fatalf("installing the CSP watch: %v", err)
	}
	return tb
}

// do runs actions in the tab, failing the test on error.
func (tb *tab) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %v", step, err)
	}
}

// eval evaluates a JavaScript expression in the tab.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluating %.80s: %v", expr, err)
	}
	return v
}

// waitJS polls a JavaScript expression until it is true.
func waitJS(expr string, timeout time.Duration) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.PollFunction[bool]("() => "+expr, chromedp.WithPollingTimeout(timeout))(ctx, t)
		if err != nil {
			return fmt.Errorf("waiting for %s: %w", expr, err)
		}
		return nil
	})
}

// problems returns the console messages, exceptions, log entries and CSP
// violations of the tab so far, and forgets them.
func (tb *tab) problems() []string {
	tb.t.Helper()
	var csp []string
	if raw, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`JSON.stringify(window.__csp || [])`)); err == nil {
		json.Unmarshal([]byte(raw), &csp)
		chromedp.Run(tb.ctx, chromedp.Evaluate[bool](`(window.__csp = [], true)`))
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	out := append([]string{}, tb.log...)
	for _, c := range csp {
		out = append(out, "CSP violation: "+c)
	}
	tb.log = nil
	return out
}
