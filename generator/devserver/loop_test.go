package devserver

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ningbo-showcase/showcase/generator"
)

// startWatching is start with the watcher in the test's hands: it runs
// the server's own watcher and build loop as Run does, and serves
// wrap(Handler()) (Handler() when wrap is nil), so that a test can wait
// for what the watcher has seen and what reached the handler instead of
// sleeping.
func startWatching(t *testing.T, dir string, b Builder, wrap func(http.Handler) http.Handler, set ...func(*Options)) (*live, *watcher) {
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
	w, err := newWatcher(dir, s.logf)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); w.loop(ctx) }()
	s.Rebuild(ctx, nil)
	wg.Add(1)
	go func() { defer wg.Done(); s.buildLoop(ctx, w) }()
	h := s.Handler()
	if wrap != nil {
		h = wrap(h)
	}
	ts := &httptest.Server{Listener: ln, Config: &http.Server{Handler: h}}
	ts.Start()
	l := &live{Server: s, dir: dir, url: url, log: log}
	var once sync.Once
	l.stop = func() {
		once.Do(func() {
			cancel()
			s.doneOnce.Do(func() { close(s.done) }) // ends the event streams, as Run does
			ts.Close()
			wg.Wait()
			w.close()
		})
	}
	t.Cleanup(l.stop)
	return l, w
}

// holds reports whether the watcher holds a change of path for the next
// build.
func (w *watcher) holds(path string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.pending[path]
}

// sentinel makes the directory name under the source: one event, after
// every event of what the test did before (inotify keeps their order), and
// none after it. Once the watcher has seen it, it has seen everything
// before it.
func (l *live) sentinel(t testing.TB, name string) string {
	t.Helper()
	if err := os.Mkdir(filepath.Join(l.dir, filepath.FromSlash(name)), 0o755); err != nil {
		t.Fatal(err)
	}
	return name
}

// built waits until a build of b since build n was asked to build path.
func built(t testing.TB, b *fakeBuilder, n int, path string) {
	t.Helper()
	eventually(t, "a build of "+path, func() bool {
		for _, c := range b.builds()[n:] {
			if slices.Contains(c, path) {
				return true
			}
		}
		return false
	})
}

// streamCounter counts the event streams a handler has opened, each when
// it flushes its hello: from then on that tab is told of every build.
type streamCounter struct{ n atomic.Int64 }

func (c *streamCounter) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == EventsPath {
			w = &countingFlusher{ResponseWriter: w, c: c}
		}
		h.ServeHTTP(w, r)
	})
}

// waitFor waits until n streams have been opened.
func (c *streamCounter) waitFor(t testing.TB, n int64) {
	t.Helper()
	eventually(t, "an open event stream", func() bool { return c.n.Load() >= n })
}

type countingFlusher struct {
	http.ResponseWriter
	c    *streamCounter
	once sync.Once
}

func (f *countingFlusher) Flush() {
	f.ResponseWriter.(http.Flusher).Flush()
	f.once.Do(func() { f.c.n.Add(1) })
}
