package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

func TestBeginRefuses(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(t *testing.T, dest string)
		reason string // part of the message
	}{
		{"source tree", func(t *testing.T, dest string) {
			writeTree(t, dest, map[string]string{"go.mod": "module x\n", "main.go": "package main\n", "content/a.md": "# a\n"})
		}, "it holds content, go.mod, main.go) and has no .showcase-build file"},
		{"home directory", func(t *testing.T, dest string) {
			writeTree(t, dest, map[string]string{".bashrc": "x", ".ssh/id_ed25519": "secret", "Documents/a.txt": "a", "Music/b": "b"})
		}, "it holds .bashrc, .ssh, Documents, …"},
		{"only a dot file", func(t *testing.T, dest string) {
			writeTree(t, dest, map[string]string{".git/HEAD": "ref: refs/heads/main\n"})
		}, "it holds .git)"},
		{"marker is a directory", func(t *testing.T, dest string) {
			writeTree(t, dest, map[string]string{Marker + "/x": "x", "index.html": "x"})
		}, "no .showcase-build file"},
		{"a file", func(t *testing.T, dest string) {
			writeTree(t, filepath.Dir(dest), map[string]string{"public": "not a directory"})
		}, "it is a file, not a directory"},
		{"a symbolic link", func(t *testing.T, dest string) {
			target := filepath.Join(filepath.Dir(dest), "real")
			writeTree(t, target, map[string]string{Marker: markerText})
			if err := os.Symlink(target, dest); err != nil {
				t.Fatal(err)
			}
		}, "it is a symbolic link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := newDest(t)
			tt.setup(t, dest)
			parent := filepath.Dir(dest)
			before, beforeParent := treeHash(t, dest), treeHash(t, parent)
			tx, err := Begin(dest, Options{})
			if err == nil {
				tx.Abort()
				t.Fatal("Begin succeeded")
			}
			var de *DestError
			if !errors.As(err, &de) {
				t.Fatalf("error %T %v, want a *DestError", err, err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "refusing to publish into "+dest+": ") || !strings.Contains(msg, tt.reason) {
				t.Errorf("error %q, want it to name %s and say %q", msg, dest, tt.reason)
			}
			if after := treeHash(t, dest); after != before {
				t.Error("the refused DEST changed")
			}
			if after := treeHash(t, parent); after != beforeParent {
				t.Error("DEST's parent changed (leftover temporary directory?)")
			}
		})
	}
}

func TestBeginRefusesRoot(t *testing.T) {
	_, err := Begin("/", Options{})
	var de *DestError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "root of the file system") {
		t.Errorf("Begin(/) = %v, want a *DestError about the root", err)
	}
	_, err = Begin("", Options{})
	if !errors.As(err, &de) {
		t.Errorf("Begin(\"\") = %v, want a *DestError", err)
	}
}

