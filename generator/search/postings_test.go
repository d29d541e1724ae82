package search

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSpliceMarks splices long lists at random places, over and over, and
// checks that each list equals the list of its documents written afresh:
// a splice that starts from a mark recorded by an earlier splice must
// give the bytes a splice decoding from the start gives.
func TestSpliceMarks(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	for _, wtf := range []bool{false, true} {
		var docs []posting
		for d := int32(0); d < 3000; d++ {
			if r.IntN(3) == 0 {
				docs = append(docs, posting{d, int32(r.IntN(50))})
			}
		}
		var l plist
		for _, d := range docs {
			l.add(d.doc, int(d.wtf), wtf, nil)
		}
		marked := 0
		for step := range 400 {
			// Replace the documents of [p, oldEnd) by a new range of
			// width w, moving those after it by w-(oldEnd-p).
			top := int(docs[len(docs)-1].doc) + 1
			p := r.IntN(top + 1)
			if r.IntN(2) == 0 {
				p = max(0, top-r.IntN(20)) // near the end, as a URL that sorts last
			}
			oldEnd := max(p, min(top, p+r.IntN(8)))
			w := r.IntN(8)
			shift := w - (oldEnd - p)
			var mid []posting
			for d := p; d < p+w; d++ {
				if r.IntN(2) == 0 {
					mid = append(mid, posting{int32(d), int32(r.IntN(50))})
				}
			}
			var next []posting
			for _, d := range docs {
				if int(d.doc) < p {
					next = append(next, d)
				}
			}
			next = append(next, mid...)
			for _, d := range docs {
				if int(d.doc) >= oldEnd {
					next = append(next, posting{d.doc + int32(shift), d.wtf})
				}
			}
			if len(next) == 0 {
				continue
			}
			changed := l.splice(p, oldEnd, shift, mid, wtf, nil, nil)
			var want plist
			for _, d := range next {
				want.add(d.doc, int(d.wtf), wtf, nil)
			}
			if !bytes.Equal(l.buf, want.buf) || l.df != want.df || l.last != want.last {
				t.Fatalf("wtf %v, step %d: splice(%d, %d, %d) gives a list of %d postings (last %d), want %d (last %d)",
					wtf, step, p, oldEnd, shift, l.df, l.last, want.df, want.last)
			}
			same := slices.EqualFunc(docs, next, func(a, b posting) bool { return a.doc == b.doc && (!wtf || a.wtf == b.wtf) })
			if changed == same {
				t.Fatalf("wtf %v, step %d: splice(%d, %d, %d, %v) of %d postings (last %d) reports changed %v", wtf, step, p, oldEnd, shift, mid, len(docs), docs[len(docs)-1].doc, changed)
			}
			docs = next
			// Each mark kept is where posting (i+1)·markEvery starts.
			if l.marks != nil {
				for i, m := range *l.marks {
					k := (i + 1) * markEvery
					off := 0
					for range k {
						_, n := uvarint(l.buf[off:])
						off += n
						if wtf {
							_, n = uvarint(l.buf[off:])
							off += n
						}
					}
					if int(m.k) != k || int(m.off) != off || m.prev != docs[k-1].doc {
						t.Fatalf("wtf %v, step %d: mark %d is %+v, want {off:%d k:%d prev:%d}", wtf, step, i, m, off, k, docs[k-1].doc)
					}
				}
				marked = max(marked, len(*l.marks))
			}
		}
		if marked < 5 {
			t.Errorf("wtf %v: at most %d marks kept at once; the splices should have left more", wtf, marked)
		}
	}
}
