package generator

import (
	"bytes"
	"path"
	"strings"
)

// relativize rewrites the links of a page (href, src, srcset, action, the
// showcase-root meta and a redirect's refresh) into links relative to the
// page with index.html spelled out, for browsing from disk: root-absolute
// links become relative, and relative links to a directory get index.html.
func relativize(html []byte, root, pagePath string) []byte {
	dir := path.Dir("/" + pagePath)
	var out bytes.Buffer
	rest := html
	for {
		i, attr := indexAttr(rest)
		if i < 0 {
			out.Write(rest)
			break
		}
		q := i + len(attr)
		end := bytes.IndexByte(rest[q:], '"')
		if end < 0 {
			out.Write(rest)
			break
		}
		val := string(rest[q : q+end])
		out.Write(rest[:q])
		prefix := ""
		if attr == ` content="` {
			// Only the root meta and a refresh's URL are links.
			if k := strings.Index(strings.ToLower(val), "url="); k >= 0 {
				prefix, val = val[:k+4], val[k+4:]
			} else if !strings.HasPrefix(val, root) {
				out.WriteString(val)
				rest = rest[q+end:]
				continue
			}
		}
		if attr == ` srcset="` {
			// "url 480w, url 800w": each URL, descriptors kept.
			parts := strings.Split(val, ", ")
			for i, c := range parts {
				u, desc, _ := strings.Cut(c, " ")
				parts[i] = strings.TrimSpace(relLink(u, root, dir) + " " + desc)
			}
			out.WriteString(strings.Join(parts, ", "))
		} else {
			out.WriteString(prefix + relLink(val, root, dir))
		}
		rest = rest[q+end:]
	}
	return out.Bytes()
}

// relLink makes one link relative to the page directory dir.
func relLink(val, root, dir string) string {
	target, frag := val, ""
	if k := strings.IndexAny(target, "#?"); k >= 0 {
		target, frag = target[:k], target[k:]
	}
	switch {
	case strings.HasPrefix(val, root):
		target = "/" + strings.TrimPrefix(target, root)
		if strings.HasSuffix(target, "/") {
			target += "index.html"
		}
		rel := relPath(dir, target)
		if rel == "" {
			rel = "index.html"
		}
		return rel + frag
	case target == "" || strings.HasPrefix(val, "/") || strings.Contains(target, ":"):
		return val // fragment, other site path, or another scheme
	case strings.HasSuffix(target, "/") || target == "." || target == "..":
		return strings.TrimSuffix(target, "/") + "/index.html" + frag
	}
	return val
}

func indexAttr(b []byte) (int, string) {
	best, name := -1, ""
	for _, a := range []string{` href="`, ` src="`, ` content="`, ` action="`, ` srcset="`} {
		if i := bytes.Index(b, []byte(a)); i >= 0 && (best < 0 || i < best) {
			best, name = i, a
		}
	}
	return best, name
}

// relPath returns the path of target relative to the directory fromDir,
// both slash paths from the site root.
func relPath(fromDir, target string) string {
	from := strings.Split(strings.Trim(fromDir, "/"), "/")
	to := strings.Split(strings.TrimPrefix(target, "/"), "/")
	if len(from) == 1 && from[0] == "" {
		from = nil
	}
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	var parts []string
	for range from[i:] {
		parts = append(parts, "..")
	}
	parts = append(parts, to[i:]...)
	return strings.Join(parts, "/")
}
