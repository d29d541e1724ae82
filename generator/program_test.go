package generator

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestHashProgramMemo checks the program's sum is the SHA-256 of its
// bytes, is taken from the memo while the file is the same, and is made
// again when the file's bytes change, even with its size and
// modification time put back.
func TestHashProgramMemo(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the memo is kept on Linux only")
	}
	dir := t.TempDir()
	exe, memo := filepath.Join(dir, "showcase"), filepath.Join(dir, "cache", "program")
	old := bytes.Repeat([]byte("版本一"), 1000)
	if err := os.WriteFile(exe, old, 0o755); err != nil {
		t.Fatal(err)
	}
	want := sha256.Sum256(old)
	for range 2 {
		sum, err := hashProgram(exe, memo)
		if err != nil || !bytes.Equal(sum, want[:]) {
			t.Fatalf("sum %x, %v; want %x", sum, err, want)
		}
		if _, err := os.Stat(memo); err != nil {
			t.Fatalf("no memo: %v", err)
		}
	}
	info, _ := os.Stat(exe)
	changed := bytes.Repeat([]byte("版本二"), 1000) // same size
	if err := os.WriteFile(exe, changed, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(exe, time.Time{}, info.ModTime()); err != nil {
		t.Fatal(err)
	}
	want = sha256.Sum256(changed)
	if sum, err := hashProgram(exe, memo); err != nil || !bytes.Equal(sum, want[:]) {
		t.Fatalf("after a change of bytes: sum %x, %v; want %x", sum, err, want)
	}
}
