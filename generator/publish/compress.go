package publish

import (
	"bytes"
	"compress/gzip"
	"io"
	"path"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// BrotliQuality is the brotli quality (0–11) of precompressed ".br"
// files. On a 12 kB story page (BenchmarkCompress) quality 9 takes about
// twice as long as gzip at best compression for a 10 % smaller file;
// quality 11 saves another 10 % but is over 20 times slower than 9, too
// slow for sites of tens of thousands of pages.
const BrotliQuality = 9

// compressible lists the lower-case extensions of files that get ".gz"
// and ".br" siblings with Options.Compress.
var compressible = map[string]bool{
	".html": true, ".htm": true, ".css": true, ".js": true, ".mjs": true,
	".json": true, ".webmanifest": true, ".xml": true, ".svg": true, ".txt": true,
}

// Compressible reports whether a file named name gets precompressed
// ".gz" and ".br" siblings when [Options.Compress] is set: HTML, CSS,
// JavaScript, JSON, XML, SVG and plain text files.
func Compressible(name string) bool {
	return compressible[strings.ToLower(path.Ext(name))]
}

var (
	gzipPool = sync.Pool{New: func() any {
		w, _ := gzip.NewWriterLevel(io.Discard, gzip.BestCompression)
		return w
	}}
	brotliPool = sync.Pool{New: func() any {
		return brotli.NewWriterLevel(io.Discard, BrotliQuality)
	}}
)

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
	bw := brotliPool.Get().(*brotli.Writer)
	bw.Reset(buf)
	bw.Write(data)
	bw.Close()
	bw.Reset(io.Discard)
	brotliPool.Put(bw)
}
