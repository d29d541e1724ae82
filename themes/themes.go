// Package themes bundles the default theme into the binary, so that a
// source tree without a theme of its own builds anywhere.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed showcase/layouts showcase/assets
var files embed.FS

// Default is the bundled default theme: layouts/ and assets/.
var Default fs.FS = mustSub(files, "showcase")

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // dir is a constant that go:embed has checked
	}
	return sub
}
