package markdown

import (
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// safety is the ASTTransformer that makes a parsed document safe to
// render and gives every heading an id. It keeps no state between
// documents, so one value serves all goroutines.
type safety struct{}

// Transform implements parser.ASTTransformer.
func (safety) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	var links, autoLinks, images []ast.Node
	var headings []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Attributes() != nil {
			keepAttributes(n)
		}
		switch n := n.(type) {
		case *ast.Link:
			if !linkAllowed(string(n.Destination)) {
				links = append(links, n)
			}
		case *ast.AutoLink:
			if !linkAllowed(string(n.URL(source))) {
				autoLinks = append(autoLinks, n)
			}
		case *ast.Image:
			if !imageAllowed(string(n.Destination)) {
				images = append(images, n)
			}
		case *ast.Heading:
			headings = append(headings, n)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range links {
		unwrap(n)
	}
	for _, n := range images {
		unwrap(n)
	}
	for _, n := range autoLinks {
		s := ast.NewString(n.(*ast.AutoLink).Label(source))
		s.SetRaw(true)
		n.Parent().ReplaceChild(n.Parent(), n, s)
	}
	assignIDs(headings, source)
}

// keepAttributes removes every attribute of n but id and class.
func keepAttributes(n ast.Node) {
	attrs := n.Attributes()
	n.RemoveAttributes()
	for _, a := range attrs {
		switch string(a.Name) {
		case "id", "class":
			n.SetAttribute(a.Name, a.Value)
		}
	}
}

// unwrap replaces n by its children.
func unwrap(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// assignIDs gives every heading without an id one made by headingSlug,
// unique among the document's ids.
func assignIDs(headings []*ast.Heading, source []byte) {
	if len(headings) == 0 {
		return
	}
	used := make(map[string]bool, len(headings))
	for _, h := range headings {
		if id, ok := h.AttributeString("id"); ok {
			used[attrString(id)] = true
		}
	}
	next := map[string]int{}
	var tw textWriter
	for _, h := range headings {
		if _, ok := h.AttributeString("id"); ok {
			continue
		}
		base := headingSlug(tw.inline(h, source))
		id := base
		for i := next[base]; used[id]; {
			i++
			id = base + "-" + strconv.Itoa(i)
			next[base] = i
		}
		used[id] = true
		h.SetAttributeString("id", []byte(id))
	}
}

// linkAllowed reports whether a link to dest may be emitted: dest is
// relative or uses http, https, ftp, mailto or tel.
func linkAllowed(dest string) bool {
	scheme, _ := urlScheme(dest)
	switch scheme {
	case "", "http", "https", "ftp", "mailto", "tel":
		return true
	}
	return false
}

// imageAllowed reports whether an image with source dest may be emitted:
// dest is relative, http, https, or a data URL of a PNG, GIF, JPEG or WebP
// image.
func imageAllowed(dest string) bool {
	scheme, rest := urlScheme(dest)
	switch scheme {
	case "", "http", "https":
		return true
	case "data":
		for _, t := range []string{"image/png", "image/gif", "image/jpeg", "image/webp"} {
			if strings.HasPrefix(rest, t+";") || strings.HasPrefix(rest, t+",") {
				return true
			}
		}
	}
	return false
}

// urlScheme returns the lower-cased scheme of dest and the rest after the
// colon, or "" and dest for a relative URL. It reads dest more eagerly
// than a browser does, so that no spelling a browser would take for a
// scheme escapes it: character references and percent escapes are decoded
// (repeatedly), then all control, white-space and invisible format
// characters are removed anywhere in the string, and the case is folded.
// Whatever precedes the first ':' is the scheme unless a '/', '?' or '#'
// comes before it.
func urlScheme(dest string) (scheme, rest string) {
	s := dest
	for range 4 {
		d := percentDecode(html.UnescapeString(s))
		if d == s {
			break
		}
		s = d
	}
	s = strings.Map(func(r rune) rune {
		if r <= ' ' || r == utf8.RuneError || unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	i := strings.IndexAny(s, ":/?#")
	if i < 0 || s[i] != ':' {
		return "", s
	}
	return s[:i], s[i+1:]
}

// percentDecode decodes every well-formed %XX escape in s and leaves
// malformed ones as they are.
func percentDecode(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			hi, lo := digit(s[i+1], true), digit(s[i+2], true)
			if hi >= 0 && lo >= 0 {
				b.WriteByte(byte(hi<<4 | lo))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
