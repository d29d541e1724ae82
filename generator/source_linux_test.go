package generator

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestSourceLikeRoot checks that the source tree opened with openat2
// (and with its fallback) reads, lists and refuses exactly what os.Root
// does: files, directories, symbolic links inside the tree, and links
// that lead out of it, absolute or relative, to files or directories.
func TestSourceLikeRoot(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	write := func(base, name, data string) {
		p := filepath.Join(base, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skipf("cannot create symbolic links here: %v", err)
		}
	}
	write(dir, "content/a.md", "a")
	write(dir, "content/sub/b.md", "b")
	write(dir, "content/sub/deeper/c.md", "c")
	write(outside, "secret.md", "secret")
	link("sub/b.md", "content/in.md")
	link("../content/a.md", "content/up-in.md")
	link(filepath.Join(dir, "content/a.md"), "content/abs-in.md")
	link(filepath.Join(outside, "secret.md"), "content/abs-out.md")
	link("../../"+filepath.Base(outside)+"/secret.md", "content/rel-out.md")
	link("sub", "content/dir-in")
	link(outside, "content/dir-out")
	link("nowhere.md", "content/dangling.md")

	names := []string{".", "content", "content/a.md", "content/sub", "content/sub/b.md", "content/sub/deeper",
		"content/in.md", "content/up-in.md", "content/abs-in.md", "content/abs-out.md", "content/rel-out.md",
		"content/dir-in", "content/dir-in/b.md", "content/dir-out", "content/dir-out/secret.md",
		"content/dangling.md", "content/missing.md", "content/a.md/x", "../x", "content/./a.md", "/etc/passwd", ""}

	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	want := root.FS()
	got, done, err := OpenSource(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	b, ok := got.(*beneathFS)
	if !ok {
		t.Fatalf("OpenSource gave a %T, not the openat2 tree", got)
	}
	for _, fallback := range []bool{false, true} {
		b.fallback.Store(fallback)
		for _, name := range names {
			compare(t, fallback, name, want, got)
		}
	}
	// Nothing read leaked the file outside the tree.
	b.fallback.Store(false)
	for _, name := range names {
		if data, err := fs.ReadFile(got, name); err == nil && bytes.Contains(data, []byte("secret")) {
			t.Errorf("%s read the file outside the tree", name)
		}
	}
}

// compare checks that one name reads the same through want and got.
func compare(t *testing.T, fallback bool, name string, want, got fs.FS) {
	t.Helper()
	same := func(op string, werr, gerr error) bool {
		t.Helper()
		if (werr == nil) != (gerr == nil) || errors.Is(werr, fs.ErrNotExist) != errors.Is(gerr, fs.ErrNotExist) {
			t.Errorf("fallback %v: %s %q: os.Root says %v, openat2 tree %v", fallback, op, name, werr, gerr)
			return false
		}
		return werr == nil
	}
	wd, werr := fs.ReadFile(want, name)
	gd, gerr := fs.ReadFile(got, name)
	if same("ReadFile", werr, gerr) && !bytes.Equal(wd, gd) {
		t.Errorf("fallback %v: ReadFile %q = %q, want %q", fallback, name, gd, wd)
	}
	wf, werr := want.Open(name)
	gf, gerr := got.Open(name)
	if same("Open", werr, gerr) {
		wi, werr := wf.Stat()
		gi, gerr := gf.Stat()
		if same("Stat of the open file", werr, gerr) && (wi.IsDir() != gi.IsDir() || wi.Size() != gi.Size() && !wi.IsDir()) {
			t.Errorf("fallback %v: Open(%q).Stat(): dir %v size %d, want dir %v size %d", fallback, name, gi.IsDir(), gi.Size(), wi.IsDir(), wi.Size())
		}
		if !wi.IsDir() {
			wd, werr := io.ReadAll(wf)
			gd, gerr := io.ReadAll(gf)
			if same("Read", werr, gerr) && !bytes.Equal(wd, gd) {
				t.Errorf("fallback %v: Read %q = %q, want %q", fallback, name, gd, wd)
			}
		}
		wf.Close()
		gf.Close()
	}
	wl, werr := fs.ReadDir(want, name)
	gl, gerr := fs.ReadDir(got, name)
	if same("ReadDir", werr, gerr) {
		if len(wl) != len(gl) {
			t.Fatalf("fallback %v: ReadDir %q: %d entries, want %d", fallback, name, len(gl), len(wl))
		}
		for i := range wl {
			if wl[i].Name() != gl[i].Name() || wl[i].Type() != gl[i].Type() {
				t.Errorf("fallback %v: ReadDir %q [%d] = %s %v, want %s %v", fallback, name, i, gl[i].Name(), gl[i].Type(), wl[i].Name(), wl[i].Type())
			}
			wi, werr := wl[i].Info()
			gi, gerr := gl[i].Info()
			if same("Info of "+wl[i].Name(), werr, gerr) && (wi.Mode() != gi.Mode() || wi.Size() != gi.Size()) {
				t.Errorf("fallback %v: ReadDir %q [%d].Info(): %v %d, want %v %d", fallback, name, i, gi.Mode(), gi.Size(), wi.Mode(), wi.Size())
			}
		}
	}
	wi, werr := fs.Stat(want, name)
	gi, gerr := fs.Stat(got, name)
	if same("Stat", werr, gerr) && wi.IsDir() != gi.IsDir() {
		t.Errorf("fallback %v: Stat %q: dir %v, want %v", fallback, name, gi.IsDir(), wi.IsDir())
	}
}
