package publish

import (
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

func TestExplain(t *testing.T) {
	for _, errno := range []error{unix.EBUSY, unix.EXDEV} {
		err := explain(&os.LinkError{Op: "rename", Old: "/srv/public", New: "/srv/.public.old-1", Err: errno})
		if !strings.Contains(err.Error(), "mount point") || !errors.Is(err, errno) {
			t.Errorf("explain(%v) = %v", errno, err)
		}
	}
	if err := explain(unix.EACCES); err != unix.EACCES {
		t.Errorf("explain(EACCES) = %v, want it unchanged", err)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "index.html")
	for _, data := range []string{"a longer first version", "short", ""} {
		if _, err := writeFile(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(p)
		if err != nil || string(got) != data {
			t.Errorf("after writeFile(%q) the file holds %q, %v", data, got, err)
		}
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm&^0o644 != 0 || perm&0o600 != 0o600 {
		t.Errorf("mode %v, want 0644 less the umask", perm)
	}
	for _, c := range []struct {
		name, path, op string
		want           error
	}{
		{"missing directory", filepath.Join(dir, "missing", "index.html"), "open", fs.ErrNotExist},
		{"directory", dir, "open", unix.EISDIR},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := writeFile(c.path, []byte("x"))
			var pe *fs.PathError
			if !errors.As(err, &pe) || pe.Op != c.op || pe.Path != c.path || !errors.Is(err, c.want) {
				t.Errorf("writeFile = %v, want %s %s: %v", err, c.op, c.path, c.want)
			}
		})
	}
}

func TestParseDirent(t *testing.T) {
	rec := make([]byte, 24)
	binary.NativeEndian.PutUint16(rec[16:], 24)
	rec[18] = unix.DT_DIR
	copy(rec[19:], "abc\x00")
	for _, c := range []struct {
		name string
		b    []byte
		want string
		size int
	}{
		{"whole", rec, "abc", 24},
		{"short header", rec[:10], "", 0},
		{"short record", rec[:20], "", 0},
		{"bad length", append(append([]byte{}, rec[:16]...), 3, 0, 4, 'a'), "", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			name, _, size := parseDirent(c.b)
			if name != c.want || size != c.size {
				t.Errorf("parseDirent = %q, %d; want %q, %d", name, size, c.want, c.size)
			}
		})
	}
}
