package search

import (
	"encoding/binary"
	"runtime"
	"sync"
)

// minPerWorker is the fewest documents worth a worker of index.
const minPerWorker = 256

// index adds every document to the postings on all cores: each of the
// workers indexes a run of consecutive documents into a builder of its
// own, and the runs' postings are then joined in document order, so the
// index is the same, byte for byte, for any number of workers.
func (b *builder) index(docs []Doc) {
	b.indexWith(docs, min(runtime.GOMAXPROCS(0), max(1, len(docs)/minPerWorker)))
}

func (b *builder) indexWith(docs []Doc, workers int) {
	if workers <= 1 {
		i := 0
		for batch := range pinyinKeys(docs) {
			for _, keys := range <-batch {
				b.indexDoc(i, &docs[i])
				b.indexed(i, &docs[i])
				b.indexPinyin(i, keys)
				i++
			}
		}
		return
	}
	parts := make([]*builder, workers)
	var wg sync.WaitGroup
	for w := range parts {
		lo, hi := w*len(docs)/workers, (w+1)*len(docs)/workers
		p := &builder{opts: b.opts, han: map[uint64]*term{}, words: map[string]*term{}, pinyin: map[string]*plist{},
			nums: b.nums, code: b.code}
		parts[w] = p
		wg.Go(func() {
			for start := lo; start < hi; start += pinyinBatch {
				end := min(start+pinyinBatch, hi)
				keys := docPinyin(docs[start:end])
				for i := start; i < end; i++ {
					p.indexDoc(i, &docs[i])
					b.indexed(i, &docs[i])
					p.indexPinyin(i, keys[i-start])
				}
			}
		})
	}
	wg.Wait()
	for _, p := range parts {
		b.lens = append(b.lens, p.lens...)
		switch {
		case p.uni == nil:
		case b.uni == nil:
			b.uni = p.uni
		default:
			for r, t := range p.uni {
				if t == nil {
					continue
				}
				if have := b.uni[r]; have != nil {
					have.join(&t.plist, &b.code)
				} else {
					b.uni[r] = t
				}
			}
		}
		for k, t := range p.han {
			if have := b.han[k]; have != nil {
				have.join(&t.plist, &b.code)
			} else {
				b.han[k] = t
			}
		}
		for k, t := range p.words {
			if have := b.words[k]; have != nil {
				have.join(&t.plist, &b.code)
			} else {
				b.words[k] = t
			}
		}
		for k, l := range p.pinyin {
			if have := b.pinyin[k]; have != nil {
				have.join(l, nil)
			} else {
				b.pinyin[k] = l
			}
		}
	}
	// The total length is summed in document order, as one worker sums
	// it: floating-point addition depends on the order.
	b.totLen = 0
	for _, q := range b.lens {
		b.totLen += float64(dequantizeLen(q))
	}
}

// join appends the postings of o, whose documents all come after l's;
// gaps in code (nil: plain differences).
func (l *plist) join(o *plist, code *gapCode) {
	if o.df == 0 {
		return
	}
	first, n := binary.Uvarint(o.buf) // o's first document number + 1
	l.buf = binary.AppendUvarint(l.buf, code.gap(int32(l.last)-1, int32(first)-1))
	l.buf = append(l.buf, o.buf[n:]...)
	l.df += o.df
	l.last = o.last
}
