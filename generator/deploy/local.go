package deploy

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ningbo-showcase/showcase/generator/publish"
)

// File is a local file to deploy, with the headers its object gets.
type File struct {
	Path            string // site-relative, slash-separated
	Size            int64  // bytes uploaded (compressed where Gzip)
	MD5             string // lower-case hex MD5 of the bytes uploaded
	ContentType     string
	CacheControl    string
	ContentEncoding string
	Redirect        string // x-amz-website-redirect-location, or ""
	Gzip            bool   // upload gzip-compressed
	Force           bool   // upload even when unchanged

	abs   string
	wave  int // 0 first, 1 (pages, feeds) second
	order int // index of the first matching Config.Order pattern, or len
}

// bookkeeping reports whether a top-level name is one of the build's own
// files, never published: the build marker and every ".showcase-" name
// (manifests, journals).
func bookkeeping(name string) bool {
	return name == publish.Marker || strings.HasPrefix(name, ".showcase-")
}

// hostFiles are read by static hosts, and mean nothing to a bucket.
var hostFiles = map[string]bool{"_headers": true, "_redirects": true}

// scan lists the files of dir that target t deploys, with their headers
// and hashes, sorted by upload order.
func scan(ctx context.Context, dir string, cfg *Config, t *Target, redirects map[string]string, cache *hashCache, workers int) ([]*File, error) {
	files, err := collect(dir, cfg, t, redirects)
	if err != nil {
		return nil, err
	}
	return files, hash(ctx, files, cache, workers)
}

// collect lists the files of dir that target t deploys, with their
// headers, sorted by upload order, without reading them.
func collect(dir string, cfg *Config, t *Target, redirects map[string]string) ([]*File, error) {
	keep := map[string]bool{}
	for _, k := range cfg.Keep {
		keep[k] = true
	}
	var paths []string
	all := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if !strings.Contains(rel, "/") && (keep[rel] || bookkeeping(rel) || hostFiles[rel]) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			paths = append(paths, rel)
			all[rel] = true
		}
		return nil
	})
	if err != nil {
		return nil, newError("cannot read the site directory "+dir, "无法读取站点目录 "+dir, err)
	}
	var files []*File
	for _, p := range paths {
		m := cfg.matcher(p)
		if sib := sibling(p, all); sib != "" {
			// A precompressed sibling goes up only when a matcher is
			// written for it: it matches the sibling, not the original.
			if m == nil || m.re.MatchString(sib) {
				continue
			}
		}
		if !t.Selects(p) {
			continue
		}
		f := &File{Path: p, abs: filepath.Join(dir, filepath.FromSlash(p)), ContentType: ContentType(p), CacheControl: CacheControl(p), order: len(cfg.Order)}
		if m != nil {
			if m.ContentType != "" {
				f.ContentType = m.ContentType
			}
			if m.CacheControl != "" {
				f.CacheControl = m.CacheControl
			}
			f.ContentEncoding = m.ContentEncoding
			f.Gzip, f.Force = m.Gzip, m.Force
			if f.Gzip {
				f.ContentEncoding = "gzip"
			}
		}
		if late(p) {
			f.wave = 1
		}
		for i, re := range cfg.Order {
			if re.MatchString(p) {
				f.order = i
				break
			}
		}
		f.Redirect = redirects[p]
		files = append(files, f)
	}
	sort.SliceStable(files, func(i, j int) bool {
		a, b := files[i], files[j]
		if a.wave != b.wave {
			return a.wave < b.wave
		}
		if a.order != b.order {
			return a.order < b.order
		}
		return a.Path < b.Path
	})
	return files, nil
}

// hash sets the MD5 and upload size of files, on workers goroutines,
// skipping the files whose state the cache remembers.
func hash(ctx context.Context, files []*File, cache *hashCache, workers int) error {
	start := time.Now()
	return parallel(ctx, workers, len(files), func(i int) error {
		f := files[i]
		fi, err := os.Stat(f.abs)
		if err != nil {
			return newError("cannot read "+f.Path, "无法读取 "+f.Path, err)
		}
		st := stamp(fi, f.Gzip)
		if m, n, ok := cache.lookup(f.Path, st); ok {
			f.MD5, f.Size = m, n
			cache.remember(f.Path, st, m, n)
			return nil
		}
		body, err := f.body()
		if err != nil {
			return err
		}
		sum := md5.Sum(body)
		f.MD5 = fmt.Sprintf("%x", sum)
		f.Size = int64(len(body))
		// A file modified while it was read must not be remembered, nor
		// one modified so recently that a same-size rewrite within the
		// file system's timestamp granularity could go unseen.
		if fi2, err := os.Stat(f.abs); err == nil && stamp(fi2, f.Gzip) == st && start.Sub(fi.ModTime()) > racy {
			cache.remember(f.Path, st, f.MD5, f.Size)
		}
		return nil
	})
}

// body returns the bytes uploaded for f: the file, gzip-compressed where
// f.Gzip. The compression is deterministic, so that an unchanged file
// hashes the same on every run, and made as hugo deploy makes it (default
// level, empty header), so that each tool sees the other's gzipped
// objects as unchanged.
func (f *File) body() ([]byte, error) {
	data, err := os.ReadFile(f.abs)
	if err != nil {
		return nil, newError("cannot read "+f.Path, "无法读取 "+f.Path, err)
	}
	if !f.Gzip {
		return data, nil
	}
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	zw.Write(data)
	zw.Close()
	return b.Bytes(), nil
}

// sibling returns the file that p was precompressed from, if p is a ".gz"
// or ".br" file beside it, else "".
func sibling(p string, all map[string]bool) string {
	for _, ext := range []string{".gz", ".br"} {
		if orig, ok := strings.CutSuffix(p, ext); ok && all[orig] {
			return orig
		}
	}
	return ""
}

// matcher returns the first matcher whose pattern matches p, or nil.
func (c *Config) matcher(p string) *Matcher {
	for _, m := range c.Matchers {
		if m.re != nil && m.re.MatchString(p) {
			return m
		}
	}
	return nil
}

// readRedirects maps the site-relative paths of alias pages to the
// location they redirect to, from the build's _redirects file ("FROM TO
// 301" lines whose FROM begins with root, the site's base path). A site
// without the file has no redirects.
func readRedirects(dir, root string) (map[string]string, error) {
	data, err := os.ReadFile(filepath.Join(dir, "_redirects"))
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil
		}
		return nil, newError("cannot read _redirects", "无法读取 _redirects", err)
	}
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		from, ok := strings.CutPrefix(fields[0], root)
		if !ok || from == "" {
			continue
		}
		if strings.HasSuffix(from, "/") {
			from += "index.html"
		}
		out[from] = fields[1]
	}
	return out, nil
}

// parallel calls fn(0) … fn(n-1) on up to workers goroutines and returns
// the first error; after an error or the end of ctx no new call starts.
func parallel(ctx context.Context, workers, n int, fn func(i int) error) error {
	if workers < 1 {
		workers = 1
	}
	var (
		mu    sync.Mutex
		next  int
		first error
		wg    sync.WaitGroup
	)
	take := func() (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		if first != nil || next >= n {
			return 0, false
		}
		if err := ctx.Err(); err != nil {
			first = err
			return 0, false
		}
		next++
		return next - 1, true
	}
	for w := 0; w < min(workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i, ok := take()
				if !ok {
					return
				}
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}
