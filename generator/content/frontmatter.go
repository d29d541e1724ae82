package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// kind is the shape of a front-matter value.
type kind int

const (
	kindNull kind = iota
	kindMap
	kindList
	kindString
	kindInt
	kindFloat
	kindBool
	kindTime
)

func (k kind) String() string {
	return [...]string{"null", "mapping", "list", "string", "integer", "number", "boolean", "date"}[k]
}

// node is a front-matter value of any of the three formats, with the line it
// stands on, so that every later check can name file:line.
type node struct {
	kind   kind
	line   int
	text   string // scalar as written (string, number, bool, date)
	fields []field
	items  []*node
}

type field struct {
	key  string
	line int
	val  *node
}

// frontMatter is a file split into its front matter and body.
type frontMatter struct {
	format   string // "yaml", "toml", "json" or "" when there is none
	root     *node  // nil when there is no front matter
	body     []byte
	bodyLine int // line of the file on which body starts
}

const maxDepth = 32

var errNoFrontMatter = errors.New("no front matter")

// split separates src (already checked for UTF-8 and NUL, with CRLF folded)
// into front matter and body, decoding the front matter into a node tree
// whose lines count from the top of the file. Delimited front matter
// (---, +++, ;;; and ---yaml, ---toml, ---json) is split by
// adrg/frontmatter, from the file up to the closing line that cutDelimited
// finds in place; JSON that opens with "{" as Hugo reads it (splitJSON).
func split(file string, src []byte) (*frontMatter, *Error) {
	// Where does the first non-blank line stand, and which delimiter is it?
	first, firstLine, off := "", 0, 0
	for line := 1; off < len(src); line++ {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		if t := strings.TrimSpace(string(src[off : off+end])); t != "" {
			first, firstLine = t, line
			break
		}
		off += end + 1
	}
	var format, closer string
	switch {
	case first == "---", first == "---yaml":
		format, closer = "yaml", "---"
	case first == "+++":
		format, closer = "toml", "+++"
	case first == "---toml":
		format, closer = "toml", "---"
	case first == ";;;":
		format, closer = "json", ";;;"
	case first == "---json":
		format, closer = "json", "---"
	case strings.HasPrefix(first, "{"):
		return splitJSON(file, src, off+bytes.IndexByte(src[off:], '{'), firstLine)
	default:
		return &frontMatter{body: src, bodyLine: 1}, nil
	}
	// cutDelimited finds where the front matter ends in place; then
	// adrg/frontmatter splits it out of the file up to there, so that it
	// copies the front matter through its reader, not the whole body.
	_, start, ok := cutDelimited(src, off, closer)
	var root *node
	var decErr *Error
	if ok {
		root, decErr, ok = parseDelimited(file, format, src[:start], firstLine)
	}
	if !ok {
		return nil, errAt(Pos{File: file, Line: firstLine},
			fmt.Sprintf("front matter opened with %q is never closed", first),
			fmt.Sprintf("以 %q 开始的 front matter 没有结束标记", first))
	}
	if decErr != nil {
		return nil, decErr
	}
	return finish(file, format, root, firstLine, src, start)
}

// parseDelimited splits the delimited front matter of head (a file up to
// the end of its front matter's closing line) with adrg/frontmatter and
// decodes it in format; firstLine is the file line of the opening
// delimiter. ok is false when adrg/frontmatter finds no front matter there.
func parseDelimited(file, format string, head []byte, firstLine int) (root *node, decErr *Error, ok bool) {
	capture := func(data []byte, _ any) error {
		ok = true
		root, decErr = decode(format, file, data, firstLine+1)
		return nil
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", capture),
		frontmatter.NewFormat("---yaml", "---", capture),
		frontmatter.NewFormat("+++", "+++", capture),
		frontmatter.NewFormat("---toml", "---", capture),
		frontmatter.NewFormat(";;;", ";;;", capture),
		frontmatter.NewFormat("---json", "---", capture),
	}
	var sink struct{}
	if _, err := frontmatter.Parse(bytes.NewReader(head), &sink, formats...); err != nil {
		return nil, errAt(Pos{File: file, Line: firstLine}, "cannot read front matter: "+err.Error(), "无法读取 front matter："+err.Error()), true
	}
	return root, decErr, ok
}

