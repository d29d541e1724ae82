package cms

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/hostfiles"
)

// APIPath is the URL path of the local-backend API.
const APIPath = "/api/v1"

// DefaultMaxFile is the largest file the API reads or writes: an entry or
// an uploaded image, decoded.
const DefaultMaxFile = 20 << 20

// TokenCookie is the cookie that carries the token when the API is offered
// on an address other than loopback.
const TokenCookie = "showcase_cms"

// Options configure a Handler.
type Options struct {
	Source string // the source tree; "" means "."
	Root   string // the URL path the site is served under, "/" or "/path/"; "" means "/"
	// Addr is the address the server listens on, host:port, as the
	// listener reports it (127.0.0.1:1313).
	Addr string
	// Token, if set, is required of every API request, as the cookie
	// TokenCookie (set by opening /admin/?token=…) or as a bearer token.
	// Without one, the API is offered only on a loopback address.
	Token string
	// MaxFile is the largest file read or written; 0 means DefaultMaxFile.
	MaxFile int64
	// Now gives the year for loading the site; nil means time.Now.
	Now func() time.Time
}

// A Handler serves the CMS at Root+"admin/" and the local-backend API at
// APIPath. It is safe for concurrent use.
type Handler struct {
	opts     Options
	admin    string          // Root + "admin/"
	hosts    map[string]bool // Host values the handler answers; nil: any
	loopback bool
	api      *api // nil when the API is not offered
	src      *os.Root
}

// New returns a Handler for the source tree. Close releases it.
func New(opts Options) (*Handler, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.MaxFile <= 0 {
		opts.MaxFile = DefaultMaxFile
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	root := "/" + strings.Trim(opts.Root, "/") + "/"
	if root == "//" {
		root = "/"
	}
	host, port, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return nil, err
	}
	src, err := os.OpenRoot(opts.Source)
	if err != nil {
		return nil, err
	}
	h := &Handler{opts: opts, admin: root + "admin/", src: src}
	ip := net.ParseIP(host)
	switch {
	case ip != nil && ip.IsLoopback():
		h.loopback = true
		h.hosts = map[string]bool{}
		for _, name := range []string{"127.0.0.1", "localhost", "::1", host} {
			h.hosts[net.JoinHostPort(name, port)] = true
		}
	case ip != nil && ip.IsUnspecified():
		h.hosts = nil // every address of the machine; the token guards
	default:
		h.hosts = map[string]bool{net.JoinHostPort(host, port): true}
	}
	if h.loopback || opts.Token != "" {
		abs, err := filepath.Abs(opts.Source)
		if err != nil {
			src.Close()
			return nil, err
		}
		h.api = &api{
			store: &store{src: src, dirs: []string{"content", MediaFolder}, max: opts.MaxFile},
			repo:  filepath.Base(abs),
		}
	}
	return h, nil
}

// Close releases the source tree.
func (h *Handler) Close() error { return h.src.Close() }

// Handles reports whether the handler answers the URL path p.
func (h *Handler) Handles(p string) bool {
	return p == APIPath || p+"/" == h.admin || strings.HasPrefix(p, h.admin)
}

// API reports whether the local-backend API is offered.
func (h *Handler) API() bool { return h.api != nil }

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	for _, kv := range hostfiles.Security {
		hd.Set(kv[0], kv[1])
	}
	hd.Set("Content-Security-Policy", CSP)
	hd.Set("Cache-Control", "no-store")
	if !h.ownHost(r.Host) {
		fail(w, http.StatusMisdirectedRequest, "Host "+strconv.Quote(r.Host)+" is not this server's address")
		return
	}
	if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host {
		fail(w, http.StatusForbidden, "Origin "+strconv.Quote(o)+" is not this server's")
		return
	}
	if r.URL.Path == APIPath {
		h.serveAPI(w, r)
		return
	}
	h.serveAdmin(w, r)
}

func (h *Handler) ownHost(host string) bool {
	if h.hosts == nil {
		return true
	}
	return h.hosts[strings.ToLower(host)]
}

