package cms

import (
	"embed"
	"io/fs"
	"strings"

	"github.com/ningbo-showcase/showcase/generator/content"
)

// Version is the Decap CMS release vendored in decap/.
const Version = "3.16.3"

//go:embed decap/*.js decap/*.wasm decap/LICENSE decap/decap-cms.js.LICENSE.txt decap/SHA256SUMS
var decap embed.FS

// Bundle is the Decap CMS release, the files served below /admin/ beside
// the page and its configuration: decap-cms.js, its chunks, its
// WebAssembly image encoders, its licences and SHA256SUMS.
var Bundle fs.FS = mustSub(decap, "decap")

func mustSub(f fs.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return s
}

// Page is the CMS's page, /admin/index.html: it loads decap-cms.js, which
// reads config.yml beside it. It has no inline script or style.
const Page = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>内容管理</title>
</head>
<body>
<script src="decap-cms.js"></script>
</body>
</html>
`

// CSP is the Content-Security-Policy of /admin/ and nothing else: the
// site's own policy plus exactly what Decap CMS needs — 'unsafe-eval' for
// its scripts, inline styles, and blob: images and fetches for uploads it
// holds in the page until they are saved. Everything still comes from the
// site's own origin.
const CSP = "default-src 'self'; img-src 'self' blob:; connect-src 'self' blob:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-eval'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// SiteCSP returns the /admin/ policy for a published site whose editor
// talks to a git host: connect-src also allows the given origins (the
// host's API and OAuth endpoint).
func SiteCSP(origins ...string) string {
	if len(origins) == 0 {
		return CSP
	}
	return strings.Replace(CSP, "connect-src 'self' blob:", "connect-src 'self' blob: "+strings.Join(origins, " "), 1)
}

// SiteFiles returns the files of /admin/ for a published site, by path
// below admin/: the page, config.yml for the site's git backend
// (site.Config.CMS, which must be set) and the bundle. siteURL is the
// site's address, for the editor's links to it.
func SiteFiles(site *content.Site, siteURL string) (map[string][]byte, error) {
	files := map[string][]byte{
		"index.html": []byte(Page),
		"config.yml": Config(site, Backend{Git: site.Config.CMS, SiteURL: siteURL}),
	}
	err := fs.WalkDir(Bundle, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(Bundle, p)
		files[p] = data
		return err
	})
	return files, err
}
