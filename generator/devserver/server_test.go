package devserver

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ningbo-showcase/showcase/generator"
	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/publish"
)

// wait is how long a test waits for the server to notice a change.
const wait = 10 * time.Second

// fixture copies generator/testdata/site into a temporary directory.
func fixture(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../testdata/site")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// live is a Server running on a random port of 127.0.0.1.
type live struct {
	*Server
	dir  string
	url  string // "http://127.0.0.1:port" without the trailing slash
	log  *syncBuffer
	stop func()
}

// start runs a Server over the source dir with b (a FullBuilder of dir
// when nil), a 20ms debounce and the options set by the given functions,
// and stops it when the test ends.
func start(t testing.TB, dir string, b Builder, set ...func(*Options)) *live {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	if b == nil {
		b = &FullBuilder{Options: generator.Options{Source: dir, BaseURL: url + "/", Drafts: true}}
	}
	log := &syncBuffer{}
	opts := Options{Source: dir, Debounce: 20 * time.Millisecond, Log: log}
	for _, f := range set {
		f(&opts)
	}
	s := New(b, opts)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	l := &live{Server: s, dir: dir, url: url, log: log}
	var once sync.Once
	l.stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run: %v", err)
				}
			case <-time.After(wait):
				t.Errorf("Run did not return after cancel")
			}
		})
	}
	t.Cleanup(l.stop)
	return l
}

// get fetches a path, returning status and body.
func (l *live) get(t testing.TB, path string) (int, string) {
	t.Helper()
	resp, err := noRedirect.Get(l.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// write writes a file of the source, creating directories.
func (l *live) write(t testing.TB, name, data string) {
	t.Helper()
	p := filepath.Join(l.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// edit replaces old by new in a file of the source.
func (l *live) edit(t testing.TB, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(l.dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", name, old)
	}
	l.write(t, name, strings.Replace(string(data), old, new, 1))
}

// eventually polls f until it reports true or the wait is over.
func eventually(t testing.TB, what string, f func() bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for !f() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

var noRedirect = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       wait,
}

// event is one Server-Sent Event.
type event struct{ name, data string }

// stream is a subscriber to the event stream.
type stream struct {
	events chan event
	close  func()
}

// subscribe opens the event stream and waits for its hello. The stream
// is closed when the test ends.
func (l *live) subscribe(t testing.TB) *stream {
	t.Helper()
	tr := &http.Transport{}
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, "GET", l.url+EventsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("event stream Content-Type %q", ct)
	}
	s := &stream{events: make(chan event, 100)}
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		defer close(s.events)
		sc := bufio.NewScanner(resp.Body)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					s.events <- ev
				}
				ev = event{}
			case strings.HasPrefix(line, "event: "):
				ev.name = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				ev.data = line[len("data: "):]
			}
		}
	}()
	var once sync.Once
	s.close = func() {
		once.Do(func() {
			cancel()
			resp.Body.Close()
			<-finished
			tr.CloseIdleConnections()
		})
	}
	t.Cleanup(s.close)
	s.next(t, "hello")
	return s
}

// next returns the next event, failing unless it is named want.
func (s *stream) next(t testing.TB, want string) event {
	t.Helper()
	select {
	case ev, ok := <-s.events:
		if !ok {
			t.Fatalf("event stream ended waiting for %q", want)
		}
		if ev.name != want {
			t.Fatalf("event %q (%s), want %q", ev.name, ev.data, want)
		}
		return ev
	case <-time.After(wait):
		t.Fatalf("no %q event", want)
	}
	return event{}
}

// syncBuffer is a bytes buffer safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func TestEditServedAndReloaded(t *testing.T) {
	l := start(t, fixture(t), nil)
	code, body := l.get(t, "/stories/xizhou/")
	if code != 200 || !strings.Contains(body, "西周镇商会互助基金会") {
		t.Fatalf("before the edit: %d\n%s", code, body)
	}
	es := l.subscribe(t)
	l.edit(t, "content/stories/xizhou.md", "title: 西周镇商会互助基金会", "title: 西周镇商会互助基金会（修订）")
	es.next(t, "reload")
	code, body = l.get(t, "/stories/xizhou/")
	if code != 200 || !strings.Contains(body, "西周镇商会互助基金会（修订）") {
		t.Fatalf("after the edit: %d\n%s", code, body)
	}
}

