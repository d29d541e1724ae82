package generator

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"unsafe"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// The text cache of a CLI build keeps what the Markdown stage made of
// each story's body — its HTML, summary and plain text — between builds,
// in ".<base>.text" beside the destination, so that a rebuild converts
// only the bodies that changed. An entry is found by a hash of all the
// conversion reads: the program, the config's unsafe switch, the story's
// path, summary, body and body line.
//
// Only stories without a bundle are kept: converting a bundle's body also
// plans the photos it shows, which the build must do again.
//
// The file is a log of entries, each with a checksum: a build appends the entries it made, and writes the
// file anew, with only the entries it used, when most of the file is
// entries no build uses any more, or the file is damaged. A damaged or
// missing file is an empty cache. What it appends or writes anew is
// written to ".<base>.text.tmp" right after the Markdown stage, so that
// the build need not hold the texts for the cache, and put in place once
// the build published; a build that fails removes it. Meanwhile the build
// drops the HTML of the entries written there and reads each story's back,
// checked, when a page shows it (spillHTML): the search index is built and
// the pages rendered without every story's HTML in memory.

// textCacheMagic begins the file; it changes when what a key covers or
// what an entry holds changes.
const textCacheMagic = "showcase-text 2\n"

type textKey [16]byte

type textCache struct {
	file string
	base []byte // what every key covers: the program and the options

	old     map[textKey]render.StoryText
	oldSize int  // bytes of entries in the file
	damaged bool // the file did not parse to its end

	mu      sync.Mutex
	used    map[textKey]bool
	hits    int         // stories prev found
	pending pendingKind // what keep wrote for save
	// keys are the stories' keys as prev found them, before the build
	// drops the stories' Markdown they cover; keep takes them from there.
	keys   map[*content.Story]textKey
	spills []spill // the HTML keep dropped, until spillHTML
	// spillFile is the pending file, open while the pages are rendered;
	// removeSpills: remove it then (it is not the cache's).
	spillFile    *os.File
	removeSpills bool
	streaming    *textStream // writing the pending file (textstream.go)
}

// openTextCache returns the text cache of the destination dest for a
// site whose config says unsafe.
func openTextCache(dest string, s *site.Site) *textCache {
	abs, err := filepath.Abs(dest)
	if err != nil {
		abs = dest
	}
	exe, err := programHash()
	if err != nil {
		return nil
	}
	c := &textCache{
		file: filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+".text"),
		base: fmt.Appendf(nil, "%s%x unsafe=%t summary=%d\n", textCacheMagic, exe, s.Config.Unsafe, SummaryLen),
		old:  map[textKey]render.StoryText{},
		used: map[textKey]bool{},
	}
	if data, err := os.ReadFile(c.file); err == nil {
		c.oldSize, c.damaged = decodeTextCache(data, c.old)
	}
	return c
}

// key returns the key of st's conversion, and false for a story the
// cache does not keep.
func (c *textCache) key(st *content.Story) (textKey, bool) {
	if st.Bundle != "" {
		return textKey{}, false
	}
	if k, ok := c.keys[st]; ok {
		return k, true
	}
	h := sha256.New()
	h.Write(c.base)
	fmt.Fprintf(h, "%q %d %q %d\n", st.Path, st.BodyLine, st.Summary, len(st.Body))
	h.Write(st.Body)
	var k textKey
	copy(k[:], h.Sum(nil))
	return k, true
}

// prev returns the conversions of s's stories the cache holds, as the
// earlier Text that convertText takes what it can from.
func (c *textCache) prev(s *site.Site) *render.Text {
	t := &render.Text{Stories: map[*content.Story]render.StoryText{}}
	keys := make(map[*content.Story]textKey, len(s.Stories))
	for _, st := range s.Stories {
		if k, ok := c.key(st.Story); ok {
			keys[st.Story] = k
			if x, ok := c.old[k]; ok {
				t.Stories[st.Story] = x
				c.used[k] = true
				c.hits++
			}
		}
	}
	c.keys = keys
	return t
}

