package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// treeHash returns a hash of the tree at dir: every name, type,
// permission, file content and link target. A missing dir hashes as
// "absent".
func treeHash(t testing.TB, dir string) string {
	t.Helper()
	if _, err := os.Lstat(dir); os.IsNotExist(err) {
		return "absent"
	}
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fi, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%q %v\n", rel, fi.Mode())
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "-> %q\n", target)
		case fi.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%d %x\n", len(data), sha256.Sum256(data))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// readTree returns the regular files under dir by slash path.
func readTree(t testing.TB, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// writeTree creates the files (slash path → content) under dir.
func writeTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// leftovers returns the entries of parent that are not dest's base name,
// its manifest, nor in also.
func leftovers(t testing.TB, parent string, also ...string) []string {
	t.Helper()
	names, err := readNames(parent)
	if err != nil {
		t.Fatal(err)
	}
	return slices.DeleteFunc(names, func(n string) bool {
		return n == "public" || n == ".public.manifest" || slices.Contains(also, n)
	})
}

// newDest returns the path of "public" in a fresh directory, not yet
// created.
func newDest(t testing.TB) string {
	return filepath.Join(t.TempDir(), "public")
}

// writeAll writes the files (slash path → content) through tx.
func writeAll(t testing.TB, tx *Tx, files map[string]string) {
	t.Helper()
	for name, content := range files {
		if err := tx.WriteFile(name, []byte(content)); err != nil {
			t.Fatal(err)
		}
	}
}

// build publishes files into dest in one transaction.
func build(t testing.TB, dest string, opts Options, files map[string]string) {
	t.Helper()
	tx, err := Begin(dest, opts)
	if err != nil {
		t.Fatal(err)
	}
	writeAll(t, tx, files)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// withMarker returns files plus the marker with its content.
func withMarker(files map[string]string) map[string]string {
	out := map[string]string{Marker: markerText}
	for k, v := range files {
		out[k] = v
	}
	return out
}

func diffTrees(got, want map[string]string) string {
	var b strings.Builder
	for name, w := range want {
		if g, ok := got[name]; !ok {
			fmt.Fprintf(&b, "missing %s\n", name)
		} else if g != w {
			fmt.Fprintf(&b, "%s = %q, want %q\n", name, g, w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			fmt.Fprintf(&b, "unexpected %s\n", name)
		}
	}
	return b.String()
}
