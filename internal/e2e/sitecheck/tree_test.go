package sitecheck

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ningbo-showcase/showcase/generator"
	"github.com/ningbo-showcase/showcase/generator/publish"
)

// repoRoot is the showcase's source tree, relative to this package.
var repoRoot = filepath.Join("..", "..", "..")

// baseTree returns the real showcase's hugo.toml and every content file
// except its stories, as a MapFS: the frame into which tests put stories of
// their own.
func baseTree(tb testing.TB) fstest.MapFS {
	tb.Helper()
	fsys := fstest.MapFS{}
	add := func(rel string) {
		data, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(rel)))
		if err != nil {
			tb.Fatal(err)
		}
		fsys[rel] = &fstest.MapFile{Data: data}
	}
	add("hugo.toml")
	err := fs.WalkDir(os.DirFS(repoRoot), "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		if strings.HasPrefix(p, "content/stories/") && p != "content/stories/_index.md" {
			return nil
		}
		add(p)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return fsys
}

// realStories returns the real showcase's story files by file name.
func realStories(tb testing.TB) map[string][]byte {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(repoRoot, "content", "stories", "*.md"))
	if err != nil || len(paths) < 2 {
		tb.Fatalf("no stories in %s: %v", repoRoot, err)
	}
	out := map[string][]byte{}
	for _, p := range paths {
		if filepath.Base(p) == "_index.md" {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out[filepath.Base(p)] = data
	}
	return out
}

// generate loads fsys and renders it into memory the way a build does. It
// returns the content error (a *generator.ContentError) when the tree does
// not load, and fails the test on any other error.
func generate(tb testing.TB, fsys fs.FS, opts generator.Options) (output, error) {
	tb.Helper()
	out, err := generateErr(fsys, opts)
	var ce *generator.ContentError
	if err != nil && !errors.As(err, &ce) {
		tb.Fatal(err)
	}
	return out, err
}

// generateErr is generate returning every error.
func generateErr(fsys fs.FS, opts generator.Options) (output, error) {
	if opts.Year == 0 {
		opts.Year = 2026
	}
	s, _, err := generator.Load(fsys, opts)
	if err != nil {
		return nil, err
	}
	theme, err := generator.Theme(fsys, s)
	if err != nil {
		return nil, err
	}
	mem := publish.NewMemory()
	if err := generator.Generate(context.Background(), fsys, theme, s, mem, opts, nil); err != nil {
		return nil, fmt.Errorf("Generate: %w", err)
	}
	return fromMemory(mem), nil
}
