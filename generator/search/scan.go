package search

import "unicode/utf8"

// termKind is the kind of a term a scanner returns.
type termKind uint8

const (
	scanEnd  termKind = iota // the text is done
	scanHan                  // a Han unigram, bigram or trigram
	scanWord                 // a Latin word
)

// scanner is the one tokenizing scan of the package: [TokenizeFunc], the
// index writer ([Build]) and the incremental [Indexer] all read text
// through it, so that they cut text alike by construction. It folds each
// rune ([Fold]) and returns, in text order, per Han character the trigram
// ending with it (when two Han characters precede it in the run), the
// bigram ending with it (when one does) and the character itself, and per
// run of Latin letters and digits the word, cut at [MaxWordLen]
// characters; everything else separates terms.
type scanner struct {
	text    string
	off     int    // bytes of text read
	pos     int    // position of the next Han character or word
	p1, p2  rune   // the previous two Han runes of the run, p1 last; -1 none
	r       rune   // the Han rune whose terms are pending
	pend    int8   // terms of r still to return: 3 trigram, 2 bigram, 1 unigram
	word    []byte // the word being read, or the one last returned
	wordLen int    // characters of the word being read; 0 when none
}

// newScanner returns a scanner of text that reuses buf for its words.
func newScanner(text string, buf []byte) scanner {
	return scanner{text: text, p1: -1, p2: -1, word: buf[:0]}
}

// next returns the next term and its position: for scanHan its runes (a
// unigram has r1 = r2 = 0, a bigram r2 = 0; a bigram or trigram has the
// position of its first character), for scanWord nothing (the word is
// s.word, valid until the next call).
func (s *scanner) next() (kind termKind, r0, r1, r2 rune, pos int) {
	for {
		switch s.pend {
		case 3:
			s.pend = 2
			if s.p2 >= 0 {
				return scanHan, s.p2, s.p1, s.r, s.pos - 2
			}
			fallthrough
		case 2:
			s.pend = 1
			if s.p1 >= 0 {
				return scanHan, s.p1, s.r, 0, s.pos - 1
			}
			fallthrough
		case 1:
			s.pend = 0
			s.p2, s.p1 = s.p1, s.r
			s.pos++
			return scanHan, s.r, 0, 0, s.pos - 1
		}
		if s.off >= len(s.text) {
			if s.wordLen > 0 {
				return s.endWord()
			}
			return scanEnd, 0, 0, 0, s.pos
		}
		r, n := rune(s.text[s.off]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s.text[s.off:])
		}
		s.off += n
		r = Fold(r)
		switch {
		case IsHan(r):
			s.r, s.pend = r, 3
			if s.wordLen > 0 {
				return s.endWord()
			}
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
}

// endWord returns the word read.
func (s *scanner) endWord() (termKind, rune, rune, rune, int) {
	s.wordLen = 0
	s.pos++
	return scanWord, 0, 0, 0, s.pos - 1
}
