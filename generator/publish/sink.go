package publish

import (
	"errors"
	"io/fs"
	"strings"
)

// A Sink receives the files of a build.
//
// WriteFile stores data as the file at name, a slash-separated path
// relative to the site root such as "stories/xikou/index.html". It
// replaces an earlier file of the same name. Implementations reject, with
// an error wrapping [ErrInvalidPath], names that are absolute, contain
// "..", are not clean or otherwise could escape the site root. The
// implementations in this package are safe for concurrent use and do not
// keep a reference to data after WriteFile returns.
type Sink interface {
	WriteFile(name string, data []byte) error
}

// ErrInvalidPath is wrapped by the errors that sinks return for names
// that are not clean slash-separated paths inside the site root.
var ErrInvalidPath = errors.New("invalid path: want a clean slash-separated path inside the site root")

// checkPath reports whether name is acceptable as a file in the site:
// a clean relative path as [fs.ValidPath] defines it, not the root
// itself, without backslashes or NUL bytes (which would mean other things
// on other systems) and not the marker file at the root. The error is an
// *fs.PathError with operation op.
func checkPath(op, name string) error {
	if !fs.ValidPath(name) || name == "." || strings.ContainsAny(name, "\\\x00") || name == Marker {
		return &fs.PathError{Op: op, Path: name, Err: ErrInvalidPath}
	}
	return nil
}