// keep records the conversions of t that the cache lacks, and writes
// what the file will hold at once, into the pending file beside it:
// the build then holds no conversion for the cache's sake, and the plain
// text can be dropped once the search index is built. save puts the
// pending file in place after the build published.
func (c *textCache) keep(s *site.Site, t *render.Text) {
	if st := c.streaming; st != nil {
		st.finish()
		c.keys = nil
		return
	}
	var added []textKey
	var addedSt []*content.Story
	txt := map[textKey]render.StoryText{}
	for _, st := range s.Stories {
		k, ok := c.key(st.Story)
		if !ok || c.used[k] {
			continue
		}
		c.used[k] = true
		if _, ok := c.old[k]; !ok {
			added = append(added, k)
			addedSt = append(addedSt, st.Story)
			txt[k] = t.Stories[st.Story]
		}
	}
	c.keys = nil
	at := make(map[textKey]int64, len(added))
	c.pending = c.writePending(added, txt, at)
	if c.pending == pendingNone {
		return
	}
	// The pending file holds the HTML of the stories converted now: t
	// drops it until restoreHTML reads it back, after the search index.
	for i, k := range added {
		x := txt[k]
		h := unsafe.Slice(unsafe.StringData(string(x.HTML)), len(x.HTML))
		c.spills = append(c.spills, spill{st: addedSt[i], off: at[k], n: len(h), crc: crc32.Checksum(h, castagnoli)})
		x.HTML = ""
		t.Stories[addedSt[i]] = x
	}
}

// spill is where the pending file holds the HTML of a story whose HTML
// keep dropped.
type spill struct {
	st  *content.Story
	off int64
	n   int
	crc uint32
}

// spillHTML makes t read the HTML that keep dropped from the pending file
// when a page shows it (render.Text.Spilled), checked against its
// checksum: the pages are rendered without every story's HTML in memory.
// The file stays open until save or discard.
func (c *textCache) spillHTML(t *render.Text) error {
	if len(c.spills) == 0 {
		return nil
	}
	f, err := os.Open(c.pendingFile())
	if err != nil {
		return fmt.Errorf("text cache: %w", err)
	}
	c.spillFile = f
	at := make(map[*content.Story]spill, len(c.spills))
	for _, x := range c.spills {
		at[x.st] = x
	}
	c.spills = nil
	name := c.pendingFile()
	t.Spilled = func(st *content.Story) (template.HTML, bool, error) {
		x, ok := at[st]
		if !ok {
			return "", false, nil
		}
		h := make([]byte, x.n)
		if _, err := f.ReadAt(h, x.off); err != nil {
			return "", true, fmt.Errorf("text cache: %s: %w", name, err)
		}
		if crc32.Checksum(h, castagnoli) != x.crc {
			return "", true, fmt.Errorf("text cache: %s changed during the build", name)
		}
		return template.HTML(unsafe.String(unsafe.SliceData(h), len(h))), true, nil // h is never modified
	}
	return nil
}

// closeSpills closes the pending file spillHTML reads.
func (c *textCache) closeSpills() {
	if c == nil {
		return
	}
	if st := c.streaming; st != nil {
		c.streaming = nil
		st.f.Close()
		c.removeSpills = true
	}
	if c.spillFile != nil {
		c.spillFile.Close()
		c.spillFile = nil
	}
	if c.removeSpills {
		c.removeSpills = false
		os.Remove(c.pendingFile())
	}
}

// spillText makes t read the stories' HTML that keepText dropped from the
// text cache's pending file, which holds it (textCache.spillHTML).
func (b *buildCaches) spillText(t *render.Text) error {
	if b == nil || b.text == nil {
		return nil
	}
	return b.text.spillHTML(t)
}

// pendingFile is where keep writes what save puts in place.
func (c *textCache) pendingFile() string { return c.file + ".tmp" }

// writePending writes the entries of added after the file's (append) or,
// when most of the file is unused or it is damaged, every used entry
// (replace) into the pending file, and says which it wrote; errors only
// cost the next build work.
func (c *textCache) writePending(added []textKey, txt map[textKey]render.StoryText, at map[textKey]int64) pendingKind {
	usedSize := 0
	for k := range c.used {
		if x, ok := c.old[k]; ok {
			usedSize += entrySize(x)
		}
	}
	kind, keys := pendingReplace, added
	if !c.damaged && c.oldSize > 0 && usedSize*2 >= c.oldSize {
		if len(added) == 0 {
			return pendingNone
		}
		kind = pendingAppend
	} else {
		keys = make([]textKey, 0, len(c.used))
		for k := range c.used {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b textKey) int { return bytes.Compare(a[:], b[:]) })
	}
	f, err := os.Create(c.pendingFile())
	if err != nil {
		return pendingNone
	}
	w := bufio.NewWriterSize(f, 256<<10)
	off := int64(0)
	if kind == pendingReplace {
		w.WriteString(textCacheMagic)
		off = int64(len(textCacheMagic))
	}
	for _, k := range keys {
		x, ok := c.old[k]
		if !ok {
			x = txt[k]
			at[k] = off + 24 // the HTML follows the key, checksum and its length
		}
		writeTextEntry(w, k, x)
		off += int64(entrySize(x))
	}
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(c.pendingFile())
		return pendingNone
	}
	return kind
}

