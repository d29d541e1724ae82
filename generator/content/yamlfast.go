package content

import (
	"strings"
	"time"
	"unicode/utf8"
)

// fastYAML decodes YAML front matter data, whose first line is line line
// of the file, into the node tree decodeYAML would build from it, without
// yaml.v3, for the plain shapes stories are written in:
//
//   - a block mapping at column 0 of keys made of ASCII letters, digits,
//     '_' and '-' (starting with a letter or '_'), each given once;
//   - values that are one-line scalars (plain, 'single' or "double"
//     quoted with the escapes \" \\ \n \t \r and \u with four hex
//     digits), one-line flow lists of such scalars ([a, "b"]), block
//     lists ("- " items) of scalars or of block mappings, block mappings,
//     or nothing (null);
//   - plain scalars read as yaml.v3 reads them only where that is certain:
//     text starting with a letter, '_', '/', '(' or a non-ASCII character;
//     true/false/null/~ in the spellings yaml.v3 resolves; decimal
//     integers without leading zeros; decimals such as 0.5; dates
//     YYYY-MM-DD; times YYYY-MM-DDThh:mm:ss with a zone, as form editors
//     write them.
//
// It reports ok false for anything else — comments, tabs, carriage returns,
// anchors, aliases, tags, block and multi-line scalars, flow mappings,
// document markers, odd indentation, duplicate keys, unusual characters,
// other number spellings — and the caller then decodes data with yaml.v3,
// so every error and every unusual case reads exactly as before. A nil
// root with ok true means data holds only blank lines.
func fastYAML(data []byte, line int) (root *node, ok bool) {
	if !fastYAMLChars(data) {
		return nil, false
	}
	p := yamlLines{base: line}
	text := string(data) // one copy; lines and values are slices of it
	for text != "" {
		l, rest, _ := strings.Cut(text, "\n")
		p.lines = append(p.lines, l)
		text = rest
	}
	p.skipBlank()
	if p.i == len(p.lines) {
		return nil, true
	}
	if indentOf(p.lines[p.i]) != 0 {
		return nil, false
	}
	root, ok = p.mapping(0, "", 0)
	if !ok || p.i != len(p.lines) {
		return nil, false
	}
	return root, true
}

// fastYAMLChars reports whether data holds only characters fastYAML
// handles: printable ASCII, line feeds, and the printable non-ASCII
// characters yaml.v3 reads as ordinary text (not NEL, LS, PS or BOM).
func fastYAMLChars(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c != '\n' && (c < 0x20 || c == 0x7f) {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return false
		case r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff,
			r >= 0xd800 && r < 0xe000, r == 0xfffe, r == 0xffff:
			return false
		}
		i += size
	}
	return true
}

// yamlLines is fastYAML's cursor over the lines of front matter.
type yamlLines struct {
	lines []string
	i     int // the next line to read
	base  int // file line of lines[0]
}

// maxFastDepth bounds the nesting fastYAML follows, far inside maxDepth.
const maxFastDepth = 8

func (p *yamlLines) skipBlank() {
	for p.i < len(p.lines) && strings.TrimLeft(p.lines[p.i], " ") == "" {
		p.i++
	}
}

func indentOf(s string) int {
	n := 0
	for n < len(s) && s[n] == ' ' {
		n++
	}
	return n
}

// mapping reads a block mapping whose keys stand at column col. first, when
// not empty, is its first entry, which follows a list item's "- " on the
// current line; otherwise the entries start on the current line.
func (p *yamlLines) mapping(col int, first string, depth int) (*node, bool) {
	if depth > maxFastDepth {
		return nil, false
	}
	m := &node{kind: kindMap, line: p.base + p.i}
	for entry := first; ; entry = "" {
		if entry == "" {
			p.skipBlank()
			if p.i == len(p.lines) {
				break
			}
			s := p.lines[p.i]
			ind := indentOf(s)
			if ind < col || ind == col && strings.HasPrefix(s[ind:], "-") {
				break // the mapping ends; the caller checks what follows
			}
			if ind > col {
				return nil, false
			}
			entry = s[ind:]
		}
		key, rest, ok := cutKey(entry)
		if !ok {
			return nil, false
		}
		for _, f := range m.fields {
			if f.key == key {
				return nil, false
			}
		}
		kl := p.base + p.i
		var val *node
		if rest == "" {
			p.i++
			val, ok = p.blockValue(col, kl, depth)
		} else {
			val, ok = scalarOrFlow(rest, kl)
			p.i++
		}
		if !ok {
			return nil, false
		}
		m.fields = append(m.fields, field{key: key, line: kl, val: val})
	}
	return m, len(m.fields) > 0
}