func TestBrokenStoryShowsErrorsAndKeepsLastGoodSite(t *testing.T) {
	l := start(t, fixture(t), nil)
	es := l.subscribe(t)
	l.edit(t, "content/stories/xizhou.md", "title: 西周镇商会互助基金会", "title: [西周镇")
	ev := es.next(t, "error")
	var p problem
	if err := json.Unmarshal([]byte(ev.data), &p); err != nil {
		t.Fatalf("error event data %q: %v", ev.data, err)
	}
	if p.Heading != Heading || len(p.Errors) != 1 || p.Errors[0].Pos != "content/stories/xizhou.md:2" || !strings.Contains(p.Errors[0].Message, "YAML") {
		t.Fatalf("error event: %+v", p)
	}
	if strings.HasPrefix(p.Errors[0].Message, "content/") {
		t.Errorf("message repeats the position: %q", p.Errors[0].Message)
	}
	code, body := l.get(t, "/stories/xizhou/")
	if code != 200 || !strings.Contains(body, "西周镇商会互助基金会") {
		t.Fatalf("the last good page is not served: %d\n%s", code, body)
	}
	// A tab opened while the site is broken learns of the errors at once.
	late := l.subscribe(t)
	if got := late.next(t, "error"); got.data != ev.data {
		t.Errorf("late subscriber got %s, want %s", got.data, ev.data)
	}
	if !strings.Contains(l.log.String(), "content/stories/xizhou.md:2") {
		t.Errorf("log lacks the error:\n%s", l.log.String())
	}

	l.edit(t, "content/stories/xizhou.md", "title: [西周镇", "title: 西周镇商会互助基金会（已改正）")
	es.next(t, "reload")
	late.next(t, "reload")
	if _, body := l.get(t, "/stories/xizhou/"); !strings.Contains(body, "（已改正）") {
		t.Fatalf("fixed page not served:\n%s", body)
	}
	// Once fixed, a new tab gets no errors: its first event after hello
	// is the next build's.
	fresh := l.subscribe(t)
	l.edit(t, "content/stories/xizhou.md", "（已改正）", "（再改）")
	fresh.next(t, "reload")
}

func TestDeletedStoryGone(t *testing.T) {
	l := start(t, fixture(t), nil)
	if code, _ := l.get(t, "/stories/platforms/"); code != 200 {
		t.Fatalf("story page: %d", code)
	}
	if _, body := l.get(t, "/regions/ningbo/"); !strings.Contains(body, "/stories/platforms/") {
		t.Fatalf("region list lacks the story:\n%s", body)
	}
	es := l.subscribe(t)
	if err := os.Remove(filepath.Join(l.dir, "content/stories/platforms.md")); err != nil {
		t.Fatal(err)
	}
	es.next(t, "reload")
	code, body := l.get(t, "/stories/platforms/")
	want, _ := l.Site().Get("404.html")
	if code != 404 || body != string(want) {
		t.Errorf("deleted story: %d, want 404 with the site's 404.html", code)
	}
	if _, body := l.get(t, "/regions/ningbo/"); strings.Contains(body, "/stories/platforms/") || strings.Contains(body, "全市融资服务平台") {
		t.Errorf("region list still has the deleted story:\n%s", body)
	}
	mem := l.Site()
	for _, name := range mem.Paths() {
		if data, _ := mem.Get(name); strings.Contains(string(data), "/stories/platforms/") {
			t.Errorf("%s still links the deleted story", name)
		}
	}
}

