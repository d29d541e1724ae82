package markdown

import (
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// emphasisParser parses '*' and '_' delimiter runs like goldmark's own
// emphasis parser, but decides whether a run can open or close emphasis by
// the CommonMark CJK-friendly amendments
// (https://github.com/tats-u/markdown-cjk-friendly/blob/main/specification.md):
// punctuation that is itself CJK, such as '。' or '“', no longer keeps a run
// next to a Chinese character from flanking, so that
// `**先调研，后设计。**基金会` is bold as a Chinese writer means it.
// Runs between Latin text behave exactly as in CommonMark. Variation
// selectors are not treated specially.
//
// It is registered ahead of goldmark's parser, which then never sees these
// triggers. It keeps no state, so one value serves all goroutines.
type emphasisParser struct{}

// Trigger implements parser.InlineParser.
func (emphasisParser) Trigger() []byte {
	return []byte{'*', '_'}
}

// Parse implements parser.InlineParser.
func (emphasisParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	d := scanDelimiter(line, before)
	if d == nil {
		return nil
	}
	d.Segment = segment.WithStop(segment.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

// emphasisDelimiters is the DelimiterProcessor of emphasisParser's runs.
type emphasisDelimiters struct{}

// IsDelimiter implements parser.DelimiterProcessor.
func (emphasisDelimiters) IsDelimiter(b byte) bool {
	return b == '*' || b == '_'
}

// CanOpenCloser implements parser.DelimiterProcessor.
func (emphasisDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

// OnMatch implements parser.DelimiterProcessor.
func (emphasisDelimiters) OnMatch(consumes int) ast.Node {
	return ast.NewEmphasis(consumes)
}

// scanDelimiter reads the run of '*' or '_' at the start of line, preceded
// by the character before, and returns it as a delimiter, or nil if line
// does not start with one.
func scanDelimiter(line []byte, before rune) *parser.Delimiter {
	if len(line) == 0 || (line[0] != '*' && line[0] != '_') {
		return nil
	}
	c := line[0]
	j := 1
	for j < len(line) && line[j] == c {
		j++
	}
	after := ' ' // the end of the line counts as white space
	if j < len(line) {
		after = util.ToRune(line, j)
	}
	beforeSpace, afterSpace := util.IsSpaceRune(before), util.IsSpaceRune(after)
	beforePunct, afterPunct := util.IsPunctRune(before), util.IsPunctRune(after)
	beforeCJK, afterCJK := isCJK(before), isCJK(after)
	beforeLatinPunct := beforePunct && !beforeCJK
	afterLatinPunct := afterPunct && !afterCJK

	left := !afterSpace &&
		(!afterLatinPunct || beforeSpace || beforeLatinPunct || beforeCJK || isIVS(before))
	right := !beforeSpace &&
		(!beforeLatinPunct || afterSpace || afterLatinPunct || afterCJK)

	var canOpen, canClose bool
	if c == '_' {
		canOpen = left && (!right || beforePunct)
		canClose = right && (!left || afterPunct)
	} else {
		canOpen, canClose = left, right
	}
	return parser.NewDelimiter(canOpen, canClose, j, c, emphasisDelimiters{})
}

// isCJK reports whether r is a CJK character in the sense of the
// CJK-friendly amendments: East Asian Width W, F or H and not an emoji
// (approximated as the code points from U+1F000), or Hangul.
func isCJK(r rune) bool {
	return (isWide(r) && r < 0x1F000) || unicode.Is(unicode.Hangul, r)
}

// isIVS reports whether r is an ideographic variation selector.
func isIVS(r rune) bool {
	return 0xE0100 <= r && r <= 0xE01EF
}
