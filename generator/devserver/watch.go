package devserver

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/fsnotify/fsnotify"
)

// watched are the top-level names of the source that affect the site.
var watched = map[string]bool{"hugo.toml": true, "content": true, "static": true, "themes": true}

// watcher gathers the source paths that changed since the last take.
type watcher struct {
	fw   *fsnotify.Watcher
	root string // absolute source directory
	logf func(string, ...any)
	kick chan struct{} // signalled (without blocking) when a path is added

	mu      sync.Mutex
	pending map[string]bool // slash paths relative to root
	all     bool            // events were lost: everything may have changed
	dirs    map[string]bool // directories watched, absolute
}

func newWatcher(dir string, logf func(string, ...any)) (*watcher, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{fw: fw, root: root, logf: logf, kick: make(chan struct{}, 1), pending: map[string]bool{}, dirs: map[string]bool{}}
	if err := w.add(root); err != nil {
		fw.Close()
		return nil, err
	}
	for name := range watched {
		w.addTree(filepath.Join(root, name), false)
	}
	return w, nil
}

func (w *watcher) close() { w.fw.Close() }

// add watches one directory.
func (w *watcher) add(dir string) error {
	w.mu.Lock()
	seen := w.dirs[dir]
	w.mu.Unlock()
	if seen {
		return nil
	}
	if err := w.fw.Add(dir); err != nil {
		return err
	}
	w.mu.Lock()
	w.dirs[dir] = true
	w.mu.Unlock()
	return nil
}

// addTree watches dir and every directory under it. When mark is set,
// every file found is marked changed: files moved in with a directory, or
// written before its watch was added, send no events of their own.
func (w *watcher) addTree(dir string, mark bool) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone already, or unreadable: the build reports it
		}
		if d.IsDir() {
			if p != dir && ignored(d.Name()) {
				return fs.SkipDir
			}
			if err := w.add(p); err != nil {
				w.logf("watch %s: %v\n", p, err)
			}
			return nil
		}
		if mark && !ignored(d.Name()) {
			w.mark(p)
		}
		return nil
	})
}

// loop handles events until ctx is done or the watcher is closed.
func (w *watcher) loop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			w.handle(ev)
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.mu.Lock()
				w.all = true
				w.mu.Unlock()
				w.signal()
				continue
			}
			w.logf("watch: %v\n", err)
		}
	}
}

func (w *watcher) handle(ev fsnotify.Event) {
	rel, ok := w.rel(ev.Name)
	if !ok || ignored(filepath.Base(ev.Name)) {
		return
	}
	if ev.Op == fsnotify.Chmod {
		return // touched, not changed
	}
	top, _, _ := strings.Cut(rel, "/")
	if !watched[top] {
		return
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(ev.Name)
	}
	if ev.Has(fsnotify.Create) && top != "hugo.toml" {
		w.addTree(ev.Name, true) // a new directory; for a file, just marks it
	}
	w.mark(ev.Name)
}

// forget stops watching a directory that was removed or moved away, and
// every directory under it.
func (w *watcher) forget(name string) {
	w.mu.Lock()
	var gone []string
	for d := range w.dirs {
		if d == name || strings.HasPrefix(d, name+string(filepath.Separator)) {
			gone = append(gone, d)
			delete(w.dirs, d)
		}
	}
	w.mu.Unlock()
	for _, d := range gone {
		w.fw.Remove(d) // fails harmlessly when the kernel dropped it already
	}
}

// rel returns name as a slash path relative to the root, or false if it is
// the root itself or outside it.
func (w *watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil || r == "." || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

func (w *watcher) mark(name string) {
	rel, ok := w.rel(name)
	if !ok {
		return
	}
	w.mu.Lock()
	w.pending[rel] = true
	w.mu.Unlock()
	w.signal()
}

func (w *watcher) signal() {
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

// take returns the paths changed since the last take, sorted; nil with
// true means everything; false means nothing changed.
func (w *watcher) take() ([]string, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.all {
		w.all = false
		clear(w.pending)
		return nil, true
	}
	if len(w.pending) == 0 {
		return nil, false
	}
	out := make([]string, 0, len(w.pending))
	for p := range w.pending {
		out = append(out, p)
	}
	clear(w.pending)
	slices.Sort(out)
	return out, true
}

// ignored reports whether a file name is an editor's temp, swap or backup
// file, or an OS's litter, whose changes never affect the site.
func ignored(name string) bool {
	switch {
	case name == "4913", // vim's probe for a writable directory
		name == ".DS_Store", name == "Thumbs.db",
		strings.HasPrefix(name, ".#"),                                // emacs lock
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"), // emacs autosave
		strings.HasSuffix(name, "~"),                                 // backups
		strings.HasPrefix(name, ".") && (strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".swo")), // vim swap
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"), // JetBrains safe write
		strings.HasPrefix(name, ".goutputstream-"), // GNOME
		strings.HasSuffix(name, ".crswap"):         // Chromium file system access
		return true
	}
	return false
}