func TestNewBundleDirectory(t *testing.T) {
	l := start(t, fixture(t), nil)
	es := l.subscribe(t)
	l.write(t, "content/stories/new-bundle/index.md", "---\ntitle: 新建捆绑项目\nregion: cixi\nyear: 2016\ncategory: development\n---\n正文。\n")
	eventually(t, "the new story is served", func() bool {
		code, body := l.get(t, "/stories/new-bundle/")
		return code == 200 && strings.Contains(body, "新建捆绑项目")
	})
	es.next(t, "reload")
	// The new directory is watched: editing inside it rebuilds.
	l.edit(t, "content/stories/new-bundle/index.md", "新建捆绑项目", "新建捆绑项目二")
	eventually(t, "the edit in the new directory is served", func() bool {
		_, body := l.get(t, "/stories/new-bundle/")
		return strings.Contains(body, "新建捆绑项目二")
	})
	if _, body := l.get(t, "/regions/cixi/"); !strings.Contains(body, "/stories/new-bundle/") {
		t.Errorf("region list lacks the new story")
	}
}

func TestMovedDirectory(t *testing.T) {
	l := start(t, fixture(t), nil)
	es := l.subscribe(t)
	from := filepath.Join(l.dir, "content/stories/bundle-story")
	to := filepath.Join(l.dir, "content/stories/moved-bundle")
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
	es.next(t, "reload")
	eventually(t, "the moved bundle is served at its new URL", func() bool {
		code, _ := l.get(t, "/stories/moved-bundle/")
		return code == 200
	})
	if code, _ := l.get(t, "/stories/bundle-story/"); code != 404 {
		t.Errorf("old URL: %d, want 404", code)
	}
	// The bundle's photo is published resized, beside the page.
	if code, _ := l.get(t, "/stories/moved-bundle/cover.af95e091-600.webp"); code != 200 {
		t.Errorf("moved resource: %d, want 200", code)
	}
}

func TestTraversalRefused(t *testing.T) {
	l := start(t, fixture(t), nil)
	addr := strings.TrimPrefix(l.url, "http://")
	for _, target := range []string{
		"/../../etc/passwd",
		"/stories/../../../etc/passwd",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/%2E%2E/%2E%2E/etc/passwd",
		"/stories/%2e%2e/index.html",
		"/stories%2f..%2f..%2fetc%2fpasswd",
		"/stories%2Fxizhou%2F",
		"/..%5c..%5cetc%5cpasswd",
		"/..\\..\\etc\\passwd",
		"/stories/xizhou/%00",
		"/./index.html",
		"//etc/passwd",
		"/stories//xizhou/",
	} {
		t.Run(target, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 404 && resp.StatusCode != 400 {
				t.Errorf("status %d, want 404", resp.StatusCode)
			}
			if strings.Contains(string(body), "root:") {
				t.Errorf("served a system file")
			}
		})
	}
}

func TestServing(t *testing.T) {
	l := start(t, fixture(t), nil)
	for _, tc := range []struct {
		method, path string
		code         int
		ctype        string
		location     string
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", ""},
		{"HEAD", "/", 200, "text/html; charset=utf-8", ""},
		{"GET", "/stories/xizhou/", 200, "text/html; charset=utf-8", ""},
		{"GET", "/stories/xizhou", 301, "", "/stories/xizhou/"},
		{"GET", "/stories/xizhou?x=1", 301, "", "/stories/xizhou/?x=1"},
		{"GET", "/feed.xml", 200, "application/xml; charset=utf-8", ""},
		{"GET", "/robots.txt", 200, "text/plain; charset=utf-8", ""},
		{"GET", "/stories/bundle-story/cover.af95e091-600.jpg", 200, "image/jpeg", ""},
		{"GET", "/no/such/page/", 404, "text/html; charset=utf-8", ""},
		{"HEAD", "/no/such/page/", 404, "text/html; charset=utf-8", ""},
		{"GET", ScriptPath, 200, "text/javascript; charset=utf-8", ""},
		{"POST", "/", 405, "text/plain; charset=utf-8", ""},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, l.url+tc.path, nil)
			resp, err := noRedirect.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.code {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.code)
			}
			if tc.ctype != "" && resp.Header.Get("Content-Type") != tc.ctype {
				t.Errorf("Content-Type %q, want %q", resp.Header.Get("Content-Type"), tc.ctype)
			}
			if got := resp.Header.Get("Location"); got != tc.location {
				t.Errorf("Location %q, want %q", got, tc.location)
			}
			if tc.method == "HEAD" {
				if len(body) != 0 {
					t.Errorf("HEAD sent a body of %d bytes", len(body))
				}
				if resp.ContentLength <= 0 {
					t.Errorf("HEAD Content-Length %d", resp.ContentLength)
				}
			}
		})
	}
}

