package markdown

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkConvert converts testdata/golden/story.md, a Chinese story of
// about 1,900 characters with headings, lists, a table and a footnote.
func BenchmarkConvert(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "golden", "story.md"))
	if err != nil {
		b.Fatal(err)
	}
	r := New(Options{})
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Convert(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConvertParallel converts the same story from GOMAXPROCS
// goroutines through one shared Renderer, as a build does.
func BenchmarkConvertParallel(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "golden", "story.md"))
	if err != nil {
		b.Fatal(err)
	}
	r := New(Options{})
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := r.Convert(src); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func BenchmarkSummarize(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "golden", "story.md"))
	if err != nil {
		b.Fatal(err)
	}
	doc, err := New(Options{}).Convert(src)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc.Text)))
	for b.Loop() {
		Summarize(doc.Text, 120)
	}
}
