package site_test

import (
	"os"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/corpus"
	"github.com/ningbo-showcase/showcase/generator/site"
	"github.com/ningbo-showcase/showcase/internal/testenv"
)

// BenchmarkRelated computes every story's related list on generated
// corpora: the cost a build pays for the related sections; and, at 10k,
// the lists around one story, as after an edit in the dev server.
func BenchmarkRelated(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(itoa(n), func(b *testing.B) {
			dir := b.TempDir()
			if err := corpus.Generate(dir, corpus.Options{N: n, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			cs, list := content.Load(os.DirFS(dir), content.Options{Year: 2026})
			if err := list.Err(); err != nil {
				b.Fatal(err)
			}
			s := site.Build(cs)
			b.ReportAllocs()
			b.ResetTimer()
			report := testenv.ReportCPU(b)
			for b.Loop() {
				s.Relate()
			}
			report()
		})
	}
	// The dev server's update around one story whose tags changed
	// (site.Site.Patch): the part of a tag edit spent on related lists.
	b.Run("around-10k", func(b *testing.B) {
		dir := b.TempDir()
		if err := corpus.Generate(dir, corpus.Options{N: 10000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		cs, list := content.Load(os.DirFS(dir), content.Options{Year: 2026})
		if err := list.Err(); err != nil {
			b.Fatal(err)
		}
		s := site.Build(cs)
		st := s.Stories[len(s.Stories)/2]
		b.ReportAllocs()
		b.ResetTimer()
		report := testenv.ReportCPU(b)
		for b.Loop() {
			s.RelateAround(st)
		}
		report()
	})
}

func itoa(n int) string {
	if n >= 1000 {
		return itoa(n/1000) + "k"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}
