package publish

import (
	"bytes"
	"fmt"
	"github.com/ningbo-showcase/showcase/internal/testenv"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/andybalholm/brotli"
)

// BenchmarkWrite publishes 2,000 story pages of about 12 kB from
// GOMAXPROCS goroutines: Begin, WriteFile (minified), Commit over the
// previous build. b.SetBytes counts the HTML given to WriteFile.
func BenchmarkWrite(b *testing.B) {
	const pages = 2000
	data := make([][]byte, pages)
	var total int64
	for i := range data {
		data[i] = page(i, 12000)
		total += int64(len(data[i]))
	}
	for _, bc := range []struct {
		name string
		opts Options
	}{
		{"plain", Options{}},
		{"compress", Options{Compress: true}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			dest := newDest(b)
			b.SetBytes(total)
			b.ReportAllocs()
			report := testenv.ReportCPU(b)
			for b.Loop() {
				tx, err := Begin(dest, bc.opts)
				if err != nil {
					b.Fatal(err)
				}
				var next atomic.Int64
				var wg sync.WaitGroup
				for range runtime.GOMAXPROCS(0) {
					wg.Go(func() {
						for i := int(next.Add(1) - 1); i < pages; i = int(next.Add(1) - 1) {
							if err := tx.WriteFile(fmt.Sprintf("stories/s%d/index.html", i), data[i]); err != nil {
								b.Error(err)
								return
							}
						}
					})
				}
				wg.Wait()
				if err := tx.Commit(); err != nil {
					b.Fatal(err)
				}
			}
			report()
		})
	}
}

// BenchmarkMinifyHTML minifies one 12 kB story page.
func BenchmarkMinifyHTML(b *testing.B) {
	m := NewMinifier()
	data := page(1, 12000)
	b.SetBytes(int64(len(data)))
	report := testenv.ReportCPU(b)
	for b.Loop() {
		if _, err := m.Minify("index.html", data); err != nil {
			b.Fatal(err)
		}
	}
	report()
}

// BenchmarkCompress compresses one minified 12 kB story page as
// WriteFile does, with gzip (best) and brotli at BrotliQuality, and, for
// comparison, with brotli at other qualities and the library's default
// window. The custom metric "ratio" is the compressed size over the
// input size.
func BenchmarkCompress(b *testing.B) {
	data, err := NewMinifier().Minify("index.html", page(1, 12000))
	if err != nil {
		b.Fatal(err)
	}
	run := func(name string, compress func(*bytes.Buffer, []byte)) {
		b.Run(name, func(b *testing.B) {
			var buf bytes.Buffer
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			report := testenv.ReportCPU(b)
			for b.Loop() {
				buf.Reset()
				compress(&buf, data)
			}
			report()
			b.ReportMetric(float64(buf.Len())/float64(len(data)), "ratio")
		})
	}
	run("gzip-best", gzipTo)
	run(fmt.Sprintf("brotli-%d", BrotliQuality), brotliTo)
	for _, q := range []int{5, 11} {
		for _, win := range []int{brotliWindow(len(data)), maxWindow} {
			w := brotli.NewWriterOptions(io.Discard, brotli.WriterOptions{Quality: q, LGWin: win})
			run(fmt.Sprintf("brotli-%d-window%d", q, win), func(buf *bytes.Buffer, data []byte) {
				w.Reset(buf)
				w.Write(data)
				w.Close()
			})
		}
	}
	w := brotli.NewWriterOptions(io.Discard, brotli.WriterOptions{Quality: BrotliQuality, LGWin: maxWindow})
	run(fmt.Sprintf("brotli-%d-window%d", BrotliQuality, maxWindow), func(buf *bytes.Buffer, data []byte) {
		w.Reset(buf)
		w.Write(data)
		w.Close()
	})
}
