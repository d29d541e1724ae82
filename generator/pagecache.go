package generator

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// The page cache of a CLI build: a build into a destination that an
// earlier build published renders again only the pages whose content may
// have changed, and takes the others as the destination holds them.
//
// The rule is the dev server's (session.go), kept across processes. While
// a page renders, it records the keys of the model it reads (render.Key).
// A page's fingerprint (render.DepsFingerprint) hashes its own data and the
// version of each key it read; with the site-wide key (buildKeys.shared:
// every source file but the stories' own, the options, the program) it is
// the input the destination's manifest records for the page
// (publish.Tx.Unchanged). The keys each page read are kept beside the
// destination, in ".<base>.pages". The next build computes each page's
// fingerprint from those keys' versions in the new model: when the
// manifest holds the page as made from that input, and the file is
// intact, the page is not rendered. Otherwise it is rendered, and its
// keys recorded again.
//
// Nothing in the file is trusted: a page whose recorded keys are missing,
// stale or wrong gets another fingerprint than its file was made from,
// and is rendered. The file only saves work.

// buildCaches are what a CLI build keeps beside its destination for the
// next: the page cache (this file) and the text cache (textcache.go).
// They only save work: a build without them makes everything.
type buildCaches struct {
	pages *pageCache
	text  *textCache // nil when the program cannot be hashed
}

// warm reports whether the caches hold what the last build made of
// nearly every story of s (9 in 10): a rebuild, which mostly renders few
// pages (all of them only when a site-wide input changed).
func (b *buildCaches) warm(s *site.Site) bool {
	if b == nil || b.text == nil || len(b.pages.last) == 0 {
		return false
	}
	return b.text.hits*10 >= len(s.Stories)*9
}

// prevText returns the story texts the text cache holds for s, or nil.
func (b *buildCaches) prevText(s *site.Site) *render.Text {
	if b == nil || b.text == nil {
		return nil
	}
	return b.text.prev(s)
}

// keepText records the story texts of t for the next build.
func (b *buildCaches) keepText(s *site.Site, t *render.Text) {
	if b != nil && b.text != nil {
		b.text.keep(s, t)
	}
}

// forget drops what the caches hold from earlier builds: this build makes
// everything, and keeps it for the next.
func (b *buildCaches) forget() {
	p := b.pages
	p.lastKeys, p.last, p.keys, p.vals = nil, nil, nil, nil
	p.ids = map[render.Key]uint32{}
	if t := b.text; t != nil {
		t.old, t.oldSize, t.damaged = map[textKey]render.StoryText{}, 0, true
	}
}

// save writes the caches for the next build, after a build published;
// errors only cost the next build work.
func (b *buildCaches) save() {
	if b == nil {
		return
	}
	b.pages.save()
	if b.text != nil {
		b.text.save()
	}
}

// pageCacheVersion names what a fingerprint covers; it changes when the
// keys or their versions change meaning.
const pageCacheVersion = "showcase page cache 1"

// pageCache is one build's view of the page cache.
type pageCache struct {
	file   string
	shared string
	vers   *render.Versions

	// last is what the last build recorded: each page's keys, as indexes
	// into lastKeys; lastVers are those keys' versions in this build's
	// model.
	lastKeys []render.Key
	last     map[string][]uint32
	lastVers []render.Version

	// This build's table of keys (the last build's first), with their
	// versions, and each page's keys as indexes into it.
	mu   sync.RWMutex
	ids  map[render.Key]uint32
	keys []render.Key
	vals []render.Version
	next map[string][]uint32
}

// openPageCache returns the page cache of the destination dest for a
// build whose site-wide key is shared. A missing or unreadable file is
// an empty cache.
func openPageCache(dest, shared string) *pageCache {
	abs, err := filepath.Abs(dest)
	if err != nil {
		abs = dest
	}
	c := &pageCache{
		file:   filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+".pages"),
		shared: shared,
		ids:    map[render.Key]uint32{},
		next:   map[string][]uint32{},
	}
	if data, err := os.ReadFile(c.file); err == nil {
		c.lastKeys, c.last, _ = decodePageCache(data)
	}
	// The last build's keys keep their numbers in this build's table, so
	// that a page taken from the destination keeps its list of numbers.
	c.keys = slices.Clip(c.lastKeys)
	for i, k := range c.lastKeys {
		c.ids[k] = uint32(i)
	}
	return c
}