// blockValue reads the value of a key at column col written on a line of
// its own after it: a list at col or deeper, a mapping deeper, or, when
// nothing deeper follows, null on the key's line kl.
func (p *yamlLines) blockValue(col, kl, depth int) (*node, bool) {
	p.skipBlank()
	if p.i < len(p.lines) {
		s := p.lines[p.i]
		ind := indentOf(s)
		switch {
		case ind >= col && strings.HasPrefix(s[ind:], "- "):
			return p.list(ind, depth+1)
		case ind > col:
			return p.mapping(ind, "", depth+1)
		}
	}
	return &node{kind: kindNull, line: kl}, true
}

// list reads a block list whose "- " stand at column col.
func (p *yamlLines) list(col, depth int) (*node, bool) {
	if depth > maxFastDepth {
		return nil, false
	}
	l := &node{kind: kindList, line: p.base + p.i}
	for {
		p.skipBlank()
		if p.i == len(p.lines) {
			break
		}
		s := p.lines[p.i]
		ind := indentOf(s)
		if ind < col || ind == col && !strings.HasPrefix(s[ind:], "-") {
			break
		}
		if ind > col || !strings.HasPrefix(s[ind:], "- ") {
			return nil, false
		}
		item := s[ind+2:]
		var it *node
		var ok bool
		switch {
		case item == "" || item[0] == ' ':
			return nil, false
		case isKeyStart(item):
			it, ok = p.mapping(col+2, item, depth+1)
		default:
			it, ok = scalarOrFlow(item, p.base+p.i)
			p.i++
		}
		if !ok {
			return nil, false
		}
		l.items = append(l.items, it)
	}
	return l, true
}

// isKeyStart reports whether s starts with "key:" followed by a space or
// the end of the line.
func isKeyStart(s string) bool {
	_, _, ok := cutKey(s)
	return ok
}

// cutKey splits "key: rest" or "key:" into the key and the rest with its
// leading spaces dropped.
func cutKey(s string) (key, rest string, ok bool) {
	n := 0
	for n < len(s) {
		c := s[n]
		if c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || n > 0 && (c == '-' || '0' <= c && c <= '9') {
			n++
			continue
		}
		break
	}
	if n == 0 || n > 64 || n == len(s) || s[n] != ':' {
		return "", "", false
	}
	rest = s[n+1:]
	if rest != "" && rest[0] != ' ' {
		return "", "", false
	}
	return s[:n], strings.TrimLeft(rest, " "), true
}

// scalarOrFlow reads a value written on one line, after "key: " or "- ":
// a quoted or plain scalar or a flow list, with nothing but spaces after it.
func scalarOrFlow(s string, line int) (*node, bool) {
	s = strings.TrimRight(s, " ")
	switch s[0] {
	case '[':
		return flowList(s, line)
	case '"', '\'':
		text, n, ok := quoted(s)
		if !ok || n != len(s) {
			return nil, false
		}
		return &node{kind: kindString, line: line, text: text}, true
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return nil, false
	}
	return plain(s, line)
}

// flowList reads a one-line flow list of scalars, s starting with '[' and
// ending at the ']' that closes it.
func flowList(s string, line int) (*node, bool) {
	l := &node{kind: kindList, line: line}
	rest := strings.TrimLeft(s[1:], " ")
	if rest == "" {
		return nil, false
	}
	if rest == "]" {
		return l, true
	}
	for {
		var it *node
		switch rest[0] {
		case '"', '\'':
			text, n, ok := quoted(rest)
			if !ok {
				return nil, false
			}
			it, rest = &node{kind: kindString, line: line, text: text}, rest[n:]
		default:
			n := strings.IndexAny(rest, ",]")
			if n < 0 {
				return nil, false
			}
			text := strings.TrimRight(rest[:n], " ")
			// In a flow list yaml.v3 ends a plain scalar at ?, [, ], {
			// and }; # and : may; quotes are left to it.
			if strings.ContainsAny(text, "[]{}#:?\"'") {
				return nil, false
			}
			var ok bool
			if it, ok = plain(text, line); !ok {
				return nil, false
			}
			rest = rest[n:]
		}
		l.items = append(l.items, it)
		rest = strings.TrimLeft(rest, " ")
		switch {
		case rest == "]":
			return l, true
		case strings.HasPrefix(rest, ","):
			rest = strings.TrimLeft(rest[1:], " ")
			if rest == "" || rest[0] == ']' || rest[0] == ',' {
				return nil, false
			}
		default:
			return nil, false
		}
	}
}

