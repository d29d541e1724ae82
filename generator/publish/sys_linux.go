package publish

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"golang.org/x/sys/unix"
)

// errNoExchange is wrapped by exchange when the kernel or the file
// system cannot exchange two names atomically.
var errNoExchange = errors.New("atomic exchange not supported")

// exchange atomically swaps the directories a and b (renameat2 with
// RENAME_EXCHANGE, Linux 3.15 and later; not every file system has it).
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EINVAL), errors.Is(err, unix.EOPNOTSUPP):
		return errors.Join(errNoExchange, err)
	}
	return &os.LinkError{Op: "renameat2", Old: a, New: b, Err: err}
}

// syncFS flushes the whole file system holding dir, one call for any
// number of files.
func syncFS(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}

// explain adds a hint to the errors a rename of DEST gives when DEST is
// a mount point (EBUSY) or cannot be renamed on its file system (EXDEV,
// as overlayfs says for a directory of a lower layer).
func explain(err error) error {
	if errors.Is(err, unix.EBUSY) || errors.Is(err, unix.EXDEV) {
		return fmt.Errorf("%w (is the destination a mount point, or a directory from a lower layer of an overlay file system? "+
			"A build is swapped in by renaming, so publish into a new directory inside it)", err)
	}
	return err
}

// writeFile writes data to the file p, created with mode 0644 (less the
// umask) or truncated, and returns what the manifest records of it (see
// [fileStat]) and errors as os.WriteFile does. It makes the system calls
// the job needs (open, write, fstat, close): an os.File would add four
// fcntl(2) calls and an epoll_ctl(2) that fails for every regular file,
// which at ten thousand files is a second of system time.
func writeFile(p string, data []byte) (fileStat, error) {
	fd, err := ignoringEINTR(func() (int, error) {
		return unix.Open(p, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return fileStat{}, &fs.PathError{Op: "open", Path: p, Err: err}
	}
	for len(data) > 0 {
		n, err := ignoringEINTR(func() (int, error) { return unix.Write(fd, data) })
		if err == nil && n <= 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			unix.Close(fd)
			return fileStat{}, &fs.PathError{Op: "write", Path: p, Err: err}
		}
		data = data[n:]
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		unix.Close(fd)
		return fileStat{}, &fs.PathError{Op: "fstat", Path: p, Err: err}
	}
	// close(2) is not retried on EINTR: the descriptor is gone either way.
	if err := unix.Close(fd); err != nil {
		return fileStat{}, &fs.PathError{Op: "close", Path: p, Err: err}
	}
	return fileStat{size: st.Size, mtime: st.Mtim.Nano(), ino: st.Ino, regular: true}, nil
}

// ignoringEINTR calls f until it fails with something other than EINTR.
func ignoringEINTR(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != unix.EINTR {
			return n, err
		}
	}
}

// A dirRef is an open directory that removeAt removes entries of.
type dirRef struct {
	fd   int
	path string // for errors
}

// openDir opens the directory p, not following a final symbolic link.
func openDir(p string) (dirRef, error) {
	fd, err := ignoringEINTR(func() (int, error) {
		return unix.Open(p, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return dirRef{fd: -1}, &fs.PathError{Op: "open", Path: p, Err: err}
	}
	return dirRef{fd: fd, path: p}, nil
}

func (d dirRef) close() { unix.Close(d.fd) }

// direntBufs holds buffers for getdents(2).
var direntBufs = sync.Pool{New: func() any { return new([8192]byte) }}

// removeAt removes the entry name of the directory d and, if it is a
// directory, everything in it, as os.RemoveAll does, without following
// symbolic links. isDir is the entry's type as its directory listing
// gave it; a wrong guess costs a system call, never a wrong removal.
// Knowing the type saves os.RemoveAll's failed unlink of each directory,
// and removing a directory as soon as a listing's batch of entries is
// gone saves the last getdents(2) call that would find nothing: a story
// directory costs an open, one getdents, an unlink per file, an rmdir and
// a close. A missing entry is not an error.
func removeAt(d dirRef, name string, isDir bool) error {
	if !isDir {
		switch err := unix.Unlinkat(d.fd, name, 0); err {
		case nil, unix.ENOENT:
			return nil
		case unix.EISDIR:
			// A directory after all.
		default:
			return &fs.PathError{Op: "unlinkat", Path: filepath.Join(d.path, name), Err: err}
		}
	}
	p := filepath.Join(d.path, name)
	fd, err := ignoringEINTR(func() (int, error) {
		return unix.Openat(d.fd, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	})
	switch err {
	case nil:
	case unix.ENOENT:
		return nil
	case unix.ENOTDIR, unix.ELOOP:
		// A file or a symbolic link after all.
		if err := unix.Unlinkat(d.fd, name, 0); err != nil && err != unix.ENOENT {
			return &fs.PathError{Op: "unlinkat", Path: p, Err: err}
		}
		return nil
	default:
		return &fs.PathError{Op: "openat", Path: p, Err: err}
	}
	sub := dirRef{fd: fd, path: p}
	defer sub.close()
	buf := direntBufs.Get().(*[8192]byte)
	defer direntBufs.Put(buf)
	var first error
	for {
		n, err := ignoringEINTR(func() (int, error) { return unix.Getdents(fd, buf[:]) })
		if err != nil {
			if first == nil {
				first = &fs.PathError{Op: "getdents", Path: p, Err: err}
			}
			break
		}
		if n <= 0 {
			break
		}
		for b := buf[:n]; len(b) > 0; {
			child, typ, size := parseDirent(b)
			if size == 0 {
				break
			}
			b = b[size:]
			if child == "" || child == "." || child == ".." {
				continue
			}
			if err := removeAt(sub, child, typ == unix.DT_DIR); err != nil && first == nil {
				first = err
			}
		}
		// Everything listed so far is gone: if that was all, the
		// directory is empty and goes now.
		if first == nil && unix.Unlinkat(d.fd, name, unix.AT_REMOVEDIR) == nil {
			return nil
		}
	}
	if err := unix.Unlinkat(d.fd, name, unix.AT_REMOVEDIR); err != nil && err != unix.ENOENT && first == nil {
		first = &fs.PathError{Op: "unlinkat", Path: p, Err: err}
	}
	return first
}

// parseDirent returns the name and type of the linux_dirent64 record at
// the start of b and the record's size, or a zero size if b does not hold
// a whole record. The record is d_ino (8 bytes), d_off (8), d_reclen (2),
// d_type (1) and the NUL-terminated name.
func parseDirent(b []byte) (name string, typ byte, size int) {
	const nameOff = 19
	if len(b) < nameOff {
		return "", 0, 0
	}
	size = int(binary.NativeEndian.Uint16(b[16:18]))
	if size < nameOff || size > len(b) {
		return "", 0, 0
	}
	typ = b[18]
	n := b[nameOff:size]
	for i, c := range n {
		if c == 0 {
			n = n[:i]
			break
		}
	}
	return string(n), typ, size
}
