package opendata

import "bytes"

// joined is a file made of a head, records and a tail, as a Cache keeps
// it: the next file of the same parts is the same bytes, and one whose
// records changed copies only the runs of records that did not.
type joined struct {
	head, tail []byte
	recs       [][]byte
	out        []byte
}

// join returns head, then the records with sep between them, then tail.
// With a cache it returns the last file of that name when its parts are
// the same bytes, so that a build after an edit that changes no record
// allocates nothing.
func (c *Cache) join(name string, head []byte, recs [][]byte, sep, tail string) []byte {
	var last *joined
	if c != nil {
		last = c.files[name]
	}
	if last != nil && bytes.Equal(last.head, head) && bytes.Equal(last.tail, []byte(tail)) && sameRecords(last.recs, recs) {
		return last.out
	}
	size := len(head) + len(tail)
	for _, r := range recs {
		size += len(r) + len(sep)
	}
	out := make([]byte, 0, size)
	out = append(out, head...)
	for i, r := range recs {
		if i > 0 {
			out = append(out, sep...)
		}
		out = append(out, r...)
	}
	out = append(out, tail...)
	if c != nil {
		if c.files == nil {
			c.files = map[string]*joined{}
		}
		c.files[name] = &joined{head: bytes.Clone(head), tail: []byte(tail), recs: recs, out: out}
	}
	return out
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