func TestRoot(t *testing.T) {
	dir := fixture(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	b := &FullBuilder{Options: generator.Options{Source: dir, BaseURL: url + "/showcase/"}}
	s := New(b, Options{Source: dir, Root: "/showcase/"})
	ln.Close()
	if err := s.Rebuild(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	for _, tc := range []struct {
		path     string
		code     int
		location string
	}{
		{"/showcase/", 200, ""},
		{"/showcase/stories/xizhou/", 200, ""},
		{"/showcase", 301, "/showcase/"},
		{"/showcase/stories/xizhou", 301, "/showcase/stories/xizhou/"},
		{"/stories/xizhou/", 404, ""},
		{"/", 404, ""},
		{ScriptPath, 200, ""},
	} {
		req, _ := http.NewRequest("GET", tc.path, nil)
		rec := &recorder{h: http.Header{}}
		h.ServeHTTP(rec, req)
		if rec.code != tc.code || rec.h.Get("Location") != tc.location {
			t.Errorf("%s: %d %q, want %d %q", tc.path, rec.code, rec.h.Get("Location"), tc.code, tc.location)
		}
	}
}

// recorder is a minimal http.ResponseWriter.
type recorder struct {
	h    http.Header
	code int
	body strings.Builder
}

func (r *recorder) Header() http.Header { return r.h }
func (r *recorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
}
func (r *recorder) Write(p []byte) (int, error) {
	r.WriteHeader(200)
	return r.body.Write(p)
}

func TestScriptOnlyInServeMode(t *testing.T) {
	dir := fixture(t)
	l := start(t, dir, nil)
	for _, p := range []string{"/", "/stories/xizhou/", "/regions/", "/no/such/"} {
		_, body := l.get(t, p)
		if !strings.Contains(body, `<script src=`+ScriptPath+` defer>`) && !strings.Contains(body, `<script src="`+ScriptPath+`" defer>`) {
			t.Errorf("%s lacks the live-reload script", p)
		}
	}
	_, js := l.get(t, ScriptPath)
	for _, want := range []string{"EventSource", EventsPath, "textContent", "reload"} {
		if !strings.Contains(js, want) {
			t.Errorf("script lacks %q", want)
		}
	}
	if strings.Contains(js, "innerHTML") || strings.Contains(js, "@BUILD@") {
		t.Errorf("script uses innerHTML or lacks its build id")
	}

	dest := t.TempDir()
	if _, err := generator.Build(context.Background(), generator.Options{Source: dir, Dest: dest, Drafts: true}); err != nil {
		t.Fatal(err)
	}
	n := 0
	filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		n++
		if strings.Contains(string(data), "__showcase") {
			t.Errorf("build output %s has the live-reload script", p)
		}
		return nil
	})
	if n < 10 {
		t.Fatalf("build wrote only %d files", n)
	}
}

func TestDraftsShownWithBadge(t *testing.T) {
	dir := fixture(t)
	l := start(t, dir, nil)
	code, body := l.get(t, "/stories/draft/")
	if code != 200 || !strings.Contains(body, "草稿") {
		t.Errorf("draft: %d, want 200 with the 草稿 badge", code)
	}
	b := &FullBuilder{Options: generator.Options{Source: dir}}
	mem, err := b.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := mem.Get("stories/draft/index.html"); ok {
		t.Errorf("draft built without Options.Drafts")
	}
}

