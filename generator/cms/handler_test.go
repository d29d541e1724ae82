package cms

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// site writes a small source tree, with files outside content/ that the
// API must never reach and symlinks that lead out, and returns its path.
func site(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"hugo.toml":                            "title = \"测试\"\n",
		"secret.txt":                           "secret\n",
		".git/config":                          "[core]\n",
		"static/other/logo.png":                "png",
		"content/_index.md":                    "---\ntitle: 首页\n---\n",
		"content/stories/_index.md":            "---\ntitle: 全部项目\n---\n",
		"content/stories/a.md":                 "---\ntitle: A\n---\n",
		"content/stories/b/index.md":           "---\ntitle: B\n---\n",
		"content/stories/b/photo.jpg":          "jpeg",
		"content/stories/.hidden.md":           "hidden",
		"content/stories/c/.index.md.1234~":    "temporary",
		"content/regions/_index.md":            "---\ntitle: 区县\n---\n",
		"content/regions/xiangshan/_index.md":  "---\ntitle: 象山县\n---\n",
		"content/regions/xiangshan/deep/x.md":  "too deep",
		"content/categories/dev/_index.md":     "---\ntitle: 发展\n---\n",
		"content/stories/ignored.txt":          "not markdown",
		"content/stories/d/e/f/g/deep.md":      "deep",
		"content/stories/b/notes/readme.txt":   "n",
		"content/stories/emptydir/placeholder": "",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"content/stories/link.md": "../../secret.txt",
		"content/out":             "..",
		"content/stories/in.md":   "a.md",
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func newHandler(t *testing.T, dir string, set ...func(*Options)) *Handler {
	t.Helper()
	opts := Options{Source: dir, Addr: "127.0.0.1:1313"}
	for _, f := range set {
		f(&opts)
	}
	h, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

// post sends one API request as Decap does and returns status and body.
func post(t *testing.T, h http.Handler, body string, set ...func(*http.Request)) (int, string) {
	t.Helper()
	r := httptest.NewRequest("POST", "http://127.0.0.1:1313/api/v1", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json; charset=utf-8")
	r.Header.Set("Origin", "http://127.0.0.1:1313")
	for _, f := range set {
		f(r)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Code, w.Body.String()
}

func action(name string, params map[string]any) string {
	params["branch"] = "main"
	b, _ := json.Marshal(map[string]any{"action": name, "params": params})
	return string(b)
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func TestAPI(t *testing.T) {
	dir := site(t)
	h := newHandler(t, dir)
	persist := func(p, raw string, assets ...map[string]any) string {
		if assets == nil {
			assets = []map[string]any{}
		}
		return action("persistEntry", map[string]any{"dataFiles": []any{map[string]any{"slug": "x", "path": p, "raw": raw}}, "assets": assets, "options": map[string]any{"commitMessage": "m", "useWorkflow": false, "status": "draft"}})
	}
	for _, tc := range []struct {
		name   string
		body   string
		status int
		want   []string // substrings of the answer
		not    []string
	}{
		{"info", `{"action":"info"}`, 200, []string{`"type":"local_fs"`, `"publish_modes":["simple"]`, `"repo":"` + filepath.Base(dir) + `"`}, nil},
		{"stories", action("entriesByFolder", map[string]any{"folder": "content/stories", "extension": "md", "depth": 2}), 200,
			[]string{`"path":"content/stories/a.md"`, `"path":"content/stories/b/index.md"`, `"data":"---\ntitle: A\n---\n"`, `"id":"`},
			[]string{"_index.md", ".hidden", "~", "link.md", "in.md", "deep.md", "ignored.txt", "secret"}},
		{"regions", action("entriesByFolder", map[string]any{"folder": "content/regions", "extension": "md", "depth": 2}), 200,
			[]string{`"path":"content/regions/xiangshan/_index.md"`}, []string{`"content/regions/_index.md"`, "deep/x.md"}},
		{"missing folder", action("entriesByFolder", map[string]any{"folder": "content/none", "extension": "md", "depth": 2}), 200, []string{`[]`}, nil},
		{"files", action("entriesByFiles", map[string]any{"files": []any{map[string]any{"path": "content/_index.md", "label": "首页"}, map[string]any{"path": "content/about.md"}}}), 200,
			[]string{`"label":"首页"`, `"data":"---\ntitle: 首页\n---\n"`, `{"data":null,"file":{"path":"content/about.md","id":null}}`}, nil},
		{"entry", action("getEntry", map[string]any{"path": "content/stories/b/index.md"}), 200, []string{`"data":"---\ntitle: B\n---\n"`}, nil},
		{"missing entry", action("getEntry", map[string]any{"path": "content/stories/none.md"}), 200, []string{`"data":null`}, nil},
		{"media", action("getMedia", map[string]any{"mediaFolder": "content/stories/b"}), 200, []string{`"name":"photo.jpg"`, `"content":"` + b64("jpeg") + `"`, `"encoding":"base64"`}, []string{"index.md", "readme"}},
		{"media file", action("getMediaFile", map[string]any{"path": "content/stories/b/photo.jpg"}), 200, []string{`"path":"content/stories/b/photo.jpg"`}, nil},
		{"missing media file", action("getMediaFile", map[string]any{"path": "content/stories/b/none.jpg"}), 404, nil, nil},
		{"deploy preview", action("getDeployPreview", map[string]any{"collection": "stories", "slug": "a"}), 200, []string{"null"}, nil},
		{"unknown action", action("unpublishedEntries", map[string]any{}), 422, []string{"Unknown action"}, nil},
		{"no branch", `{"action":"getEntry","params":{"path":"content/_index.md"}}`, 422, []string{"branch"}, nil},
		{"no params", `{"action":"getEntry"}`, 422, nil, nil},
		{"not json", `{"action":`, 400, nil, nil},
		{"both entry and dataFiles", action("persistEntry", map[string]any{"entry": map[string]any{"path": "content/x.md", "raw": "x"}, "dataFiles": []any{map[string]any{"path": "content/x.md", "raw": "x"}}, "assets": []any{}}), 422, nil, nil},
		{"no assets", action("persistEntry", map[string]any{"dataFiles": []any{map[string]any{"path": "content/x.md", "raw": "x"}}}), 422, nil, nil},
		{"bad encoding", persist("content/x.md", "x", map[string]any{"path": "content/x.png", "content": "x", "encoding": "utf8"}), 422, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := post(t, h, tc.body)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, body)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("answer lacks %s:\n%s", w, body)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(body, w) {
					t.Errorf("answer has %s:\n%s", w, body)
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "content/x.md")); err == nil {
		t.Error("a refused persistEntry wrote its entry")
	}

	// Writes: Decap 3's dataFiles, an older client's entry, uploads into
	// a bundle and into the media folder, deletes.
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			return "<" + err.Error() + ">"
		}
		return string(b)
	}
	mustPost := func(body string) string {
		t.Helper()
		status, out := post(t, h, body)
		if status != 200 {
			t.Fatalf("status %d: %s", status, out)
		}
		return out
	}
	mustPost(persist("content/stories/new/index.md", "---\ntitle: 新\n---\n", map[string]any{"path": "content/stories/new/cover.png", "content": b64("PNG"), "encoding": "base64"}))
	if read("content/stories/new/index.md") != "---\ntitle: 新\n---\n" || read("content/stories/new/cover.png") != "PNG" {
		t.Errorf("dataFiles: %q %q", read("content/stories/new/index.md"), read("content/stories/new/cover.png"))
	}
	mustPost(action("persistEntry", map[string]any{"entry": map[string]any{"slug": "a", "path": "content/stories/a.md", "raw": "---\ntitle: A2\n---\n"}, "assets": []any{}, "options": map[string]any{"commitMessage": "m"}}))
	if read("content/stories/a.md") != "---\ntitle: A2\n---\n" {
		t.Errorf("entry: %q", read("content/stories/a.md"))
	}
	if out := mustPost(action("persistMedia", map[string]any{"asset": map[string]any{"path": "static/uploads/logo.png", "content": b64("LOGO"), "encoding": "base64"}, "options": map[string]any{"commitMessage": "m"}})); !strings.Contains(out, `"content":"`+b64("LOGO")+`"`) || read("static/uploads/logo.png") != "LOGO" {
		t.Errorf("persistMedia: %s", out)
	}
	mustPost(action("deleteFile", map[string]any{"path": "static/uploads/logo.png", "options": map[string]any{"commitMessage": "m"}}))
	mustPost(action("deleteFile", map[string]any{"path": "content/stories/none.md", "options": map[string]any{"commitMessage": "m"}}))
	mustPost(action("deleteFiles", map[string]any{"paths": []string{"content/stories/new/index.md"}, "options": map[string]any{"commitMessage": "m"}}))
	if _, err := os.Stat(filepath.Join(dir, "content/stories/new")); !os.IsNotExist(err) {
		t.Errorf("deleting a bundle's index.md left the bundle: %v", err)
	}
	// A bundle with another page or a folder in it keeps them.
	mustPost(action("deleteFile", map[string]any{"path": "content/stories/b/index.md", "options": map[string]any{"commitMessage": "m"}}))
	if read("content/stories/b/photo.jpg") != "jpeg" || read("content/stories/b/notes/readme.txt") != "n" {
		t.Error("deleting index.md of a folder with a subfolder removed its files")
	}
	// Moves: a bundle's files go with its index file.
	mustPost(action("persistEntry", map[string]any{"dataFiles": []any{map[string]any{"slug": "b", "path": "content/stories/m/index.md", "raw": "m", "newPath": "content/stories/n/index.md"}}, "assets": []any{map[string]any{"path": "content/stories/m/p.png", "content": b64("P"), "encoding": "base64"}}, "options": map[string]any{"commitMessage": "m"}}))
	if read("content/stories/n/index.md") != "m" || read("content/stories/n/p.png") != "P" {
		t.Errorf("move: %q %q", read("content/stories/n/index.md"), read("content/stories/n/p.png"))
	}
	// No temporary file is left behind.
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, "~") && !strings.HasSuffix(p, "1234~") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
}

// TestAPIRefusedPaths tries every way out of content/ and the media folder
// with every action that takes a path: each is refused and nothing
// outside changes.
func TestAPIRefusedPaths(t *testing.T) {
	dir := site(t)
	h := newHandler(t, dir)
	paths := []string{
		"", "/etc/passwd", "../secret.txt", "content/../secret.txt", "content/stories/../../secret.txt",
		"./content/stories/a.md", "content//stories/a.md", "content/stories/", "content/stories/a.md/",
		"hugo.toml", "secret.txt", ".git/config", "static/other/logo.png", "static/uploads/../other/logo.png",
		"content\\stories\\a.md", "content/stories/a.md\x00.png", "C:/content/a.md", "content/.hidden.md",
		"content/stories/link.md", "content/out/secret.txt", "content/out/hugo.toml", "content/out/content/stories/a.md",
		"content", "static/uploads", "content/stories/in.md",
	}
	before := map[string]string{}
	for _, p := range []string{"secret.txt", "hugo.toml", ".git/config", "static/other/logo.png", "content/stories/a.md"} {
		b, _ := os.ReadFile(filepath.Join(dir, p))
		before[p] = string(b)
	}
	for _, p := range paths {
		for _, body := range []string{
			action("getEntry", map[string]any{"path": p}),
			action("entriesByFiles", map[string]any{"files": []any{map[string]any{"path": p}}}),
			action("entriesByFolder", map[string]any{"folder": p, "extension": "", "depth": 3}),
			action("getMedia", map[string]any{"mediaFolder": p}),
			action("getMediaFile", map[string]any{"path": p}),
			action("persistEntry", map[string]any{"dataFiles": []any{map[string]any{"slug": "x", "path": p, "raw": "PWNED"}}, "assets": []any{}, "options": map[string]any{"commitMessage": "m"}}),
			action("persistEntry", map[string]any{"dataFiles": []any{map[string]any{"slug": "x", "path": "content/ok.md", "raw": "ok"}}, "assets": []any{map[string]any{"path": p, "content": b64("PWNED"), "encoding": "base64"}}, "options": map[string]any{"commitMessage": "m"}}),
			action("persistEntry", map[string]any{"dataFiles": []any{map[string]any{"slug": "x", "path": "content/ok2.md", "raw": "ok", "newPath": p}}, "assets": []any{}, "options": map[string]any{"commitMessage": "m"}}),
			action("persistMedia", map[string]any{"asset": map[string]any{"path": p, "content": b64("PWNED"), "encoding": "base64"}, "options": map[string]any{"commitMessage": "m"}}),
			action("deleteFile", map[string]any{"path": p, "options": map[string]any{"commitMessage": "m"}}),
			action("deleteFiles", map[string]any{"paths": []string{"content/stories/a.md", p}, "options": map[string]any{"commitMessage": "m"}}),
		} {
			folder := strings.Contains(body, `"entriesByFolder"`) || strings.Contains(body, `"getMedia"`)
			if folder && (p == "content" || p == "static/uploads") || p == "" && strings.Contains(body, `"newPath"`) {
				continue // a writable folder may be listed; an empty newPath is no move
			}
			status, out := post(t, h, body)
			if status == 200 {
				t.Errorf("%q: %s: status 200: %.200s", p, body[:min(len(body), 60)], out)
			}
		}
	}
	for p, want := range before {
		if b, err := os.ReadFile(filepath.Join(dir, p)); err != nil || string(b) != want {
			t.Errorf("%s changed: %q %v", p, b, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content/ok.md")); err == nil {
		t.Error("a persistEntry with a refused asset wrote its entry")
	}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			if b, _ := os.ReadFile(p); string(b) == "PWNED" {
				t.Errorf("written: %s", p)
			}
		}
		return nil
	})
}

// TestGuard checks who may call the API: serve's own Host and Origin,
// JSON only, POST only, sizes limited, and no API on a non-loopback
// address without the token.
func TestGuard(t *testing.T) {
	dir := site(t)
	h := newHandler(t, dir, func(o *Options) { o.MaxFile = 1000 })
	info := `{"action":"info"}`
	for _, tc := range []struct {
		name   string
		set    func(*http.Request)
		body   string
		status int
	}{
		{"own", nil, info, 200},
		{"localhost", func(r *http.Request) { r.Host = "localhost:1313"; r.Header.Set("Origin", "http://localhost:1313") }, info, 200},
		{"ipv6 loopback", func(r *http.Request) { r.Host = "[::1]:1313"; r.Header.Set("Origin", "http://[::1]:1313") }, info, 200},
		{"no origin", func(r *http.Request) { r.Header.Del("Origin") }, info, 200},
		{"charset", func(r *http.Request) { r.Header.Set("Content-Type", "application/json;charset=UTF-8") }, info, 200},
		{"rebound host", func(r *http.Request) { r.Host = "evil.example:1313"; r.Header.Del("Origin") }, info, 421},
		{"other port", func(r *http.Request) { r.Host = "127.0.0.1:1314"; r.Header.Del("Origin") }, info, 421},
		{"no port", func(r *http.Request) { r.Host = "localhost"; r.Header.Del("Origin") }, info, 421},
		{"foreign origin", func(r *http.Request) { r.Header.Set("Origin", "http://evil.example") }, info, 403},
		{"null origin", func(r *http.Request) { r.Header.Set("Origin", "null") }, info, 403},
		{"origin of another host name", func(r *http.Request) { r.Header.Set("Origin", "http://localhost:1313") }, info, 403},
		{"https origin", func(r *http.Request) { r.Header.Set("Origin", "https://127.0.0.1:1313") }, info, 403},
		{"text/plain", func(r *http.Request) { r.Header.Set("Content-Type", "text/plain") }, info, 415},
		{"form", func(r *http.Request) { r.Header.Set("Content-Type", "application/x-www-form-urlencoded") }, info, 415},
		{"no content type", func(r *http.Request) { r.Header.Del("Content-Type") }, info, 415},
		{"json lookalike", func(r *http.Request) { r.Header.Set("Content-Type", "application/jsonp") }, info, 415},
		{"GET", func(r *http.Request) { r.Method = "GET" }, "", 405},
		{"too large", nil, `{"action":"info","pad":"` + strings.Repeat("x", 1<<21) + `"}`, 413},
		{"asset too large", nil, action("persistMedia", map[string]any{"asset": map[string]any{"path": "static/uploads/big.png", "content": b64(strings.Repeat("x", 1001)), "encoding": "base64"}, "options": map[string]any{"commitMessage": "m"}}), 413},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var set []func(*http.Request)
			if tc.set != nil {
				set = append(set, tc.set)
			}
			status, out := post(t, h, tc.body, set...)
			if status != tc.status {
				t.Errorf("status %d, want %d: %s", status, tc.status, out)
			}
		})
	}

	lan := newHandler(t, dir, func(o *Options) { o.Addr = "0.0.0.0:1313" })
	host := func(r *http.Request) { r.Host = "192.168.1.5:1313"; r.Header.Set("Origin", "http://192.168.1.5:1313") }
	if status, _ := post(t, lan, info, host); status != 404 || lan.API() {
		t.Errorf("non-loopback without a token: status %d, want 404", status)
	}
	tok := newHandler(t, dir, func(o *Options) { o.Addr = "0.0.0.0:1313"; o.Token = "s3cret" })
	for _, tc := range []struct {
		name   string
		set    func(*http.Request)
		status int
	}{
		{"no token", host, 401},
		{"wrong cookie", func(r *http.Request) { host(r); r.AddCookie(&http.Cookie{Name: TokenCookie, Value: "guess"}) }, 401},
		{"cookie", func(r *http.Request) { host(r); r.AddCookie(&http.Cookie{Name: TokenCookie, Value: "s3cret"}) }, 200},
		{"bearer", func(r *http.Request) { host(r); r.Header.Set("Authorization", "Bearer s3cret") }, 200},
	} {
		if status, out := post(t, tok, info, tc.set); status != tc.status {
			t.Errorf("%s: status %d, want %d: %s", tc.name, status, tc.status, out)
		}
	}
	get := func(h http.Handler, url string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		r := httptest.NewRequest("GET", url, nil)
		h.ServeHTTP(w, r)
		return w
	}
	if w := get(tok, "http://192.168.1.5:1313/admin/?token=guess"); w.Code != 401 {
		t.Errorf("wrong token in the address: %d", w.Code)
	}
	w := get(tok, "http://192.168.1.5:1313/admin/?token=s3cret")
	if c := w.Result().Cookies(); w.Code != 303 || len(c) != 1 || c[0].Value != "s3cret" || !c[0].HttpOnly || c[0].SameSite != http.SameSiteStrictMode {
		t.Errorf("token in the address: %d %v", w.Code, c)
	}
	if w := get(tok, "http://192.168.1.5:1313/admin/config.yml"); !strings.Contains(w.Body.String(), "allowed_hosts") || !strings.Contains(w.Body.String(), "192.168.1.5") {
		t.Errorf("config for a LAN address lacks allowed_hosts:\n%s", w.Body.String())
	}
}

