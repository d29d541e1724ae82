package publish

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// sumLen is the number of bytes of a file's SHA-256 a manifest keeps:
// 128 bits tell two versions of a file apart as well as the whole sum.
const sumLen = 16

type sum [sumLen]byte

func sumOf(data []byte) sum {
	full := sha256.Sum256(data)
	return sum(full[:sumLen])
}

// An entry describes one file of a published site: its size and the
// hash of its bytes, and, for the fast check against the file on disk,
// its modification time (ns) and inode number as they were when it was
// written.
type entry struct {
	size  int64
	mtime int64
	ino   uint64
	sum   sum
	// in, if hasIn, is the hash of the input the file was made from (a
	// page before minification; see [Tx.Unchanged]).
	in    sum
	hasIn bool
}

// sameFile reports whether the file on disk, as lstat describes it,
// is still the one e was recorded from.
func (e entry) sameFile(size, mtime int64, ino uint64) bool {
	return e.size == size && e.mtime == mtime && e.ino == ino
}

// manifestVersion begins the first line of a manifest.
const manifestVersion = "showcase-manifest 3"

// A manifest lists the files of a published DEST (path → entry), with
// the options their bytes depend on beyond the build's own.
type manifest struct {
	compress  bool
	key       string // Options.Key of the build that wrote it
	transform string // its Options.Transform
	files     map[string]entry
}

// manifestPath returns the path of DEST's manifest in its parent:
// ".<base>.manifest". It lives beside DEST, not in it, so that DEST holds
// only the site (and the marker) and stays byte-identical to a fresh
// build.
func manifestPath(parent, base string) string {
	return filepath.Join(parent, "."+base+".manifest")
}

// encode returns the manifest as text: a header line, then one line per
// file, sorted by path: hex sum, size, mtime, inode, the hex sum of its
// input or "-", and the quoted path.
func (m *manifest) encode() []byte {
	names := make([]string, 0, len(m.files))
	for n := range m.files {
		names = append(names, n)
	}
	slices.Sort(names)
	var b bytes.Buffer
	b.Grow(len(names) * 96)
	fmt.Fprintf(&b, "%s compress=%t transform=%s key=%s\n", manifestVersion, m.compress, strconv.Quote(m.transform), strconv.Quote(m.key))
	var num [20]byte
	for _, n := range names {
		e := m.files[n]
		var h [2 * sumLen]byte
		hex.Encode(h[:], e.sum[:])
		b.Write(h[:])
		b.WriteByte(' ')
		b.Write(strconv.AppendInt(num[:0], e.size, 10))
		b.WriteByte(' ')
		b.Write(strconv.AppendInt(num[:0], e.mtime, 10))
		b.WriteByte(' ')
		b.Write(strconv.AppendUint(num[:0], e.ino, 10))
		b.WriteByte(' ')
		if e.hasIn {
			hex.Encode(h[:], e.in[:])
			b.Write(h[:])
		} else {
			b.WriteByte('-')
		}
		b.WriteByte(' ')
		b.WriteString(strconv.Quote(n))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

var errManifest = errors.New("malformed manifest")

// decodeManifest parses what encode wrote.
func decodeManifest(data []byte) (*manifest, error) {
	header, rest, ok := bytes.Cut(data, []byte("\n"))
	if !ok {
		return nil, errManifest
	}
	m := &manifest{files: make(map[string]entry, bytes.Count(rest, []byte("\n")))}
	var err error
	rest0, key, ok := strings.Cut(string(header), " key=")
	if !ok {
		return nil, errManifest
	}
	rest0, transform, ok := strings.Cut(rest0, " transform=")
	if !ok {
		return nil, errManifest
	}
	if m.transform, err = strconv.Unquote(transform); err != nil {
		return nil, errManifest
	}
	switch rest0 {
	case manifestVersion + " compress=true":
		m.compress = true
	case manifestVersion + " compress=false":
	default:
		return nil, errManifest
	}
	if m.key, err = strconv.Unquote(key); err != nil {
		return nil, errManifest
	}
	sc := bufio.NewScanner(bytes.NewReader(rest))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		name, e, err := decodeEntry(sc.Text())
		if err != nil {
			return nil, err
		}
		m.files[name] = e
	}
	return m, sc.Err()
}

func decodeEntry(line string) (string, entry, error) {
	f := strings.SplitN(line, " ", 6)
	if len(f) != 6 || len(f[0]) != 2*sumLen {
		return "", entry{}, errManifest
	}
	var e entry
	var err error
	if _, err = hex.Decode(e.sum[:], []byte(f[0])); err != nil {
		return "", entry{}, errManifest
	}
	e.size, err = strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return "", entry{}, errManifest
	}
	e.mtime, err = strconv.ParseInt(f[2], 10, 64)
	if err != nil {
		return "", entry{}, errManifest
	}
	e.ino, err = strconv.ParseUint(f[3], 10, 64)
	if err != nil {
		return "", entry{}, errManifest
	}
	if f[4] != "-" {
		if len(f[4]) != 2*sumLen {
			return "", entry{}, errManifest
		}
		if _, err = hex.Decode(e.in[:], []byte(f[4])); err != nil {
			return "", entry{}, errManifest
		}
		e.hasIn = true
	}
	name, err := strconv.Unquote(f[5])
	if err != nil || checkPath("manifest", name) != nil {
		return "", entry{}, errManifest
	}
	return name, e, nil
}

// readManifest reads the manifest at p, its bytes and the modification
// time of the manifest file itself. A missing or malformed manifest reads as none:
// every file of DEST is then checked by its bytes.
func readManifest(p string) (m *manifest, raw []byte, written int64) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, nil, 0
	}
	fi, err := os.Stat(p)
	if err != nil {
		return nil, nil, 0
	}
	m, err = decodeManifest(data)
	if err != nil {
		return nil, nil, 0
	}
	return m, data, fi.ModTime().UnixNano()
}

// writeAtomic writes data to p through a temporary file beside it and a
// rename, so that p is always either its old or its new content.
func writeAtomic(p string, data []byte) error {
	tmp := p + ".tmp"
	if _, err := writeFile(tmp, data); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}
