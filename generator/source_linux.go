package generator

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// beneathFS is a source tree on Linux: an os.Root whose hot paths open
// each file with one openat2(2) resolved beneath the tree
// (RESOLVE_BENEATH: no absolute symbolic link, no ".." and no link that
// leads out of it, as os.Root refuses them). os.Root walks a path one
// component at a time, so reading content/stories/x/index.md cost four
// opens, four closes and as many fcntl(2) calls: at 10,000 stories the
// load made 92,000 opens for 20,000 files. Where openat2 is missing (Linux
// before 5.6, or a seccomp filter that refuses it) every call goes to the
// os.Root.
type beneathFS struct {
	root     *os.Root
	fsys     fs.FS // root.FS(): what beneathFS does not do itself
	fd       int   // the root directory
	abs      string
	fallback atomic.Bool
}

func openSource(dir string) (fs.FS, func(), error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	fsys := root.FS()
	abs, aerr := filepath.Abs(dir)
	fd, ferr := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if aerr != nil || ferr != nil {
		return fsys, func() { root.Close() }, nil
	}
	b := &beneathFS{root: root, fsys: fsys, fd: fd, abs: abs}
	return b, func() { unix.Close(fd); root.Close() }, nil
}

// openat2 opens name (a valid fs path) beneath the root; ok false means
// the kernel cannot, and the caller should ask the os.Root.
func (b *beneathFS) openat2(name string, flags int) (fd int, ok bool, err error) {
	if b.fallback.Load() {
		return -1, false, nil
	}
	how := unix.OpenHow{Flags: uint64(flags | unix.O_CLOEXEC), Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS}
	for {
		fd, err = unix.Openat2(b.fd, name, &how)
		switch {
		case err == unix.EINTR || err == unix.EAGAIN:
			continue // EAGAIN: a rename raced the lookup
		case err == unix.ENOSYS || err == unix.EPERM && !b.permitted():
			b.fallback.Store(true)
			return -1, false, nil
		}
		return fd, true, err
	}
}

// permitted reports whether openat2 itself is allowed, telling a seccomp
// filter's EPERM from a file's: the root directory can always be opened.
func (b *beneathFS) permitted() bool {
	fd, err := unix.Openat2(b.fd, ".", &unix.OpenHow{Flags: unix.O_RDONLY | unix.O_DIRECTORY | unix.O_CLOEXEC, Resolve: unix.RESOLVE_BENEATH})
	if err != nil {
		return false
	}
	unix.Close(fd)
	return true
}

// pathErr is err as os.Root reports it: escapes and links that lead
// out of the tree are errors of the path.
func pathErr(op, name string, err error) error {
	if err == unix.EXDEV || err == unix.ELOOP {
		err = errors.New("path escapes from parent")
	}
	return &fs.PathError{Op: op, Path: name, Err: err}
}

// Open opens name; the file is an *os.File named by its absolute path, so
// that the entries of a directory read through it can be stat'ed.
func (b *beneathFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	fd, ok, err := b.openat2(name, unix.O_RDONLY)
	if !ok {
		return b.fsys.Open(name)
	}
	if err != nil {
		return nil, pathErr("open", name, err)
	}
	return os.NewFile(uintptr(fd), filepath.Join(b.abs, filepath.FromSlash(name))), nil
}

// ReadFile reads the file name with open, fstat, read and close.
func (b *beneathFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	fd, ok, err := b.openat2(name, unix.O_RDONLY)
	if !ok {
		return fs.ReadFile(b.fsys, name)
	}
	if err != nil {
		return nil, pathErr("open", name, err)
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&unix.S_IFMT == unix.S_IFDIR {
		return nil, &fs.PathError{Op: "read", Path: name, Err: unix.EISDIR}
	}
	// One byte more than the size, to see the end in the same read.
	data := make([]byte, 0, max(st.Size, 0)+1)
	for {
		n, err := unix.Read(fd, data[len(data):cap(data)])
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		case n == 0:
			return data, nil
		}
		data = data[:len(data)+n]
		if len(data) == cap(data) {
			data = slices.Grow(data, 4096)
		}
	}
}

// ReadDir lists the directory name, sorted by file name.
func (b *beneathFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	fd, ok, err := b.openat2(name, unix.O_RDONLY|unix.O_DIRECTORY)
	if !ok {
		return fs.ReadDir(b.fsys, name)
	}
	if err != nil {
		return nil, pathErr("open", name, err)
	}
	f := os.NewFile(uintptr(fd), filepath.Join(b.abs, filepath.FromSlash(name)))
	defer f.Close()
	list, err := f.ReadDir(-1)
	if err != nil && err != io.EOF {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	slices.SortFunc(list, func(x, y fs.DirEntry) int { return strings.Compare(x.Name(), y.Name()) })
	return list, nil
}

// Stat is the os.Root's: it serves symbolic links, which are rare.
func (b *beneathFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(b.fsys, name) }
