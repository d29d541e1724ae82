package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// A journal is the plan of a publish into an existing DEST: the staged
// files to rename into DEST, in order, the files and directories to
// remove, and the manifest to write last. It is written beside DEST
// before the first rename, so that a publish cut short by a kill is
// finished by the next Begin: every step can be done again.
type journal struct {
	staging  string   // the staging directory's name in DEST's parent
	writes   []move   // staged files, renamed into DEST in this order
	removes  []string // files of DEST to remove
	rmdirs   []string // directories of DEST to remove, deepest first
	manifest []byte   // the new manifest, encoded
}

// A move renames the staged file from (a name in the staging directory)
// to the file to of DEST.
type move struct{ from, to string }

const journalVersion = "showcase-journal 2"

// journalPath returns the path of DEST's journal: ".<base>.journal" in
// its parent.
func journalPath(parent, base string) string {
	return filepath.Join(parent, "."+base+".journal")
}

func (j *journal) encode() []byte {
	var b bytes.Buffer
	b.WriteString(journalVersion + "\n")
	fmt.Fprintf(&b, "s %s\n", strconv.Quote(j.staging))
	for _, m := range j.writes {
		fmt.Fprintf(&b, "w %s %s\n", strconv.Quote(m.from), strconv.Quote(m.to))
	}
	for _, list := range []struct {
		op    byte
		names []string
	}{{'r', j.removes}, {'d', j.rmdirs}} {
		for _, n := range list.names {
			b.WriteByte(list.op)
			b.WriteByte(' ')
			b.WriteString(strconv.Quote(n))
			b.WriteByte('\n')
		}
	}
	b.WriteString("m\n")
	b.Write(j.manifest)
	return b.Bytes()
}

var errJournal = errors.New("malformed journal")

func decodeJournal(data []byte) (*journal, error) {
	j := &journal{}
	rest := data
	first := true
	for {
		l, after, ok := bytes.Cut(rest, []byte("\n"))
		if !ok {
			return nil, errJournal
		}
		rest = after
		line := string(l)
		if first {
			if line != journalVersion {
				return nil, errJournal
			}
			first = false
			continue
		}
		if line == "m" {
			j.manifest = rest
			break
		}
		op, q, ok := strings.Cut(line, " ")
		if !ok {
			return nil, errJournal
		}
		if op == "w" {
			from, err := strconv.QuotedPrefix(q)
			if err != nil || len(q) < len(from)+2 || q[len(from)] != ' ' {
				return nil, errJournal
			}
			m := move{to: q[len(from)+1:]}
			m.from, _ = strconv.Unquote(from)
			if m.to, err = strconv.Unquote(m.to); err != nil || checkPath("journal", m.from) != nil || checkPath("journal", m.to) != nil {
				return nil, errJournal
			}
			j.writes = append(j.writes, m)
			continue
		}
		name, err := strconv.Unquote(q)
		if err != nil {
			return nil, errJournal
		}
		if op == "s" {
			if name == "" || strings.ContainsAny(name, "/\\") || name == "." || name == ".." {
				return nil, errJournal
			}
			j.staging = name
			continue
		}
		if checkPath("journal", name) != nil {
			return nil, errJournal
		}
		switch op {
		case "r":
			j.removes = append(j.removes, name)
		case "d":
			j.rmdirs = append(j.rmdirs, name)
		default:
			return nil, errJournal
		}
	}
	if j.staging == "" {
		return nil, errJournal
	}
	if _, err := decodeManifest(j.manifest); err != nil {
		return nil, errJournal
	}
	return j, nil
}

// refers reports whether name (or the file it is a compressed sibling
// of) refers to other files of the site and so is published after them:
// pages, feeds, sitemaps, text files and the names in last.
func refers(name string, last map[string]bool) bool {
	name = strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".br")
	if last[name] {
		return true
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm", ".xml", ".txt", ".webmanifest":
		return true
	}
	return false
}

// plan returns the journal that turns DEST, as t.old found it, into the
// build: what was staged, in order (files that others refer to, such as
// assets and search shards, first; then pages, feeds and the files of
// Options.Last); the files no longer produced; and the directories left
// with nothing the build or the kept names need.
func (t *Tx) plan() *journal {
	last := map[string]bool{}
	for _, n := range t.opts.Last {
		last[n] = true
	}
	j := &journal{staging: filepath.Base(t.tmp)}
	for n, at := range t.staged {
		j.writes = append(j.writes, move{from: at, to: n})
	}
	slices.SortFunc(j.writes, func(a, b move) int {
		ra, rb := refers(a.to, last), refers(b.to, last)
		if ra != rb {
			if ra {
				return 1
			}
			return -1
		}
		return strings.Compare(a.to, b.to)
	})
	for n := range t.old.files {
		if _, ok := t.man[n]; !ok {
			j.removes = append(j.removes, n)
		}
	}
	slices.Sort(j.removes)
	needed := map[string]bool{}
	for n := range t.man {
		for d := path.Dir(n); d != "." && !needed[d]; d = path.Dir(d) {
			needed[d] = true
		}
	}
	for k := range t.kept {
		for d := path.Dir(k); d != "." && !needed[d]; d = path.Dir(d) {
			needed[d] = true
		}
	}
	for d := range t.old.dirs {
		if !needed[d] {
			j.rmdirs = append(j.rmdirs, d)
		}
	}
	slices.SortFunc(j.rmdirs, func(a, b string) int {
		if da, db := strings.Count(a, "/"), strings.Count(b, "/"); da != db {
			return db - da
		}
		return strings.Compare(a, b)
	})
	return j
}

