package search

import (
	"bytes"
	"encoding/binary"
	"slices"
)

// plist is the one posting-list type of the package, written by [Build]
// and edited in place by the [Indexer]: per document in number order, the
// document number delta (the first: its number + 1) and, when the list
// keeps frequencies (not for trigrams and pinyin keys), the weighted
// frequency, each a uvarint.
//
// A list edited by [plist.splice] keeps marks: where decoding can start
// at every markEvery-th posting, so that a splice near the end of a long
// list decodes only the postings after the mark before it. Marks are
// recorded while a splice decodes and dropped from the first posting the
// splice rewrites; the other edits drop them all.
type plist struct {
	df    int
	last  int // last document number + 1, 0 when empty
	buf   []byte
	marks *[]mark // marks[i] is before posting (i+1)·markEvery; nil when none
}

// A mark is the decoding state before posting k of a list: the posting's
// byte offset and the previous posting's document.
type mark struct{ off, k, prev int32 }

// markEvery is the number of postings between two marks: 64 postings
// decode in well under a microsecond, and a list of 10,000 postings keeps
// 156 marks (under 2 KB).
const markEvery = 64

// posting is one decoded posting: a document number and its weighted
// frequency.
type posting struct{ doc, wtf int32 }

// add appends document doc, numbered after the list's last, with weighted
// frequency wtf when freq is set; gaps in code (nil: plain differences).
func (l *plist) add(doc int32, wtf int, freq bool, code *gapCode) {
	l.df++
	l.buf = binary.AppendUvarint(l.buf, code.gap(int32(l.last)-1, doc))
	l.last = int(doc) + 1
	if freq {
		l.buf = binary.AppendUvarint(l.buf, uint64(wtf))
	}
}

// splice rewrites a posting list over the old document numbers: the
// postings of documents [p, oldEnd) are replaced by mid (new numbers, in
// order, within [p, p+len of the new range)), and the postings from oldEnd
// on move by shift. Only the bytes around the changed range are decoded;
// they are replaced in place. It reports whether the list changed.
//
// The list's gaps are read in dec and written in enc (nil: plain
// differences); the two differ at most in the ranges of [p, oldEnd), whose
// documents' postings are all replaced, and in the gap after them.
func (l *plist) splice(p, oldEnd, shift int, mid []posting, wtf bool, dec, enc *gapCode) bool {
	buf := l.buf
	off, prev, k := 0, int32(-1), 0
	var marks []mark
	if l.marks != nil {
		marks = *l.marks
	}
	skip := func(limit int) {
		for k < l.df {
			if k > 0 && k%markEvery == 0 && k/markEvery > len(marks) {
				marks = append(marks, mark{int32(off), int32(k), prev})
			}
			d, n := uvarint(buf[off:])
			doc := dec.next(prev, d)
			if int(doc) >= limit {
				return
			}
			o := off + n
			if wtf {
				_, n2 := uvarint(buf[o:])
				o += n2
			}
			off, prev = o, doc
			k++
		}
	}
	if l.last <= p {
		off, prev, k = len(buf), int32(l.last-1), l.df
	} else {
		// Start from the last mark before a document ≥ p.
		if i, _ := slices.BinarySearchFunc(marks, int32(p), func(m mark, p int32) int {
			if m.prev < p {
				return -1
			}
			return 1
		}); i > 0 {
			m := marks[i-1]
			off, prev, k = int(m.off), m.prev, int(m.k)
		}
		skip(p)
	}
	offP, prevP, kP := off, prev, k
	skip(oldEnd)
	if len(marks) > 0 {
		if l.marks == nil {
			l.marks = new([]mark)
		}
		*l.marks = marks
	}
	var small [64]byte
	repl := small[:0]
	q := prevP
	for _, m := range mid {
		repl = binary.AppendUvarint(repl, enc.gap(q, m.doc))
		q = m.doc
		if wtf {
			repl = binary.AppendUvarint(repl, uint64(m.wtf))
		}
	}
	last, hi := int(q)+1, off
	if k < l.df {
		d, n := uvarint(buf[off:])
		doc := dec.next(prev, d) + int32(shift)
		repl = binary.AppendUvarint(repl, enc.gap(q, doc))
		hi = off + n
		last = l.last + shift
	}
	df := kP + len(mid) + l.df - k
	if df == l.df && last == l.last && bytes.Equal(buf[offP:hi], repl) {
		return false
	}
	l.buf = replaceBytes(buf, offP, hi, repl)
	l.df, l.last = df, last
	// The marks up to posting kP stay: the postings before it are as
	// they were.
	if l.marks != nil {
		i := 0
		for i < len(marks) && int(marks[i].k) <= kP {
			i++
		}
		*l.marks = marks[:i]
	}
	return true
}

