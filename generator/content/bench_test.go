package content

import (
	"github.com/ningbo-showcase/showcase/internal/testenv"
	"io/fs"
	"os"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/corpus"
)

// BenchmarkLoad loads a synthetic site of 500 stories (generator/corpus,
// seed 1) from disk through os.Root, as a build does. b.SetBytes counts
// the bytes of its content files.
func BenchmarkLoad(b *testing.B) {
	fsys := corpusFS(b, 500)
	var total int64
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		total += fi.Size()
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	opts := Options{Year: 2026}
	if _, list := Load(fsys, opts); list.Err() != nil {
		b.Fatal(list.Err())
	}
	b.SetBytes(total)
	b.ReportAllocs()
	report := testenv.ReportCPU(b)
	for b.Loop() {
		Load(fsys, opts)
	}
	report()
}

// BenchmarkLoaderEdit re-loads a 10,000-story site through a Loader after
// one story file changed, as the dev server does on every save.
func BenchmarkLoaderEdit(b *testing.B) {
	fsys := corpusFS(b, 10000)
	opts := Options{Year: 2026}
	l := NewLoader()
	cs, list := l.Load(fsys, opts)
	if list.Err() != nil {
		b.Fatal(list.Err())
	}
	edited := cs.Stories[len(cs.Stories)/2].Path
	b.ReportAllocs()
	for b.Loop() {
		l.Invalidate(edited)
		l.Load(fsys, opts)
	}
}

// corpusFS writes a synthetic site of n stories (seed 1) and opens it
// through os.Root, as a build does.
func corpusFS(b *testing.B, n int) fs.FS {
	b.Helper()
	dir := b.TempDir()
	if err := corpus.Generate(dir, corpus.Options{N: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { root.Close() })
	return root.FS()
}