// splitJSON splits off front matter that is one JSON object starting at
// src[start], as Hugo reads it: the object ends at the brace that closes
// the first one (braces inside strings do not count), one line break after
// it is dropped, and the body is the rest, even on the same line.
func splitJSON(file string, src []byte, start, firstLine int) (*frontMatter, *Error) {
	end := jsonObjectEnd(src[start:])
	if end < 0 {
		return nil, errAt(Pos{File: file, Line: firstLine},
			`front matter opened with "{" is never closed`,
			`以 "{" 开始的 front matter 没有结束标记`)
	}
	end += start
	root, decErr := decodeJSON(file, src[start:end], firstLine)
	if decErr != nil {
		return nil, decErr
	}
	if end < len(src) && src[end] == '\n' {
		end++
	}
	return finish(file, "json", root, firstLine, src, end)
}

// jsonObjectEnd returns the offset just after the brace that closes the
// object data starts with, or -1 when it is never closed. Like Hugo's
// lexer it counts braces outside strings and skips the character after a
// backslash.
func jsonObjectEnd(data []byte) int {
	level, inString := 0, false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '{':
			level++
		case c == '}':
			level--
			if level == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// finish checks the decoded front matter is a mapping and returns it with
// the body, src[start:], and the line the body starts on.
func finish(file, format string, root *node, firstLine int, src []byte, start int) (*frontMatter, *Error) {
	if root == nil || root.kind == kindNull {
		root = &node{kind: kindMap, line: firstLine}
	}
	if root.kind != kindMap {
		return nil, errAt(Pos{File: file, Line: root.line}, "front matter must be a mapping of keys to values, not a "+root.kind.String(), "front matter 必须是键值映射，而不是"+root.kind.String())
	}
	root.line = firstLine // a missing key is reported at the front matter's start
	bodyLine := 1 + bytes.Count(src[:start], []byte("\n"))
	return &frontMatter{format: format, root: root, body: src[start:], bodyLine: bodyLine}, nil
}

// decode parses the front matter data of the given format. line is the file
// line on which data starts.
func decode(format, file string, data []byte, line int) (*node, *Error) {
	switch format {
	case "yaml":
		return decodeYAML(file, data, line)
	case "toml":
		return decodeTOML(file, data, line)
	default:
		return decodeJSON(file, data, line)
	}
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

func decodeYAML(file string, data []byte, line int) (*node, *Error) {
	if n, ok := fastYAML(data, line); ok {
		return n, nil
	}
	return slowYAML(file, data, line)
}

// slowYAML decodes data through yaml.v3, for what fastYAML declines.
func slowYAML(file string, data []byte, line int) (*node, *Error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, nil
		}
		// yaml.v3 reports syntax errors only as text ("yaml: line 3: …");
		// its line counts from the start of data.
		l := line
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			l = line + n - 1
			msg = strings.TrimSpace(strings.Replace(msg, m[0]+":", "", 1))
		}
		return nil, &Error{Pos: Pos{File: file, Line: l}, Msg: "invalid YAML: " + msg, Zh: "YAML 语法错误：" + msg, Err: err}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		return nil, errAt(Pos{File: file, Line: line}, "YAML front matter holds more than one document", "YAML front matter 中有多个文档")
	}
	n, e := fromYAML(file, &doc, line, 0)
	return n, e
}

func fromYAML(file string, y *yaml.Node, base, depth int) (*node, *Error) {
	l := base + y.Line - 1
	if depth > maxDepth {
		return nil, errAt(Pos{File: file, Line: l}, "front matter nested too deeply", "front matter 嵌套层数过多")
	}
	switch y.Kind {
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			return nil, nil
		}
		return fromYAML(file, y.Content[0], base, depth+1)
	case yaml.AliasNode:
		return nil, errAt(Pos{File: file, Line: l}, "YAML aliases (*name) are not supported in front matter", "front matter 不支持 YAML 别名（*name）")
	case yaml.MappingNode:
		n := &node{kind: kindMap, line: l}
		seen := map[string]int{}
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			kl := base + k.Line - 1
			if k.Kind != yaml.ScalarNode {
				return nil, errAt(Pos{File: file, Line: kl}, "a key must be plain text", "键必须是纯文本")
			}
			if k.Value == "<<" {
				return nil, errAt(Pos{File: file, Line: kl}, "YAML merge keys (<<) are not supported in front matter", "front matter 不支持 YAML 合并键（<<）")
			}
			if prev, dup := seen[k.Value]; dup {
				return nil, errAt(Pos{File: file, Line: kl}, fmt.Sprintf("key %q given twice (first on line %d)", k.Value, prev), fmt.Sprintf("键 %q 重复（第一次在第 %d 行）", k.Value, prev))
			}
			seen[k.Value] = kl
			vn, err := fromYAML(file, v, base, depth+1)
			if err != nil {
				return nil, err
			}
			if vn == nil {
				vn = &node{kind: kindNull, line: kl}
			}
			n.fields = append(n.fields, field{key: k.Value, line: kl, val: vn})
		}
		return n, nil
	case yaml.SequenceNode:
		n := &node{kind: kindList, line: l}
		for _, c := range y.Content {
			cn, err := fromYAML(file, c, base, depth+1)
			if err != nil {
				return nil, err
			}
			if cn == nil {
				cn = &node{kind: kindNull, line: l}
			}
			n.items = append(n.items, cn)
		}
		return n, nil
	default:
		n := &node{line: l, text: y.Value}
		switch y.ShortTag() {
		case "!!null":
			n.kind = kindNull
		case "!!int":
			n.kind = kindInt
			// Normalise YAML 1.1/1.2 spellings (0x10, 1_000) to decimal.
			var v int64
			if err := y.Decode(&v); err != nil {
				return nil, errAt(Pos{File: file, Line: l}, "integer out of range: "+y.Value, "整数超出范围："+y.Value)
			}
			n.text = strconv.FormatInt(v, 10)
		case "!!float":
			n.kind = kindFloat
		case "!!bool":
			n.kind = kindBool
			var b bool
			if err := y.Decode(&b); err == nil {
				n.text = strconv.FormatBool(b)
			}
		case "!!timestamp":
			n.kind = kindTime
		default:
			n.kind = kindString
		}
		return n, nil
	}
}

