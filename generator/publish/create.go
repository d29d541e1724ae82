package publish

import (
	"bufio"
	"compress/gzip"
	"errors"
	"io"
	"os"

	"github.com/andybalholm/brotli"
)

// Create opens the file name of the build for streaming, for files too
// large to hold in memory; it replaces an earlier file of that name. The
// bytes are written verbatim (never minified); with Options.Compress the
// compressed siblings are streamed alongside and kept at Close only if
// smaller. The writer is not safe for concurrent use, but writers of
// different names may be used concurrently. Commit refuses to publish
// while a writer is open; after Abort its methods return ErrDone.
func (t *Tx) Create(name string) (io.WriteCloser, error) {
	t.life.RLock()
	defer t.life.RUnlock()
	rewrite, err := t.acquire("create", name)
	if err != nil {
		return nil, err
	}
	w, err := t.create(name, rewrite)
	if err != nil {
		t.release(name)
		return nil, err
	}
	t.mu.Lock()
	t.open++
	t.mu.Unlock()
	return w, nil
}

func (t *Tx) create(name string, rewrite bool) (*fileWriter, error) {
	if err := t.mkdirFor(name); err != nil {
		return nil, err
	}
	w := &fileWriter{t: t, name: name, rewrite: rewrite}
	if err := w.main.open(t.osPath(name)); err != nil {
		return nil, err
	}
	if !t.opts.Compress || !Compressible(name) {
		return w, nil
	}
	if err := w.gz.open(t.osPath(name + ".gz")); err != nil {
		w.abandon()
		return nil, err
	}
	if err := w.br.open(t.osPath(name + ".br")); err != nil {
		w.abandon()
		return nil, err
	}
	zw := gzipPool.Get().(*gzip.Writer)
	zw.Reset(w.gz.buf)
	w.gzw = zw
	w.brw = getBrotli(w.br.buf, brotliWindow(-1))
	return w, nil
}

// outFile is one file a fileWriter writes, buffered, with its size.
type outFile struct {
	f   *os.File
	buf *bufio.Writer
	n   int64
}

func (o *outFile) open(p string) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	o.f, o.buf = f, bufio.NewWriterSize(o, 32<<10)
	return nil
}

// Write counts and writes to the file; the bufio.Writer calls it.
func (o *outFile) Write(p []byte) (int, error) {
	n, err := o.f.Write(p)
	o.n += int64(n)
	return n, err
}

// finish flushes and closes the file.
func (o *outFile) finish() error {
	if o.f == nil {
		return nil
	}
	err := o.buf.Flush()
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	o.f = nil
	return err
}

// fileWriter is the io.WriteCloser Create returns.
type fileWriter struct {
	t       *Tx
	name    string
	rewrite bool
	main    outFile
	gz, br  outFile // used only when compressing
	gzw     *gzip.Writer
	brw     *brotli.Writer
	closed  bool
	err     error // the first write error, returned by later calls
}

func (w *fileWriter) Write(p []byte) (int, error) {
	w.t.life.RLock()
	defer w.t.life.RUnlock()
	switch {
	case w.closed:
		return 0, errors.New("publish: write to closed file " + w.name)
	case w.t.done:
		return 0, ErrDone
	case w.err != nil:
		return 0, w.err
	}
	n, err := w.main.buf.Write(p)
	if err == nil && w.gzw != nil {
		if _, err = w.gzw.Write(p); err == nil {
			_, err = w.brw.Write(p)
		}
	}
	w.err = err
	return n, err
}

// Close finishes the file and its siblings, keeping each sibling only
// if it is smaller than the file.
func (w *fileWriter) Close() error {
	w.t.life.RLock()
	defer w.t.life.RUnlock()
	if w.closed {
		return errors.New("publish: file closed twice: " + w.name)
	}
	w.closed = true
	defer w.done()
	if w.t.done {
		w.abandon()
		return ErrDone
	}
	err := w.err
	if w.gzw != nil {
		err = errors.Join(err, w.gzw.Close(), w.brw.Close())
	}
	err = errors.Join(err, w.main.finish(), w.gz.finish(), w.br.finish())
	if err != nil {
		return err
	}
	t := w.t
	t.files.Add(1)
	t.bytes.Add(w.main.n)
	t.input.Add(w.main.n)
	if w.gzw == nil {
		if w.rewrite {
			return t.removeSiblings(w.name)
		}
		return nil
	}
	for _, s := range []struct {
		name string
		n    int64
	}{{w.name + ".gz", w.gz.n}, {w.name + ".br", w.br.n}} {
		if s.n >= w.main.n {
			if err := os.Remove(t.osPath(s.name)); err != nil {
				return err
			}
			continue
		}
		t.compressed.Add(1)
		t.compressedBytes.Add(s.n)
	}
	return nil
}

// abandon closes the files without checking errors.
func (w *fileWriter) abandon() {
	w.main.finish()
	w.gz.finish()
	w.br.finish()
}

// done returns the compressors to their pools and the name to the Tx.
func (w *fileWriter) done() {
	if w.gzw != nil {
		w.gzw.Reset(io.Discard)
		gzipPool.Put(w.gzw)
		putBrotli(w.brw, brotliWindow(-1))
		w.gzw, w.brw = nil, nil
	}
	w.t.release(w.name)
	w.t.mu.Lock()
	w.t.open--
	w.t.mu.Unlock()
}
