package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ningbo-showcase/showcase/generator/internal/testenv"
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
	cpu0, ok := cpuTime()
	var files []File
	for b.Loop() {
		var err error
		files, err = Build(docs, Options{})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if cpu1, ok1 := cpuTime(); ok && ok1 && b.N > 0 {
		b.ReportMetric(float64((cpu1-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
	out := 0
	for _, f := range files {
		out += len(f.Data)
	}
	b.ReportMetric(float64(out), "index-bytes")
	b.ReportMetric(float64(len(files)), "files")
}

func BenchmarkBuild10k(b *testing.B)  { benchmarkBuild(b, 10_000) }
func BenchmarkBuild100k(b *testing.B) { benchmarkBuild(b, 100_000) }

// benchmarkIndexer measures an Indexer rebuilding a 10,000-story index
// after change alters the docs (i counts iterations); change returns the
// docs to index.
func benchmarkIndexer(b *testing.B, change func(docs, orig []Doc, i int) []Doc) {
	orig := syntheticDocs(10_000)
	docs := slices.Clone(orig)
	ix := NewIndexer(Options{})
	if _, err := ix.Build(docs); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, ok := cpuTime()
	i := 0
	for b.Loop() {
		if _, err := ix.Build(change(docs, orig, i)); err != nil {
			b.Fatal(err)
		}
		i++
	}
	// The process's CPU time per rebuild, garbage collection included: on
	// a loaded machine a truer figure than ns/op.
	if cpu1, ok1 := cpuTime(); ok && ok1 && i > 0 {
		b.ReportMetric(float64((cpu1-cpu0).Microseconds())/1000/float64(i), "cpu-ms/op")
	}
}

// BenchmarkIndexerEdit10k is an editor's save: one story's body gains a
// sentence with a new figure, a different story each time.
func BenchmarkIndexerEdit10k(b *testing.B) {
	benchmarkIndexer(b, func(docs, orig []Doc, i int) []Doc {
		j := i * 7919 % len(docs)
		docs[j].Body = strings.Replace(orig[j].Body, "。", fmt.Sprintf("。其中第%d批项目投入资金%d万元。", i%9+1, 100+i), 1)
		return docs
	})
}

// BenchmarkIndexerRewrite10k replaces one story's whole body with
// another's: the worst case of an edit in place.
func BenchmarkIndexerRewrite10k(b *testing.B) {
	benchmarkIndexer(b, func(docs, orig []Doc, i int) []Doc {
		j := i * 7919 % len(docs)
		docs[j].Body = orig[(j+5000)%len(orig)].Body
		return docs
	})
}

// BenchmarkIndexerAdd10k inserts a story in the middle and, the next
// iteration, deletes it again: every later story is renumbered.
func BenchmarkIndexerAdd10k(b *testing.B) {
	benchmarkIndexer(b, func(docs, orig []Doc, i int) []Doc {
		if i%2 == 1 {
			return docs
		}
		d := orig[i%len(orig)]
		d.URL = fmt.Sprintf("stories/added-%d/", i)
		return slices.Insert(slices.Clone(docs), len(docs)/2, d)
	})
}

// BenchmarkIndexerCold10k is the first build of an Indexer: the dev
// server's start.
func BenchmarkIndexerCold10k(b *testing.B) {
	docs := syntheticDocs(10_000)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, ok := cpuTime()
	for b.Loop() {
		if _, err := NewIndexer(Options{}).Build(docs); err != nil {
			b.Fatal(err)
		}
	}
	if cpu1, ok1 := cpuTime(); ok && ok1 && b.N > 0 {
		b.ReportMetric(float64((cpu1-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}

// cpuTime returns the CPU time the process has used (user and system),
// and whether it is known.
func cpuTime() (time.Duration, bool) {
	u, s, ok := testenv.CPUTime()
	return u + s, ok
}
