package markdown

import (
	"strings"
	"unicode"
)

// Summarize returns plain text cut to at most n characters (runes; a Chinese
// character counts as one), ellipsis included. Runs of white space become
// one space, or nothing where a line break falls between two wide (CJK)
// characters. Text that fits is returned whole; otherwise it is cut,
// trailing spaces and separating punctuation (，、；： , ; :) are dropped and
// "…" is appended. A cut never splits a Latin word or a number unless that
// word alone fills the limit; a cut between two CJK characters or at any
// white space or punctuation is always fine. Summarize works on plain text
// only ([Doc.Text], [Doc.FirstParagraph]), so it never cuts inside a tag.
// It returns "" for n ≤ 0.
func Summarize(text string, n int) string {
	if n <= 0 {
		return ""
	}
	rs := collapseSpace(text, n+1)
	if len(rs) <= n {
		return string(rs)
	}
	cut := n - 1 // room for the ellipsis
	end := cut
	if cut > 0 && isWordRune(rs[cut-1]) && isWordRune(rs[cut]) {
		for end > 0 && isWordRune(rs[end-1]) {
			end--
		}
		if end == 0 {
			end = cut // a single word fills the limit
		}
	}
	for end > 0 && strings.ContainsRune(" ，、；：,;:", rs[end-1]) {
		end--
	}
	return string(rs[:end]) + "…"
}

// collapseSpace returns the first max runes of text with runs of white
// space turned into one space, or into nothing where a run containing a
// line break lies between two wide characters, and with white space at
// either end removed.
func collapseSpace(text string, max int) []rune {
	rs := make([]rune, 0, min(max, len(text)))
	pending, newline := false, false
	for _, r := range text {
		if unicode.IsSpace(r) {
			pending = true
			newline = newline || r == '\n' || r == '\r'
			continue
		}
		if pending && len(rs) > 0 && !(newline && isWide(rs[len(rs)-1]) && isWide(r)) {
			rs = append(rs, ' ')
		}
		pending, newline = false, false
		rs = append(rs, r)
		if len(rs) == max {
			break
		}
	}
	return rs
}

// isWordRune reports whether r is part of a Latin word or number: a letter
// or digit that is not a wide (CJK) character.
func isWordRune(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !isWide(r)
}
