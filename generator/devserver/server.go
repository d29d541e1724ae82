// Package devserver is the live preview behind `showcase serve`: it renders
// the site into memory, watches the source tree, rebuilds after each burst
// of saves and reloads open browser tabs.
//
// # Building
//
// A [Builder] turns the source tree into a complete site in a
// [publish.Memory]; Build is told which source paths changed. [FullBuilder]
// rebuilds everything on every call; `showcase serve` uses a
// generator.Session, which re-runs only what the changed files touch. Builds are serialised: at most one runs at a time, and
// saves that arrive while one runs are gathered into a single follow-up
// build. The site being served is swapped atomically when a build
// succeeds; when a build fails the last good site stays served.
//
// # Watching
//
// Run watches hugo.toml and, recursively, content/, static/ and themes/ of
// the source directory, adding directories as they appear. Editors' temp
// and swap files (.#x, x~, .x.swp, 4913, …) are ignored, and a burst of
// events is debounced into one build.
//
// # Browser
//
// Every page loads the script at [ScriptPath] (the builder injects it;
// output of `showcase build` never has it). The script subscribes to the
// Server-Sent Events at [EventsPath]:
//
//   - "hello", first on every connection, names the build being served;
//     a tab showing an older build reloads.
//   - "reload" follows every successful build.
//   - "error" carries the errors of a failed build as JSON
//     ({"heading": …, "errors": [{"pos": "file:line", "message": …}]}); the
//     script shows them over the page, which is the last good build. A tab
//     that connects while the site is broken receives the errors at once.
//
// # Serving
//
// Run also serves Decap CMS at /admin/ and its local-backend API at
// /api/v1 (package cms), under their own headers.
//
// The handler serves the site with the published site's security headers
// (hostfiles.Security: a strict Content-Security-Policy), content types by
// extension, no caching, the site's
// own 404.html for missing paths, a 301 to the slash form for directory
// URLs, and refuses with 404 any path that could leave the site: "..", "."
// segments, backslashes, NUL, and encoded dots, slashes and backslashes.
package devserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ningbo-showcase/showcase/generator"
	"github.com/ningbo-showcase/showcase/generator/cms"
	"github.com/ningbo-showcase/showcase/generator/publish"
)

// ScriptPath is the URL path of the live-reload script; EventsPath is the
// URL path of the Server-Sent Events stream it listens to.
const (
	ScriptPath = "/__showcase/livereload.js"
	EventsPath = "/__showcase/events"
)

// Heading is the overlay's heading, shown above the errors of a failed
// build.
const Heading = "内容有错误，页面显示的是上一次成功生成的版本"

// A Builder rebuilds the site after the given source paths changed and
// returns the complete new site in memory, or an error (a
// *generator.ContentError for content mistakes). Changed paths are slash
// paths relative to the source root; a path may name a directory that
// appeared, disappeared or moved, meaning everything under it; nil means
// everything may have changed. The returned Memory must not be modified
// afterwards: the server serves it as it is.
//
// Build is never called concurrently by a Server.
type Builder interface {
	Build(ctx context.Context, changed []string) (*publish.Memory, error)
}

// Options configure a Server. The zero value serves the current directory
// with Chinese error messages; Addr gives 127.0.0.1:1313 for the listener
// Run is handed.
type Options struct {
	Source   string        // source directory to watch; "" means "."
	Bind     string        // address for Addr; "" means 127.0.0.1
	Port     int           // port for Addr; 0 means 1313
	Debounce time.Duration // quiet time after the last event before a build; 0 means 80ms
	// Root is the URL path the site is served under, the path of its
	// baseURL ("/showcase/"); "" means "/".
	Root string
	// English makes error messages English; by default they are Chinese,
	// the editors' language. The overlay's heading is always Chinese.
	English bool
	Log     io.Writer // build results and errors; nil means discard
	Quiet   bool      // log failed builds only
	// CMSToken, if set, opens the CMS's write API to a non-loopback Bind
	// (package cms).
	CMSToken string
}

// Addr returns the address to listen on, from Bind and Port.
func (o Options) Addr() string {
	bind, port := o.Bind, o.Port
	if bind == "" {
		bind = "127.0.0.1"
	}
	if port == 0 {
		port = 1313
	}
	return net.JoinHostPort(bind, fmt.Sprint(port))
}

// A Server serves the site a Builder makes and rebuilds it as the source
// changes. Its methods are safe for concurrent use.
type Server struct {
	b    Builder
	opts Options
	root string // "/" or "/path/"

	site     atomic.Pointer[publish.Memory] // last good site; nil before the first
	cms      atomic.Pointer[cms.Handler]    // the CMS at /admin/; nil before Run
	buildMu  sync.Mutex                     // serialises builds
	instance string                         // tells this process's builds from another's

	mu sync.Mutex
	st *state // current state; replaced, never modified

	done     chan struct{} // closed when Run returns: event streams end
	doneOnce sync.Once
}

