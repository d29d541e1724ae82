package devserver

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ningbo-showcase/showcase/generator"
	"github.com/ningbo-showcase/showcase/generator/publish"
	"github.com/ningbo-showcase/showcase/internal/testenv"
)

func TestIgnored(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"story.md", false},
		{"index.md", false},
		{"_index.md", false},
		{"hugo.toml", false},
		{"cover.png", false},
		{".well-known", false},
		{"4913", true},
		{".#story.md", true},
		{"#story.md#", true},
		{"story.md~", true},
		{".story.md.swp", true},
		{".story.md.swx", true},
		{"story.md___jb_tmp___", true},
		{".goutputstream-ABC123", true},
		{".DS_Store", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ignored(tc.name); got != tc.want {
				t.Errorf("ignored(%q) = %v, want %v", tc.name, got, tc.want)
			}
		})
	}
}

// fakeBuilder records the changes it is asked to build and can hold a
// build until released.
type fakeBuilder struct {
	mu      sync.Mutex
	calls   [][]string
	hold    chan struct{} // when set, a build waits for a receive from it
	started chan struct{} // signalled when a build starts
}

func (b *fakeBuilder) Build(ctx context.Context, changed []string) (*publish.Memory, error) {
	b.mu.Lock()
	b.calls = append(b.calls, changed)
	hold := b.hold
	b.mu.Unlock()
	if b.started != nil {
		b.started <- struct{}{}
	}
	if hold != nil {
		<-hold
	}
	mem := publish.NewMemory()
	mem.WriteFile("index.html", []byte("<!doctype html><title>x</title>"))
	return mem, nil
}

func (b *fakeBuilder) builds() [][]string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.calls)
}

