package publish

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/bits"
	"path"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// BrotliQuality is the brotli quality (0–11) of precompressed ".br"
// files. On a minified 12 kB story page (BenchmarkCompress) quality 9
// takes 1.5 to 2 times as long as gzip at best compression for a file
// 10 % smaller; quality 11 saves another 10 % but is more than 15 times
// slower than 9, too slow for sites of tens of thousands of pages.
const BrotliQuality = 9

// compressible lists the lower-case extensions of files that get ".gz"
// and ".br" siblings with Options.Compress.
var compressible = map[string]bool{
	".html": true, ".htm": true, ".css": true, ".js": true, ".mjs": true,
	".json": true, ".webmanifest": true, ".xml": true, ".svg": true, ".txt": true,
	".bin": true, // the search index's shards and meta file: varints and UTF-8 terms
}

// Compressible reports whether a file named name gets precompressed
// ".gz" and ".br" siblings when [Options.Compress] is set: HTML, CSS,
// JavaScript, JSON, XML, SVG, plain text and .bin files (the search
// index's, which hosts that compress by media type leave alone:
// application/octet-stream).
func Compressible(name string) bool {
	return compressible[strings.ToLower(path.Ext(name))]
}

// Brotli's window: files up to 1<<minWindow bytes get that window,
// larger ones the smallest that holds them, up to maxWindow (the
// library's default), which streamed files of unknown size use too. A
// window no larger than the file compresses as well as the default and
// spares allocating the default's large match finder for every file.
const (
	minWindow = 16
	maxWindow = 22
)

var (
	gzipPool = sync.Pool{New: func() any {
		w, _ := gzip.NewWriterLevel(io.Discard, gzip.BestCompression)
		return w
	}}
	brotliPools [maxWindow + 1]sync.Pool // by window; from minWindow up
)

// brotliWindow returns the window for a file of n bytes, or for a file
// of unknown size if n < 0.
func brotliWindow(n int) int {
	if n < 0 {
		return maxWindow
	}
	return min(max(bits.Len(uint(n)), minWindow), maxWindow)
}

// getBrotli returns a pooled brotli writer with the window win, writing
// to w.
func getBrotli(w io.Writer, win int) *brotli.Writer {
	bw, _ := brotliPools[win].Get().(*brotli.Writer)
	if bw == nil {
		return brotli.NewWriterOptions(w, brotli.WriterOptions{Quality: BrotliQuality, LGWin: win})
	}
	bw.Reset(w)
	return bw
}

// putBrotli returns a writer that getBrotli gave for window win.
func putBrotli(bw *brotli.Writer, win int) {
	bw.Reset(io.Discard)
	brotliPools[win].Put(bw)
}

// bufPool holds buffers for minified and compressed files on their way
// to disk.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuf() *bytes.Buffer { return bufPool.Get().(*bytes.Buffer) }

func putBuf(b *bytes.Buffer) {
	if b.Cap() <= maxPooled {
		b.Reset()
		bufPool.Put(b)
	}
}

// gzipTo appends data compressed with gzip at best compression to buf.
// The header carries no name and no time, so the output is deterministic.
func gzipTo(buf *bytes.Buffer, data []byte) {
	zw := gzipPool.Get().(*gzip.Writer)
	zw.Reset(buf)
	zw.Write(data) // writes to a bytes.Buffer cannot fail
	zw.Close()
	zw.Reset(io.Discard)
	gzipPool.Put(zw)
}

// brotliTo appends data compressed with brotli at BrotliQuality to buf.
func brotliTo(buf *bytes.Buffer, data []byte) {
	win := brotliWindow(len(data))
	bw := getBrotli(buf, win)
	bw.Write(data)
	bw.Close()
	putBrotli(bw, win)
}
