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
// corpora: the cost a build pays for the related sections.
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
