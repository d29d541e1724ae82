package content

import (
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"strings"
)

// Config is the part of hugo.toml the generator reads. Keys it does not know
// belong to Hugo and are ignored.
type Config struct {
	Path         string // "hugo.toml", or "" when the tree has none
	BaseURL      string
	Title        string
	LanguageCode string
	Description  string // [params] description
	Unsafe       bool   // [markup.goldmark.renderer] unsafe
	Demo         bool   // [params] demo: the site shows synthetic data
	ICP          string // [params] icp: ICP filing number, e.g. 浙ICP备12345678号
	PoliceBeian  string // [params] police_beian: public-security filing number
	// License is the licence or attribution line of the open data
	// ([params] license), shown on the data files and beside their links.
	License    string
	Theme      string // [params.showcase] theme
	PageSize   int    // [params.showcase] pageSize
	ImageCache string // [params.showcase] imageCache: the image cache directory
	Keep       []string
	CMS        *CMS // [params.showcase.cms]; nil when absent
}

// CMS is [params.showcase.cms]: the git host that the published site's
// editor (Decap CMS at /admin/) reads and commits to. Key names are Decap's
// own backend settings.
type CMS struct {
	Backend      string // backend: gitea, gitlab or github
	Repo         string // repo: owner/name
	Branch       string // branch; "" means main
	BaseURL      string // base_url: the OAuth host of a self-hosted Gitea or GitLab
	APIRoot      string // api_root: its API, e.g. https://git.example.org/api/v1
	AppID        string // app_id: the OAuth application's client ID
	AuthType     string // auth_type: "pkce" (GitLab) or ""
	AuthEndpoint string // auth_endpoint: the OAuth authorize path, if not the default
}

// CMSBackends are the git backends [params.showcase.cms] accepts.
var CMSBackends = []string{"gitea", "gitlab", "github"}

// DefaultPageSize is the list page size when the config sets none.
const DefaultPageSize = 20

// ConfigFile is the name of the site configuration file.
const ConfigFile = "hugo.toml"

// LoadConfig reads hugo.toml from fsys. A tree without one gets defaults.
func LoadConfig(fsys fs.FS) (*Config, List) { return loadConfig(fsys, DefaultMaxFileSize) }

