package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"
)

// fileStat is what lstat tells of a file of DEST that the manifest's fast
// check compares: size, modification time (ns) and inode number.
type fileStat struct {
	size    int64
	mtime   int64
	ino     uint64
	regular bool // a regular file (not a link, a socket …)
}

// A destFile is a file (anything but a directory) found in DEST.
type destFile struct {
	stat fileStat
	// known reports that sum is the hash of the file's bytes: from the
	// manifest when the file still has the size, time and inode the
	// manifest recorded, or from reading it.
	known bool
	sum   sum
	// recorded is the manifest's entry for the file, if it has one.
	recorded *entry
}

// destState is what DEST holds at the start of a build: its files and
// directories (slash paths; the marker and the kept names left out),
// checked against the manifest of the build that wrote it.
type destState struct {
	root     string
	compress bool   // the previous build compressed (its manifest says so)
	manifest []byte // the previous build's manifest as read
	key      string // the previous build's Options.Key
	// transform is the previous build's Options.Transform.
	transform string
	// racy reports files that the manifest's time stamp cannot vouch
	// for; writing the manifest again, later, lets the next build trust
	// them.
	racy  bool
	files map[string]*destFile
	dirs  map[string]bool
	gone  map[string]bool // in the manifest, missing from DEST
}

// recordedGone reports whether the manifest lists name but DEST lacks it.
func (s *destState) recordedGone(name string) bool { return s.gone[name] }

// readDest lists DEST and checks each file against the manifest at
// manifestFile: a file whose size, modification time and inode are the
// ones recorded is trusted to hold the recorded bytes; any other file is
// read when its bytes matter (see [destState.sumOf]). A file modified in
// the same clock tick as the manifest was written could keep its time
// stamp, so such files are never trusted (git's "racy" rule).
func readDest(root, manifestFile string, keep map[string]bool) (*destState, error) {
	m, raw, written := readManifest(manifestFile)
	w := &walker{root: root, keep: keep, sem: make(chan struct{}, walkers)}
	w.files = map[string]fileStat{}
	w.dirs = map[string]bool{}
	w.wg.Add(1)
	w.dir(".")
	w.wg.Wait()
	if err := errors.Join(w.errs...); err != nil {
		return nil, fmt.Errorf("publish: reading %s: %w", root, err)
	}
	st := &destState{root: root, manifest: raw, files: make(map[string]*destFile, len(w.files)), dirs: w.dirs}
	if m != nil {
		st.compress, st.key, st.transform = m.compress, m.key, m.transform
		for name := range m.files {
			if _, ok := w.files[name]; !ok {
				if st.gone == nil {
					st.gone = map[string]bool{}
				}
				st.gone[name] = true
			}
		}
	}
	for name, fst := range w.files {
		f := &destFile{stat: fst}
		if m != nil {
			if e, ok := m.files[name]; ok {
				f.recorded = &e
				if fst.regular && e.sameFile(fst.size, fst.mtime, fst.ino) {
					if fst.mtime < written {
						f.known, f.sum = true, e.sum
					} else {
						st.racy = true
					}
				}
			}
		}
		st.files[name] = f
	}
	return st, nil
}

// walkers bounds the goroutines that list DEST's directories.
const walkers = 4

// walker lists a directory tree, each directory in a goroutine of its
// own while fewer than walkers are busy, and in the caller's otherwise.
type walker struct {
	root string
	keep map[string]bool
	sem  chan struct{}
	wg   sync.WaitGroup

	mu    sync.Mutex
	files map[string]fileStat
	dirs  map[string]bool
	errs  []error
}

func (w *walker) dir(rel string) {
	defer w.wg.Done()
	entries, err := os.ReadDir(filepath.Join(w.root, filepath.FromSlash(rel)))
	if err != nil {
		w.fail(err)
		return
	}
	files := make(map[string]fileStat, len(entries))
	var dirs []string
	for _, e := range entries {
		name := e.Name()
		if rel == "." && name == Marker {
			continue
		}
		r := path.Join(rel, name)
		if w.keep[r] {
			continue
		}
		if e.IsDir() {
			dirs = append(dirs, r)
			continue
		}
		fi, err := os.Lstat(filepath.Join(w.root, filepath.FromSlash(r)))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			w.fail(err)
			return
		}
		if fi.IsDir() { // replaced by a directory since the listing
			dirs = append(dirs, r)
			continue
		}
		files[r] = statOf(fi)
	}
	w.mu.Lock()
	for r, st := range files {
		w.files[r] = st
	}
	for _, d := range dirs {
		w.dirs[d] = true
	}
	w.mu.Unlock()
	for _, d := range dirs {
		w.wg.Add(1)
		select {
		case w.sem <- struct{}{}:
			go func() {
				w.dir(d)
				<-w.sem
			}()
		default:
			w.dir(d)
		}
	}
}

func (w *walker) fail(err error) {
	w.mu.Lock()
	w.errs = append(w.errs, err)
	w.mu.Unlock()
}

// sumOf returns the hash of the regular file name of DEST, reading it if
// the manifest could not vouch for it, and false if DEST has no regular
// file of that name. Calls for one name must not overlap (a Tx never
// writes one name from two goroutines at once).
func (s *destState) sumOf(name string) (sum, bool) {
	f := s.files[name]
	if f == nil || !f.stat.regular {
		return sum{}, false
	}
	if f.known {
		return f.sum, true
	}
	// Stat first: a change after it shows as a new time next build.
	p := filepath.Join(s.root, filepath.FromSlash(name))
	fi, err := os.Lstat(p)
	if err != nil || !fi.Mode().IsRegular() {
		return sum{}, false
	}
	data, err := os.ReadFile(p)
	if err != nil || int64(len(data)) != fi.Size() {
		return sum{}, false
	}
	f.stat, f.sum, f.known = statOf(fi), sumOf(data), true
	return f.sum, true
}

// holds reports whether DEST's file name has n bytes hashing to want.
func (s *destState) holds(name string, n int, want sum) bool {
	f := s.files[name]
	if f == nil || !f.stat.regular || f.stat.size != int64(n) {
		return false
	}
	got, ok := s.sumOf(name)
	return ok && got == want
}

// intact reports whether DEST's file name is as the previous build's
// manifest recorded it.
func (s *destState) intact(name string) bool {
	f := s.files[name]
	if f == nil || f.recorded == nil {
		return false
	}
	return s.holds(name, int(f.recorded.size), f.recorded.sum)
}

// entryOf returns the manifest entry for DEST's file name, which holds
// bytes hashing to sum.
func (s *destState) entryOf(name string, h sum) entry {
	st := s.files[name].stat
	return entry{size: st.size, mtime: st.mtime, ino: st.ino, sum: h}
}

// complete reports whether DEST holds exactly the files of its manifest,
// each vouched for by its size, time and inode.
func (s *destState) complete() bool {
	if s.manifest == nil || len(s.gone) > 0 {
		return false
	}
	for _, f := range s.files {
		if !f.known || f.recorded == nil {
			return false
		}
	}
	return true
}
