package search

import "unicode/utf8"

// termKind is the kind of a term a scanner returns.
type termKind uint8

const (
	scanEnd  termKind = iota // the text is done
	scanHan                  // a Han character, with the ones before it
	scanWord                 // a Latin word
)

// scanner is the one tokenizing scan of the package: [TokenizeFunc], the
// index writer ([Build]) and the incremental [Indexer] all read text
// through it, so that they cut text alike by construction. It folds each
// rune ([Fold]) and returns, in text order, each Han character with the
// one or two Han characters before it in its run (from which the caller
// makes the unigram, bigram and trigram ending there), and each run of
// Latin letters and digits as a word, cut at [MaxWordLen] characters;
// everything else separates terms.
type scanner struct {
	text    string
	off     int    // bytes of text read
	pos     int    // position of the next Han character or word
	p1, p2  rune   // the previous two Han runes of the run, p1 last; -1 none
	han     rune   // a Han rune read while ending a word, to return next; 0 none
	word    []byte // the word being read, or the one last returned
	wordLen int    // characters of the word being read; 0 when none
}

// newScanner returns a scanner of text that reuses buf for its words.
func newScanner(text string, buf []byte) scanner {
	return scanner{text: text, p1: -1, p2: -1, word: buf[:0]}
}

// next returns the next term and its position. For scanHan, r is the
// character and p1, p2 the one and two before it in the run (-1 when
// none): its unigram is at pos, its bigram (p1, r) at pos-1, its trigram
// (p2, p1, r) at pos-2. For scanWord the word is s.word, valid until the
// next call.
func (s *scanner) next() (kind termKind, r, p1, p2 rune, pos int) {
	if s.han != 0 {
		r, s.han = s.han, 0
		return s.emitHan(r)
	}
	for s.off < len(s.text) {
		r, n := rune(s.text[s.off]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s.text[s.off:])
		}
		s.off += n
		r = Fold(r)
		switch {
		case IsHan(r):
			if s.wordLen > 0 {
				s.han = r
				return s.endWord()
			}
			return s.emitHan(r)
		case isWord(r):
			s.p1, s.p2 = -1, -1
			if s.wordLen == 0 {
				s.word = s.word[:0]
			}
			if s.wordLen < MaxWordLen {
				s.word = utf8.AppendRune(s.word, r)
				s.wordLen++
			}
		default:
			s.p1, s.p2 = -1, -1
			if s.wordLen > 0 {
				return s.endWord()
			}
		}
	}
	if s.wordLen > 0 {
		return s.endWord()
	}
	return scanEnd, 0, -1, -1, s.pos
}

// emitHan returns Han character r and moves the run on.
func (s *scanner) emitHan(r rune) (termKind, rune, rune, rune, int) {
	p1, p2 := s.p1, s.p2
	s.p2, s.p1 = p1, r
	s.pos++
	return scanHan, r, p1, p2, s.pos - 1
}

// endWord returns the word read.
func (s *scanner) endWord() (termKind, rune, rune, rune, int) {
	s.wordLen = 0
	s.pos++
	return scanWord, 0, -1, -1, s.pos - 1
}
