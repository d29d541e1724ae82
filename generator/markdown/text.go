package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// textRenderer renders ast.Text nodes in place of goldmark's HTML renderer.
// It differs in how it treats a soft line break: goldmark's East Asian
// line-break handling looks only at a neighbouring Text node and so drops
// the break (and with it the space) when a line ends or starts with inline
// markup, which joins Latin words ("the\n[link](x)" → "the<a…>link</a>"),
// and it drops the break after any punctuation, which joins Latin
// sentences ("end.\nNext" → "end.Next"). textRenderer finds the characters
// on either side of the break through inline markup and applies
// keepBreak.
type textRenderer struct {
	html.Config
}

// SetOption implements renderer.SetOptioner, so that the CJK extension's
// escaped-space writer reaches this renderer too.
func (r *textRenderer) SetOption(name renderer.OptionName, value any) {
	r.Config.SetOption(name, value)
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *textRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindText, r.renderText)
}

func (r *textRenderer) renderText(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	value := n.Segment.Value(source)
	if n.IsRaw() {
		r.Writer.RawWrite(w, value)
		return ast.WalkContinue, nil
	}
	r.Writer.Write(w, value)
	switch {
	case n.HardLineBreak():
		_, _ = w.WriteString("<br>\n")
	case n.SoftLineBreak() && softBreakKept(n, source):
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// softBreakKept reports whether the soft line break that ends n renders as
// white space, by keepBreak on the characters either side of it. A break
// next to content without characters (an image, raw HTML) is kept.
func softBreakKept(n *ast.Text, source []byte) bool {
	var prev rune
	if v := n.Segment.Value(source); len(v) > 0 {
		prev, _ = utf8.DecodeLastRune(v)
	} else {
		var ok bool
		if prev, ok = neighbourRune(n, source, false); !ok {
			return true
		}
	}
	next, ok := neighbourRune(n, source, true)
	if !ok {
		return true
	}
	return keepBreak(prev, next)
}

// neighbourRune returns the first character after n (forward) or the last
// one before it (backward) in the same inline run, looking through inline
// markup. ok is false when there is none or when the neighbour is content
// without characters.
func neighbourRune(n ast.Node, source []byte, forward bool) (r rune, ok bool) {
	for {
		var s ast.Node
		if forward {
			s = n.NextSibling()
		} else {
			s = n.PreviousSibling()
		}
		for ; s != nil; s = step(s, forward) {
			r, found, opaque := edgeRune(s, source, forward)
			if opaque {
				return 0, false
			}
			if found {
				return r, true
			}
		}
		p := n.Parent()
		if p == nil || p.Type() != ast.TypeInline {
			return 0, false
		}
		n = p
	}
}

func step(n ast.Node, forward bool) ast.Node {
	if forward {
		return n.NextSibling()
	}
	return n.PreviousSibling()
}

// edgeRune returns the first (forward) or last character of n's text.
// found is false when n holds no text; opaque is true when n is content
// without characters, such as an image.
func edgeRune(n ast.Node, source []byte, forward bool) (r rune, found, opaque bool) {
	var v []byte
	switch n := n.(type) {
	case *ast.Text:
		v = n.Segment.Value(source)
	case *ast.String:
		v = n.Value
	case *ast.AutoLink:
		v = n.Label(source)
	case *ast.RawHTML, *ast.Image, *east.TaskCheckBox, *east.FootnoteLink, *east.FootnoteBacklink:
		return 0, false, true
	default:
		c := n.FirstChild()
		if !forward {
			c = n.LastChild()
		}
		for ; c != nil; c = step(c, forward) {
			if r, found, opaque = edgeRune(c, source, forward); found || opaque {
				return r, found, opaque
			}
		}
		return 0, false, false
	}
	if len(v) == 0 {
		return 0, false, false
	}
	if forward {
		r, _ = utf8.DecodeRune(v)
	} else {
		r, _ = utf8.DecodeLastRune(v)
	}
	return r, true, false
}

// keepBreak reports whether a soft line break between the characters prev
// and next renders as a space. It follows the segment break rules of the
// CSS Text 3 draft as goldmark's EastAsianLineBreaksCSS3Draft does, except
// that punctuation removes the break only when it is East Asian (wide or in
// the space-discarding set), so "end.\nNext" keeps its space while
// "基金会，\n当年度" loses it.
func keepBreak(prev, next rune) bool {
	// Rule 1: a zero-width space on either side absorbs the break.
	if prev == '\u200B' || next == '\u200B' {
		return false
	}
	// Rule 2: between two wide characters the break is removed, unless
	// one of them is Hangul (Korean separates words by spaces).
	if isWide(prev) && isWide(next) {
		return unicode.Is(unicode.Hangul, prev) || unicode.Is(unicode.Hangul, next)
	}
	// Rule 3: a space-discarding character on either side removes it.
	if discardsSpace(prev) || discardsSpace(next) {
		return false
	}
	// Rule 4: otherwise the break is a space.
	return true
}

func isWide(r rune) bool {
	switch util.EastAsianWidth(r) {
	case "F", "W", "H":
		return true
	}
	return false
}

func discardsSpace(r rune) bool {
	if util.IsSpaceDiscardingUnicodeRune(r) || r == '\u3000' {
		return true
	}
	return unicode.IsPunct(r) && isWide(r)
}

// textWriter collects the plain text of inline content.
type textWriter struct {
	b []byte // reused from line to line
}

// inline returns the plain text of n's inline children.
func (tw *textWriter) inline(n ast.Node, source []byte) string {
	tw.b = tw.b[:0]
	tw.inlineAppend(n, source)
	return string(tw.b)
}

// inlineAppend appends the plain text of n's inline children to tw.b.
func (tw *textWriter) inlineAppend(n ast.Node, source []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		tw.node(c, source)
	}
}

func (tw *textWriter) node(n ast.Node, source []byte) {
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(source)
		if n.IsRaw() {
			tw.b = append(tw.b, v...)
			return
		}
		tw.b = appendUnescaped(tw.b, v)
		switch {
		case n.HardLineBreak():
			tw.b = append(tw.b, '\n')
		case n.SoftLineBreak() && softBreakKept(n, source):
			tw.b = append(tw.b, ' ')
		}
	case *ast.String:
		if n.IsCode() || n.IsRaw() {
			tw.b = append(tw.b, n.Value...)
		} else {
			tw.b = appendUnescaped(tw.b, n.Value)
		}
	case *ast.CodeSpan:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			t, ok := c.(*ast.Text)
			if !ok {
				continue
			}
			v := t.Segment.Value(source)
			if l := len(v); l > 0 && v[l-1] == '\n' {
				tw.b = append(append(tw.b, v[:l-1]...), ' ')
			} else {
				tw.b = append(tw.b, v...)
			}
		}
	case *ast.AutoLink:
		tw.b = append(tw.b, n.Label(source)...)
	case *ast.RawHTML, *east.TaskCheckBox, *east.FootnoteLink, *east.FootnoteBacklink:
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			tw.node(c, source)
		}
	}
}

