package deploy

import (
	"path"
	"strings"

	"github.com/ningbo-showcase/showcase/generator/hostfiles"
)

// NoCache is the default Cache-Control of files that keep their name when
// their content changes: pages, feeds, the sitemap, the search meta file.
const NoCache = "no-cache"

// types maps lower-case extensions to media types. A fixed table, not the
// system's mime.types, so that a deploy sets the same headers everywhere.
var types = map[string]string{
	".html": "text/html", ".htm": "text/html", ".css": "text/css",
	".js": "text/javascript", ".mjs": "text/javascript",
	".json": "application/json", ".map": "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml", ".rss": "application/rss+xml", ".atom": "application/atom+xml",
	".txt": "text/plain", ".md": "text/markdown", ".csv": "text/csv", ".ics": "text/calendar",
	".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon",
	".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf",
	".pdf": "application/pdf", ".wasm": "application/wasm", ".zip": "application/zip",
	".gz": "application/gzip", ".br": "application/octet-stream", ".bin": "application/octet-stream",
	".mp4": "video/mp4", ".webm": "video/webm", ".mp3": "audio/mpeg", ".ogg": "audio/ogg",
}

// textTypes are the media types outside text/* that carry text, and so a
// charset.
var textTypes = map[string]bool{
	"application/json": true, "application/manifest+json": true, "application/xml": true,
	"application/rss+xml": true, "application/atom+xml": true, "image/svg+xml": true,
	"application/javascript": true,
}

// ContentType returns the Content-Type of the site-relative path p by its
// extension: text types with "; charset=utf-8", unknown extensions
// "application/octet-stream".
func ContentType(p string) string {
	t, ok := types[strings.ToLower(path.Ext(p))]
	if !ok {
		return "application/octet-stream"
	}
	if strings.HasPrefix(t, "text/") || textTypes[t] {
		t += "; charset=utf-8"
	}
	return t
}

// CacheControl returns the default Cache-Control of the site-relative path
// p: hostfiles.LongCache for the content-hashed files, [NoCache] for the
// rest.
func CacheControl(p string) string {
	if hashed(p) {
		return hostfiles.LongCache
	}
	return NoCache
}

// hashed reports whether p is one of the content-hashed files.
func hashed(p string) bool {
	for _, pat := range hostfiles.Hashed {
		if match(pat, p) {
			return true
		}
	}
	return false
}

// late reports whether p belongs to the second upload wave: the files that
// point at others (pages, feeds, the sitemap) and the unhashed files
// that change with every build.
func late(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".html", ".htm", ".xml", ".rss", ".atom":
		return true
	}
	for _, pat := range hostfiles.Revalidated {
		if match(pat, p) {
			return true
		}
	}
	return false
}

// match matches p against a hostfiles pattern: an exact path, or a prefix
// followed by "*".
func match(pat, p string) bool {
	if prefix, ok := strings.CutSuffix(pat, "*"); ok {
		return strings.HasPrefix(p, prefix)
	}
	return p == pat
}
