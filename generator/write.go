package generator

import (
	"bytes"
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/ningbo-showcase/showcase/generator/opendata"
	"github.com/ningbo-showcase/showcase/generator/publish"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/search"
	"github.com/ningbo-showcase/showcase/generator/site"
)

var minifier = sync.OnceValue(publish.NewMinifier)

// writer writes generated files into a sink: pages rendered, relativized
// and minified, other files minified by type or as they are, and static
// files winning over generated files of the same path.
type writer struct {
	sink   publish.Sink
	min    *publish.Minifier // nil: no minification
	static map[string]bool
	rel    bool
	root   string
	// data, if set, keeps the open data's story records between builds
	// (the dev server's).
	data *opendata.Cache
	// cache, if set, is the page cache of a CLI build (pagecache.go).
	cache *pageCache
	// schema makes the front-matter schema: Schema, or the dev server's,
	// which keeps it between builds.
	schema func(*site.Site) ([]byte, error)
	// rendered counts the pages rendered.
	rendered atomic.Int64
}

func newWriter(sink publish.Sink, opts Options, root string, static []string) *writer {
	w := &writer{sink: sink, static: make(map[string]bool, len(static)), rel: opts.RelativeURLs, root: root, schema: Schema}
	if !opts.NoMinify {
		w.min = minifier()
	}
	for _, p := range static {
		w.static[p] = true
	}
	return w
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// unchanger is a sink that may already hold a file as made from the same
// input (publish.Tx.Unchanged).
type unchanger interface {
	Unchanged(name string, input []byte) bool
}

// page renders p and writes it. Into a sink that holds the page as made
// from the same rendering, nothing is minified or written.
func (w *writer) page(r *render.Renderer, p *render.Page) error {
	if w.static[p.Path] {
		return nil
	}
	p, err := r.WithBody(p)
	if err != nil {
		return err
	}
	if u, ok := w.sink.(unchanger); ok && w.cache != nil {
		return w.cachedPage(r, p, u)
	}
	w.rendered.Add(1)
	return w.splicedPage(r, p)
}

// pageBufs holds the byte slices pages are spliced into when the sink
// keeps no reference to what it writes (a Tx; the dev server's memory
// gets a slice of its own).
var pageBufs = sync.Pool{New: func() any { return new([]byte) }}

// putPage writes a page made by mk, which appends it to dst (a pooled
// slice when the sink is a Tx, else nil); mk returns nil data, without an
// error, when nothing is to be written.
func (w *writer) putPage(name string, mk func(dst []byte) ([]byte, error)) error {
	if _, tx := w.sink.(*publish.Tx); !tx {
		data, err := mk(nil)
		if err != nil || data == nil {
			return err
		}
		return w.put(name, data)
	}
	bp := pageBufs.Get().(*[]byte)
	data, err := mk((*bp)[:0])
	if err == nil && data != nil {
		err = w.sink.WriteFile(name, data)
	}
	if cap(data) <= 4<<20 && cap(data) > cap(*bp) {
		*bp = data[:0]
	}
	pageBufs.Put(bp)
	return err
}

// render returns the bytes of page p as written: relativized and
// minified; nil when a static file takes its place.
func (w *writer) render(r *render.Renderer, p *render.Page) ([]byte, error) {
	if w.static[p.Path] {
		return nil, nil
	}
	data, _, _, err := w.spliced(nil, r, p, false, nil)
	return data, err
}

// pages renders and writes pages on all cores, one at a time (a dossier's
// parts, side by side in the list, cost a hundred story pages each); done,
// if set, is called after each.
func (w *writer) pages(ctx context.Context, r *render.Renderer, pages []*render.Page, done func()) error {
	return parallelEach(ctx, len(pages), func(i int) error {
		if err := w.page(r, pages[i]); err != nil {
			return err
		}
		if done != nil {
			done()
		}
		return nil
	})
}

// memorySink is the dev server's sink (publish.Memory): it keeps a slice
// without copying it, takes many files under one lock, and keeps a file
// made on its first read.
type memorySink interface {
	Put(name string, data []byte) error
	PutAll(names []string, data [][]byte) error
	PutLazy(name string, make func() []byte) error
}

// put writes data, which no one modifies afterwards: into the dev
// server's memory without a copy.
func (w *writer) put(name string, data []byte) error {
	if s, ok := w.sink.(memorySink); ok {
		return s.Put(name, data)
	}
	return w.sink.WriteFile(name, data)
}

// putAll writes files as put does, into the dev server's memory at once.
func (w *writer) putAll(names []string, data [][]byte) error {
	if s, ok := w.sink.(memorySink); ok {
		return s.PutAll(names, data)
	}
	for i, name := range names {
		if err := w.put(name, data[i]); err != nil {
			return err
		}
	}
	return nil
}

// minify returns generated data minified by type.
func (w *writer) minify(name string, data []byte) ([]byte, error) {
	if w.min == nil {
		return data, nil
	}
	return w.min.Minify(name, data)
}

// file writes generated data, minified by type, unless static/ has a file
// of the same path.
func (w *writer) file(name string, data []byte) error {
	if w.static[name] {
		return nil
	}
	data, err := w.minify(name, data)
	if err != nil {
		return err
	}
	return w.put(name, data) // callers pass fresh bytes
}

// raw writes data as it is (assets already minified, bundle resources,
// the search index): bytes that are never modified.
func (w *writer) raw(name string, data []byte) error {
	if w.static[name] {
		return nil
	}
	return w.put(name, data)
}

// searchFiles writes the files of the search index.
func (w *writer) searchFiles(files []search.File) error {
	// The index is compact already; a JSON minifier would undo its
	// escaping of < and >.
	names := make([]string, 0, len(files))
	data := make([][]byte, 0, len(files))
	for _, f := range files {
		if !w.static[f.Path] {
			names, data = append(names, f.Path), append(data, f.Data)
		}
	}
	return w.putAll(names, data)
}

// parallelChunk is how many indexes a worker of parallel takes at a time.
const parallelChunk = 16

// parallel runs f(0..n-1) on all cores, returning the first error (by
// index, so the error reported does not depend on scheduling).
func parallel(ctx context.Context, n int, f func(i int) error) error {
	return parallelRuns(ctx, n, parallelChunk, f)
}

// parallelEach is parallel handing out one index at a time, for calls
// that each do real work (rendering a page), some much more than others.
func parallelEach(ctx context.Context, n int, f func(i int) error) error {
	return parallelRuns(ctx, n, 1, f)
}

// parallelRuns is parallel with workers taking runs of chunk indexes.
func parallelRuns(ctx context.Context, n, chunk int, f func(i int) error) error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	// Workers take runs of parallelChunk indexes: most calls are cache
	// hits of a microsecond, for which handing over one index at a time
	// through a channel cost more than the work.
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), (n+chunk-1)/chunk) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				start := int(next.Add(int64(chunk))) - chunk
				if start >= n {
					return
				}
				for i := start; i < min(start+chunk, n); i++ {
					errs[i] = f(i)
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return firstErr(errs)
}

func firstErr(errs []error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
