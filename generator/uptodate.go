package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"github.com/ningbo-showcase/showcase/generator/images"
	"hash"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/publish"
	"github.com/ningbo-showcase/showcase/generator/search"
)

// buildKeyVersion changes when what sourceKey hashes changes.
const buildKeyVersion = "showcase build key 1"

// beginUpToDate starts the publish of a build before its source is
// loaded, with a key for everything the output depends on: the bytes of
// every file of the source tree (the destination and what a build keeps
// beside it left out), the options, the year the build takes as this
// year, and the program itself. If the destination's last build recorded
// the same key and the destination holds its files untouched, the build
// is up to date: up is true and nothing needs rendering. Otherwise tx is
// the transaction to publish the build in, or nil if it could not be
// started here (Build then starts it after loading, and reports errors in
// their usual order).
//
// keys.shared, when the source could be read, is the key of the site-wide
// inputs of the page cache (pagecache.go).
func beginUpToDate(src fs.FS, opts Options, dest string) (tx *publish.Tx, up bool, keys buildKeys) {
	keys, err := sourceKey(src, opts, dest)
	if err != nil {
		return nil, false, buildKeys{}
	}
	key := keys.all
	cfg, list := content.LoadConfig(src)
	if list.Err() != nil {
		return nil, false, keys
	}
	tx, err = publish.Begin(dest, publishOptions(cfg.Keep, opts, key))
	if err != nil {
		return nil, false, keys
	}
	if tx.UpToDate() && !opts.IgnoreCache {
		tx.Abort()
		return nil, true, keys
	}
	return tx, false, keys
}

// buildKeys are the keys sourceKey makes of a source tree: all covers
// every file, shared every file but the stories' own (their Markdown and
// bundles), which the page cache checks story by story.
type buildKeys struct {
	all, shared string
}

// storyFile reports whether the slash path p of the source tree belongs
// to one story: content/stories/<slug>.md or a file of a bundle
// content/stories/<slug>/.
func storyFile(p string) bool {
	rest, ok := strings.CutPrefix(p, "content/stories/")
	if !ok {
		return false
	}
	return strings.Contains(rest, "/") || strings.HasSuffix(rest, ".md") && rest != "_index.md"
}

func publishOptions(keep []string, opts Options, key string) publish.Options {
	o := publish.Options{Keep: keep, Compress: opts.Compress, Last: []string{search.MetaPath}, Key: key}
	// A page is made from its rendering by the minifier of this program.
	if exe, err := programHash(); err == nil {
		o.Transform = fmt.Sprintf("%x minify=%t", exe, !opts.NoMinify)
	}
	return o
}

// sourceKey hashes what a build's output depends on (see beginUpToDate).
func sourceKey(src fs.FS, opts Options, dest string) (buildKeys, error) {
	skip, err := destNames(opts.sourceDir(), dest)
	if err != nil {
		return buildKeys{}, err
	}
	var files []string
	err = fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && skip(p) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return buildKeys{}, err
	}
	sums := make([][sha256.Size]byte, len(files))
	var (
		next atomic.Int64
		wg   sync.WaitGroup
		errs = make([]error, len(files))
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			h := sha256.New()
			buf := make([]byte, 64<<10)
			for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
				errs[i] = hashFile(h, buf, src, files[i], &sums[i])
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return buildKeys{}, err
		}
	}
	h, shared := sha256.New(), sha256.New()
	o := opts
	o.Source, o.Dest, o.Progress = "", "", nil
	o.IgnoreCache = false // it changes what a build does, not what it makes
	if o.Year == 0 {
		o.Year = time.Now().In(content.Shanghai).Year()
	}
	fmt.Fprintf(h, "%s\n%#v\n", buildKeyVersion, o)
	fmt.Fprintf(shared, "%s\n%#v\n", pageCacheVersion, o)
	exe, err := programHash()
	if err != nil {
		return buildKeys{}, err
	}
	h.Write(exe)
	shared.Write(exe)
	for i, f := range files {
		fmt.Fprintf(h, "%q %x\n", f, sums[i])
		if !storyFile(f) {
			fmt.Fprintf(shared, "%q %x\n", f, sums[i])
		}
	}
	return buildKeys{all: hex.EncodeToString(h.Sum(nil)), shared: string(shared.Sum(nil))}, nil
}

// hashFile sums the file name of src into out, reading through buf.
func hashFile(h hash.Hash, buf []byte, src fs.FS, name string, out *[sha256.Size]byte) error {
	f, err := src.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	h.Reset()
	// Only the Reader: an *os.File's WriteTo would copy through a new
	// 32 KiB buffer per file (300 MB at 10,000 stories).
	if _, err := io.CopyBuffer(h, struct{ io.Reader }{f}, buf); err != nil {
		return err
	}
	h.Sum(out[:0])
	return nil
}

// destNames returns a test for the slash paths of the source tree at
// source that are the destination dest or what a build keeps beside it
// (".<base>.tmp-*", ".<base>.manifest" …), and ".git".
func destNames(source, dest string) (func(p string) bool, error) {
	s, err := filepath.Abs(source)
	if err != nil {
		return nil, err
	}
	d, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(s, d)
	inside := err == nil && rel != "." && !strings.HasPrefix(rel, "..")
	rel = filepath.ToSlash(rel)
	dir, base := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	if dir == "" {
		dir = "."
	}
	return func(p string) bool {
		if p == ".git" || p == images.DefaultCacheDir {
			return true // the image cache is not a source
		}
		if !inside {
			return false
		}
		return p == rel || path.Dir(p) == dir && strings.HasPrefix(path.Base(p), "."+base+".")
	}, nil
}
