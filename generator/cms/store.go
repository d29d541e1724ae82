package cms

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
)

// A store reads and writes the files the CMS may touch: those below the
// writable folders (content/ and the media folder) of the source tree.
// Each folder is opened as an os.Root, so no path, however written, and no
// symlink leads out of it.
type store struct {
	src  *os.Root
	dirs []string // slash paths relative to src, e.g. "content", "static/uploads"
	max  int64    // largest file read or written, in bytes
}

// errRefused marks a path the store will not touch.
var errRefused = errors.New("path refused")

func refused(p, why string) error { return fmt.Errorf("%w: %q %s", errRefused, p, why) }

// split checks p, a slash path relative to the source root, and returns
// the writable folder it is in and its path inside that folder ("" for
// the folder itself).
func (s *store) split(p string) (dir, rel string, err error) {
	switch {
	case p == "":
		return "", "", refused(p, "is empty")
	case strings.ContainsAny(p, "\\\x00:"):
		return "", "", refused(p, "has a backslash, colon or NUL")
	case strings.HasPrefix(p, "/"):
		return "", "", refused(p, "is absolute")
	case path.Clean(p) != p:
		return "", "", refused(p, "is not a clean path (.., ., // or a trailing /)")
	}
	for seg := range strings.SplitSeq(p, "/") {
		if strings.HasPrefix(seg, ".") {
			return "", "", refused(p, "has a hidden or .. segment")
		}
	}
	for _, d := range s.dirs {
		if p == d {
			return d, "", nil
		}
		if r, ok := strings.CutPrefix(p, d+"/"); ok {
			return d, r, nil
		}
	}
	return "", "", refused(p, "is outside "+strings.Join(s.dirs, " and "))
}

// check checks p as split does, and also that it names a file, not a
// writable folder itself, and that no part of it is a symlink: a link
// could lead out of the folder, and one inside it could make two paths
// of one file. Parts that do not exist yet are fine.
func (s *store) check(p string) error {
	dir, rel, err := s.split(p)
	if err != nil {
		return err
	}
	if rel == "" {
		return refused(p, "is a folder")
	}
	return s.noLinks(dir, rel, p)
}

// noLinks checks that no part of dir/rel is a symlink.
func (s *store) noLinks(dir, rel, p string) error {
	parts := strings.Split(dir, "/")
	if rel != "" {
		parts = append(parts, strings.Split(rel, "/")...)
	}
	walk := ""
	for _, seg := range parts {
		walk = path.Join(walk, seg)
		st, err := s.src.Lstat(walk)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return refused(p, "cannot be resolved: "+err.Error())
		}
		if st.Mode()&fs.ModeSymlink != 0 {
			return refused(p, "is or passes through a symlink")
		}
	}
	return nil
}

// open opens the writable folder dir as a root; create makes it first.
func (s *store) open(dir string, create bool) (*os.Root, error) {
	if create {
		if err := s.src.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	return s.src.OpenRoot(dir)
}

// read returns the content of the file at p.
func (s *store) read(p string) ([]byte, error) {
	if err := s.check(p); err != nil {
		return nil, err
	}
	dir, rel, _ := s.split(p)
	r, err := s.open(dir, false)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	f, err := r.Open(rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, refused(p, "is not a regular file")
	}
	if st.Size() > s.max {
		return nil, fmt.Errorf("%s: %d bytes, over the limit of %d", p, st.Size(), s.max)
	}
	return io.ReadAll(io.LimitReader(f, s.max+1))
}

// list returns the files below folder, at most depth levels down, whose
// names end in ext, as slash paths relative to the source root, sorted.
// Hidden and temporary files are left out, and so is the folder's own
// _index file: it is the list page's intro, not an entry of the folder.
func (s *store) list(folder, ext string, depth int) ([]string, error) {
	dir, rel, err := s.split(folder)
	if err != nil {
		return nil, err
	}
	if err := s.noLinks(dir, rel, folder); err != nil {
		return nil, err
	}
	r, err := s.open(dir, false)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return []string{}, nil
		}
		return nil, err
	}
	defer r.Close()
	base := rel
	if base == "" {
		base = "."
	}
	out := []string{}
	err = fs.WalkDir(r.FS(), base, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == base && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		levels := 0
		if p != base {
			levels = strings.Count(strings.TrimPrefix(p, base+"/"), "/") + 1
			if base == "." {
				levels = strings.Count(p, "/") + 1
			}
		}
		name := d.Name()
		if p != base && (strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if levels >= depth {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !strings.HasSuffix(name, ext) {
			return nil
		}
		if levels == 1 && strings.HasPrefix(name, "_index.") {
			return nil
		}
		out = append(out, path.Join(dir, p))
		return nil
	})
	slices.Sort(out)
	return out, err
}

