package markdown

import (
	"bytes"
	"github.com/ningbo-showcase/showcase/internal/testenv"
	"os"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
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
	report := testenv.ReportCPU(b)
	for b.Loop() {
		if _, err := r.Convert(src); err != nil {
			b.Fatal(err)
		}
	}
	report()
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

// BenchmarkSummarize cuts the plain text of the story to 120 characters,
// as a list page does for each teaser.
func BenchmarkSummarize(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "golden", "story.md"))
	if err != nil {
		b.Fatal(err)
	}
	doc, err := New(Options{}).Convert(src)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	report := testenv.ReportCPU(b)
	for b.Loop() {
		Summarize(doc.Text, 120)
	}
	report()
}

// BenchmarkGoldmarkBaseline converts the same story with a bare goldmark
// instance carrying the same extensions, to show what this package adds
// (emphasis, text renderer, safety pass, heading IDs, plain text).
func BenchmarkGoldmarkBaseline(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "golden", "story.md"))
	if err != nil {
		b.Fatal(err)
	}
	md := goldmark.New(goldmark.WithExtensions(
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
		extension.Strikethrough, extension.Linkify, extension.TaskList, extension.Footnote,
		extension.NewCJK(extension.WithEastAsianLineBreaks(extension.EastAsianLineBreaksCSS3Draft), extension.WithEscapedSpace()),
	))
	var buf bytes.Buffer
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	report := testenv.ReportCPU(b)
	for b.Loop() {
		buf.Reset()
		if err := md.Convert(src, &buf); err != nil {
			b.Fatal(err)
		}
	}
	report()
}
