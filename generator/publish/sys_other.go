//go:build !linux

package publish

import (
	"errors"
	"os"
)

var errNoExchange = errors.New("atomic exchange not supported")

// exchange reports that this system has no atomic exchange, so that
// Commit takes the two-rename path.
func exchange(a, b string) error { return errNoExchange }

// syncFS does nothing: only Linux flushes a file system in one call.
func syncFS(dir string) error { return nil }

// explain returns err unchanged.
func explain(err error) error { return err }

// writeFile writes data to the file p with mode 0644, as os.WriteFile.
func writeFile(p string, data []byte) error { return os.WriteFile(p, data, 0o644) }
