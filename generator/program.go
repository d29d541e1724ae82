package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// programHash returns the SHA-256 of the running program's bytes: a build
// by another version of the program is another build (the up-to-date key,
// the page and text caches). Hashing a 45 MB program costs tens of
// milliseconds, a tenth of a small rebuild, so the sum is kept in the
// user's cache directory (showcase/program) with the program file's path
// and identity (size, modification and change times, inode) and reused
// while they are the same.
var programHash = sync.OnceValues(func() ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return hashProgram(exe, programMemo())
})

// hashProgram returns the SHA-256 of the file exe, taking it from the
// file memo (if not "") while the file's identity is the one it recorded,
// and recording it there otherwise.
func hashProgram(exe, memo string) ([]byte, error) {
	f, err := os.Open(exe)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	ident := fileIdentity(info)
	id := fmt.Sprintf("%q %s", exe, ident)
	if ident == "" {
		memo = ""
	}
	if memo != "" {
		if data, err := os.ReadFile(memo); err == nil {
			if rest, ok := strings.CutPrefix(string(data), id+" "); ok {
				if sum, err := hex.DecodeString(strings.TrimSpace(rest)); err == nil && len(sum) == sha256.Size {
					return sum, nil
				}
			}
		}
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	sum := h.Sum(nil)
	if memo != "" && os.MkdirAll(filepath.Dir(memo), 0o755) == nil {
		tmp := memo + fmt.Sprintf(".tmp-%d", os.Getpid())
		if os.WriteFile(tmp, []byte(id+" "+hex.EncodeToString(sum)+"\n"), 0o644) == nil {
			os.Rename(tmp, memo) // only saves the next build work
		}
		os.Remove(tmp)
	}
	return sum, nil
}

// programMemo returns the file that keeps the program's sum, or "" when
// the user has no cache directory.
func programMemo() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "showcase", "program")
}
