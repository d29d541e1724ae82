package render

import (
	"bytes"
	"html/template"
	"io"
	"net/url"
	"path"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
)

// rebase rewrites the relative links of a story body (href, src and
// srcset: a bundle's images, a sibling file) against dir, the story's
// directory as a root-relative path (/stories/x/), so that the body shows
// the same images and links wherever it is placed — in a dossier at
// another URL. Absolute, root-relative and fragment links stay.
func rebase(body template.HTML, dir string) template.HTML {
	if !strings.Contains(string(body), "=") {
		return body
	}
	l := html.NewLexer(parse.NewInputString(string(body)))
	var out bytes.Buffer
	out.Grow(len(body) + 64)
	for {
		tt, data := l.Next()
		switch tt {
		case html.ErrorToken:
			if l.Err() != io.EOF {
				return body // goldmark's output always lexes; keep it as it is
			}
			return template.HTML(out.String())
		case html.AttributeToken:
			key := strings.ToLower(string(l.AttrKey()))
			if key != "href" && key != "src" && key != "srcset" {
				out.Write(data)
				continue
			}
			val := l.AttrVal()
			q := ""
			if len(val) >= 2 && (val[0] == '"' || val[0] == '\'') {
				q, val = string(val[0]), val[1:len(val)-1]
			}
			v := string(val)
			if key == "srcset" {
				parts := strings.Split(v, ",")
				for i, p := range parts {
					t := strings.TrimSpace(p)
					u, rest, _ := strings.Cut(t, " ")
					parts[i] = against(u, dir)
					if rest != "" {
						parts[i] += " " + rest
					}
				}
				v = strings.Join(parts, ", ")
			} else {
				v = against(v, dir)
			}
			if q == "" {
				q = `"`
			}
			out.WriteString(" " + string(l.AttrKey()) + "=" + q + v + q)
		default:
			out.Write(data)
		}
	}
}

// against resolves a relative reference u (as written in HTML, entities
// and all) against dir; other references stay as they are.
func against(u, dir string) string {
	if u == "" || strings.HasPrefix(u, "/") || strings.HasPrefix(u, "#") || strings.HasPrefix(u, "?") {
		return u
	}
	if p, err := url.Parse(u); err != nil || p.Scheme != "" || p.Host != "" {
		return u
	}
	rel, tail := u, ""
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		rel, tail = u[:i], u[i:]
	}
	abs := path.Join(dir, rel)
	if strings.HasSuffix(rel, "/") || rel == "" || rel == "." || strings.HasSuffix(rel, "/.") || strings.HasSuffix(rel, "..") {
		abs = strings.TrimSuffix(abs, "/") + "/"
	}
	return abs + tail
}