func TestWatchReportsChangedPaths(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"content/stories", "static", "themes/x/layouts", "other"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	b := &fakeBuilder{}
	l := start(t, dir, b)
	es := l.subscribe(t)
	for i, tc := range []struct {
		name  string
		do    func()
		wants []string
	}{
		{"story", func() { l.write(t, "content/stories/a.md", "a") }, []string{"content/stories/a.md"}},
		{"config", func() { l.write(t, "hugo.toml", "title = 'x'") }, []string{"hugo.toml"}},
		{"static", func() { l.write(t, "static/a.txt", "a") }, []string{"static/a.txt"}},
		{"theme", func() { l.write(t, "themes/x/layouts/baseof.html", "x") }, []string{"themes/x/layouts/baseof.html"}},
		{"new directory", func() { l.write(t, "content/stories/b/index.md", "b") }, []string{"content/stories/b", "content/stories/b/index.md"}},
		{"in the new directory", func() { l.write(t, "content/stories/b/c.png", "c") }, []string{"content/stories/b/c.png"}},
		{"editor temp files then rename", func() {
			l.write(t, "content/stories/.a.md.swp", "swap")
			l.write(t, "content/stories/4913", "")
			l.write(t, "content/stories/a.md~", "backup")
			l.write(t, "content/stories/.#a.md", "lock")
			if err := os.Rename(filepath.Join(dir, "content/stories/4913"), filepath.Join(dir, "content/stories/a.md")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/stories/a.md"}},
		{"removed directory", func() {
			if err := os.RemoveAll(filepath.Join(dir, "content/stories/b")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/stories/b"}},
		{"new top-level directory", func() { l.write(t, "content2/x.md", "x"); l.write(t, "static/b.txt", "b") }, []string{"static/b.txt"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := len(b.builds())
			tc.do()
			es.next(t, "reload")
			// A loaded machine may split the burst into several builds:
			// gather them all, up to the sentinel made after it.
			built(t, b, n, l.sentinel(t, fmt.Sprintf("static/sentinel-%d", i)))
			var changed []string
			for _, c := range b.builds()[n:] {
				changed = append(changed, c...)
			}
			for _, want := range tc.wants {
				if !slices.Contains(changed, want) {
					t.Errorf("changed %q lacks %q", changed, want)
				}
			}
			for _, p := range changed {
				if base := filepath.Base(p); ignored(base) || base == "4913" || strings.HasPrefix(p, "content2") || strings.HasPrefix(p, "other") {
					t.Errorf("changed %q has %q", changed, p)
				}
			}
		})
	}
	if first := b.builds()[0]; first != nil {
		t.Errorf("first build changed = %q, want nil (everything)", first)
	}
}

func TestChangesDuringBuildCoalesce(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	b := &fakeBuilder{}
	l, w := startWatching(t, dir, b, nil)
	es := l.subscribe(t)

	b.mu.Lock()
	b.hold = make(chan struct{})
	b.started = make(chan struct{}, 10)
	hold := b.hold
	b.mu.Unlock()
	l.write(t, "content/first.md", "x")
	<-b.started // the build is running; save many files meanwhile
	for i := range 20 {
		l.write(t, fmt.Sprintf("content/burst-%02d.md", i), "x")
	}
	// Every event of the burst is in once the sentinel made after it is.
	done := l.sentinel(t, "content/sentinel")
	eventually(t, "the watcher has seen the burst", func() bool { return w.holds(done) })
	b.mu.Lock()
	b.hold = nil
	b.mu.Unlock()
	hold <- struct{}{}
	es.next(t, "reload")
	es.next(t, "reload")
	// The follow-up took every change the watcher held, the sentinel's
	// included, and nothing happened after it: no further build can follow.
	if w.holds(done) {
		t.Error("the watcher still holds changes after the follow-up build")
	}
	got := b.builds()
	if len(got) != 3 {
		t.Fatalf("%d builds, want 3 (first, held, one follow-up): %q", len(got), got)
	}
	if !reflect.DeepEqual(got[1], []string{"content/first.md"}) {
		t.Errorf("held build changed %q", got[1])
	}
	// On a loaded machine the write of first.md may reach the watcher as
	// two events on either side of the held build's start; the second then
	// joins the follow-up, which is right.
	got[2] = slices.DeleteFunc(got[2], func(p string) bool { return p == "content/first.md" })
	if len(got[2]) != 21 || !slices.Contains(got[2], done) {
		t.Errorf("follow-up build changed %d paths, want the 20 saved during the build and the sentinel: %q", len(got[2]), got[2])
	}
}

func TestBurstDebounced(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	b := &fakeBuilder{}
	l := start(t, dir, b, func(o *Options) { o.Debounce = 200 * time.Millisecond })
	es := l.subscribe(t)
	// An editor's save: temp file written in pieces, then renamed over
	// the story, all within the debounce time.
	tmp := filepath.Join(dir, "content/.story.md.tmp123")
	f, err := os.Create(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		f.WriteString("part\n")
		time.Sleep(time.Millisecond)
	}
	f.Close()
	if err := os.Rename(tmp, filepath.Join(dir, "content/story.md")); err != nil {
		t.Fatal(err)
	}
	es.next(t, "reload")
	// A sentinel made after that build comes after every event of the
	// save: it must have a build of its own.
	done := l.sentinel(t, "content/sentinel")
	built(t, b, 2, done)
	if got := b.builds(); len(got) != 3 || !slices.Contains(got[1], "content/story.md") || !slices.Equal(got[2], []string{done}) {
		t.Errorf("builds %q, want the first, one for the save and one for the sentinel alone", got)
	}
}

// TestMemoryFlat edits a story 200 times with full rebuilds while a tab
// listens: the heap in use after a collection must not grow with the
// number of edits. Under the race detector, which makes each build about
// ten times slower, it makes 30 edits, to keep the test suite fast.
func TestMemoryFlat(t *testing.T) {
	warm, edits := 20, 200
	if raceEnabled {
		warm, edits = 10, 30
	}
	dir := fixture(t)
	s := New(&FullBuilder{Options: generator.Options{Source: dir, BaseURL: "http://127.0.0.1/", Drafts: true}}, Options{Source: dir})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	l := &live{Server: s, dir: dir, url: ts.URL}
	ctx := context.Background()
	if err := s.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	es := l.subscribe(t)
	defer es.close()
	heap := testenv.HeapInuse
	edit := func(i int) {
		l.write(t, "content/stories/forum.md", strings.Replace(forum, "共识论坛", fmt.Sprintf("共识论坛%d", i), 1))
		if err := s.Rebuild(ctx, []string{"content/stories/forum.md"}); err != nil {
			t.Fatal(err)
		}
		es.next(t, "reload")
	}
	for i := range warm {
		edit(i)
	}
	before := heap()
	for i := warm; i < edits; i++ {
		edit(i)
	}
	after := heap()
	if _, body := l.get(t, "/stories/forum/"); !strings.Contains(body, fmt.Sprintf("共识论坛%d", edits-1)) {
		t.Fatalf("last edit not served")
	}
	t.Logf("HeapInuse after %d edits %d KiB, after %d %d KiB", warm, before>>10, edits, after>>10)
	if after > before+2<<20 {
		t.Errorf("heap grew from %d KiB to %d KiB over %d edits", before>>10, after>>10, edits-warm)
	}
}

const forum = `{
  "title": "共识论坛",
  "region": "江东区",
  "year": 2015,
  "category": "stability",
  "tags": ["协商民主"]
}

鄞州区通过开设“共识论坛”完成临时菜场拆迁。
`

// TestEventStreamsEnd checks that a tab's event stream leaves no goroutine
// behind when the tab goes away, and that stopping the server ends the
// streams still open.
func TestEventStreamsEnd(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	l := start(t, dir, &fakeBuilder{})
	l.subscribe(t).close() // warm up the server's connection machinery
	// settle waits until the goroutine count is at most limit (or, with
	// limit < 0, stops changing) and returns it.
	settle := func(limit int) int {
		deadline := time.Now().Add(wait)
		n, same := runtime.NumGoroutine(), 0
		for time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
			m := runtime.NumGoroutine()
			if limit >= 0 && m <= limit {
				return m
			}
			if m == n {
				same++
			} else {
				n, same = m, 0
			}
			if limit < 0 && same == 10 {
				break
			}
		}
		return n
	}
	base := settle(-1)
	var streams []*stream
	for range 20 {
		streams = append(streams, l.subscribe(t))
	}
	if n := runtime.NumGoroutine(); n < base+20 {
		t.Fatalf("%d goroutines with 20 streams open, baseline %d: streams not counted", n, base)
	}
	for _, s := range streams {
		s.close()
	}
	if n := settle(base); n > base {
		t.Errorf("%d goroutines after the streams closed, baseline %d", n, base)
	}

	// Streams still open when the server stops end too.
	open := l.subscribe(t)
	l.stop()
	select {
	case _, ok := <-open.events:
		if ok {
			t.Errorf("event after stop")
		}
	case <-time.After(wait):
		t.Errorf("event stream still open after the server stopped")
	}
}