// prepare computes, on all cores, the version in the model of vers of
// every key the last build's pages read.
func (c *pageCache) prepare(ctx context.Context, vers *render.Versions) error {
	c.vers = vers
	c.lastVers = make([]render.Version, len(c.lastKeys))
	const chunk = 256
	err := parallel(ctx, (len(c.lastKeys)+chunk-1)/chunk, func(n int) error {
		for i := n * chunk; i < min((n+1)*chunk, len(c.lastKeys)); i++ {
			c.lastVers[i] = vers.Of(c.lastKeys[i])
		}
		return nil
	})
	c.vals = slices.Clip(c.lastVers)
	return err
}

// input is what page p is made from when it reads the keys deps, whose
// versions version gives (render.DepsFingerprint).
func (c *pageCache) input(p *render.Page, deps render.Deps, version func(i int) render.Version) []byte {
	fp := render.DepsFingerprint(p, deps, version)
	return append([]byte(c.shared), fp[:]...)
}

// lastInput returns what page p was made from if it read the same keys
// as in the last build.
func (c *pageCache) lastInput(p *render.Page) ([]byte, bool) {
	ids, ok := c.last[p.Path]
	if !ok {
		return nil, false
	}
	d := make(render.Deps, len(ids))
	for i, id := range ids {
		d[i] = c.lastKeys[id]
	}
	return c.input(p, d, func(i int) render.Version { return c.lastVers[ids[i]] }), true
}

// keep records that page path read the same keys as in the last build.
func (c *pageCache) keep(path string) {
	c.mu.Lock()
	c.next[path] = c.last[path]
	c.mu.Unlock()
}

