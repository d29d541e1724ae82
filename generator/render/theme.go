package render

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/ningbo-showcase/showcase/generator/publish"
)

// Options configure a Theme.
type Options struct {
	// BaseURL is the site's address; its path is the root every link is
	// under (https://example.org/showcase/ → /showcase/).
	BaseURL string
	// RelativeURLs makes every link relative to the page, with index.html
	// spelled out, for browsing from disk (file://); assets then carry no
	// integrity attributes.
	RelativeURLs bool
	// LiveReload, if not empty, is the URL of a script injected into every
	// page (serve mode only).
	LiveReload string
	// ExtraCSS is appended to the theme's stylesheet (e.g. chart styles).
	ExtraCSS string
}

// Asset is a fingerprinted theme asset.
type Asset struct {
	Path      string // output path below the root: assets/css/style.1a2b3c.css
	URL       string // as linked from pages
	Integrity string // SRI value, "" under RelativeURLs
	Data      []byte
}

// dataTypes are the media types of the assets DataURI can inline.
var dataTypes = map[string]string{".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon", ".gif": "image/gif", ".webp": "image/webp"}

// DataURI returns the asset's content as a base64 data: URI, for a small
// image that pages inline instead of fetching (the favicon); the CSP
// allows data: images. Its media type follows the extension.
func (a *Asset) DataURI() template.URL {
	t := dataTypes[path.Ext(a.Path)]
	if t == "" {
		t = "application/octet-stream"
	}
	return template.URL("data:" + t + ";base64," + base64.StdEncoding.EncodeToString(a.Data))
}

// Theme is a theme made ready for one site address: its layouts parsed
// and its assets minified and fingerprinted. It depends on the theme's
// files and the Options alone, so one Theme renders any number of models
// of the site (see New). A Theme is safe for concurrent use.
type Theme struct {
	opts    Options
	root    string // path prefix of the site: "/" or "/showcase/"
	absBase string // the site root as an absolute URL, ending in "/"
	assets  map[string]*Asset
	// master holds each page kind's layouts as parsed, never executed:
	// every template set is a clone of it.
	master map[string]*template.Template
	// sets are the idle template sets; made counts those made (at most
	// maxSets).
	sets    chan *tmplSet
	setMu   sync.Mutex
	made    int
	maxSets int
	// fragMin keeps fragments minified (splice.go); nil when pages are
	// not minified or their links are made relative.
	fragMin *publish.Minifier
}

// tmplSet is one executable copy of the layouts, whose functions act for
// the Renderer that holds the set while it executes, recording in rec.
type tmplSet struct {
	pages  map[string]*template.Template
	r      *Renderer
	rec    *recorder
	kind   string    // of the page being rendered
	splice *splicing // fragments left out of the page (splice.go)
}

var kinds = []string{"home", "story", "list", "terms", "timeline", "regions", "search", "page", "404", "alias", "data", "print"}

// NewTheme parses the theme's layouts and builds its assets. min minifies
// the assets before they are fingerprinted (nil leaves them as they are).
func NewTheme(theme fs.FS, min *publish.Minifier, opts Options) (*Theme, error) {
	base, err := url.Parse(opts.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("render: baseURL %q: %w", opts.BaseURL, err)
	}
	root := base.Path
	if root == "" || !strings.HasSuffix(root, "/") {
		root += "/"
	}
	abs := *base
	abs.Path, abs.RawPath, abs.RawQuery, abs.Fragment = root, "", "", ""
	n := runtime.GOMAXPROCS(0) + 1
	th := &Theme{opts: opts, root: root, absBase: abs.String(), assets: map[string]*Asset{}, master: map[string]*template.Template{}, sets: make(chan *tmplSet, n), maxSets: n}
	if err := th.buildAssets(theme, min); err != nil {
		return nil, err
	}
	if !opts.RelativeURLs {
		th.fragMin = min
	}
	if err := th.parse(theme); err != nil {
		return nil, err
	}
	return th, nil
}