// replaceBytes replaces buf[lo:hi] with repl, in place when buf has the
// room.
func replaceBytes(buf []byte, lo, hi int, repl []byte) []byte {
	n := len(buf)
	if d := len(repl) - (hi - lo); d > 0 {
		buf = slices.Grow(buf, d)[:n+d]
		copy(buf[hi+d:], buf[hi:n])
	} else if d < 0 {
		copy(buf[lo+len(repl):], buf[hi:n])
		buf = buf[:n+d]
	}
	copy(buf[lo:], repl)
	return buf
}

// insert adds document doc to a list without frequencies, in place.
func (l *plist) insert(doc int) {
	l.marks = nil
	d1 := doc + 1
	if d1 > l.last {
		l.buf = binary.AppendUvarint(l.buf, uint64(d1-l.last))
		l.last = d1
		l.df++
		return
	}
	buf := l.buf
	off, prev := 0, 0
	for off < len(buf) {
		d, n := uvarint(buf[off:])
		if n <= 0 {
			return
		}
		cur := prev + int(d)
		if cur == d1 {
			return // listed already
		}
		if cur > d1 {
			// The posting of cur becomes two: d1's and cur's.
			var tmp [2 * binary.MaxVarintLen64]byte
			m := binary.PutUvarint(tmp[:], uint64(d1-prev))
			m += binary.PutUvarint(tmp[m:], uint64(cur-d1))
			end := len(buf)
			buf = append(buf, tmp[:m-n]...)
			copy(buf[off+m:], buf[off+n:end])
			copy(buf[off:], tmp[:m])
			l.buf = buf
			l.df++
			return
		}
		off += n
		prev = cur
	}
}

// remove removes document doc from a list without frequencies, in place.
func (l *plist) remove(doc int) {
	l.marks = nil
	d1 := doc + 1
	if d1 > l.last {
		return
	}
	buf := l.buf
	off, prev := 0, 0
	for off < len(buf) {
		d, n := uvarint(buf[off:])
		if n <= 0 {
			return
		}
		cur := prev + int(d)
		if cur > d1 {
			return // not listed
		}
		if cur == d1 {
			if off+n == len(buf) {
				l.buf, l.last = buf[:off], prev
				l.df--
				return
			}
			// The next posting takes the gap of both.
			d2, n2 := uvarint(buf[off+n:])
			if n2 <= 0 {
				return
			}
			var tmp [binary.MaxVarintLen64]byte
			m := binary.PutUvarint(tmp[:], d+d2)
			copy(buf[off:], tmp[:m])
			copy(buf[off+m:], buf[off+n+n2:])
			l.buf = buf[:len(buf)-(n+n2-m)]
			l.df--
			return
		}
		off += n
		prev = cur
	}
}

// rebuild applies edits (sorted by document) to a list without
// frequencies in one pass.
func (l *plist) rebuild(edits []pyEdit) {
	l.marks = nil
	out := make([]byte, 0, len(l.buf)+len(edits)*binary.MaxVarintLen32)
	q, df, e := 0, 0, 0
	emit := func(d1 int) {
		out = binary.AppendUvarint(out, uint64(d1-q))
		q = d1
		df++
	}
	for off, prev := 0, 0; off < len(l.buf); {
		d, n := uvarint(l.buf[off:])
		if n <= 0 {
			break
		}
		cur := prev + int(d)
		off, prev = off+n, cur
		for e < len(edits) && int(edits[e].doc)+1 < cur {
			if edits[e].add {
				emit(int(edits[e].doc) + 1)
			}
			e++
		}
		if e < len(edits) && int(edits[e].doc)+1 == cur {
			e++
			if !edits[e-1].add {
				continue
			}
		}
		emit(cur)
	}
	for ; e < len(edits); e++ {
		if edits[e].add {
			emit(int(edits[e].doc) + 1)
		}
	}
	l.buf, l.df, l.last = out, df, q
}

// uvarint is binary.Uvarint with a fast path for one byte, the common
// size of a gap between documents.
func uvarint(b []byte) (uint64, int) {
	if len(b) > 0 && b[0] < 0x80 {
		return uint64(b[0]), 1
	}
	return binary.Uvarint(b)
}