func loadConfig(fsys fs.FS, maxSize int64) (*Config, List) {
	cfg := &Config{BaseURL: "/", Title: "宁波统一战线创新成果展", LanguageCode: "zh-CN", PageSize: DefaultPageSize}
	var errs List
	if st, err := fs.Stat(fsys, ConfigFile); err == nil && st.Size() > maxSize {
		return cfg, List{errAt(Pos{File: ConfigFile}, fmt.Sprintf("file is %d bytes, over the limit of %d", st.Size(), maxSize), fmt.Sprintf("文件大小 %d 字节，超过上限 %d 字节", st.Size(), maxSize))}
	}
	src, err := fs.ReadFile(fsys, ConfigFile)
	if err != nil {
		if isNotExist(err) {
			return cfg, nil
		}
		errs = append(errs, &Error{Pos: Pos{File: ConfigFile}, Msg: "cannot read: " + err.Error(), Zh: "无法读取：" + err.Error(), Err: err})
		return cfg, errs
	}
	cfg.Path = ConfigFile
	src, e := cleanText(ConfigFile, src)
	if e != nil {
		return cfg, List{e}
	}
	root, e := decodeTOML(ConfigFile, src, 1)
	if e != nil {
		return cfg, List{e}
	}
	d := &decoder{file: ConfigFile, errs: &errs, maxYear: 9999}
	get := func(m *node, key string) (field, bool) {
		if m == nil {
			return field{}, false
		}
		for _, f := range m.fields {
			if f.key == key {
				return f, true
			}
		}
		return field{}, false
	}
	table := func(m *node, key string) *node {
		f, ok := get(m, key)
		if !ok {
			return nil
		}
		if f.val.kind != kindMap {
			d.typeErr(f, "a table", "表")
			return nil
		}
		return f.val
	}
	if f, ok := get(root, "baseURL"); ok {
		cfg.BaseURL = d.str(f)
		if u, err := url.Parse(cfg.BaseURL); err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "file") {
			d.fail(f.val.line, fmt.Sprintf("baseURL %q must be an http(s) URL or a path", cfg.BaseURL), fmt.Sprintf("baseURL %q 必须是 http(s) 网址或路径", cfg.BaseURL))
		}
	}
	if f, ok := get(root, "title"); ok {
		cfg.Title = d.str(f)
	}
	if f, ok := get(root, "languageCode"); ok {
		cfg.LanguageCode = d.str(f)
	}
	params := table(root, "params")
	if f, ok := get(params, "description"); ok {
		cfg.Description = d.str(f)
	}
	if f, ok := get(params, "demo"); ok {
		cfg.Demo = d.boolean(f)
	}
	if f, ok := get(params, "icp"); ok {
		cfg.ICP = d.str(f)
	}
	if f, ok := get(params, "police_beian"); ok {
		cfg.PoliceBeian = d.str(f)
	}
	if f, ok := get(params, "license"); ok {
		cfg.License = d.str(f)
	}
	if sc := table(params, "showcase"); sc != nil {
		d.fields(sc, "[params.showcase]", map[string]func(field){
			"theme":      func(f field) { cfg.Theme = d.str(f) },
			"imageCache": func(f field) { cfg.ImageCache = d.str(f) },
			"pageSize": func(f field) {
				if n, ok := d.integer(f); ok {
					if n < 1 || n > 1000 {
						d.fail(f.val.line, "pageSize must be between 1 and 1000", "pageSize 必须在 1 到 1000 之间")
						return
					}
					cfg.PageSize = n
				}
			},
			"cms": func(f field) { cfg.CMS = d.cms(f) },
			"keep": func(f field) {
				for _, k := range d.strList(f) {
					if k == "." || k == ".." || strings.ContainsAny(k, `/\`) {
						d.fail(f.val.line, fmt.Sprintf("keep entry %q must be a plain name in the destination, like .git or CNAME", k), fmt.Sprintf("keep 项 %q 必须是目标目录中的名字，如 .git 或 CNAME", k))
						continue
					}
					cfg.Keep = append(cfg.Keep, k)
				}
			},
		})
	}
	if markup := table(root, "markup"); markup != nil {
		if gm := table(markup, "goldmark"); gm != nil {
			if r := table(gm, "renderer"); r != nil {
				if f, ok := get(r, "unsafe"); ok {
					cfg.Unsafe = d.boolean(f)
				}
			}
		}
	}
	return cfg, errs
}

// cms decodes [params.showcase.cms].
func (d *decoder) cms(f field) *CMS {
	if f.val.kind != kindMap {
		d.typeErr(f, "a table", "表")
		return nil
	}
	c := &CMS{}
	d.required(f.val, "backend", "repo")
	d.fields(f.val, "[params.showcase.cms]", map[string]func(field){
		"backend": func(f field) {
			c.Backend = d.str(f)
			if !slices.Contains(CMSBackends, c.Backend) {
				d.fail(f.val.line, fmt.Sprintf("cms backend %q must be gitea, gitlab or github", c.Backend), fmt.Sprintf("cms 的 backend %q 必须是 gitea、gitlab 或 github", c.Backend))
			}
		},
		"repo":          func(f field) { c.Repo = d.str(f) },
		"branch":        func(f field) { c.Branch = d.str(f) },
		"base_url":      func(f field) { c.BaseURL = d.httpURL(f) },
		"api_root":      func(f field) { c.APIRoot = d.httpURL(f) },
		"app_id":        func(f field) { c.AppID = d.str(f) },
		"auth_endpoint": func(f field) { c.AuthEndpoint = d.str(f) },
		"auth_type": func(f field) {
			c.AuthType = d.str(f)
			if c.AuthType != "" && c.AuthType != "pkce" {
				d.fail(f.val.line, fmt.Sprintf("cms auth_type %q must be pkce", c.AuthType), fmt.Sprintf("cms 的 auth_type %q 必须是 pkce", c.AuthType))
			}
		},
	})
	return c
}

// httpURL decodes an http(s) URL.
func (d *decoder) httpURL(f field) string {
	s := d.str(f)
	if u, err := url.Parse(s); s != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
		d.fail(f.val.line, fmt.Sprintf("%s %q must be an http(s) URL", f.key, s), fmt.Sprintf("%s %q 必须是 http(s) 网址", f.key, s))
		return ""
	}
	return s
}
