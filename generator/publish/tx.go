package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
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
	// carried over from the previous DEST into the new one at Commit, by
	// hard links where possible and by copies otherwise. A kept name the
	// build wrote itself is not carried over: the build's file wins.
	Keep []string

	// Compress writes ".gz" (gzip, best compression) and ".br" (brotli at
	// BrotliQuality) siblings of every file for which Compressible
	// reports true, each only if it is smaller than the file itself.
	Compress bool

	// Minify passes files given to WriteFile through the Minifier.
	// Files written with Create or CopyFS are never minified.
	Minify bool

	// Minifier is the Minifier used when Minify is set; nil means one
	// made by Begin. Share one Minifier between transactions to build it
	// only once.
	Minifier *Minifier

	// Sync, on Linux, flushes the file system holding DEST (syncfs(2))
	// before the swap and the parent directory after it, so that the new
	// site survives a power cut as well as a killed process. It costs
	// one flush per build, never one per file.
	Sync bool
}

// Stats count what a [Tx] has written. Files and Bytes count each
// successful WriteFile and each closed Create writer (a file written
// twice counts twice); the marker and kept names are not counted.
type Stats struct {
	Files           int64 // files written
	Bytes           int64 // their size as written, after minification
	InputBytes      int64 // their size as given, before minification
	Compressed      int64 // ".gz" and ".br" siblings written
	CompressedBytes int64 // their size
}

// ErrDone is returned by the methods of a [Tx] that has been committed
// or aborted.
var ErrDone = errors.New("publish: transaction already committed or aborted")

// errBusy is wrapped when two writers of one name overlap.
var errBusy = errors.New("file is being written by another goroutine")

// A Tx is one build being written to disk. Begin starts it; Commit
// publishes it and Abort discards it. The methods WriteFile, Create,
// CopyFS, Exists and Stats are safe for concurrent use by multiple
// goroutines; Commit and Abort wait for WriteFile calls in progress.
type Tx struct {
	dest   string // absolute DEST
	parent string // its parent directory
	base   string // its last element
	tmp    string // the temporary directory the build is written into
	opts   Options
	min    *Minifier
	unlock func() // releases the lock on parent

	// life guards done: writers hold it for reading while they write;
	// Commit and Abort hold it for writing.
	life sync.RWMutex
	done bool

	mu      sync.Mutex
	written map[string]bool // name → a writer is busy with it
	open    int             // Create writers not yet closed

	dirs sync.Map // slash directories known to exist under tmp

	files, bytes, input, compressed, compressedBytes atomic.Int64

	// Test hooks, set only by this package's tests.
	noExchange     bool   // take the two-rename path even where RENAME_EXCHANGE works
	betweenRenames func() // called between the two renames of that path
}

// Begin starts publishing into the directory dest. It refuses, with a
// [*DestError], a dest that exists and is not a directory, or a
// non-empty directory without the [Marker] of a previous build: such a
// directory is never emptied. Before checking, it repairs what a killed
// run left beside dest (see the package documentation). It then creates
// the temporary directory beside dest, creating dest's parent if needed.
//
// Begin locks dest's parent directory (flock(2)) until Commit or Abort,
// so that a second build into the same parent fails instead of removing
// the first one's temporary directory.
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
	for _, k := range opts.Keep {
		if err := checkPath("keep", k); err != nil {
			return nil, err
		}
	}
	if opts.Minify && opts.Minifier == nil {
		opts.Minifier = NewMinifier()
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
		opts: opts, min: opts.Minifier, unlock: unlock,
		written: make(map[string]bool),
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

// begin recovers, checks DEST and creates the temporary directory.
func (t *Tx) begin() error {
	if err := recoverDest(t.parent, t.base); err != nil {
		return err
	}
	if _, err := checkDest(t.dest); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(t.parent, tmpPrefix(t.base))
	if errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("publish: %w (a build is written beside %s and swapped in, so %s must be writable)", err, t.dest, t.parent)
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
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(markerText), 0o644); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}

// Dest returns the absolute path of the destination directory.
func (t *Tx) Dest() string { return t.dest }