// replay carries out the journal j on DEST and returns the number of
// files it removed. Each step may have been done already by a replay
// that was cut short: a staged file no longer in the staging directory
// was renamed in, a missing file or directory was removed. step, if not
// nil, is called before each step (for tests).
func replay(parent, base string, j *journal, step func(op string)) (removed int, err error) {
	dest := filepath.Join(parent, base)
	staging := filepath.Join(parent, j.staging)
	if step == nil {
		step = func(string) {}
	}
	for _, m := range j.writes {
		step("write " + m.to)
		if err := moveIn(filepath.Join(staging, filepath.FromSlash(m.from)), dest, m.to); err != nil {
			return removed, fmt.Errorf("publish: %w", err)
		}
	}
	for _, n := range j.removes {
		step("remove " + n)
		err := os.Remove(filepath.Join(dest, filepath.FromSlash(n)))
		switch {
		case err == nil:
			removed++
		case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
			// Gone, or a directory above it became a file of the build.
		case isDir(filepath.Join(dest, filepath.FromSlash(n))):
			// Replaced by a directory of the build: rmdirs decides.
		default:
			return removed, fmt.Errorf("publish: %w", err)
		}
	}
	for _, d := range j.rmdirs {
		step("rmdir " + d)
		p := filepath.Join(dest, filepath.FromSlash(d))
		if !isDir(p) {
			continue // gone, or a file of the build now
		}
		if err := os.RemoveAll(p); err != nil {
			return removed, fmt.Errorf("publish: %w", err)
		}
	}
	step("manifest")
	if err := writeAtomic(manifestPath(parent, base), j.manifest); err != nil {
		return removed, fmt.Errorf("publish: writing the manifest: %w", err)
	}
	step("finish")
	if err := removeTree(staging); err != nil {
		return removed, fmt.Errorf("%w: %w", ErrCleanup, err)
	}
	if err := os.Remove(journalPath(parent, base)); err != nil {
		return removed, fmt.Errorf("%w: %w", ErrCleanup, err)
	}
	return removed, nil
}

// isDir reports whether p is a directory (not a link to one).
func isDir(p string) bool {
	fi, err := os.Lstat(p)
	return err == nil && fi.IsDir()
}

// moveIn renames the staged file src over the file name of dest. What
// stands in its way is removed: a directory of that name, or a file
// where the build needs a directory. A src that is gone was moved in by
// an earlier replay of the journal.
func moveIn(src, dest, name string) error {
	dst := filepath.Join(dest, filepath.FromSlash(name))
	for try := 0; ; try++ {
		err := os.Rename(src, dst)
		if err == nil {
			return nil
		}
		if _, serr := os.Lstat(src); errors.Is(serr, fs.ErrNotExist) {
			return nil
		}
		if try == 2 {
			return err
		}
		if isDir(dst) {
			if err := os.RemoveAll(dst); err != nil {
				return err
			}
			continue
		}
		if err := makeParents(dest, name); err != nil {
			return err
		}
	}
}

// makeParents creates the directories of DEST that hold name, removing
// files (or links) that stand where a directory must be.
func makeParents(dest, name string) error {
	dir := path.Dir(name)
	if dir == "." {
		return nil
	}
	p := dest
	for _, elem := range strings.Split(dir, "/") {
		p = filepath.Join(p, elem)
		fi, err := os.Lstat(p)
		switch {
		case err == nil && fi.IsDir():
			continue
		case err == nil:
			if err := os.Remove(p); err != nil {
				return err
			}
		case !errors.Is(err, fs.ErrNotExist):
			return err
		}
		if err := os.Mkdir(p, 0o755); err != nil {
			return err
		}
	}
	return nil
}

// finishJournal finishes a publish a killed build left half done: if
// DEST's journal exists, it is carried out again. A journal whose DEST
// is gone or no longer marked is dropped with its staging directory.
func (t *Tx) finishJournal() error {
	jp := journalPath(t.parent, t.base)
	data, err := os.ReadFile(jp)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	j, err := decodeJournal(data)
	if err != nil {
		return fmt.Errorf("publish: %s, left by an interrupted build: %w; remove it and build again", jp, err)
	}
	if !marked(t.dest) {
		os.Remove(manifestPath(t.parent, t.base))
		return os.Remove(jp) // recoverDest removes the staging directory
	}
	_, err = replay(t.parent, t.base, j, t.step)
	return err
}
