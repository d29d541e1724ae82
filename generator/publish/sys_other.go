//go:build !linux

package publish

import (
	"errors"
	"os"
	"path/filepath"
)

var errNoExchange = errors.New("atomic exchange not supported")

// exchange reports that this system has no atomic exchange, so that
// Commit takes the two-rename path.
func exchange(a, b string) error { return errNoExchange }

// syncFS does nothing: only Linux flushes a file system in one call.
func syncFS(dir string) error { return nil }

// explain returns err unchanged.
func explain(err error) error { return err }

// writeFile writes data to the file p with mode 0644, as os.WriteFile,
// and returns what the manifest records of it.
func writeFile(p string, data []byte) (fileStat, error) {
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fileStat{}, err
	}
	fi, err := os.Lstat(p)
	if err != nil {
		return fileStat{}, err
	}
	return statOf(fi), nil
}

// A dirRef is a directory that removeAt removes entries of.
type dirRef struct{ path string }

// openDir returns a reference to the directory p.
func openDir(p string) (dirRef, error) { return dirRef{path: p}, nil }

func (d dirRef) close() {}

// removeAt removes the entry name of the directory d and everything in
// it with os.RemoveAll. A missing entry is not an error.
func removeAt(d dirRef, name string, isDir bool) error {
	return os.RemoveAll(filepath.Join(d.path, name))
}