func TestFirstBuildFails(t *testing.T) {
	dir := fixture(t)
	bad := "---\ntitle: [x\n---\n"
	if err := os.WriteFile(filepath.Join(dir, "content/stories/xizhou.md"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	l := start(t, dir, nil)
	code, body := l.get(t, "/stories/xizhou/")
	if code != 503 || !strings.Contains(body, "content/stories/xizhou.md:2") || !strings.Contains(body, ScriptPath) {
		t.Fatalf("placeholder: %d\n%s", code, body)
	}
	es := l.subscribe(t)
	es.next(t, "error")
	l.write(t, "content/stories/xizhou.md", "---\ntitle: 西周镇\nregion: 象山县\nyear: 2016\ncategory: development\n---\n正文。\n")
	es.next(t, "reload")
	if code, body := l.get(t, "/stories/xizhou/"); code != 200 || !strings.Contains(body, "西周镇") {
		t.Fatalf("after the fix: %d\n%s", code, body)
	}
}

func TestSafe(t *testing.T) {
	for _, tc := range []struct {
		target string
		ok     bool
	}{
		{"/", true},
		{"/stories/x/", true},
		{"/assets/css/a.css", true},
		{"/stories/a..b/", true},
		{"/%E5%AE%81/", true},
		{"/../etc/passwd", false},
		{"/stories/../../x", false},
		{"/stories/./x", false},
		{"/a\\..\\b", false},
		{"/a%5c..%5cb", false},
		{"/%2e%2e/x", false},
		{"/a%2Fb", false},
		{"/a%00", false},
		{"//evil.example/", false},
	} {
		t.Run(tc.target, func(t *testing.T) {
			req, err := http.ReadRequest(bufio.NewReader(strings.NewReader("GET " + tc.target + " HTTP/1.1\r\nHost: x\r\n\r\n")))
			if err != nil {
				t.Fatal(err)
			}
			if got := safe(req); got != tc.ok {
				t.Errorf("safe(%q) = %v, want %v", tc.target, got, tc.ok)
			}
		})
	}
}

// failingBuilder fails every build with err.
type failingBuilder struct{ err error }

func (b failingBuilder) Build(context.Context, []string) (*publish.Memory, error) {
	return nil, b.err
}

func TestProblemAndLog(t *testing.T) {
	ce := &generator.ContentError{List: content.List{
		{Pos: content.Pos{File: "content/stories/a.md", Line: 3}, Msg: "unknown region", Zh: "未知的区域"},
		{Pos: content.Pos{File: "content/stories/b.md", Line: 1}, Msg: "just a warning", Warning: true},
	}}
	for _, tc := range []struct {
		name    string
		err     error
		opts    Options
		want    []line
		logWant string
	}{
		{"content error in Chinese", ce, Options{}, []line{{"content/stories/a.md:3", "未知的区域"}}, "content/stories/a.md:3: 未知的区域"},
		{"content error in English", ce, Options{English: true}, []line{{"content/stories/a.md:3", "unknown region"}}, "content/stories/a.md:3: unknown region"},
		{"quiet still logs failures", ce, Options{Quiet: true}, []line{{"content/stories/a.md:3", "未知的区域"}}, "content/stories/a.md:3: 未知的区域"},
		{"other error", errors.New("theme: no baseof.html"), Options{}, []line{{"", "theme: no baseof.html"}}, "theme: no baseof.html"},
		{"no site", nil, Options{}, []line{{"", "builder returned no site"}}, "builder returned no site"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			log := &syncBuffer{}
			tc.opts.Log = log
			s := New(failingBuilder{tc.err}, tc.opts)
			if err := s.Rebuild(context.Background(), nil); err == nil {
				t.Fatal("Rebuild succeeded")
			}
			st := s.state()
			if st.problem == nil || st.problem.Heading != Heading || !reflect.DeepEqual(st.problem.Errors, tc.want) {
				t.Errorf("problem %+v, want %v", st.problem, tc.want)
			}
			if !strings.Contains(log.String(), tc.logWant) {
				t.Errorf("log %q lacks %q", log.String(), tc.logWant)
			}
			if s.Site() != nil {
				t.Errorf("a failed first build serves a site")
			}
		})
	}

	for _, quiet := range []bool{false, true} {
		log := &syncBuffer{}
		s := New(&fakeBuilder{}, Options{Log: log, Quiet: quiet})
		if err := s.Rebuild(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if got := log.String() != ""; got == quiet {
			t.Errorf("quiet=%v: success logged %q", quiet, log.String())
		}
	}
}
