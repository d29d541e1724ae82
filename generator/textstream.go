package generator

import (
	"bytes"
	"hash/crc32"
	"os"
	"slices"
	"sync"
	"unsafe"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// A CLI build writes the text cache's pending file while the Markdown
// stage converts the stories, not after: each story's entry is written in
// the site's order as soon as the stories before it are, and its HTML
// dropped once written (read back by spillHTML), so that the stage never
// holds every story's HTML. A write that fails leaves the HTML in memory
// and the cache as it was.

// textStream writes the entries of the stories the cache lacks into the
// pending file, in the site's order.
type textStream struct {
	c     *textCache
	mu    sync.Mutex
	f     *os.File
	buf   []byte
	off   int64 // of the end of buf in the file
	kind  pendingKind
	want  map[int]textKey // by story index: the entries to write
	sts   []*content.Story
	next  int                         // stories before next are written
	ahead map[int]*render.StoryText   // converted before next
	inBuf []*render.StoryText         // written into buf, HTML still held
	at    map[*render.StoryText]spill // where buf's entries go
	err   error
}

// textStreamBuf is how much of the pending file a stream buffers.
const textStreamBuf = 256 << 10

// stream starts the pending file for the stories of s that the cache
// lacks (prev found the others), or returns nil when there are none or
// the file cannot be made: keep then writes it after the stage.
func (c *textCache) stream(s *site.Site) *textStream {
	if c == nil || c.keys == nil {
		return nil
	}
	st := &textStream{c: c, want: map[int]textKey{}, ahead: map[int]*render.StoryText{}, at: map[*render.StoryText]spill{}}
	var added []textKey
	for i, x := range s.Stories {
		k, ok := c.keys[x.Story]
		if !ok || c.used[k] {
			continue
		}
		c.used[k] = true
		st.want[i] = k
		added = append(added, k)
	}
	st.sts = make([]*content.Story, len(s.Stories))
	for i := range st.want {
		st.sts[i] = s.Stories[i].Story
	}
	kind, old := c.pendingPlan(len(added))
	if kind == pendingNone {
		return nil
	}
	f, err := os.Create(c.pendingFile())
	if err != nil {
		for _, k := range added {
			delete(c.used, k) // keep writes them, or not
		}
		return nil
	}
	st.f, st.kind = f, kind
	if kind == pendingReplace {
		st.buf = append(st.buf, textCacheMagic...)
		for _, k := range old {
			st.buf = appendTextEntry(st.buf, k, c.old[k])
		}
	}
	c.streaming = st
	return st
}

// pendingPlan says what the pending file will hold when added entries are
// new (pendingNone: nothing to write), and for pendingReplace, the old
// entries it keeps, in key order.
func (c *textCache) pendingPlan(added int) (pendingKind, []textKey) {
	usedSize := 0
	var old []textKey
	for k := range c.used {
		if x, ok := c.old[k]; ok {
			usedSize += entrySize(x)
			old = append(old, k)
		}
	}
	if !c.damaged && c.oldSize > 0 && usedSize*2 >= c.oldSize {
		if added == 0 {
			return pendingNone, nil
		}
		return pendingAppend, nil
	}
	slices.SortFunc(old, func(a, b textKey) int { return bytes.Compare(a[:], b[:]) })
	return pendingReplace, old
}

// converted takes the text of story i as converted: its entry is written
// once the entries before it are, and its HTML then dropped from x.
func (st *textStream) converted(i int, x *render.StoryText) {
	if st == nil {
		return
	}
	if _, ok := st.want[i]; !ok {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	st.ahead[i] = x
	for ; st.next < len(st.sts); st.next++ {
		j := st.next
		if st.sts[j] == nil {
			continue
		}
		y, ok := st.ahead[j]
		if !ok {
			break
		}
		delete(st.ahead, j)
		st.add(j, y)
	}
}

// add writes story j's entry into the buffer, flushing it when full.
func (st *textStream) add(j int, x *render.StoryText) {
	if st.err != nil {
		return
	}
	start := st.off + int64(len(st.buf))
	h := unsafe.Slice(unsafe.StringData(string(x.HTML)), len(x.HTML))
	st.at[x] = spill{st: st.sts[j], off: start + 24, n: len(h), crc: crc32.Checksum(h, castagnoli)}
	st.buf = appendTextEntry(st.buf, st.want[j], *x)
	st.inBuf = append(st.inBuf, x)
	if len(st.buf) >= textStreamBuf {
		st.flush()
	}
}

// flush writes the buffer and drops the HTML of the entries it held.
func (st *textStream) flush() {
	if st.err != nil {
		return
	}
	if _, err := st.f.Write(st.buf); err != nil {
		st.err = err
		return
	}
	st.off += int64(len(st.buf))
	st.buf = st.buf[:0]
	for _, x := range st.inBuf {
		if x.HTML != "" {
			st.c.spills = append(st.c.spills, st.at[x])
			x.HTML = ""
		}
		delete(st.at, x)
	}
	st.inBuf = st.inBuf[:0]
}

// finish writes what is left and closes the file: what save puts in
// place. A stream that failed leaves the cache as it was; the HTML it
// dropped is read back as any other's (the file is removed with the
// spills).
func (st *textStream) finish() {
	c := st.c
	c.streaming = nil
	st.flush()
	err := st.err
	if cerr := st.f.Close(); err == nil {
		err = cerr
	}
	if err == nil && len(st.ahead) > 0 {
		err = errStreamGap
	}
	if err != nil {
		// The spills written stay readable; the file is not the cache's.
		c.pending = pendingNone
		c.removeSpills = true
		return
	}
	c.pending = st.kind
}

type streamError string

func (e streamError) Error() string { return string(e) }

// errStreamGap: a story the stream waited for was never converted (a
// failed stage).
const errStreamGap = streamError("text cache: a story's text missing")

// appendTextEntry appends an entry as writeTextEntry writes it.
func appendTextEntry(dst []byte, k textKey, x render.StoryText) []byte {
	w := bytes.NewBuffer(dst)
	writeTextEntry(w, k, x)
	return w.Bytes()
}
