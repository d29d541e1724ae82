package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

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
// umask) or truncated, and returns errors as os.WriteFile does. It makes
// the three system calls the job needs (open, write, close): an os.File
// would add four fcntl(2) calls and an epoll_ctl(2) that fails for every
// regular file, which at ten thousand files is a second of system time.
func writeFile(p string, data []byte) error {
	fd, err := ignoringEINTR(func() (int, error) {
		return unix.Open(p, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return &fs.PathError{Op: "open", Path: p, Err: err}
	}
	for len(data) > 0 {
		n, err := ignoringEINTR(func() (int, error) { return unix.Write(fd, data) })
		if err == nil && n <= 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			unix.Close(fd)
			return &fs.PathError{Op: "write", Path: p, Err: err}
		}
		data = data[n:]
	}
	// close(2) is not retried on EINTR: the descriptor is gone either way.
	if err := unix.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: p, Err: err}
	}
	return nil
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