func (h *Handler) serveAPI(w http.ResponseWriter, r *http.Request) {
	if h.api == nil {
		fail(w, http.StatusNotFound, "no local-backend API: serve listens on a non-loopback address without a token")
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		fail(w, http.StatusMethodNotAllowed, "POST only")
		return
	}
	if !h.authorized(r) {
		fail(w, http.StatusUnauthorized, "token required: open /admin/?token=… once")
		return
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		fail(w, http.StatusUnsupportedMediaType, "Content-Type must be application/json")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, h.opts.MaxFile*4/3+1<<20)
	var req request
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			fail(w, http.StatusRequestEntityTooLarge, "request body over the limit")
			return
		}
		fail(w, http.StatusBadRequest, "body must be JSON: "+err.Error())
		return
	}
	out, err := h.api.do(req)
	if err != nil {
		var he *httpError
		switch {
		case errors.As(err, &he):
			fail(w, he.status, he.msg)
		case errors.Is(err, errRefused):
			fail(w, http.StatusUnprocessableEntity, err.Error())
		case errors.Is(err, fs.ErrNotExist):
			fail(w, http.StatusNotFound, err.Error())
		default:
			fail(w, http.StatusInternalServerError, err.Error())
		}
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// authorized reports whether the request carries the token, if one is
// required.
func (h *Handler) authorized(r *http.Request) bool {
	if h.opts.Token == "" {
		return true
	}
	given := ""
	if c, err := r.Cookie(TokenCookie); err == nil {
		given = c.Value
	}
	if a, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		given = a
	}
	return subtle.ConstantTimeCompare([]byte(given), []byte(h.opts.Token)) == 1
}

func (h *Handler) serveAdmin(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		fail(w, http.StatusMethodNotAllowed, "GET or HEAD only")
		return
	}
	if r.URL.Path+"/" == h.admin {
		http.Redirect(w, r, h.admin, http.StatusMovedPermanently)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, h.admin)
	switch {
	case name == "" || name == "index.html":
		if t := r.URL.Query().Get("token"); t != "" && h.opts.Token != "" {
			if subtle.ConstantTimeCompare([]byte(t), []byte(h.opts.Token)) != 1 {
				fail(w, http.StatusUnauthorized, "wrong token")
				return
			}
			http.SetCookie(w, &http.Cookie{Name: TokenCookie, Value: t, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
			http.Redirect(w, r, h.admin, http.StatusSeeOther)
			return
		}
		serve(w, r, "index.html", []byte(Page))
	case name == "config.yml":
		serve(w, r, name, h.config(r))
	default:
		if strings.Contains(name, "/") || !fs.ValidPath(name) {
			fail(w, http.StatusNotFound, "not found")
			return
		}
		data, err := fs.ReadFile(Bundle, name)
		if err != nil {
			fail(w, http.StatusNotFound, "not found")
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("ETag", `"`+Version+`"`)
		if r.Header.Get("If-None-Match") == `"`+Version+`"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		serve(w, r, name, data)
	}
}

// config generates config.yml from the site as it is on disk now, with
// the local backend at the address the page was opened on.
func (h *Handler) config(r *http.Request) []byte {
	site, _ := content.Load(h.src.FS(), content.Options{Drafts: true, Year: h.opts.Now().In(content.Shanghai).Year()})
	cfg, _ := content.LoadConfig(h.src.FS())
	b := Backend{Git: cfg.CMS, SiteURL: "http://" + r.Host + strings.TrimSuffix(h.admin, "admin/")}
	if h.api != nil {
		b.Local = "http://" + r.Host + APIPath
		if hn, _, err := net.SplitHostPort(r.Host); err == nil && hn != "localhost" && hn != "127.0.0.1" {
			if strings.Contains(hn, ":") {
				hn = "[" + hn + "]"
			}
			b.AllowedHosts = []string{hn}
		}
	}
	return Config(site, b)
}

var types = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".wasm": "application/wasm",
	".yml":  "text/yaml; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
}

func serve(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	t, ok := types[path.Ext(name)]
	if !ok {
		t = "text/plain; charset=utf-8"
	}
	w.Header().Set("Content-Type", t)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

func fail(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"cannot encode the answer"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b)
}
