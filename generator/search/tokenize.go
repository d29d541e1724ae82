package search

import (
	"unicode/utf8"
)

// MaxWordLen is the number of characters after which a Latin word is cut.
// The JavaScript tokenizer cuts at the same length.
const MaxWordLen = 40

// Token is one indexable term of a text and its position. Positions count
// Han characters and Latin words: a bigram has the position of its first
// character, so two bigrams are adjacent in the text when their positions
// differ by one.
type Token struct {
	Term string
	Pos  int
}

// Fold maps a rune to the form the tokenizer indexes: full-width ASCII forms
// (U+FF01–U+FF5E) and the ideographic space become their half-width
// counterparts and upper-case Latin letters (ASCII and Latin-1) become lower
// case.
func Fold(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000:
		return ' '
	}
	switch {
	case r >= 'A' && r <= 'Z':
		return r + 0x20
	case r >= 0xC0 && r <= 0xDE && r != 0xD7:
		return r + 0x20
	}
	return r
}

// IsHan reports whether r is a Han character (CJK unified ideographs and
// their extensions, compatibility ideographs, and 〇).
func IsHan(r rune) bool {
	return (r >= 0x4E00 && r <= 0x9FFF) ||
		(r >= 0x3400 && r <= 0x4DBF) ||
		(r >= 0xF900 && r <= 0xFAFF) ||
		(r >= 0x20000 && r <= 0x2FA1F) ||
		r == 0x3007
}

// isWord reports whether a folded rune belongs to a Latin word.
func isWord(r rune) bool {
	return (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') ||
		(r >= 0xDF && r <= 0xFF && r != 0xF7)
}

// Tokenize splits text into terms: every Han character alone and every pair
// of adjacent Han characters (overlapping bigrams), and every run of Latin
// letters and digits as one lower-cased word. Full-width forms are folded to
// half-width; everything else (punctuation, spaces, other scripts, invalid
// UTF-8) separates terms and is dropped. Tokens come in position order, a
// unigram before the bigram at the same position.
func Tokenize(text string) []Token {
	var out []Token
	TokenizeFunc(text, func(t Token) { out = append(out, t) })
	return out
}

// TokenizeFunc calls emit for every token of text in the order Tokenize
// returns them, without building a slice. The Term strings of bigrams and
// unigrams share no memory with text.
func TokenizeFunc(text string, emit func(Token)) {
	sc := newScanner(text, nil)
	var buf [8]byte
	for {
		k, r, p1, _, pos := sc.next()
		switch k {
		case scanEnd:
			return
		case scanWord:
			emit(Token{Term: string(sc.word), Pos: pos})
		default:
			if p1 >= 0 {
				n := utf8.EncodeRune(buf[:], p1)
				n += utf8.EncodeRune(buf[n:], r)
				emit(Token{Term: string(buf[:n]), Pos: pos - 1})
			}
			n := utf8.EncodeRune(buf[:], r)
			emit(Token{Term: string(buf[:n]), Pos: pos})
		}
	}
}
