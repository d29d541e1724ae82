package generator

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/corpus"
)

// BenchmarkBuild builds a generated corpus into an existing destination,
// as an everyday `showcase build` does (stale-page removal included).
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000} {
		b.Run(fmt.Sprintf("stories=%d", n), func(b *testing.B) {
			src := b.TempDir()
			if err := corpus.Generate(src, corpus.Options{N: n, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			var size int64
			filepath.Walk(filepath.Join(src, "content"), func(_ string, fi os.FileInfo, err error) error {
				if err == nil && !fi.IsDir() {
					size += fi.Size()
				}
				return nil
			})
			dest := filepath.Join(b.TempDir(), "public")
			opts := Options{Source: src, Dest: dest, Year: 2026}
			if _, err := Build(context.Background(), opts); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(size)
			b.ResetTimer()
			for b.Loop() {
				if _, err := Build(context.Background(), opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
