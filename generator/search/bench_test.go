package search

import (
	"testing"
)

func benchmarkBuild(b *testing.B, n int) {
	docs := syntheticDocs(n)
	in := 0
	for _, d := range docs {
		in += len(d.Title) + len(d.Summary) + len(d.Body)
	}
	b.SetBytes(int64(in))
	b.ReportAllocs()
	b.ResetTimer()
	var files []File
	for b.Loop() {
		var err error
		files, err = Build(docs, Options{})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	out := 0
	for _, f := range files {
		out += len(f.Data)
	}
	b.ReportMetric(float64(out), "index-bytes")
	b.ReportMetric(float64(len(files)), "files")
}

func BenchmarkBuild10k(b *testing.B)  { benchmarkBuild(b, 10_000) }
func BenchmarkBuild100k(b *testing.B) { benchmarkBuild(b, 100_000) }