func TestBeginAccepts(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dest string)
	}{
		{"absent", func(*testing.T, string) {}},
		{"absent with absent parents", nil},
		{"empty", func(t *testing.T, dest string) {
			if err := os.Mkdir(dest, 0o755); err != nil {
				t.Fatal(err)
			}
		}},
		{"marked", func(t *testing.T, dest string) {
			writeTree(t, dest, map[string]string{Marker: "", "old/index.html": "old"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := newDest(t)
			if tt.setup == nil {
				dest = filepath.Join(filepath.Dir(dest), "a", "b", "public")
			} else {
				tt.setup(t, dest)
			}
			files := map[string]string{"index.html": "<p>hi</p>", "stories/a/index.html": "a"}
			build(t, dest, Options{}, files)
			if d := diffTrees(readTree(t, dest), withMarker(files)); d != "" {
				t.Error(d)
			}
			if l := leftovers(t, filepath.Dir(dest)); len(l) > 0 {
				t.Errorf("left beside DEST: %v", l)
			}
			fi, err := os.Stat(dest)
			if err != nil {
				t.Fatal(err)
			}
			if perm := fi.Mode().Perm(); perm&0o055 != 0o055 {
				t.Errorf("DEST has mode %v, want it readable by all", perm)
			}
		})
	}
}

// forEachSwap runs f once with the atomic exchange and once with the
// two-rename fallback.
func forEachSwap(t *testing.T, f func(t *testing.T, configure func(*Tx))) {
	t.Run("exchange", func(t *testing.T) { f(t, func(*Tx) {}) })
	t.Run("two renames", func(t *testing.T) {
		called := false
		f(t, func(tx *Tx) {
			tx.noExchange = true
			tx.betweenRenames = func() { called = true }
		})
		if !called {
			t.Error("the two-rename path was not taken")
		}
	})
}

// TestSwapIntoEmpty: a build into an empty DEST is swapped in whole.
func TestSwapIntoEmpty(t *testing.T) {
	forEachSwap(t, func(t *testing.T, configure func(*Tx)) {
		dest := newDest(t)
		if err := os.Mkdir(dest, 0o755); err != nil {
			t.Fatal(err)
		}
		tx, err := Begin(dest, Options{Keep: []string{".git"}})
		if err != nil {
			t.Fatal(err)
		}
		configure(tx)
		files := map[string]string{"index.html": "v1", "css/a.css": "a"}
		writeAll(t, tx, files)
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if d := diffTrees(readTree(t, dest), withMarker(files)); d != "" {
			t.Error(d)
		}
		if l := leftovers(t, filepath.Dir(dest)); len(l) > 0 {
			t.Errorf("left beside DEST: %v", l)
		}
	})
}

func TestCommitReplacesAndKeeps(t *testing.T) {
	{
		configure := func(*Tx) {}
		dest := newDest(t)
		keep := []string{".git", "CNAME", "docs/verify.txt", "missing"}
		build(t, dest, Options{Keep: keep}, map[string]string{
			"index.html": "v1", "stories/deleted/index.html": "gone soon", "css/style.aaa.css": "old",
		})
		// What a deployer adds to DEST by hand between builds.
		writeTree(t, dest, map[string]string{
			".git/HEAD": "ref: refs/heads/gh-pages\n", ".git/objects/ab/cdef": "blob",
			"CNAME": "showcase.example.org\n", "docs/verify.txt": "token", "stray.html": "not kept",
		})
		if err := os.Symlink("HEAD", filepath.Join(dest, ".git", "LINK")); err != nil {
			t.Fatal(err)
		}
		headBefore, err := os.Stat(filepath.Join(dest, ".git/HEAD"))
		if err != nil {
			t.Fatal(err)
		}

		tx, err := Begin(dest, Options{Keep: keep})
		if err != nil {
			t.Fatal(err)
		}
		configure(tx)
		writeAll(t, tx, map[string]string{"index.html": "v2", "css/style.bbb.css": "new"})
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		want := withMarker(map[string]string{
			"index.html": "v2", "css/style.bbb.css": "new",
			".git/HEAD": "ref: refs/heads/gh-pages\n", ".git/objects/ab/cdef": "blob",
			"CNAME": "showcase.example.org\n", "docs/verify.txt": "token",
		})
		if d := diffTrees(readTree(t, dest), want); d != "" {
			t.Error(d)
		}
		if target, err := os.Readlink(filepath.Join(dest, ".git", "LINK")); err != nil || target != "HEAD" {
			t.Errorf("kept symbolic link = %q, %v", target, err)
		}
		headAfter, err := os.Stat(filepath.Join(dest, ".git/HEAD"))
		if err != nil {
			t.Fatal(err)
		}
		if !os.SameFile(headBefore, headAfter) || !headBefore.ModTime().Equal(headAfter.ModTime()) {
			t.Error("kept file was touched")
		}
		if l := leftovers(t, filepath.Dir(dest)); len(l) > 0 {
			t.Errorf("left beside DEST: %v", l)
		}
	}
}

func TestKeepLosesToBuild(t *testing.T) {
	dest := newDest(t)
	build(t, dest, Options{}, map[string]string{"index.html": "v1"})
	writeTree(t, dest, map[string]string{"CNAME": "old.example.org\n"})
	build(t, dest, Options{Keep: []string{"CNAME"}}, map[string]string{"index.html": "v2", "CNAME": "new.example.org\n"})
	if got := readTree(t, dest)["CNAME"]; got != "new.example.org\n" {
		t.Errorf("CNAME = %q, want the build's", got)
	}
}

func TestKeepInvalid(t *testing.T) {
	for _, k := range []string{"../x", "/etc", "", ".", "a/../b", Marker} {
		t.Run(k, func(t *testing.T) {
			tx, err := Begin(newDest(t), Options{Keep: []string{k}})
			if err == nil {
				tx.Abort()
				t.Fatalf("Begin with Keep %q succeeded", k)
			}
			if !errors.Is(err, ErrInvalidPath) {
				t.Errorf("error %v, want ErrInvalidPath", err)
			}
		})
	}
}

func TestAbortLeavesDest(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dest string)
	}{
		{"absent", func(*testing.T, string) {}},
		{"empty", func(t *testing.T, dest string) { os.Mkdir(dest, 0o755) }},
		{"published", func(t *testing.T, dest string) {
			build(t, dest, Options{}, map[string]string{"index.html": "v1", "a/b/c.css": "c"})
			writeTree(t, dest, map[string]string{".git/HEAD": "x"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := newDest(t)
			tt.setup(t, dest)
			before := treeHash(t, dest)
			tx, err := Begin(dest, Options{Keep: []string{".git"}, Compress: true})
			if err != nil {
				t.Fatal(err)
			}
			writeAll(t, tx, map[string]string{"index.html": "<p>v2</p>", "new/index.html": "<p>new</p>", "a/b/c.css": "c"})
			if err := tx.Abort(); err != nil {
				t.Fatal(err)
			}
			if after := treeHash(t, dest); after != before {
				t.Error("Abort changed DEST")
			}
			if l := leftovers(t, filepath.Dir(dest)); len(l) > 0 {
				t.Errorf("left beside DEST: %v", l)
			}
			if err := tx.WriteFile("x.html", nil); !errors.Is(err, ErrDone) {
				t.Errorf("WriteFile after Abort = %v, want ErrDone", err)
			}
			if err := tx.Commit(); !errors.Is(err, ErrDone) {
				t.Errorf("Commit after Abort = %v, want ErrDone", err)
			}
			if err := tx.Abort(); err != nil {
				t.Errorf("second Abort = %v", err)
			}
		})
	}
}

// TestCommitRechecksDest: a DEST that turned into somebody else's
// directory during the build is not replaced.
func TestCommitRechecksDest(t *testing.T) {
	dest := newDest(t)
	tx, err := Begin(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	writeAll(t, tx, map[string]string{"index.html": "x"})
	writeTree(t, dest, map[string]string{"notes.txt": "mine"})
	before := treeHash(t, dest)
	var de *DestError
	if err := tx.Commit(); !errors.As(err, &de) {
		t.Fatalf("Commit = %v, want a *DestError", err)
	}
	if treeHash(t, dest) != before {
		t.Error("Commit changed an unmarked DEST")
	}
	if l := leftovers(t, filepath.Dir(dest)); len(l) > 0 {
		t.Errorf("left beside DEST: %v", l)
	}
}

func TestPathTraversal(t *testing.T) {
	bad := []string{
		"", ".", "/", "/etc/passwd", "..", "../x", "../public2/index.html", "a/../../x", "a/../b",
		"./a", "a/./b", "a//b", "a/", `a\b`, `..\x`, "a\x00b", Marker,
	}
	dest := newDest(t)
	tx, err := Begin(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	mem := NewMemory()
	for _, name := range bad {
		t.Run(fmt.Sprintf("%q", name), func(t *testing.T) {
			if err := tx.WriteFile(name, []byte("x")); !errors.Is(err, ErrInvalidPath) {
				t.Errorf("Tx.WriteFile = %v, want ErrInvalidPath", err)
			}
			if err := mem.WriteFile(name, []byte("x")); !errors.Is(err, ErrInvalidPath) {
				t.Errorf("Memory.WriteFile = %v, want ErrInvalidPath", err)
			}
		})
	}
	if l := leftovers(t, filepath.Dir(dest), filepath.Base(tx.tmp)); len(l) > 0 {
		t.Errorf("written beside the temporary directory: %v", l)
	}
	if got := readTree(t, tx.tmp); len(got) != 1 {
		t.Errorf("temporary directory holds %v, want only the marker", got)
	}
	if n := len(mem.Paths()); n != 0 {
		t.Errorf("Memory holds %d files", n)
	}
}

func TestWriteConflicts(t *testing.T) {
	tx, err := Begin(newDest(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	writeAll(t, tx, map[string]string{"a": "file"})
	for _, name := range []string{"a/b.html", "a/c/d.html"} {
		err := tx.WriteFile(name, []byte("x"))
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Op != "mkdir" || !errors.Is(err, syscall.ENOTDIR) {
			t.Errorf("writing %s under the file a = %v, want mkdir: not a directory", name, err)
		}
	}
	if err := tx.WriteFile("d/e.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := tx.WriteFile("d", []byte("x")); err == nil {
		t.Error("writing a file over a directory succeeded")
	}
}

func TestConcurrentWrites(t *testing.T) {
	dest := newDest(t)
	build(t, dest, Options{}, map[string]string{"stale.html": "x"})
	tx, err := Begin(dest, Options{Compress: true})
	if err != nil {
		t.Fatal(err)
	}
	const goroutines, perG = 8, 12
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range perG {
				name := fmt.Sprintf("stories/s%d-%d/index.html", g, i)
				page := fmt.Sprintf("<!doctype html>\n<html lang=\"zh-CN\">\n<body>\n  <h1>  第%d篇  </h1>%s</body></html>", i, strings.Repeat("<p>  创新  </p>\n", 20))
				if err := tx.WriteFile(name, []byte(page)); err != nil {
					t.Error(err)
					return
				}
				tx.Exists(name)
				tx.Stats()
			}
		})
	}
	wg.Wait()
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	st := tx.Stats()
	files := readTree(t, dest)
	if st.Files != goroutines*perG || len(files) != 1+3*goroutines*perG {
		t.Errorf("Stats.Files = %d, tree has %d files; want %d pages with .gz, .br and the marker", st.Files, len(files), goroutines*perG)
	}
	if _, ok := files["stale.html"]; ok {
		t.Error("stale page survived")
	}
	if st.Compressed != 2*goroutines*perG || st.Written != goroutines*perG || st.Removed != 1 || st.CompressedBytes >= st.Bytes {
		t.Errorf("Stats = %+v", st)
	}
}

func TestLock(t *testing.T) {
	dest := newDest(t)
	tx, err := Begin(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	writeAll(t, tx, map[string]string{"index.html": "x"})
	tx2, err := Begin(dest, Options{})
	if err == nil {
		tx2.Abort()
		t.Fatal("second Begin into the same parent succeeded")
	}
	if !strings.Contains(err.Error(), "another build is publishing") {
		t.Errorf("second Begin = %v", err)
	}
	if _, err := os.Stat(tx.tmp); err != nil {
		t.Errorf("the refused Begin touched the first build's directory: %v", err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	build(t, dest, Options{}, map[string]string{"index.html": "y"})
}

// TestRecoverLeavesForeignDirs: names like ours without our marker are
// somebody else's and stay.
func TestRecoverLeavesForeignDirs(t *testing.T) {
	dest := newDest(t)
	parent := filepath.Dir(dest)
	foreign := map[string]string{
		".public.tmp-mine/notes.txt": "mine", ".public.old-mine/notes.txt": "mine", ".public.tmp-file": "a file",
	}
	writeTree(t, parent, foreign)
	build(t, dest, Options{}, map[string]string{"index.html": "x"})
	got := readTree(t, parent)
	for name, content := range foreign {
		if got[name] != content {
			t.Errorf("%s = %q, want %q", name, got[name], content)
		}
	}
}

// TestRecover builds the states a kill leaves and checks that Begin
// repairs them.
func TestRecover(t *testing.T) {
	published := map[string]string{Marker: markerText, "index.html": "published"}
	partial := map[string]string{Marker: markerText, "index.html": "half"}
	tests := []struct {
		name   string
		before map[string]map[string]string // directory beside DEST → its files; nil DEST means absent
		want   map[string]string            // DEST after Begin + Abort
	}{
		{"killed while writing", map[string]map[string]string{"public": published, ".public.tmp-123": partial}, published},
		{"killed while writing, first build", map[string]map[string]string{".public.tmp-123": partial}, nil},
		{"killed between renames", map[string]map[string]string{".public.old-00000000000000000001": published, ".public.tmp-123": partial}, published},
		{"killed before removing the old tree", map[string]map[string]string{"public": partial, ".public.old-00000000000000000001": published}, partial},
		{"killed while removing the old tree", map[string]map[string]string{"public": partial, ".public.tmp-00000000000000000001.old": {Marker: markerText}}, partial},
		{"two old trees", map[string]map[string]string{".public.old-00000000000000000001": partial, ".public.old-00000000000000000002": published}, published},
		{"empty old tree", map[string]map[string]string{".public.old-00000000000000000001": {}}, map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := newDest(t)
			parent := filepath.Dir(dest)
			for dir, files := range tt.before {
				if err := os.Mkdir(filepath.Join(parent, dir), 0o755); err != nil {
					t.Fatal(err)
				}
				writeTree(t, filepath.Join(parent, dir), files)
			}
			tx, err := Begin(dest, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := tx.Abort(); err != nil {
				t.Fatal(err)
			}
			if tt.want == nil {
				if _, err := os.Lstat(dest); !os.IsNotExist(err) {
					t.Errorf("DEST exists: %v", err)
				}
			} else if d := diffTrees(readTree(t, dest), tt.want); d != "" {
				t.Error(d)
			}
			if l := leftovers(t, parent); len(l) > 0 {
				t.Errorf("left beside DEST: %v", l)
			}
		})
	}
}

// TestExchange checks that the atomic exchange works here, so that the
// "exchange" cases above test it rather than the fallback.
func TestExchange(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	writeTree(t, a, map[string]string{"x": "a"})
	writeTree(t, b, map[string]string{"x": "b"})
	if err := exchange(a, b); errors.Is(err, errNoExchange) {
		t.Skipf("SKIPPED: this kernel or file system has no RENAME_EXCHANGE (%v); only the two-rename path is tested", err)
	} else if err != nil {
		t.Fatal(err)
	}
	if readTree(t, a)["x"] != "b" || readTree(t, b)["x"] != "a" {
		t.Error("exchange did not swap the directories")
	}
	if err := exchange(a, filepath.Join(dir, "missing")); err == nil || errors.Is(err, errNoExchange) {
		t.Errorf("exchange with a missing directory = %v, want a plain error", err)
	}
}

func TestSync(t *testing.T) {
	dest := newDest(t)
	build(t, dest, Options{Sync: true}, map[string]string{"index.html": "x"})
	build(t, dest, Options{Sync: true}, map[string]string{"index.html": "y"})
	if got := readTree(t, dest)["index.html"]; got != "y" {
		t.Errorf("index.html = %q", got)
	}
}

func TestStats(t *testing.T) {
	dest := newDest(t)
	build(t, dest, Options{}, map[string]string{"a.css": "a{color:red}", "b.bin": "12345", "old.txt": "x"})
	tx, err := Begin(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	writeAll(t, tx, map[string]string{"a.css": "a{color:red}", "b.bin": "1234", "c.txt": "abc"})
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	want := Stats{Files: 3, Bytes: int64(len("a{color:red}") + 4 + 3), Written: 2, Removed: 1}
	if got := tx.Stats(); got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
}

func TestBeginReadOnlyParent(t *testing.T) {
	if os.Geteuid() == 0 {
		// Root writes into a read-only directory, and CI runs as root.
		runAsNobody(t, "TestBeginReadOnlyParent")
		return
	}
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	build(t, dest, Options{}, map[string]string{"index.html": "x"})
	if err := os.Chmod(parent, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(parent, 0o755)
	before := treeHash(t, dest)
	_, err := Begin(dest, Options{})
	if err == nil || !strings.Contains(err.Error(), "must be writable") {
		t.Errorf("Begin beside a read-only parent = %v", err)
	}
	if treeHash(t, dest) != before {
		t.Error("DEST changed")
	}
}

func TestRemoveTree(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tree")
	files := map[string]string{Marker: "", "index.html": "x", "a/b/c/d.html": "d", "a/e.html": "e"}
	for i := range 50 {
		files[fmt.Sprintf("stories/s%d/index.html", i)] = "s"
	}
	// More entries than one getdents(2) batch, two and three levels down.
	long := strings.Repeat("x", 100)
	for i := range 300 {
		files[fmt.Sprintf("big/many/%s-%d", long, i)] = "m"
		files[fmt.Sprintf("big/deep/er/%s-%d", long, i)] = "m"
	}
	writeTree(t, dir, files)
	keep := filepath.Join(t.TempDir(), "keep")
	writeTree(t, keep, map[string]string{"precious.txt": "p"})
	for _, link := range []string{"stories/root-link", "big/deep/er/keep-link", "keep-link"} {
		if err := os.Symlink(keep, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	os.Mkdir(filepath.Join(dir, "empty"), 0o755)
	if err := removeTree(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !os.IsNotExist(err) {
		t.Errorf("tree still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(keep, "precious.txt")); err != nil {
		t.Errorf("a linked directory outside the tree lost its files: %v", err)
	}
	if err := removeTree(dir); err != nil {
		t.Errorf("removing a missing tree = %v", err)
	}
}

// TestRemoveAtWrongType removes entries whose listed type is wrong, as it
// is when the file system reports none or the entry changed since.
func TestRemoveAtWrongType(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"file": "f", "dir/a": "a", "dir/sub/b": "b"})
	outside := t.TempDir()
	writeTree(t, outside, map[string]string{"precious.txt": "p"})
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	d, err := openDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.close()
	for _, c := range []struct {
		name  string
		isDir bool
	}{{"file", true}, {"dir", false}, {"link", true}, {"missing", true}, {"missing", false}} {
		t.Run(fmt.Sprintf("%s/isDir=%v", c.name, c.isDir), func(t *testing.T) {
			if err := removeAt(d, c.name, c.isDir); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Lstat(filepath.Join(dir, c.name)); !os.IsNotExist(err) {
				t.Errorf("%s still there: %v", c.name, err)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(outside, "precious.txt")); err != nil {
		t.Errorf("the linked directory lost its files: %v", err)
	}
}

// nobody is the unprivileged user and group (Debian's nobody and nogroup)
// that runAsNobody runs a test as.
const nobody = 65534

// runAsNobody runs the test named name again in a child process of this
// test binary with the user and group ids of nobody and no supplementary
// groups, and fails t unless it ran there and passed. The binary is copied
// to a directory nobody may read, since go test builds it in a private one.
func runAsNobody(t *testing.T, name string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "showcase-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "publish.test")
	data, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^"+name+"$", "-test.v", "-test.count=1")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TMPDIR="+os.TempDir(), "HOME="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody, Groups: []uint32{}}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s as uid %d: %v\n%s", name, nobody, err, out)
	}
	if !strings.Contains(string(out), "--- PASS: "+name+" ") {
		t.Fatalf("%s did not run and pass as uid %d:\n%s", name, nobody, out)
	}
	t.Logf("ran as uid %d:\n%s", nobody, out)
}
