package cms_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
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
	"github.com/ningbo-showcase/showcase/generator/devserver"
	"github.com/ningbo-showcase/showcase/internal/testenv"
)

// copyTree copies the project's own site (hugo.toml and content/) into a
// temporary directory.
func copyTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join("..", "..")
	for _, name := range []string{"hugo.toml", "content"} {
		err := filepath.Walk(filepath.Join(src, name), func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			if info.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// serve runs the live preview, as `showcase serve` does, on the tree.
func serve(t *testing.T, dir string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	b := &devserver.FullBuilder{Options: generator.Options{Source: dir, BaseURL: url + "/", Drafts: true}}
	s := devserver.New(b, devserver.Options{Source: dir, Debounce: 20 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	return url
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestEditor(t *testing.T) {
	ctx := testenv.Browser(t, 3*time.Minute)
	dir := copyTree(t)
	url := serve(t, dir)

	var mu sync.Mutex
	var problems, foreign []string
	chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError {
				problems = append(problems, "log: "+e.Entry.Text)
			}
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				problems = append(problems, "console.error: "+strings.Join(parts, " "))
			}
		case *network.EventRequestWillBeSent:
			u := e.Request.URL
			if !strings.HasPrefix(u, url+"/") && !strings.HasPrefix(u, "blob:") && !strings.HasPrefix(u, "data:") {
				foreign = append(foreign, u)
			}
		}
	})
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			mu.Lock()
			t.Logf("problems so far: %q", problems)
			mu.Unlock()
			shot(t, ctx, "failed")
			if text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`)); err == nil {
				t.Logf("page text:\n%s", text)
			}
			t.Fatalf("%s: %v", step, err)
		}
	}
	wait := func(expr string) chromedp.Action[chromedp.Void] { return testenv.WaitJS(expr, 30*time.Second) }
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	do("open the CMS", chromedp.Navigate(url+"/admin/"), wait(`document.querySelector('button') !== null`))
	shot(t, ctx, "login")
	do("log in through the local backend", chromedp.Click(chromedp.CSS(`button`)), wait(`document.body.innerText.includes('创新项目')`))
	shot(t, ctx, "list")
	mu.Lock()
	t.Logf("problems %q foreign %q", problems, foreign)
	mu.Unlock()
}

func shot(t *testing.T, ctx context.Context, name string) {
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot: %v", err)
		return
	}
	os.WriteFile(filepath.Join(os.TempDir(), "cms-"+name+".png"), buf, 0o644)
}
