package cms_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/ningbo-showcase/showcase/generator"
	"github.com/ningbo-showcase/showcase/generator/cms"
	"github.com/ningbo-showcase/showcase/generator/devserver"
	"github.com/ningbo-showcase/showcase/generator/hostfiles"
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

// TestEditor edits the site through Decap CMS in Chromium, on a live
// preview of the project's own content, as an editor would: log in
// through the local backend; create a story with a region chosen from the
// list, two metrics (one hedged 余), an award and a cover photo uploaded
// into its bundle; publish it; check the file passes check --strict and
// the preview shows 300余万元; edit it; delete it; then edit an existing
// single-file story where it is. No request may leave
// the server's origin and the page must log no error (a CSP violation
// would).
func TestEditor(t *testing.T) {
	ctx := testenv.Browser(t, 3*time.Minute, chromedp.WindowSize(1280, 900))
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
			if e.Entry.Level == cdplog.EntryLevelError && !strings.HasSuffix(e.Entry.URL, "/favicon.ico") {
				problems = append(problems, "log: "+e.Entry.Text+" "+e.Entry.URL)
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
		case *page.EventJavascriptDialogOpening:
			// Decap asks before deleting; the editor agrees.
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	})
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
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
	// field returns the input of the n-th field labelled label (without
	// Decap's "(可选)" mark).
	field := func(label string, n int) chromedp.ID {
		t.Helper()
		id, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`[...document.querySelectorAll('label')].filter(l => l.textContent.replace(' (可选)', '').trim() === %q)[%d]?.htmlFor || ''`, label, n)))
		if err != nil || id == "" {
			shot(t, ctx, "failed")
			t.Fatalf("no field %q #%d (%v)", label, n, err)
		}
		return chromedp.ID(id)
	}
	button := func(text string) chromedp.Action[chromedp.Void] {
		return chromedp.Click(chromedp.JSPath(fmt.Sprintf(`[...document.querySelectorAll('button, [role=button], [role=menuitem]')].find(b => b.textContent.trim() === %q)`, text)))
	}
	typeIn := func(label string, n int, text string) {
		t.Helper()
		do("type "+label, chromedp.SendKeys(field(label, n), text))
	}
	choose := func(label string, n int, option string) {
		t.Helper()
		do("choose "+option+" for "+label, chromedp.SendKeys(field(label, n), option), chromedp.KeyEvent(kb.Enter))
	}
	publish := func() {
		t.Helper()
		do("publish", button("发布"), wait(`document.body.innerText.includes('立即发布')`), button("立即发布"))
	}
	screens := os.Getenv("CMS_SCREENSHOTS") // a folder for the docs' screenshots

	do("open the CMS", chromedp.Navigate(url+"/admin/"), wait(`[...document.querySelectorAll('button')].some(b => b.textContent.trim() === '登录')`))
	do("log in through the local backend", button("登录"), wait(`document.body.innerText.includes('北仑“四微”少数民族流动人员服务管理')`))
	if screens != "" {
		save(t, ctx, filepath.Join(screens, "cms-list-1280.png"))
	}

	do("start a new story", chromedp.Navigate(url+"/admin/#/collections/stories/new"), wait(`document.querySelectorAll('label').length > 10`))
	typeIn("标题", 0, "测试：商会融资服务平台")
	typeIn("网址名", 0, "cms-test-story")
	choose("区县（市）", 0, "北仑区")
	typeIn("年度", 0, "2016")
	choose("类别", 0, "创新助推发展")
	do("add two tags", button("新增标签"), button("新增标签"))
	typeIn("标签", 1, "商会")
	typeIn("标签", 2, "融资")
	do("add two metrics", button("新增数字"), wait(`document.body.innerText.includes('数值')`), button("新增数字"))
	typeIn("名称", 0, "融资金额")
	typeIn("数值", 0, "300")
	typeIn("单位", 0, "万元")
	choose("约数", 0, "余")
	typeIn("名称", 1, "帮助企业")
	typeIn("数值", 1, "35")
	typeIn("单位", 1, "家")
	do("add an award", button("新增奖项"))
	choose("级别", 0, "省级")
	typeIn("奖项名称", 0, "全省统战工作创新奖")
	typeIn("年份", 0, "2015")
	typeIn("颁发单位", 0, "浙江省委统战部")
	photo := filepath.Join(t.TempDir(), "cover.png")
	writePNG(t, photo)
	do("open the media library", button("选择图片"), wait(`document.querySelector('input[type=file]') !== null`))
	do("upload the cover photo", chromedp.SetUploadFiles(chromedp.CSS(`input[type=file]`), []string{photo}), wait(`document.body.innerText.includes('cover.png')`))
	do("choose it as the cover", button("选用已选中项目"), wait(`!document.body.innerText.includes('选用已选中项目')`))
	typeIn("封面图片说明", 0, "商会工作人员为企业办理融资")
	// The body's rich-text editor is a contenteditable of its own.
	do("type the body", chromedp.SendKeys(chromedp.CSS(`[contenteditable=true]`), "商会搭建融资服务平台，为会员企业提供融资服务。"))
	if screens != "" {
		do("scroll to the top", chromedp.Evaluate[chromedp.Void](`document.querySelector('label[for^=title-field]').scrollIntoView({block: 'center'})`))
		save(t, ctx, filepath.Join(screens, "cms-story-1280.png"))
	}
	publish()

	bundle := filepath.Join(dir, "content", "stories", "cms-test-story")
	story := filepath.Join(bundle, "index.md")
	waitFile(t, story, "")
	waitFile(t, filepath.Join(bundle, "cover.png"), "")
	raw, _ := os.ReadFile(story)
	t.Logf("%s:\n%s", story, raw)
	for _, want := range []string{"region: 北仑区", "qualifier: 余", "level: provincial", "cover: cover.png", "- 商会"} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("%s lacks %q", story, want)
		}
	}
	checkStrict(t, dir)
	page := waitPage(t, url+"/stories/cms-test-story/", "300余万元")
	for _, want := range []string{"测试：商会融资服务平台", "35家", "全省统战工作创新奖", "北仑区", "cover"} {
		if !strings.Contains(page, want) {
			t.Errorf("preview lacks %q", want)
		}
	}

	do("open the story again", chromedp.Navigate(url+"/admin/#/collections/stories/entries/cms-test-story/index"), wait(`document.querySelectorAll('label').length > 10`))
	title := field("标题", 0)
	do("append to the title", chromedp.Focus(title), chromedp.KeyEvent(kb.End), chromedp.SendKeys(title, "（修订）"))
	publish()
	waitFile(t, story, "title: 测试：商会融资服务平台（修订）")
	checkStrict(t, dir)
	waitPage(t, url+"/stories/cms-test-story/", "测试：商会融资服务平台（修订）")

	do("delete the story", button("删除内容"))
	waitGone(t, bundle)
	waitStatus(t, url+"/stories/cms-test-story/", http.StatusNotFound)
	checkStrict(t, dir)

	// An existing single-file story (JSON front matter) is edited where it
	// is: its slug filled in once, saved as YAML, still valid.
	const old = "beilun-four-micro-ethnic-services"
	do("open an existing single-file story", chromedp.Navigate(url+"/admin/#/collections/stories/entries/"+old), wait(`document.querySelectorAll('label').length > 10 && [...document.querySelectorAll('input')].some(i => i.value.includes('四微'))`))
	typeIn("网址名", 0, old)
	title = field("标题", 0)
	do("append to its title", chromedp.Focus(title), chromedp.KeyEvent(kb.End), chromedp.SendKeys(title, "（修订）"))
	publish()
	single := filepath.Join(dir, "content", "stories", old+".md")
	waitFile(t, single, "title: 北仑“四微”少数民族流动人员服务管理（修订）")
	raw, _ = os.ReadFile(single)
	t.Logf("%s:\n%s", single, raw)
	for _, want := range []string{"region: 北仑区", "category: 创新助力维稳", "sources:", "publisher: 本报"} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("%s lacks %q", single, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "stories", old)); !os.IsNotExist(err) {
		t.Errorf("editing %s.md made a folder: %v", old, err)
	}
	checkStrict(t, dir)
	waitPage(t, url+"/stories/"+old+"/", "北仑“四微”少数民族流动人员服务管理（修订）")

	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("the page logged problems:\n%s", strings.Join(problems, "\n"))
	}
	if len(foreign) > 0 {
		t.Errorf("requests left the server's origin: %q", foreign)
	}
}