// appendUnescaped appends the Markdown text v to b as goldmark's HTML
// writer reads it, without HTML escaping: a backslash before ASCII
// punctuation is dropped, an escaped space disappears, NUL becomes U+FFFD
// and entity references are resolved.
func appendUnescaped(b []byte, v []byte) []byte {
	for i := 0; i < len(v); {
		c := v[i]
		switch {
		case c == '\\' && i+1 < len(v) && util.IsPunct(v[i+1]):
			b = append(b, v[i+1])
			i += 2
			continue
		case c == '\\' && i+1 < len(v) && v[i+1] == ' ':
			i += 2
			continue
		case c == 0:
			b = utf8.AppendRune(b, utf8.RuneError)
			i++
			continue
		case c == '&':
			if s, l := entity(v[i:]); l > 0 {
				b = append(b, s...)
				i += l
				continue
			}
		}
		b = append(b, c)
		i++
	}
	return b
}

// entity decodes the entity or numeric character reference at the start
// of v, returning its characters and length, or a zero length when v does
// not start with one.
func entity(v []byte) (string, int) {
	if len(v) < 3 || v[0] != '&' {
		return "", 0
	}
	if v[1] == '#' {
		hex := len(v) > 2 && (v[2] == 'x' || v[2] == 'X')
		start, maxDigits, base := 2, 7, rune(10)
		if hex {
			start, maxDigits, base = 3, 6, 16
		}
		var r rune
		i := start
		for ; i < len(v) && i-start < maxDigits; i++ {
			d := digit(v[i], hex)
			if d < 0 {
				break
			}
			r = r*base + rune(d)
		}
		if i == start || i >= len(v) || v[i] != ';' {
			return "", 0
		}
		return string(util.ToValidRune(r)), i + 1
	}
	i := 1
	for i < len(v) && util.IsAlphaNumeric(v[i]) {
		i++
	}
	if i == 1 || i >= len(v) || v[i] != ';' {
		return "", 0
	}
	e, ok := util.LookUpHTML5EntityByName(string(v[1:i]))
	if !ok {
		return "", 0
	}
	return string(e.Characters), i + 1
}

func digit(c byte, hex bool) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case hex && 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case hex && 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// tidyTail tidies the line of inline text b[from:] in place, returning
// the shortened b: it trims the white space around the line and
// collapses runs of spaces, such as the two left where raw HTML between
// spaces is left out.
func tidyTail(b []byte, from int) []byte {
	line := bytes.TrimSpace(b[from:])
	n := from
	var prev byte
	for _, c := range line { // writes never overtake reads: n ≤ the read index
		if c == ' ' && prev == ' ' {
			continue
		}
		prev = c
		b[n] = c
		n++
	}
	return b[:n]
}

// imagesOnly reports whether the paragraph p holds nothing but images and
// white space.
func imagesOnly(p ast.Node, source []byte) bool {
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Image:
		case *ast.Text:
			if len(strings.TrimSpace(string(c.Segment.Value(source)))) > 0 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// attrString returns an attribute value as a string.
func attrString(v any) string {
	switch v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	}
	return ""
}