// quoted reads the one-line quoted scalar s starts with and returns its
// text and the length it takes in s.
func quoted(s string) (text string, n int, ok bool) {
	q := s[0]
	if end := strings.IndexByte(s[1:], q); end >= 0 && !strings.Contains(s[1:end+1], `\`) && (q == '"' || !strings.HasPrefix(s[end+2:], "'")) {
		return s[1 : end+1], end + 2, true // no escapes: a slice of s
	}
	var b strings.Builder
	for i := 1; i < len(s); {
		c := s[i]
		switch {
		case c == q && q == '\'':
			if i+1 < len(s) && s[i+1] == '\'' {
				b.WriteByte('\'')
				i += 2
				continue
			}
			return b.String(), i + 1, true
		case c == q:
			return b.String(), i + 1, true
		case c == '\\' && q == '"':
			if i+1 == len(s) {
				return "", 0, false
			}
			switch s[i+1] {
			case '"', '\\':
				b.WriteByte(s[i+1])
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'u':
				r, ok := hex4(s[i+2:])
				if !ok {
					return "", 0, false
				}
				b.WriteRune(r)
				i += 4
			default:
				return "", 0, false
			}
			i += 2
		default:
			b.WriteByte(c)
			i++
		}
	}
	return "", 0, false // not closed on this line
}

// hex4 reads the four hexadecimal digits s starts with as a character that
// is not a surrogate.
func hex4(s string) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[:4]) {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	if r >= 0xd800 && r < 0xe000 {
		return 0, false
	}
	return r, true
}

// plain resolves the plain scalar s as yaml.v3 does, where fastYAML is sure
// how it does.
func plain(s string, line int) (*node, bool) {
	n := &node{line: line, text: s}
	switch s {
	case "":
		return nil, false
	case "true", "True", "TRUE":
		n.kind, n.text = kindBool, "true"
		return n, true
	case "false", "False", "FALSE":
		n.kind, n.text = kindBool, "false"
		return n, true
	case "~", "null", "Null", "NULL":
		n.kind = kindNull
		return n, true
	}
	c := s[0]
	switch {
	case '0' <= c && c <= '9':
		switch {
		case isDecimal(s, 18):
			n.kind = kindInt
		case isFraction(s):
			n.kind = kindFloat
		case isDate(s), isDateTime(s):
			n.kind = kindTime
		default:
			return nil, false
		}
		return n, true
	case c == '_', c == '/', c == '(', 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c >= utf8.RuneSelf:
		n.kind = kindString
		return n, true
	}
	return nil, false
}

// isDecimal reports whether s is 0 or a decimal of at most max digits
// without a leading zero.
func isDecimal(s string, max int) bool {
	if s == "" || len(s) > max || len(s) > 1 && s[0] == '0' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isFraction reports whether s is a decimal with a fraction, such as 0.5.
func isFraction(s string) bool {
	whole, frac, ok := strings.Cut(s, ".")
	return ok && isDecimal(whole, 15) && frac != "" && len(frac) <= 15 && strings.Trim(frac, "0123456789") == ""
}

// isDate reports whether s is a date YYYY-MM-DD that yaml.v3 reads as a
// timestamp.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for _, i := range []int{0, 1, 2, 3, 5, 6, 8, 9} {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	_, err := time.Parse("2006-1-2", s)
	return err == nil
}

// isDateTime reports whether s is a time such as 2016-05-01T00:00:00.000Z
// or 2016-05-01T08:00:00+08:00 that yaml.v3 reads as a timestamp: the
// first layout it tries parses it (when that layout fails on this shape,
// no later one succeeds and yaml.v3 reads text, which fastYAML leaves to
// it).
func isDateTime(s string) bool {
	if len(s) < 20 || !isDate(s[:10]) || s[10] != 'T' {
		return false
	}
	_, err := time.Parse("2006-1-2T15:4:5.999999999Z07:00", s)
	return err == nil
}
