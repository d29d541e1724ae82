package markdown

import (
	"strings"
	"sync"
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
			if py := hanPinyin(r); py != "" {
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

// pinyinCache maps a Han character to its slug syllable. go-pinyin spends
// most of its time on regular expressions, and a build sees the same few
// thousand characters over and over.
var pinyinCache sync.Map // rune → string

// hanPinyin returns the toneless pinyin of the Han character r in ASCII
// lower-case letters, or "" if go-pinyin has none.
func hanPinyin(r rune) string {
	if v, ok := pinyinCache.Load(r); ok {
		return v.(string)
	}
	py := asciiLetters(pinyin.SinglePinyin(r, pinyinArgs))
	pinyinCache.Store(r, py)
	return py
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