func (th *Theme) buildAssets(theme fs.FS, min *publish.Minifier) error {
	var css bytes.Buffer
	cssFiles, _ := fs.Glob(theme, "assets/css/*.css")
	sort.Strings(cssFiles)
	for _, f := range cssFiles {
		b, err := fs.ReadFile(theme, f)
		if err != nil {
			return fmt.Errorf("render: theme: %w", err)
		}
		css.Write(b)
		css.WriteByte('\n')
	}
	css.WriteString(th.opts.ExtraCSS)
	sources := map[string][]byte{"css/style.css": css.Bytes()}
	jsFiles, _ := fs.Glob(theme, "assets/js/*.js")
	imgFiles, _ := fs.Glob(theme, "assets/img/*")
	jsFiles = append(jsFiles, imgFiles...)
	for _, f := range jsFiles {
		b, err := fs.ReadFile(theme, f)
		if err != nil {
			return fmt.Errorf("render: theme: %w", err)
		}
		sources[strings.TrimPrefix(f, "assets/")] = b
	}
	for name, data := range sources {
		if min != nil {
			m, err := min.Minify(name, data)
			if err != nil {
				return fmt.Errorf("render: theme asset %s: %w", name, err)
			}
			data = m
		}
		hashed, integrity := publish.Fingerprint("assets/"+name, data)
		a := &Asset{Path: hashed, Integrity: integrity, Data: data}
		if th.opts.RelativeURLs {
			a.Integrity = ""
		}
		th.assets[name] = a
	}
	return nil
}

func (th *Theme) parse(theme fs.FS) error {
	// The master is parsed with the functions of a set that never runs.
	fm := th.funcs(&tmplSet{})
	base := template.New("baseof.html").Funcs(fm)
	if _, err := base.ParseFS(theme, "layouts/baseof.html"); err != nil {
		return fmt.Errorf("render: theme: %w", err)
	}
	if partials, _ := fs.Glob(theme, "layouts/partials/*.html"); len(partials) > 0 {
		if _, err := base.ParseFS(theme, partials...); err != nil {
			return fmt.Errorf("render: theme: %w", err)
		}
	}
	for _, k := range kinds {
		t, err := base.Clone()
		if err != nil {
			return err
		}
		if _, err := t.ParseFS(theme, "layouts/"+k+".html"); err != nil {
			return fmt.Errorf("render: theme: %w", err)
		}
		th.master[k] = t
	}
	// Check now that every layout escapes, as executing it would.
	set, err := th.newSet()
	if err != nil {
		return err
	}
	th.sets <- set
	return nil
}

// newSet clones the master layouts into a set of its own.
func (th *Theme) newSet() (*tmplSet, error) {
	set := &tmplSet{pages: make(map[string]*template.Template, len(kinds))}
	fm := th.funcs(set)
	for k, m := range th.master {
		t, err := m.Clone()
		if err != nil {
			return nil, fmt.Errorf("render: theme: %w", err)
		}
		set.pages[k] = t.Funcs(fm)
	}
	th.setMu.Lock()
	th.made++
	th.setMu.Unlock()
	return set, nil
}

// acquire returns an idle template set for r, making one while fewer
// than maxSets exist.
func (th *Theme) acquire(r *Renderer) (*tmplSet, error) {
	var set *tmplSet
	select {
	case set = <-th.sets:
	default:
		th.setMu.Lock()
		more := th.made < th.maxSets
		th.setMu.Unlock()
		if more {
			var err error
			if set, err = th.newSet(); err != nil {
				return nil, err
			}
		} else {
			set = <-th.sets
		}
	}
	set.r = r
	return set, nil
}

func (th *Theme) release(set *tmplSet) {
	set.r, set.rec, set.splice = nil, nil, nil
	th.sets <- set
}

// Assets returns the theme's fingerprinted assets, by output path.
func (th *Theme) Assets() []*Asset {
	var out []*Asset
	for _, a := range th.assets {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Root returns the root path of the site ("/" or "/showcase/").
func (th *Theme) Root() string { return th.root }

// AbsURL returns the absolute URL of a path below the root. rel is one of
// the generator's own clean relative paths ("stories/x/", "feed.xml", "").
func (th *Theme) AbsURL(rel string) string {
	return th.absBase + strings.TrimPrefix(rel, "/")
}
