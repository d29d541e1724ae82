package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/ningbo-showcase/showcase/generator"
	"github.com/ningbo-showcase/showcase/generator/publish"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	var c common
	c.register(fs)
	port := fs.Int("port", 1313, "port to listen on")
	fs.IntVar(port, "p", 1313, "port to listen on")
	bind := fs.String("bind", "127.0.0.1", "address to listen on")
	baseURL := fs.String("baseURL", "", "override the config's baseURL")
	noDrafts := fs.Bool("no-drafts", false, "hide drafts (shown by default when serving)")
	if err := parse(fs, args); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		return err
	}
	base := *baseURL
	if base == "" {
		base = "http://" + ln.Addr().String() + "/"
	}
	src, closeSrc, err := generator.OpenSource(c.source)
	if err != nil {
		return err
	}
	defer closeSrc()
	opts := generator.Options{Source: c.source, BaseURL: base, Drafts: !*noDrafts, Strict: c.strict}
	s, list, err := generator.Load(src, opts)
	if err != nil {
		return printContentError(stderr, err, c.quiet)
	}
	report(stderr, list.Warnings(), c.quiet)
	theme, err := generator.Theme(src, s)
	if err != nil {
		return err
	}
	mem := publish.NewMemory()
	if err := generator.Generate(ctx, src, theme, s, mem, opts, nil); err != nil {
		return err
	}
	srv := &http.Server{Handler: Handler(mem), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintln(stdout, msg("Serving at "+base+" (Ctrl+C to stop)", "预览地址 "+base+"（按 Ctrl+C 停止）"))
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Handler serves a site held in memory: directory URLs map to index.html,
// unknown paths get the site's 404.html with status 404, and paths that try
// to leave the root are refused (404).
func Handler(mem *publish.Memory) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name, ok := sitePath(r.URL.Path)
		if ok {
			if data, found := mem.Get(name); found {
				serveBytes(w, r, name, data, http.StatusOK)
				return
			}
			if data, found := mem.Get(name + "/index.html"); found && !strings.HasSuffix(r.URL.Path, "/") {
				_ = data
				http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
				return
			}
		}
		if data, found := mem.Get("404.html"); found {
			serveBytes(w, r, "404.html", data, http.StatusNotFound)
			return
		}
		http.NotFound(w, r)
	})
}

// sitePath maps a URL path to a file in the site, refusing any path with
// "..", backslashes or NUL, decoded or not.
func sitePath(p string) (string, bool) {
	if strings.ContainsAny(p, "\\\x00") || strings.Contains(p, "..") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." {
			return "", false
		}
	}
	name := strings.TrimPrefix(path.Clean("/"+p), "/")
	if name == "" || strings.HasSuffix(p, "/") {
		if name == "" {
			return "index.html", true
		}
		return name + "/index.html", true
	}
	return name, true
}

func serveBytes(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}