// state is what the browser is told: the build served and, if the last
// build failed, its errors. Each state has its own changed channel, closed
// when the next state replaces it.
type state struct {
	gen     uint64   // bumped by every build outcome
	good    uint64   // gen of the last successful build; 0 before one
	problem *problem // errors of the last build; nil if it succeeded
	changed chan struct{}
}

// problem is the overlay's content.
type problem struct {
	Heading string `json:"heading"`
	Errors  []line `json:"errors"`
}

// line is one error: where and what.
type line struct {
	Pos     string `json:"pos"`
	Message string `json:"message"`
}

// New returns a Server that builds with b. Nothing is built before Run or
// Rebuild.
func New(b Builder, opts Options) *Server {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Debounce <= 0 {
		opts.Debounce = 80 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	root := "/" + strings.Trim(opts.Root, "/") + "/"
	if root == "//" {
		root = "/"
	}
	return &Server{
		b:        b,
		opts:     opts,
		root:     root,
		instance: fmt.Sprintf("%x", time.Now().UnixNano()),
		st:       &state{changed: make(chan struct{})},
		done:     make(chan struct{}),
	}
}

// Site returns the site being served, nil before the first good build.
func (s *Server) Site() *publish.Memory { return s.site.Load() }

// Rebuild builds the site after the given paths changed (nil means
// everything), serves the result if the build succeeded and tells open
// tabs. It returns the build's error, which the tabs are shown. It waits
// for a build already running to finish first.
func (s *Server) Rebuild(ctx context.Context, changed []string) error {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	start := time.Now()
	mem, err := s.b.Build(ctx, changed)
	if err == nil && mem == nil {
		err = errors.New("builder returned no site")
	}
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		p := s.problemOf(err)
		s.setState(p)
		s.logf("%s\n", s.msg("Build failed; still serving the last good site:", "生成失败，继续提供上一次成功生成的版本："))
		for _, l := range p.Errors {
			if l.Pos != "" {
				s.logf("  %s: %s\n", l.Pos, l.Message)
			} else {
				s.logf("  %s\n", l.Message)
			}
		}
		return err
	}
	s.site.Store(mem)
	s.setState(nil)
	if s.opts.Quiet {
		return nil
	}
	d := time.Since(start).Round(100 * time.Microsecond)
	if changed == nil {
		s.logf(s.msg("Built in %v\n", "已生成，用时 %v\n"), d)
	} else {
		s.logf(s.msg("Rebuilt in %v (%d changed)\n", "已重新生成，用时 %v（%d 处改动）\n"), d, len(changed))
	}
	return nil
}

// setState records a build outcome: p is nil for success.
func (s *Server) setState(p *problem) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.st
	next := &state{gen: old.gen + 1, good: old.good, problem: p, changed: make(chan struct{})}
	if p == nil {
		next.good = next.gen
	}
	s.st = next
	close(old.changed)
}

func (s *Server) state() *state {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st
}

// problemOf turns a build error into the overlay's lines: one per content
// error with its position, or the error's text.
func (s *Server) problemOf(err error) *problem {
	p := &problem{Heading: Heading}
	var ce *generator.ContentError
	if errors.As(err, &ce) {
		for _, e := range ce.List.Errors() {
			pos := e.Pos.String()
			p.Errors = append(p.Errors, line{Pos: pos, Message: strings.TrimPrefix(e.Localized(!s.opts.English), pos+": ")})
		}
	}
	if len(p.Errors) == 0 {
		p.Errors = []line{{Message: err.Error()}}
	}
	return p
}

func (s *Server) msg(en, zh string) string {
	if s.opts.English {
		return en
	}
	return zh
}

func (s *Server) logf(format string, args ...any) {
	fmt.Fprintf(s.opts.Log, format, args...)
}

// Run builds the site, then serves it on ln and rebuilds it as the source
// changes, until ctx is done. A failed first build does not stop it: the
// browser shows the errors until they are fixed. Run closes ln and may be
// called once.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	defer s.doneOnce.Do(func() { close(s.done) })
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := newWatcher(s.opts.Source, s.logf)
	if err != nil {
		ln.Close()
		return err
	}
	defer w.close()
	go w.loop(ctx)
	unmount, err := s.mountCMS(ln.Addr().String())
	if err != nil {
		ln.Close()
		return err
	}
	defer unmount()

	s.Rebuild(ctx, nil)

	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() {
		served <- srv.Serve(ln)
		cancel()
	}()
	s.buildLoop(ctx, w)

	s.doneOnce.Do(func() { close(s.done) })
	sctx, stop := context.WithTimeout(context.Background(), 2*time.Second)
	defer stop()
	srv.Shutdown(sctx)
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// buildLoop waits for changes, lets a burst settle for the debounce time,
// and rebuilds; changes that arrive during a build make one more.
func (s *Server) buildLoop(ctx context.Context, w *watcher) {
	t := time.NewTimer(time.Hour)
	t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.kick:
		}
		t.Reset(s.opts.Debounce)
	settle:
		for {
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-w.kick:
				t.Reset(s.opts.Debounce)
			case <-t.C:
				break settle
			}
		}
		changed, ok := w.take()
		if !ok {
			continue
		}
		s.Rebuild(ctx, changed)
	}
}
