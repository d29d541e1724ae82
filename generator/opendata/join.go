package opendata

import (
	"bytes"
	"sync"
)

// joined is a file made of a head, records and a tail, as a Cache keeps
// it: the next file of the same parts is the same bytes, and one whose
// records changed copies only the runs of records that did not. Its bytes
// are made on the first call of bytes, once: a lazy file (Options.Lazy)
// that no one reads is never copied together.
type joined struct {
	head, tail []byte
	sep        string
	recs       [][]byte
	once       sync.Once
	out        []byte
}

// join returns the file of head, then the records with sep between them,
// then tail. With a cache it returns the last file of that name when its
// parts are the same bytes, so that a build after an edit that changes no
// record allocates nothing.
func (c *Cache) join(name string, head []byte, recs [][]byte, sep, tail string) *joined {
	var last *joined
	if c != nil {
		last = c.files[name]
	}
	if last != nil && bytes.Equal(last.head, head) && bytes.Equal(last.tail, []byte(tail)) && last.sep == sep && sameRecords(last.recs, recs) {
		return last
	}
	j := &joined{head: bytes.Clone(head), tail: []byte(tail), sep: sep, recs: recs}
	if c != nil {
		if c.files == nil {
			c.files = map[string]*joined{}
		}
		c.files[name] = j
	}
	return j
}

// bytes returns the file, joining it on the first call. The records are
// never modified once encoded, so a later Files call does not change
// what it returns.
func (j *joined) bytes() []byte {
	j.once.Do(func() {
		size := len(j.head) + len(j.tail)
		for _, r := range j.recs {
			size += len(r) + len(j.sep)
		}
		out := make([]byte, 0, size)
		out = append(out, j.head...)
		for i, r := range j.recs {
			if i > 0 {
				out = append(out, j.sep...)
			}
			out = append(out, r...)
		}
		j.out = append(out, j.tail...)
	})
	return j.out
}

// sameRecords reports whether a and b hold the same bytes, comparing the
// bytes only of records that are not the very same slice.
func sameRecords(a, b [][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		if len(a[i]) > 0 && &a[i][0] == &b[i][0] {
			continue
		}
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}