// pendingKind is what the pending file holds.
type pendingKind int

const (
	pendingNone    pendingKind = iota // nothing: the file stays as it is
	pendingAppend                     // entries to append to the file
	pendingReplace                    // the whole new file
)

// save puts the pending file in place: appended to the file, or renamed
// over it.
func (c *textCache) save() error {
	c.closeSpills()
	kind := c.pending
	c.pending = pendingNone
	switch kind {
	case pendingAppend:
		defer os.Remove(c.pendingFile())
		add, err := os.Open(c.pendingFile())
		if err != nil {
			return err
		}
		defer add.Close()
		f, err := os.OpenFile(c.file, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			return err
		}
		if _, err := io.Copy(f, add); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	case pendingReplace:
		return os.Rename(c.pendingFile(), c.file)
	}
	return nil
}

// discard removes the pending file of a build that did not publish.
func (c *textCache) discard() {
	c.closeSpills()
	if c != nil && c.pending != pendingNone {
		c.pending = pendingNone
		os.Remove(c.pendingFile())
	}
}

// discard drops what the caches would have saved for a build that did
// not publish.
func (b *buildCaches) discard() {
	if b != nil {
		b.text.discard()
	}
}

func entrySize(x render.StoryText) int {
	return 16 + 4 + 3*4 + len(x.HTML) + len(x.Summary) + len(x.Plain)
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// writeTextEntry writes one entry: the key, the CRC-32C of what follows,
// then the HTML, summary and plain text, each after its length; numbers
// are 32-bit little-endian.
func writeTextEntry(w io.Writer, k textKey, x render.StoryText) {
	parts := [...]string{string(x.HTML), x.Summary, x.Plain}
	var lens [3][4]byte
	crc := uint32(0)
	for i, s := range parts {
		binary.LittleEndian.PutUint32(lens[i][:], uint32(len(s)))
		crc = crc32.Update(crc, castagnoli, lens[i][:])
		crc = crc32.Update(crc, castagnoli, unsafe.Slice(unsafe.StringData(s), len(s)))
	}
	var head [20]byte
	copy(head[:], k[:])
	binary.LittleEndian.PutUint32(head[16:], crc)
	w.Write(head[:])
	for i, s := range parts {
		w.Write(lens[i][:])
		io.WriteString(w, s)
	}
}

// decodeTextCache adds the entries of a file to m and returns the bytes
// they take, and whether the file was damaged (entries after the damage
// are lost).
func decodeTextCache(data []byte, m map[textKey]render.StoryText) (size int, damaged bool) {
	rest, ok := bytes.CutPrefix(data, []byte(textCacheMagic))
	if !ok {
		return 0, true
	}
	str := func() (string, bool) {
		if len(rest) < 4 {
			return "", false
		}
		n := binary.LittleEndian.Uint32(rest)
		if uint64(n) > uint64(len(rest)-4) {
			return "", false
		}
		// The strings share the file's bytes, which nothing modifies.
		s := unsafe.String(unsafe.SliceData(rest[4:]), n)
		rest = rest[4+n:]
		return s, true
	}
	for len(rest) > 0 {
		start := len(rest)
		if len(rest) < 20 {
			return size, true
		}
		var k textKey
		copy(k[:], rest)
		crc := binary.LittleEndian.Uint32(rest[16:])
		rest = rest[20:]
		body := rest
		h, ok1 := str()
		sum, ok2 := str()
		plain, ok3 := str()
		if !ok1 || !ok2 || !ok3 || crc32.Checksum(body[:len(body)-len(rest)], castagnoli) != crc {
			return size, true
		}
		m[k] = render.StoryText{HTML: template.HTML(h), Summary: sum, Plain: plain}
		size += start - len(rest)
	}
	return size, false
}