// write replaces the file at p with data atomically: a temporary file in
// the same folder, synced, then renamed over p. Missing folders are made.
func (s *store) write(p string, data []byte) error {
	if int64(len(data)) > s.max {
		return fmt.Errorf("%s: %d bytes, over the limit of %d", p, len(data), s.max)
	}
	if err := s.check(p); err != nil {
		return err
	}
	dir, rel, _ := s.split(p)
	r, err := s.open(dir, true)
	if err != nil {
		return err
	}
	defer r.Close()
	if d := path.Dir(rel); d != "." {
		if err := r.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	if st, err := r.Lstat(rel); err == nil && !st.Mode().IsRegular() {
		return refused(p, "is not a regular file")
	}
	var b [8]byte
	rand.Read(b[:])
	// A leading dot and a trailing ~ keep the watcher and the loader off
	// the temporary file.
	tmp := path.Join(path.Dir(rel), "."+path.Base(rel)+"."+hex.EncodeToString(b[:])+"~")
	f, err := r.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = r.Rename(tmp, rel)
	}
	if err != nil {
		r.Remove(tmp)
	}
	return err
}

// remove deletes the file at p; a missing file is not an error. When p is
// the index file of a folder (a story bundle) that is left with no other
// file than images, the folder goes too, with the bundle's images:
// deleting an entry deletes its bundle. Folders emptied are removed.
func (s *store) remove(p string) error {
	if err := s.check(p); err != nil {
		return err
	}
	dir, rel, _ := s.split(p)
	r, err := s.open(dir, false)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	defer r.Close()
	if st, err := r.Lstat(rel); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	} else if st.IsDir() {
		return refused(p, "is a folder")
	}
	if err := r.Remove(rel); err != nil {
		return err
	}
	if d := path.Dir(rel); d != "." && strings.HasPrefix(path.Base(rel), "index.") {
		removeBundle(r, d)
	}
	// Remove the folders this left empty, up to the writable folder.
	for d := path.Dir(rel); d != "."; d = path.Dir(d) {
		if r.Remove(d) != nil {
			break
		}
	}
	return nil
}

// removeBundle removes the files left in the bundle folder dir after its
// index file was deleted, when they are all resources (images and the
// like): no Markdown file, no subfolder, so no other page is lost.
func removeBundle(r *os.Root, dir string) {
	entries, err := fs.ReadDir(r.FS(), dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasSuffix(e.Name(), ".md") {
			return
		}
	}
	for _, e := range entries {
		r.Remove(path.Join(dir, e.Name()))
	}
}

// move renames the file at from to to. When from is a bundle's index
// file, the bundle's other files move with it.
func (s *store) move(from, to string) error {
	for _, p := range []string{from, to} {
		if err := s.check(p); err != nil {
			return err
		}
	}
	fdir, frel, _ := s.split(from)
	tdir, trel, _ := s.split(to)
	if fdir != tdir {
		return refused(to, "must stay in the folder of "+from)
	}
	r, err := s.open(fdir, false)
	if err != nil {
		return err
	}
	defer r.Close()
	if err := r.MkdirAll(path.Dir(trel), 0o755); err != nil {
		return err
	}
	if err := r.Rename(frel, trel); err != nil {
		return err
	}
	if b := path.Base(frel); !strings.HasPrefix(b, "index.") && !strings.HasPrefix(b, "_index.") {
		return nil
	}
	src, dst := path.Dir(frel), path.Dir(trel)
	if src == "." || src == dst {
		return nil
	}
	entries, err := fs.ReadDir(r.FS(), src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Type().IsRegular() {
			if err := r.Rename(path.Join(src, e.Name()), path.Join(dst, e.Name())); err != nil {
				return err
			}
		}
	}
	r.Remove(src)
	return nil
}
