package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
)

// Marker is the name of the file a build writes at the root of DEST. Its
// presence tells the next build that DEST may be replaced.
const Marker = ".showcase-build"

// markerText is the marker's content: constant, so that two builds of one
// tree stay byte-identical.
const markerText = "This directory is written by showcase build.\n" +
	"The next build replaces everything in it except the names it is told to keep.\n"

// Options configure a [Tx].
type Options struct {
	// Keep lists clean slash-separated paths (such as ".git" or "CNAME")
	// that a build leaves as they are in DEST: never compared, replaced
	// or removed. A kept name the build writes itself is the build's.
	Keep []string

	// Compress writes ".gz" (gzip, best compression) and ".br" (brotli at
	// BrotliQuality) siblings of every file for which Compressible
	// reports true, each only if it is smaller than the file itself.
	Compress bool

	// Last lists files, besides pages (see [Tx.Commit]), that refer to
	// other files of the site and are published after them, such as a
	// search index's manifest.
	Last []string

	// Key identifies everything the build's output depends on (say, a
	// hash of its sources, options and program). It is recorded in the
	// manifest, so that the next build with the same Key can learn from
	// [Tx.UpToDate] that DEST already holds its output. "" records none.
	Key string

	// Transform identifies how the callers of [Tx.Unchanged] make files
	// from their inputs (say, the program and whether it minifies); ""
	// turns Unchanged off.
	Transform string

	// Sync, on Linux, flushes the file system holding DEST (syncfs(2))
	// before the publish and the parent directory after it, so that the
	// new site survives a power cut as well as a killed process. It costs
	// one flush per build, never one per file.
	Sync bool
}

// Stats count what a [Tx] has done. Files and Bytes count each
// successful WriteFile (a file written twice counts twice); the marker
// and kept names are not counted.
type Stats struct {
	Files           int64 // files given to WriteFile
	Bytes           int64 // their size
	Written         int64 // files whose bytes were new, written to disk
	Compressed      int64 // ".gz" and ".br" siblings written
	CompressedBytes int64 // their size
	Removed         int64 // files of DEST no longer produced, removed by Commit
}

// ErrDone is returned by the methods of a [Tx] that has been committed
// or aborted.
var ErrDone = errors.New("publish: transaction already committed or aborted")

// errBusy is wrapped when two writers of one name overlap.
var errBusy = errors.New("file is being written by another goroutine")

// A Tx is one build being written to disk. Begin starts it; Commit
// publishes it and Abort discards it. The methods WriteFile, Exists and
// Stats are safe for concurrent use by multiple goroutines; Commit and
// Abort wait for WriteFile calls in progress.
type Tx struct {
	dest   string // absolute DEST
	parent string // its parent directory
	base   string // its last element
	tmp    string // the directory the build (or what changed) is staged in
	opts   Options
	kept   map[string]bool // Options.Keep
	unlock func()          // releases the lock on parent

	// old is what DEST holds, read by a goroutine Begin starts, once
	// ready is closed (oldErr tells if that failed); nil when DEST is
	// absent or empty and the build is staged whole and renamed in.
	old    *destState
	oldErr error
	ready  chan struct{}

	// life guards done: writers hold it for reading while they write;
	// Commit and Abort hold it for writing.
	life sync.RWMutex
	done bool

	mu      sync.Mutex
	written map[string]bool   // name → a writer is busy with it
	man     map[string]entry  // the new manifest: every file of the build
	staged  map[string]string // files (and siblings) written under tmp → their name there
	inputs  map[string]sum    // hashes of inputs given to Unchanged, until the file is written

	dirs sync.Map // slash directories known to exist under tmp

	files, bytes, wrote, compressed, compressedBytes, removed atomic.Int64
	nextStaged                                                atomic.Int64 // names files staged flat

	// Test hooks, set only by this package's tests.
	noExchange     bool                    // take the two-rename path even where RENAME_EXCHANGE works
	betweenRenames func()                  // called between the two renames of that path
	failWrite      func(name string) error // fails writing a staged file, as a full disk would
	step           func(op string)         // called before each step of a journal
}

