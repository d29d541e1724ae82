package content

import (
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"slices"
)

// released is what a story keeps of a body ReleaseBody dropped: where to
// read it again and what it was.
type released struct {
	fsys fs.FS
	n    int
	crc  uint32 // CRC-32C
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ReleaseBody drops the story's Body; Source then reads it again from
// fsys, the tree it was loaded from, and checks it is what was dropped
// (its length and CRC-32C: a file edited during the build). A
// build that has converted every body need not hold the Markdown while
// it renders the pages.
func (s *Story) ReleaseBody(fsys fs.FS) {
	if s.Body == nil || s.released != nil {
		return
	}
	s.released = &released{fsys: fsys, n: len(s.Body), crc: crc32.Checksum(s.Body, castagnoli)}
	s.Body = nil
}

// Source returns the story's Markdown body: Body, or after ReleaseBody
// the body read again from its file, which must not have changed since.
func (s *Story) Source() ([]byte, error) {
	r := s.released
	if r == nil {
		return s.Body, nil
	}
	f, err := r.fsys.Open(s.Path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.Path, err)
	}
	src, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.Path, err)
	}
	// The body is the end of the cleaned file (load.go).
	src, e := cleanText(s.Path, src)
	if e == nil && len(src) >= r.n {
		if body := src[len(src)-r.n:]; crc32.Checksum(body, castagnoli) == r.crc {
			return slices.Clip(body), nil
		}
	}
	return nil, fmt.Errorf("%s: changed during the build", s.Path)
}