func decodeJSON(file string, data []byte, line int) (*node, *Error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	lineAt := func(off int64) int {
		if off > int64(len(data)) {
			off = int64(len(data))
		}
		return line + bytes.Count(data[:off], []byte("\n"))
	}
	n, err := fromJSON(dec, lineAt, 0)
	if err == nil {
		if _, e := dec.Token(); e != io.EOF {
			err = fmt.Errorf("unexpected data after the front matter object")
		}
	}
	if err != nil {
		l := lineAt(dec.InputOffset())
		var se *json.SyntaxError
		if errors.As(err, &se) {
			l = lineAt(se.Offset)
		}
		return nil, &Error{Pos: Pos{File: file, Line: l}, Msg: "invalid JSON: " + err.Error(), Zh: "JSON 语法错误：" + err.Error(), Err: err}
	}
	return n, nil
}

func fromJSON(dec *json.Decoder, lineAt func(int64) int, depth int) (*node, error) {
	if depth > maxDepth {
		return nil, errors.New("nested too deeply")
	}
	start := dec.InputOffset()
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, err
	}
	// InputOffset is before any whitespace preceding the token; find the
	// token's own line by skipping that whitespace is not possible here, so
	// use the offset after the token, which is on the token's line for
	// scalars and opening brackets alike.
	l := lineAt(dec.InputOffset())
	_ = start
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n := &node{kind: kindMap, line: l}
			seen := map[string]bool{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, ok := kt.(string)
				if !ok {
					return nil, fmt.Errorf("object key must be a string")
				}
				kl := lineAt(dec.InputOffset())
				if seen[key] {
					return nil, fmt.Errorf("key %q given twice on line %d", key, kl)
				}
				seen[key] = true
				v, err := fromJSON(dec, lineAt, depth+1)
				if err != nil {
					return nil, err
				}
				n.fields = append(n.fields, field{key: key, line: kl, val: v})
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return n, nil
		case '[':
			n := &node{kind: kindList, line: l}
			for dec.More() {
				v, err := fromJSON(dec, lineAt, depth+1)
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return n, nil
		}
		return nil, fmt.Errorf("unexpected %v", t)
	case string:
		return &node{kind: kindString, line: l, text: t}, nil
	case json.Number:
		if _, err := strconv.ParseInt(string(t), 10, 64); err == nil {
			return &node{kind: kindInt, line: l, text: string(t)}, nil
		}
		return &node{kind: kindFloat, line: l, text: string(t)}, nil
	case bool:
		return &node{kind: kindBool, line: l, text: strconv.FormatBool(t)}, nil
	case nil:
		return &node{kind: kindNull, line: l}, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

func decodeTOML(file string, data []byte, line int) (*node, *Error) {
	var m map[string]any
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&m)
	if err != nil {
		l := line
		var pe toml.ParseError
		if errors.As(err, &pe) {
			l = line + pe.Position.Line - 1
			msg := pe.Message
			return nil, &Error{Pos: Pos{File: file, Line: l}, Msg: "invalid TOML: " + msg, Zh: "TOML 语法错误：" + msg, Err: err}
		}
		return nil, &Error{Pos: Pos{File: file, Line: l}, Msg: "invalid TOML: " + err.Error(), Zh: "TOML 语法错误：" + err.Error(), Err: err}
	}
	lines := TOMLKeyLines(data)
	lineOf := func(path string) int {
		if l, ok := lines[path]; ok {
			return line + l - 1
		}
		// Fall back to the nearest enclosing key that has a line.
		for i := strings.LastIndexByte(path, '.'); i > 0; i = strings.LastIndexByte(path[:i], '.') {
			if l, ok := lines[path[:i]]; ok {
				return line + l - 1
			}
		}
		return line
	}
	// Key order as written: TOML's MetaData keeps it.
	order := map[string]int{}
	for i, k := range md.Keys() {
		order[k.String()] = i
	}
	return fromTOML(m, "", lineOf, order, 0), nil
}