// checkStrict runs what `showcase check --strict` runs on the tree.
func checkStrict(t *testing.T, dir string) {
	t.Helper()
	src, closeSrc, err := generator.OpenSource(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeSrc()
	if _, _, err := generator.Load(src, generator.Options{Drafts: true, Strict: true}); err != nil {
		t.Fatalf("check --strict: %v", err)
	}
}

var tags = regexp.MustCompile(`<[^>]*>`)

// waitPage waits for the preview to serve the page at url with want in
// its text, and returns the page.
func waitPage(t *testing.T, url, want string) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		status, body := get(t, url)
		if status == http.StatusOK && strings.Contains(tags.ReplaceAllString(body, ""), want) {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: status %d, no %q in:\n%s", url, status, want, tags.ReplaceAllString(body, ""))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitStatus waits for the preview to answer url with status.
func waitStatus(t *testing.T, url string, want int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		status, _ := get(t, url)
		if status == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: status %d, want %d", url, status, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitFile waits for a file to exist and to contain want.
func waitFile(t *testing.T, name, want string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if b, err := os.ReadFile(name); err == nil && strings.Contains(string(b), want) {
			return
		}
		if time.Now().After(deadline) {
			b, err := os.ReadFile(name)
			t.Fatalf("%s: no %q (%v):\n%s", name, want, err, b)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitGone waits for a file or folder to disappear.
func waitGone(t *testing.T, name string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(name); os.IsNotExist(err) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s is still there", name)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// save writes a screenshot of the window to name.
func save(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(name, buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

func shot(t *testing.T, ctx context.Context, name string) {
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot: %v", err)
		return
	}
	os.WriteFile(filepath.Join(os.TempDir(), "cms-"+name+".png"), buf, 0o644)
}

// writePNG writes a small photo-like PNG.
func writePNG(t *testing.T, name string) {
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for y := range 48 {
		for x := range 64 {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 5), 120, 255})
		}
	}
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// TestServeHeaders checks, on a live preview, that /admin/ has the CMS's
// policy and every other path keeps the site's strict one.
func TestServeHeaders(t *testing.T) {
	url := serve(t, copyTree(t))
	waitStatus(t, url+"/", http.StatusOK)
	for path, want := range map[string]string{
		"/":                         hostfiles.CSP,
		"/stories/":                 hostfiles.CSP,
		"/admin/":                   cms.CSP,
		"/admin/config.yml":         cms.CSP,
		"/admin/decap-cms.js":       cms.CSP,
		"/no-such-page/":            hostfiles.CSP,
		"/__showcase/livereload.js": hostfiles.CSP,
	} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Content-Security-Policy"); got != want {
			t.Errorf("%s: CSP %q, want %q", path, got, want)
		}
	}
}

// TestAPIErrorOverlay: a story saved through the API with a mistake shows
// in the preview's error overlay with its file and line, as an edit in a
// text editor does; fixing it clears the overlay.
func TestAPIErrorOverlay(t *testing.T) {
	dir := copyTree(t)
	url := serve(t, dir)
	waitStatus(t, url+"/", http.StatusOK)
	save := func(raw string) {
		t.Helper()
		body, _ := json.Marshal(map[string]any{"action": "persistEntry", "params": map[string]any{
			"branch": "main", "assets": []any{}, "options": map[string]any{"commitMessage": "m"},
			"dataFiles": []any{map[string]any{"slug": "bad/index", "path": "content/stories/bad/index.md", "raw": raw}},
		}})
		req, _ := http.NewRequest("POST", url+cms.APIPath, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json; charset=utf-8")
		req.Header.Set("Origin", url)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("persistEntry: %d", resp.StatusCode)
		}
	}
	events := func(want string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, "GET", url+devserver.EventsPath, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if strings.Contains(sc.Text(), want) {
				return
			}
		}
		t.Fatalf("no event with %q", want)
	}
	save("---\ntitle: 错误\nregion: 不存在区\nyear: 2016\ncategory: 创新助推发展\n---\n")
	events(`"pos":"content/stories/bad/index.md:3"`)
	save("---\ntitle: 改正\nregion: 北仑区\nyear: 2016\ncategory: 创新助推发展\n---\n")
	waitPage(t, url+"/stories/bad/", "改正")
}