// Begin starts publishing into the directory dest. It refuses, with a
// [*DestError], a dest that exists and is not a directory, or a
// non-empty directory without the [Marker] of a previous build: such a
// directory is never emptied. Before checking, it finishes a publish that
// a killed build left half done and removes what such a build left
// beside dest (see the package documentation). It then creates the
// staging directory beside dest, creating dest's parent if needed, and
// starts reading what dest holds.
//
// Begin locks dest's parent directory (flock(2)) until Commit or Abort,
// so that a second build into the same parent fails instead of removing
// the first one's staging directory.
func Begin(dest string, opts Options) (*Tx, error) {
	if dest == "" {
		return nil, &DestError{Dest: dest, Reason: "no destination directory given"}
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if parent == abs {
		return nil, &DestError{Dest: abs, Reason: "it is the root of the file system"}
	}
	keep := map[string]bool{}
	for _, k := range opts.Keep {
		if err := checkPath("keep", k); err != nil {
			return nil, err
		}
		keep[k] = true
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	unlock, err := lockDir(parent)
	if err != nil {
		return nil, fmt.Errorf("publish into %s: %w", abs, err)
	}
	t := &Tx{
		dest: abs, parent: parent, base: base,
		opts: opts, kept: keep, unlock: unlock,
		written: make(map[string]bool),
		man:     make(map[string]entry),
		staged:  make(map[string]string),
		inputs:  make(map[string]sum),
	}
	if err := t.begin(); err != nil {
		if t.tmp != "" {
			removeTree(t.tmp)
		}
		unlock()
		return nil, err
	}
	return t, nil
}

// begin recovers, checks DEST, creates the staging directory and starts
// reading DEST if it holds a previous build.
func (t *Tx) begin() error {
	if err := t.finishJournal(); err != nil {
		return err
	}
	if err := recoverDest(t.parent, t.base); err != nil {
		return err
	}
	exists, err := checkDest(t.dest)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(t.parent, tmpPrefix(t.base))
	if errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("publish: %w (a build is staged beside %s, so %s must be writable)", err, t.dest, t.parent)
	}
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	t.tmp = tmp
	// MkdirTemp creates mode 0700; a site must be readable by the server.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	// The marker goes in first, so that a killed build's leftovers are
	// recognisable as this package's.
	if _, err := writeFile(filepath.Join(tmp, Marker), []byte(markerText)); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	t.ready = make(chan struct{})
	if exists && marked(t.dest) {
		go func() {
			defer close(t.ready)
			t.old, t.oldErr = readDest(t.dest, manifestPath(t.parent, t.base), t.kept)
		}()
	} else {
		close(t.ready)
	}
	return nil
}

// UpToDate reports whether DEST already holds this build: the previous
// build recorded the same non-empty Options.Key, and DEST holds exactly
// the files of its manifest, none changed by hand (as far as size,
// modification time and inode tell; see the package documentation). A
// build that is up to date has nothing to write: Abort it.
func (t *Tx) UpToDate() bool {
	<-t.ready
	return t.oldErr == nil && t.old != nil && t.opts.Key != "" &&
		t.old.key == t.opts.Key && t.old.compress == t.opts.Compress && t.old.complete()
}

// SetKey replaces Options.Key, for a build that learns late that its
// output depends on more than the key says (or should not be skipped
// next time: key ""). It must be called before Commit.
func (t *Tx) SetKey(key string) {
	t.mu.Lock()
	t.opts.Key = key
	t.mu.Unlock()
}

// Dest returns the absolute path of the destination directory.
func (t *Tx) Dest() string { return t.dest }

// Stats returns the counts so far.
func (t *Tx) Stats() Stats {
	return Stats{
		Files:           t.files.Load(),
		Bytes:           t.bytes.Load(),
		Written:         t.wrote.Load(),
		Compressed:      t.compressed.Load(),
		CompressedBytes: t.compressedBytes.Load(),
		Removed:         t.removed.Load(),
	}
}

// Exists reports whether name has been written in this transaction by
// WriteFile.
func (t *Tx) Exists(name string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	_, ok := t.written[name]
	return ok
}

// acquire marks name as being written and reports whether it had been
// written before. The caller holds t.life for reading.
func (t *Tx) acquire(op, name string) (rewrite bool, err error) {
	if err := checkPath(op, name); err != nil {
		return false, err
	}
	if t.done {
		return false, ErrDone
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	busy, rewrite := t.written[name]
	if busy {
		return false, &fs.PathError{Op: op, Path: name, Err: errBusy}
	}
	t.written[name] = true
	return rewrite, nil
}

func (t *Tx) release(name string) {
	t.mu.Lock()
	t.written[name] = false
	t.mu.Unlock()
}

// osPath returns the path in the temporary directory of the site file
// name.
func (t *Tx) osPath(name string) string {
	return filepath.Join(t.tmp, filepath.FromSlash(name))
}

// mkdirFor creates the directory that will hold the site file name.
func (t *Tx) mkdirFor(name string) error {
	dir := path.Dir(name)
	if dir == "." {
		return nil
	}
	return t.mkdir(dir)
}

// mkdir creates the slash directory dir under the temporary directory,
// and its parents, as os.MkdirAll would. Directories made in this Tx are
// remembered, so each new directory costs one mkdir(2) and a known one
// none, where os.MkdirAll would also stat it and its parent.
func (t *Tx) mkdir(dir string) error {
	if _, ok := t.dirs.Load(dir); ok {
		return nil
	}
	if parent := path.Dir(dir); parent != "." {
		if err := t.mkdir(parent); err != nil {
			return err
		}
	}
	p := t.osPath(dir)
	if err := os.Mkdir(p, 0o755); err != nil {
		// Another goroutine may have made it; a file of that name is
		// an error, reported as os.MkdirAll reports it.
		fi, lerr := os.Lstat(p)
		if lerr != nil {
			return err
		}
		if !fi.IsDir() {
			return &fs.PathError{Op: "mkdir", Path: p, Err: syscall.ENOTDIR}
		}
	}
	t.dirs.Store(dir, struct{}{})
	return nil
}