// TOMLKeyLines maps dotted key paths ("title", "metrics.0.value") to the
// line (from 1) they are written on, by a line scan of the TOML text. It
// understands [table] and [[array]] headers (an array's path without an
// index takes its first element's line) and key = value lines; keys inside
// multi-line inline values take the line of their enclosing key. Front
// matter and hugo.toml readers use it to put a line on a decoded key.
func TOMLKeyLines(data []byte) map[string]int {
	out := map[string]int{}
	prefix := ""
	counts := map[string]int{}
	for i, raw := range strings.Split(string(data), "\n") {
		l := strings.TrimSpace(raw)
		switch {
		case strings.HasPrefix(l, "[["):
			name := strings.TrimSpace(strings.Trim(l, "[] "))
			idx := counts[name]
			counts[name]++
			prefix = name + "." + strconv.Itoa(idx) + "."
			if _, ok := out[name]; !ok {
				out[name] = i + 1
			}
			out[strings.TrimSuffix(prefix, ".")] = i + 1
		case strings.HasPrefix(l, "["):
			name := strings.TrimSpace(strings.Trim(l, "[] "))
			prefix = name + "."
			out[name] = i + 1
		default:
			eq := strings.IndexByte(l, '=')
			if eq <= 0 {
				continue
			}
			key := strings.Trim(strings.TrimSpace(l[:eq]), `"'`)
			if key == "" || strings.ContainsAny(key, " \t{}[]") {
				continue
			}
			if _, ok := out[prefix+key]; !ok {
				out[prefix+key] = i + 1
			}
		}
	}
	return out
}

func fromTOML(v any, path string, lineOf func(string) int, order map[string]int, depth int) *node {
	l := lineOf(path)
	join := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	switch t := v.(type) {
	case map[string]any:
		n := &node{kind: kindMap, line: l}
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			oi, iok := order[join(keys[i])]
			oj, jok := order[join(keys[j])]
			if iok && jok && oi != oj {
				return oi < oj
			}
			return keys[i] < keys[j]
		})
		for _, k := range keys {
			p := join(k)
			n.fields = append(n.fields, field{key: k, line: lineOf(p), val: fromTOML(t[k], p, lineOf, order, depth+1)})
		}
		return n
	case []map[string]any:
		n := &node{kind: kindList, line: l}
		for i, e := range t {
			n.items = append(n.items, fromTOML(e, path+"."+strconv.Itoa(i), lineOf, order, depth+1))
		}
		return n
	case []any:
		n := &node{kind: kindList, line: l}
		for i, e := range t {
			n.items = append(n.items, fromTOML(e, path+"."+strconv.Itoa(i), lineOf, order, depth+1))
		}
		return n
	case string:
		return &node{kind: kindString, line: l, text: t}
	case int64:
		return &node{kind: kindInt, line: l, text: strconv.FormatInt(t, 10)}
	case float64:
		return &node{kind: kindFloat, line: l, text: strconv.FormatFloat(t, 'f', -1, 64)}
	case bool:
		return &node{kind: kindBool, line: l, text: strconv.FormatBool(t)}
	case time.Time:
		// BurntSushi/toml marks local dates and times by zone name.
		switch t.Location().String() {
		case "date-local":
			return &node{kind: kindTime, line: l, text: t.Format("2006-01-02")}
		case "datetime-local":
			return &node{kind: kindTime, line: l, text: t.Format("2006-01-02T15:04:05")}
		case "time-local":
			return &node{kind: kindString, line: l, text: t.Format("15:04:05")}
		}
		return &node{kind: kindTime, line: l, text: t.Format(time.RFC3339)}
	}
	return &node{kind: kindNull, line: l}
}