// record keeps the keys page path read, for the next build, and returns
// their versions in this build's model.
func (c *pageCache) record(path string, deps render.Deps) []render.Version {
	ids := make([]uint32, len(deps))
	vals := make([]render.Version, len(deps))
	// Most keys are in the table already: look them up under the read
	// lock. The versions of the others are computed outside any lock (two
	// pages that miss the same key at once compute the same value), and
	// only their numbering takes the write lock.
	var missing []int
	c.mu.RLock()
	for i, k := range deps {
		if id, ok := c.ids[k]; ok {
			ids[i], vals[i] = id, c.vals[id]
		} else {
			missing = append(missing, i)
		}
	}
	c.mu.RUnlock()
	for _, i := range missing {
		vals[i] = c.vers.Of(deps[i])
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, i := range missing {
		k := deps[i]
		id, ok := c.ids[k]
		if !ok {
			id = uint32(len(c.keys))
			c.ids[k] = id
			c.keys = append(c.keys, k)
			c.vals = append(c.vals, vals[i])
		}
		ids[i] = id
	}
	c.next[path] = ids
	return vals
}

// save writes the keys this build's pages read beside the destination,
// for the next build, replacing the last build's atomically.
func (c *pageCache) save() error {
	tmp := c.file + ".tmp"
	if err := os.WriteFile(tmp, c.encode(), 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, c.file)
}

// pageCacheMagic begins the file.
const pageCacheMagic = "showcase-pages 1\n"

// encode returns the file: the magic line; the number of keys, then each
// key (kind, ID, N); the number of pages, then each page's path and the
// indexes of its keys. Numbers are varints, strings length-prefixed, and
// pages sorted by path, so that the same build writes the same bytes.
// Only the keys some page read are written, numbered in the order the
// pages first name them.
func (c *pageCache) encode() []byte {
	paths := make([]string, 0, len(c.next))
	for p := range c.next {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	renum := make([]uint32, len(c.keys)) // 0: unused, else new number + 1
	var keys []render.Key
	for _, p := range paths {
		for _, id := range c.next[p] {
			if renum[id] == 0 {
				keys = append(keys, c.keys[id])
				renum[id] = uint32(len(keys))
			}
		}
	}
	var b bytes.Buffer
	b.WriteString(pageCacheMagic)
	var num []byte
	uv := func(x uint64) { num = binary.AppendUvarint(num[:0], x); b.Write(num) }
	str := func(s string) { uv(uint64(len(s))); b.WriteString(s) }
	uv(uint64(len(keys)))
	for _, k := range keys {
		b.WriteByte(byte(k.Kind))
		str(k.ID)
		num = binary.AppendVarint(num[:0], int64(k.N))
		b.Write(num)
	}
	uv(uint64(len(paths)))
	for _, p := range paths {
		str(p)
		ids := c.next[p]
		uv(uint64(len(ids)))
		for _, id := range ids {
			uv(uint64(renum[id] - 1))
		}
	}
	return b.Bytes()
}

var errPageCache = errors.New("malformed page cache")

// decodePageCache parses what encode wrote.
func decodePageCache(data []byte) ([]render.Key, map[string][]uint32, error) {
	rest, ok := bytes.CutPrefix(data, []byte(pageCacheMagic))
	if !ok {
		return nil, nil, errPageCache
	}
	r := bytes.NewReader(rest)
	count := func() (int, error) {
		n, err := binary.ReadUvarint(r)
		if err == nil && n > uint64(len(rest)) {
			err = errPageCache // more items than bytes: corrupt
		}
		return int(n), err
	}
	str := func() (string, error) {
		n, err := count()
		if err != nil {
			return "", err
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(r, b); err != nil {
			return "", err
		}
		return string(b), nil
	}
	nk, err := count()
	if err != nil {
		return nil, nil, err
	}
	keys := make([]render.Key, nk)
	for i := range keys {
		kind, err := r.ReadByte()
		if err != nil {
			return nil, nil, err
		}
		id, err := str()
		if err != nil {
			return nil, nil, err
		}
		n, err := binary.ReadVarint(r)
		if err != nil {
			return nil, nil, err
		}
		keys[i] = render.Key{Kind: render.KeyKind(kind), ID: id, N: int(n)}
	}
	np, err := count()
	if err != nil {
		return nil, nil, err
	}
	pages := make(map[string][]uint32, np)
	for range np {
		p, err := str()
		if err != nil {
			return nil, nil, err
		}
		nd, err := count()
		if err != nil {
			return nil, nil, err
		}
		ids := make([]uint32, nd)
		for j := range ids {
			id, err := binary.ReadUvarint(r)
			if err != nil {
				return nil, nil, err
			}
			if id >= uint64(nk) {
				return nil, nil, errPageCache
			}
			ids[j] = uint32(id)
		}
		pages[p] = ids
	}
	return keys, pages, nil
}

// held records the keys page p read as it rendered, and reports whether
// the destination holds the page as made from them (a file that did not
// need the render, say after the cache file was lost).
func (c *pageCache) held(u unchanger, p *render.Page, deps render.Deps) bool {
	vals := c.record(p.Path, deps)
	return u.Unchanged(p.Path, c.input(p, deps, func(i int) render.Version { return vals[i] }))
}

// cachedPage renders page p and writes it, unless the destination holds
// it as made from the same input (see the top of this file).
func (w *writer) cachedPage(r *render.Renderer, p *render.Page, u unchanger) error {
	c := w.cache
	if in, ok := c.lastInput(p); ok && u.Unchanged(p.Path, in) {
		c.keep(p.Path)
		return nil
	}
	w.rendered.Add(1)
	return w.putPage(p.Path, func(dst []byte) ([]byte, error) {
		data, deps, _, err := w.spliced(dst, r, p, true, nil)
		if err != nil || c.held(u, p, deps) {
			return nil, err
		}
		return data, nil
	})
}