// TestAdmin checks the CMS's pages: its own CSP, the bundle, and a
// config.yml made from the site.
func TestAdmin(t *testing.T) {
	h := newHandler(t, site(t))
	get := func(path string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "http://127.0.0.1:1313"+path, nil))
		return w
	}
	for path, want := range map[string]string{
		"/admin/":             "text/html; charset=utf-8",
		"/admin/index.html":   "text/html; charset=utf-8",
		"/admin/config.yml":   "text/yaml; charset=utf-8",
		"/admin/decap-cms.js": "text/javascript; charset=utf-8",
		"/admin/LICENSE":      "text/plain; charset=utf-8",
	} {
		w := get(path)
		if w.Code != 200 || w.Header().Get("Content-Type") != want || w.Header().Get("Content-Security-Policy") != CSP {
			t.Errorf("%s: %d %q %q", path, w.Code, w.Header().Get("Content-Type"), w.Header().Get("Content-Security-Policy"))
		}
	}
	for _, path := range []string{"/admin/../hugo.toml", "/admin/x/../../secret.txt", "/admin/none.js", "/admin/SHA256SUMS/x"} {
		if w := get(path); w.Code != 404 {
			t.Errorf("%s: %d", path, w.Code)
		}
	}
	if w := get("/admin"); w.Code != 301 || w.Header().Get("Location") != "/admin/" {
		t.Errorf("/admin: %d %q", w.Code, w.Header().Get("Location"))
	}
	var cfg struct {
		Locale       string
		LocalBackend struct{ URL string } `yaml:"local_backend"`
		Collections  []struct {
			Name   string
			Folder string
			Fields []struct{ Name string }
			Files  []struct{ File string }
		}
	}
	if err := yaml.Unmarshal(get("/admin/config.yml").Body.Bytes(), &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Locale != "zh_Hans" || cfg.LocalBackend.URL != "http://127.0.0.1:1313/api/v1" || len(cfg.Collections) != 5 {
		t.Errorf("config: %+v", cfg)
	}
}
