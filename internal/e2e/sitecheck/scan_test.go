package sitecheck

import (
	"fmt"
	"html"
	"strings"
)

// tag is a start tag of an HTML document, as a browser would read it.
type tag struct {
	name  string // lower-case
	attrs []attr
	off   int // byte offset of '<'
}

type attr struct {
	name string // lower-case
	val  string // entities decoded
}

func (t tag) get(name string) (string, bool) {
	for _, a := range t.attrs {
		if a.name == name {
			return a.val, true
		}
	}
	return "", false
}

// rawText are the elements whose content is not markup.
var rawText = map[string]bool{"script": true, "style": true, "textarea": true, "title": true, "xmp": true, "noembed": true, "noframes": true, "iframe": true, "plaintext": true}

// scanHTML reads doc the way the HTML tokenizer does — comments, doctype,
// end tags, start tags with quoted or bare attributes, raw-text elements —
// and calls visit for every start tag, with the text of raw-text elements
// skipped. It is deliberately small: it errs towards seeing a tag where a
// browser might, never the other way.
func scanHTML(doc string, visit func(tag)) {
	i := 0
	for i < len(doc) {
		lt := strings.IndexByte(doc[i:], '<')
		if lt < 0 {
			return
		}
		i += lt
		rest := doc[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest[4:], "-->")
			if end < 0 {
				return
			}
			i += 4 + end + 3
			continue
		case strings.HasPrefix(rest, "<!") || strings.HasPrefix(rest, "<?") || strings.HasPrefix(rest, "</"):
			end := strings.IndexByte(rest, '>')
			if end < 0 {
				return
			}
			i += end + 1
			continue
		}
		if len(rest) < 2 || !isLetter(rest[1]) {
			i++
			continue
		}
		t, n := readTag(rest)
		t.off = i
		visit(t)
		i += n
		if rawText[t.name] {
			closeTag := "</" + t.name
			end := strings.Index(strings.ToLower(doc[i:]), closeTag)
			if end < 0 {
				return
			}
			i += end
		}
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// readTag reads the start tag at the beginning of s ("<name ...>") and
// returns it with its length.
func readTag(s string) (tag, int) {
	i := 1
	for i < len(s) && !isSpace(s[i]) && s[i] != '>' && s[i] != '/' {
		i++
	}
	t := tag{name: strings.ToLower(s[1:i])}
	for i < len(s) {
		for i < len(s) && (isSpace(s[i]) || s[i] == '/') {
			i++
		}
		if i >= len(s) {
			break
		}
		if s[i] == '>' {
			return t, i + 1
		}
		start := i
		i++ // an attribute name may start with '='
		for i < len(s) && !isSpace(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=' {
			i++
		}
		a := attr{name: strings.ToLower(s[start:i])}
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i < len(s) && s[i] == '=' {
			i++
			for i < len(s) && isSpace(s[i]) {
				i++
			}
			if i < len(s) && (s[i] == '"' || s[i] == '\'') {
				q := s[i]
				end := strings.IndexByte(s[i+1:], q)
				if end < 0 {
					a.val = html.UnescapeString(s[i+1:])
					t.attrs = append(t.attrs, a)
					return t, len(s)
				}
				a.val = html.UnescapeString(s[i+1 : i+1+end])
				i += end + 2
			} else {
				vs := i
				for i < len(s) && !isSpace(s[i]) && s[i] != '>' {
					i++
				}
				a.val = html.UnescapeString(s[vs:i])
			}
		}
		t.attrs = append(t.attrs, a)
	}
	return t, len(s)
}

// urlAttrs are the attributes a browser follows or loads as a URL.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true, "data": true, "poster": true, "background": true, "cite": true, "srcset": true, "ping": true, "manifest": true, "codebase": true}

// scheme returns the lower-case scheme of a URL as a browser reads it:
// leading and trailing spaces and control characters dropped, tabs and new
// lines inside removed.
func scheme(u string) string {
	u = strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	i := strings.IndexByte(u, ':')
	if i < 0 || strings.ContainsAny(u[:i], "/?#") {
		return ""
	}
	return strings.ToLower(u[:i])
}

// dangerous reports whether a URL in attribute name of element el would run
// script or show a document of the attacker's making.
func dangerous(el, name, val string) bool {
	vals := []string{val}
	if name == "srcset" {
		vals = nil
		for _, part := range strings.Split(val, ",") {
			vals = append(vals, strings.Fields(part + " x")[0])
		}
	}
	for _, v := range vals {
		switch scheme(v) {
		case "javascript", "vbscript", "livescript":
			return true
		case "data":
			// An image is inert: in <img> but for SVG, and in <link> (the
			// favicon; an icon never runs script and a stylesheet or
			// script link refuses an image type).
			low := strings.ToLower(strings.TrimSpace(v))
			img := strings.HasPrefix(low, "data:image/")
			if !(el == "img" && img && !strings.HasPrefix(low, "data:image/svg") || el == "link" && img) {
				return true
			}
		}
	}
	return false
}

// forbidden are elements a page of ours never needs and untrusted text
// must never produce.
var forbidden = map[string]bool{"iframe": true, "object": true, "embed": true, "base": true, "frame": true, "frameset": true, "applet": true, "portal": true}

// checkMarkup returns a description of every piece of executable markup in
// doc: a script element not loading one of ownScript, an event-handler
// attribute, a style attribute or element (inline style is refused by the
// CSP), a URL attribute with a script or document data: URL, a meta refresh
// to one, or a frame-like element.
func checkMarkup(doc string, ownScript func(src string) bool) []string {
	var bad []string
	report := func(t tag, format string, args ...any) {
		end := min(len(doc), t.off+160)
		bad = append(bad, fmt.Sprintf("offset %d: %s in %q", t.off, fmt.Sprintf(format, args...), doc[t.off:end]))
	}
	scanHTML(doc, func(t tag) {
		if t.name == "script" {
			src, ok := t.get("src")
			typ, _ := t.get("type")
			if !ok && typ != "application/json" && typ != "application/ld+json" {
				report(t, "inline script")
			} else if ok && !ownScript(src) {
				report(t, "script from %q", src)
			}
		}
		if forbidden[t.name] {
			report(t, "<%s> element", t.name)
		}
		if t.name == "style" {
			report(t, "<style> element")
		}
		for _, a := range t.attrs {
			switch {
			case strings.HasPrefix(a.name, "on"):
				report(t, "event handler %s", a.name)
			case a.name == "style":
				report(t, "style attribute")
			case urlAttrs[a.name] && dangerous(t.name, a.name, a.val):
				report(t, "%s=%q", a.name, a.val)
			}
		}
		if t.name == "meta" {
			if eq, _ := t.get("http-equiv"); strings.EqualFold(eq, "refresh") {
				c, _ := t.get("content")
				if i := strings.Index(strings.ToLower(c), "url="); i >= 0 && dangerous("meta", "href", strings.Trim(c[i+4:], `'" `)) {
					report(t, "refresh to %q", c)
				}
			}
		}
	})
	return bad
}
