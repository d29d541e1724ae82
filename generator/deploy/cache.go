package deploy

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// hashCache remembers the MD5 and upload size of each file by its path,
// size, modification time and inode, so that a deploy after a build that
// left most files untouched (the publish stage keeps unchanged files as
// they were) reads only the files that changed. It lives in the user's
// cache directory, one file per site directory; a missing, unreadable or
// stale cache only costs the hashing it would have saved.
type hashCache struct {
	path string
	mu   sync.Mutex
	old  map[string]string // path -> "stamp md5 size"
	new  map[string]string
}

// openCache reads the cache of site directory dir, or returns an empty
// one. It never fails: without a cache directory nothing is remembered.
func openCache(dir string) *hashCache {
	c := &hashCache{old: map[string]string{}, new: map[string]string{}}
	base, err := os.UserCacheDir()
	abs, err2 := filepath.Abs(dir)
	if err != nil || err2 != nil {
		return c
	}
	sum := sha256.Sum256([]byte(abs))
	c.path = filepath.Join(base, "showcase", "deploy", hex.EncodeToString(sum[:8])+".txt")
	data, err := os.ReadFile(c.path)
	if err != nil || !bytes.HasPrefix(data, []byte(cacheVersion+"\n")) {
		return c
	}
	sc := bufio.NewScanner(bytes.NewReader(data[len(cacheVersion)+1:]))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if p, rest, ok := strings.Cut(sc.Text(), "\t"); ok {
			c.old[p] = rest
		}
	}
	return c
}

const cacheVersion = "showcase-deploy-hashes 1"

// racy is how recent a file's modification may be for its hash not to be
// remembered: coarse file system clocks (FAT, some network file systems)
// keep 1 or 2 s, within which a same-size rewrite looks unchanged.
const racy = 3 * time.Second

// stamp identifies the state of a file and how it is uploaded.
func stamp(fi os.FileInfo, gzip bool) string {
	g := "raw"
	if gzip {
		g = "gzip"
	}
	return fmt.Sprintf("%d/%d/%d/%s", fi.Size(), fi.ModTime().UnixNano(), inode(fi), g)
}

// lookup returns the remembered MD5 and upload size of path in state st.
func (c *hashCache) lookup(path, st string) (md5 string, size int64, ok bool) {
	v, found := c.old[path]
	if !found {
		return "", 0, false
	}
	f := strings.Split(v, "\t")
	if len(f) != 3 || f[0] != st || len(f[1]) != 32 {
		return "", 0, false
	}
	n, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil {
		return "", 0, false
	}
	return f[1], n, true
}

// remember records the MD5 and upload size of path in state st.
func (c *hashCache) remember(path, st, md5 string, size int64) {
	c.mu.Lock()
	c.new[path] = st + "\t" + md5 + "\t" + strconv.FormatInt(size, 10)
	c.mu.Unlock()
}

// save replaces the cache with the entries remembered in this run,
// atomically; errors are ignored, as a cache may always be lost.
func (c *hashCache) save() {
	if c.path == "" {
		return
	}
	var b bytes.Buffer
	b.WriteString(cacheVersion + "\n")
	for p, v := range c.new {
		if strings.ContainsAny(p, "\t\n") {
			continue
		}
		b.WriteString(p + "\t" + v + "\n")
	}
	if os.MkdirAll(filepath.Dir(c.path), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b.Bytes())
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), c.path) != nil {
		os.Remove(tmp.Name())
	}
}
