package devserver

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/ningbo-showcase/showcase/generator/hostfiles"
)

//go:embed livereload.js
var script string

// keepAlive is how often an idle event stream gets a comment, so that
// proxies keep it open and a vanished client is noticed.
const keepAlive = 20 * time.Second

// Handler returns the handler that serves the current good site, the
// live-reload script and the event stream.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(s.serveHTTP)
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if s.serveCMS(w, r) {
		return
	}
	// The published site's security headers, so that the preview breaks
	// where the site would (an inline script, a foreign font).
	for _, h := range hostfiles.Security {
		w.Header().Set(h[0], h[1])
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !safe(r) {
		s.notFound(w, r)
		return
	}
	switch r.URL.Path {
	case ScriptPath:
		st := s.state()
		body := strings.Replace(script, "@BUILD@", s.buildID(st), 1)
		serveBytes(w, r, "livereload.js", []byte(body), http.StatusOK)
		return
	case EventsPath:
		s.serveEvents(w, r)
		return
	}
	mem := s.site.Load()
	if mem == nil {
		s.servePlaceholder(w, r)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, s.root) {
		if p+"/" == s.root {
			redirect(w, r, s.root)
			return
		}
		s.notFound(w, r)
		return
	}
	name := strings.TrimPrefix(p, s.root)
	switch {
	case name == "":
		name = "index.html"
	case strings.HasSuffix(name, "/"):
		name += "index.html"
	}
	if data, ok := mem.Get(name); ok {
		serveBytes(w, r, name, data, http.StatusOK)
		return
	}
	if _, ok := mem.Get(name + "/index.html"); ok {
		redirect(w, r, s.root+name+"/")
		return
	}
	if lf, ok := s.b.(LateFiler); ok {
		if data, ok := lf.LateFile(r.Context(), name); ok {
			serveBytes(w, r, name, data, http.StatusOK)
			return
		}
	}
	s.notFound(w, r)
}

// A LateFiler is a Builder whose sites may lack files still being made
// (photos being encoded after the pages that show them); LateFile waits
// for one until ctx ends, and reports false for a name it does not make.
type LateFiler interface {
	LateFile(ctx context.Context, name string) ([]byte, bool)
}

// safe reports whether the request path stays inside the site: no "." or
// ".." segments, empty segments, backslashes or NUL, and no encoded dot,
// slash, backslash or NUL, which could hide them.
func safe(r *http.Request) bool {
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") || strings.Contains(p, "//") {
		return false
	}
	for seg := range strings.SplitSeq(p[1:], "/") {
		if seg == "." || seg == ".." {
			return false
		}
	}
	raw := strings.ToLower(r.URL.EscapedPath())
	for _, enc := range []string{"%2e", "%2f", "%5c", "%00"} {
		if strings.Contains(raw, enc) {
			return false
		}
	}
	return true
}

// redirect sends a permanent redirect to the local path to, keeping the
// query.
func redirect(w http.ResponseWriter, r *http.Request, to string) {
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", to)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusMovedPermanently)
}

// notFound serves the site's 404.html with status 404.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if mem := s.site.Load(); mem != nil {
		if data, ok := mem.Get("404.html"); ok {
			serveBytes(w, r, "404.html", data, http.StatusNotFound)
			return
		}
	}
	serveBytes(w, r, "404.txt", []byte("404 page not found\n"), http.StatusNotFound)
}

// servePlaceholder answers every site path before the first good build: a
// page that lists the errors (for readers without script) and loads the
// live-reload script, which shows them and reloads once they are fixed.
func (s *Server) servePlaceholder(w http.ResponseWriter, r *http.Request) {
	st := s.state()
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>showcase serve</title>`)
	b.WriteString(`<script src="` + ScriptPath + `" defer></script></head><body>`)
	if st.problem == nil {
		b.WriteString("<p>正在生成网站……</p>")
	} else {
		b.WriteString("<h1>内容有错误，网站尚未生成</h1><ul>")
		for _, l := range st.problem.Errors {
			b.WriteString("<li>")
			if l.Pos != "" {
				b.WriteString("<code>" + html.EscapeString(l.Pos) + "</code> ")
			}
			b.WriteString(html.EscapeString(l.Message) + "</li>")
		}
		b.WriteString("</ul>")
	}
	b.WriteString("</body></html>\n")
	serveBytes(w, r, "index.html", []byte(b.String()), http.StatusServiceUnavailable)
}

// buildID names the build a state serves, unique across restarts of the
// server.
func (s *Server) buildID(st *state) string {
	return s.instance + "-" + strconv.FormatUint(st.good, 10)
}

// serveEvents streams the build outcomes to one tab until it goes away or
// the server stops.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	st := s.state()
	fmt.Fprintf(w, "retry: 1000\n\n")
	send(w, "hello", map[string]string{"build": s.buildID(st)})
	if st.problem != nil {
		send(w, "error", st.problem)
	}
	fl.Flush()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
				return
			}
		case <-st.changed:
			cur := s.state()
			switch {
			case cur.good != st.good:
				// A newer good build: reload, even if a later build
				// failed; the reloaded tab then gets the errors.
				send(w, "reload", map[string]string{"build": s.buildID(cur)})
			case cur.problem != nil:
				send(w, "error", cur.problem)
			}
			st = cur
		}
		fl.Flush()
	}
}

// send writes one event with its data as JSON, which has no newlines.
func send(w http.ResponseWriter, event string, data any) {
	b, err := json.Marshal(data)
	if err != nil {
		b = []byte("{}")
	}
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, b)
}

// types are the content types of the files a site has, fixed here rather
// than taken from the system's tables, which differ between machines.
var types = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".json":  "application/json",
	".xml":   "application/xml; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".md":    "text/plain; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/x-icon",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".pdf":   "application/pdf",
	".wasm":  "application/wasm",
	".bin":   "application/octet-stream",
	".map":   "application/json",
}

// contentType returns the content type of a file by its extension.
func contentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

func serveBytes(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	h := w.Header()
	h.Set("Content-Type", contentType(name, data))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}
