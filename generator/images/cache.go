package images

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
)

// DefaultCacheDir is where a site keeps its cache, relative to its source
// directory. Hugo's own cache is resources/_gen: the two never mix.
const DefaultCacheDir = "resources/_showcase"

// Cache keeps encoded rungs on disk between builds. A nil *Cache, or one
// with no directory, caches nothing. It is safe for concurrent use.
type Cache struct {
	dir          string
	mu           sync.Mutex
	used         map[string]bool // file names (relative to dir) touched since Open
	hits, misses atomic.Int64
	known        *bool // tests: every image is this opaque
}

// OpenCache returns the cache in dir, creating nothing until the first
// Put. An empty dir caches nothing.
func OpenCache(dir string) *Cache {
	return &Cache{dir: dir, used: map[string]bool{}}
}

// Dir returns the cache's directory.
func (c *Cache) Dir() string {
	if c == nil {
		return ""
	}
	return c.dir
}

// key returns the file name, relative to the cache directory, of one
// output of an image.
func key(img *Image, r Rung, ext string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%x\n%s\n%d %d %d %v %s\n", img.Sum, EncoderVersion, r.Width, r.Height, img.Orientation, img.Alpha, ext)
	s := hex.EncodeToString(h.Sum(nil))
	return s[:2] + "/" + s[2:] + ext
}

// metaKey is the name of the entry that records whether an image is
// opaque.
func metaKey(sum [32]byte) string {
	s := hex.EncodeToString(sum[:])
	return s[:2] + "/" + s[2:] + ".alpha"
}

func (c *Cache) get(name string) ([]byte, bool) {
	if c == nil || c.dir == "" {
		return nil, false
	}
	data, err := os.ReadFile(filepath.Join(c.dir, filepath.FromSlash(name)))
	if err != nil {
		c.misses.Add(1)
		return nil, false
	}
	c.mu.Lock()
	c.used[name] = true
	c.mu.Unlock()
	c.hits.Add(1)
	return data, true
}

// put stores data under name, atomically: a concurrent reader or a crash
// never leaves a partial entry.
func (c *Cache) put(name string, data []byte) error {
	if c == nil || c.dir == "" {
		return nil
	}
	p := filepath.Join(c.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
		return err
	}
	c.mu.Lock()
	c.used[name] = true
	c.mu.Unlock()
	return nil
}

// Opaque reports whether the image with source hash sum is known to be
// opaque, and whether it is known at all. It is Plan's opaque argument.
func (c *Cache) Opaque(sum [32]byte) (opaque, known bool) {
	if c != nil && c.known != nil {
		return *c.known, true
	}
	data, ok := c.get(metaKey(sum))
	if !ok {
		return false, false
	}
	return string(data) == "opaque", true
}

// setOpaque records whether an image is opaque.
func (c *Cache) setOpaque(sum [32]byte, opaque bool) {
	v := "alpha"
	if opaque {
		v = "opaque"
	}
	c.put(metaKey(sum), []byte(v)) // a cache that cannot be written only costs time
}

// Stats returns the number of entries read from the cache and of entries
// looked for and not found, since it was opened.
func (c *Cache) Stats() (hits, misses int64) {
	if c == nil {
		return 0, 0
	}
	return c.hits.Load(), c.misses.Load()
}

// Prune removes every entry that no Get or Put touched since the cache
// was opened, and returns how many files and bytes it removed. Call it
// after a complete build only (showcase build --gc).
func (c *Cache) Prune() (files int, bytes int64, err error) {
	if c == nil || c.dir == "" {
		return 0, 0, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	err = filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(c.dir, p)
		rel = filepath.ToSlash(rel)
		if c.used[rel] && !strings.HasPrefix(d.Name(), ".tmp-") {
			return nil
		}
		info, ierr := d.Info()
		if err := os.Remove(p); err != nil {
			return err
		}
		files++
		if ierr == nil {
			bytes += info.Size()
		}
		return nil
	})
	// Drop the directories left empty.
	if dirs, _ := os.ReadDir(c.dir); dirs != nil {
		for _, d := range dirs {
			if d.IsDir() {
				os.Remove(filepath.Join(c.dir, d.Name())) // fails unless empty
			}
		}
	}
	return files, bytes, err
}

// Size returns the number of files and bytes in the cache directory.
func (c *Cache) Size() (files int, bytes int64) {
	if c == nil || c.dir == "" {
		return 0, 0
	}
	filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				files++
				bytes += info.Size()
			}
		}
		return nil
	})
	return files, bytes
}
