package publish

import (
	"errors"
	"io/fs"
	"os"
	"strconv"
)

// WriteFile gives data as the file name of the build, replacing an
// earlier file of that name in this build. If DEST already holds exactly
// these bytes under that name, nothing is written: the file in DEST stays
// as it is, inode and modification time included. Otherwise data is
// written to the staging directory, and Commit moves it into DEST. With
// Options.Compress the compressed siblings are made too (and likewise
// not rewritten when DEST holds them for these bytes). WriteFile does
// not keep data. Writes of one name must not overlap: a WriteFile of a
// name that another goroutine is still writing fails instead of mixing
// the two.
func (t *Tx) WriteFile(name string, data []byte) error {
	t.life.RLock()
	defer t.life.RUnlock()
	rewrite, err := t.acquire("write", name)
	if err != nil {
		return err
	}
	defer t.release(name)
	if rewrite {
		if err := t.forget(name); err != nil {
			return err
		}
	}
	<-t.ready
	if t.oldErr != nil {
		return t.oldErr
	}
	h := sumOf(data)
	t.files.Add(1)
	t.bytes.Add(int64(len(data)))
	compress := t.opts.Compress && Compressible(name)
	if t.old != nil && t.old.holds(name, len(data), h) {
		t.record(name, t.old.entryOf(name, h), "")
		if !compress || t.siblingsIntact(name) {
			return nil
		}
	} else if err := t.stage(name, data, h); err != nil {
		return err
	}
	if !compress {
		return nil
	}
	buf := getBuf()
	defer putBuf(buf)
	gzipTo(buf, data)
	if err := t.stageSibling(name+".gz", len(data), buf.Bytes()); err != nil {
		return err
	}
	buf.Reset()
	brotliTo(buf, data)
	return t.stageSibling(name+".br", len(data), buf.Bytes())
}

// stage writes data, hashing to h, as name in the staging directory.
func (t *Tx) stage(name string, data []byte, h sum) error {
	if err := t.put(name, data, h); err != nil {
		return err
	}
	t.wrote.Add(1)
	return nil
}

// put writes data, hashing to h, to the staging directory as the file
// name: at its own path for a build that becomes DEST whole; flat, under
// a number, for one published by difference, which saves making (and
// removing) the staging directory's tree: the rename into DEST names the
// file.
func (t *Tx) put(name string, data []byte, h sum) error {
	at := name
	if t.old != nil {
		at = strconv.FormatInt(t.nextStaged.Add(1), 10)
	} else if err := t.mkdirFor(name); err != nil {
		return err
	}
	if t.failWrite != nil {
		if err := t.failWrite(name); err != nil {
			return err
		}
	}
	st, err := writeFile(t.osPath(at), data)
	if err != nil {
		return err
	}
	t.record(name, entry{size: st.size, mtime: st.mtime, ino: st.ino, sum: h}, at)
	return nil
}

// stageSibling stages the compressed sibling name of a file of n bytes
// if it is smaller than the file; a sibling that is not is left out of
// the site, as the previous build of the same bytes left it out.
func (t *Tx) stageSibling(name string, n int, data []byte) error {
	if len(data) >= n {
		return nil
	}
	h := sumOf(data)
	if t.old != nil && t.old.holds(name, len(data), h) {
		t.record(name, t.old.entryOf(name, h), "")
		return nil
	}
	if err := t.put(name, data, h); err != nil {
		return err
	}
	t.compressed.Add(1)
	t.compressedBytes.Add(int64(len(data)))
	return nil
}

// siblingsIntact reports whether DEST holds the compressed siblings of
// its unchanged file name as the previous build, which compressed the
// same bytes, left them; if so, they become part of this build too.
func (t *Tx) siblingsIntact(name string) bool {
	if !t.old.compress {
		return false
	}
	sibs := [2]string{name + ".gz", name + ".br"}
	for _, s := range sibs {
		f := t.old.files[s]
		switch {
		case f == nil && t.old.recordedGone(s):
			return false // recorded, then deleted by hand
		case f == nil:
			// Not smaller than the file: the previous build left it out.
		case !t.old.intact(s):
			return false
		}
	}
	for _, s := range sibs {
		if f := t.old.files[s]; f != nil {
			t.record(s, t.old.entryOf(s, f.recorded.sum), "")
		}
	}
	return true
}

// record adds name to the new manifest; at is its name in the staging
// directory, or "" if DEST holds it already.
func (t *Tx) record(name string, e entry, at string) {
	t.mu.Lock()
	if in, ok := t.inputs[name]; ok {
		e.in, e.hasIn = in, true
		delete(t.inputs, name)
	}
	t.man[name] = e
	if at != "" {
		t.staged[name] = at
	}
	t.mu.Unlock()
}

// forget undoes an earlier write of name in this build: its manifest
// entries and what it staged, siblings included.
func (t *Tx) forget(name string) error {
	var errs []error
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, n := range [3]string{name, name + ".gz", name + ".br"} {
		delete(t.man, n)
		if at, ok := t.staged[n]; ok {
			delete(t.staged, n)
			if err := os.Remove(t.osPath(at)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// Unchanged reports whether DEST holds the file name as made from input
// by a previous build with the same Options.Transform: then the file (and
// its compressed siblings) become part of this build as they are, and the
// caller need not make it. Otherwise the caller makes the file and gives
// it to WriteFile, which records the hash of input with it. A caller uses
// it to skip work whose result is known, such as minifying a page whose
// rendering did not change.
func (t *Tx) Unchanged(name string, input []byte) bool {
	t.life.RLock()
	defer t.life.RUnlock()
	if t.opts.Transform == "" {
		return false
	}
	rewrite, err := t.acquire("write", name)
	if err != nil {
		return false
	}
	defer t.release(name)
	if rewrite && t.forget(name) != nil {
		return false
	}
	<-t.ready
	if t.oldErr != nil {
		return false
	}
	in := sumOf(input)
	t.mu.Lock()
	t.inputs[name] = in
	t.mu.Unlock()
	if t.old == nil || t.old.transform != t.opts.Transform {
		return false
	}
	f := t.old.files[name]
	if f == nil || f.recorded == nil || !f.recorded.hasIn || f.recorded.in != in || !t.old.intact(name) {
		return false
	}
	if t.opts.Compress && Compressible(name) && !t.siblingsIntact(name) {
		return false
	}
	t.record(name, t.old.entryOf(name, f.recorded.sum), "")
	t.files.Add(1)
	t.bytes.Add(f.recorded.size)
	return true
}
