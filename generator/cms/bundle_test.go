package cms

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"strings"
	"testing"
)

// The vendored release is exactly the one recorded: every file listed in
// SHA256SUMS is embedded with that checksum, and nothing else is.
func TestBundleChecksums(t *testing.T) {
	sums, err := fs.ReadFile(Bundle, "SHA256SUMS")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(sums))
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("bad line %q", sc.Text())
		}
		listed[name] = true
		data, err := fs.ReadFile(Bundle, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		h := sha256.Sum256(data)
		if got := hex.EncodeToString(h[:]); got != sum {
			t.Errorf("%s: sha256 %s, recorded %s", name, got, sum)
		}
	}
	if len(listed) < 90 || !listed["decap-cms.js"] || !listed["LICENSE"] {
		t.Fatalf("SHA256SUMS lists %d files", len(listed))
	}
	fs.WalkDir(Bundle, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && p != "SHA256SUMS" && !listed[p] {
			t.Errorf("%s is embedded but not in SHA256SUMS", p)
		}
		return err
	})
}

// The bundle loads its chunks relative to its own script, never from a
// fixed host: webpack's public path is "auto".
func TestBundleRelative(t *testing.T) {
	js, err := fs.ReadFile(Bundle, "decap-cms.js")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(js, []byte("document.currentScript")) || bytes.Contains(js, []byte("unpkg.com")) {
		t.Error("decap-cms.js does not resolve its chunks from its own URL")
	}
}
