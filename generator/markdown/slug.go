package markdown

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// pinyinArgs asks go-pinyin for one toneless reading per character and
// nothing for characters without one. It is never modified.
var pinyinArgs = pinyin.Args{
	Style:     pinyin.Normal,
	Separator: "-",
	Fallback:  func(rune, pinyin.Args) []string { return nil },
}

// headingSlug returns the automatic id for a heading with plain text s:
// ASCII letters and digits lower-cased, each Han character replaced by its
// toneless pinyin, words joined by '-', "heading" when nothing is left.
// The result is ASCII.
func headingSlug(s string) string {
	var b strings.Builder
	sep := false // a separator is due before the next word character
	word := func(w string) {
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		b.WriteString(w)
	}
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			word(string(r))
		case 'A' <= r && r <= 'Z':
			word(string(r + 'a' - 'A'))
		case unicode.Is(unicode.Han, r):
			sep = true
			if py := asciiLetters(pinyin.SinglePinyin(r, pinyinArgs)); py != "" {
				word(py)
			}
			sep = true
		default:
			sep = true
		}
	}
	if b.Len() == 0 {
		return "heading"
	}
	return b.String()
}

// asciiLetters returns the first reading in readings with everything but
// ASCII lower-case letters removed (go-pinyin spells ü as v in its
// toneless style; this guards the ASCII promise whatever it returns).
func asciiLetters(readings []string) string {
	if len(readings) == 0 {
		return ""
	}
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' {
			return r
		}
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return -1
	}, readings[0])
}