// Stats returns the counts so far.
func (t *Tx) Stats() Stats {
	return Stats{
		Files:           t.files.Load(),
		Bytes:           t.bytes.Load(),
		InputBytes:      t.input.Load(),
		Compressed:      t.compressed.Load(),
		CompressedBytes: t.compressedBytes.Load(),
	}
}

// Exists reports whether name has been written in this transaction by
// WriteFile, Create or CopyFS. A caller that wants generated files to
// win over static ones copies static files first and skips the names
// that exist; one that wants static files to win copies them last, since
// every write replaces an earlier file of the same name.
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

// WriteFile writes data as the file name of the build, replacing an
// earlier file of that name. With Options.Minify it first minifies data
// by name's extension; with Options.Compress it also writes the
// compressed siblings. WriteFile does not keep data. Files are not
// synced one by one (see Options.Sync). Writes of one name must not
// overlap: a WriteFile or Create of a name that another goroutine is
// still writing fails instead of mixing the two.
func (t *Tx) WriteFile(name string, data []byte) error {
	t.life.RLock()
	defer t.life.RUnlock()
	rewrite, err := t.acquire("write", name)
	if err != nil {
		return err
	}
	defer t.release(name)
	in := len(data)
	if t.opts.Minify && t.min.Handles(name) {
		buf := getBuf()
		defer putBuf(buf)
		if err := t.min.minify(buf, name, data); err != nil {
			return err
		}
		data = buf.Bytes()
	}
	if err := t.mkdirFor(name); err != nil {
		return err
	}
	if err := writeFile(t.osPath(name), data); err != nil {
		return err
	}
	t.files.Add(1)
	t.bytes.Add(int64(len(data)))
	t.input.Add(int64(in))
	if !t.opts.Compress || !Compressible(name) {
		if rewrite {
			return t.removeSiblings(name)
		}
		return nil
	}
	buf := getBuf()
	defer putBuf(buf)
	gzipTo(buf, data)
	if err := t.writeSibling(name+".gz", rewrite, len(data), buf.Bytes()); err != nil {
		return err
	}
	buf.Reset()
	brotliTo(buf, data)
	return t.writeSibling(name+".br", rewrite, len(data), buf.Bytes())
}

// writeSibling writes a compressed sibling if it is smaller than the
// original of size n; otherwise it removes a sibling an earlier write of
// the same name may have left.
func (t *Tx) writeSibling(name string, rewrite bool, n int, data []byte) error {
	if len(data) >= n {
		if rewrite {
			return removeIfExists(t.osPath(name))
		}
		return nil
	}
	if err := writeFile(t.osPath(name), data); err != nil {
		return err
	}
	t.compressed.Add(1)
	t.compressedBytes.Add(int64(len(data)))
	return nil
}

// removeSiblings removes the compressed siblings of name, which an
// earlier write of name may have left.
func (t *Tx) removeSiblings(name string) error {
	return errors.Join(removeIfExists(t.osPath(name+".gz")), removeIfExists(t.osPath(name+".br")))
}

func removeIfExists(p string) error {
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
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

// CopyFS copies the files under root in fsys verbatim (never minified)
// into the site, at their paths relative to root: with root "static",
// "static/css/a.css" becomes "css/a.css". A root that does not exist
// copies nothing. Every copied file replaces an earlier one of the same
// name (see Exists for choosing who wins); with Options.Compress,
// compressible files get their siblings. Symbolic links to files are
// followed; links to directories and special files are an error. Empty
// directories are not copied.
func (t *Tx) CopyFS(fsys fs.FS, root string) error {
	if _, err := fs.Stat(fsys, root); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			fi, err := fs.Stat(fsys, p)
			if err != nil {
				return err
			}
			if !fi.Mode().IsRegular() {
				return &fs.PathError{Op: "copy", Path: p, Err: errors.New("not a regular file (a directory link or a special file)")}
			}
		}
		name := p
		if root != "." {
			name = strings.TrimPrefix(p, root+"/")
		}
		return t.copyFile(fsys, p, name)
	})
}

func (t *Tx) copyFile(fsys fs.FS, src, name string) error {
	r, err := fsys.Open(src)
	if err != nil {
		return err
	}
	defer r.Close()
	w, err := t.Create(name)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, r); err != nil {
		w.Close()
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return w.Close()
}
