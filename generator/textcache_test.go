package generator

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/corpus"
)

// TestTextCacheFailedBuild: a build writes what the text cache will hold
// before it renders, so that it need not keep the stories' text for it;
// a build that then fails leaves the cache's file as it was and nothing
// pending beside it, and the next build still equals a fresh one.
func TestTextCacheFailedBuild(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, corpus.Options{N: 20, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, src, dest, nil); err != nil {
		t.Fatal(err)
	}
	cacheFile := filepath.Join(filepath.Dir(dest), ".public.text")
	before, err := os.ReadFile(cacheFile)
	if err != nil {
		t.Fatal(err)
	}
	// A new story (a new cache entry) whose alias would replace the feed:
	// the build fails once the pages are listed, after the Markdown stage.
	bad := filepath.Join(src, "content/stories/alias-clash.md")
	story := "---\ntitle: 别名冲突\nregion: 海曙区\nyear: 2016\ncategory: 创新助力维稳\naliases: [/feed.xml]\n---\n\n一段新的正文。\n"
	if err := os.WriteFile(bad, []byte(story), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = build(t, src, dest, nil)
	var ce *ContentError
	if !errors.As(err, &ce) {
		t.Fatalf("build with an alias over feed.xml: %v, want a content error", err)
	}
	after, err := os.ReadFile(cacheFile)
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("a failed build changed the text cache (%v)", err)
	}
	if _, err := os.Stat(cacheFile + ".tmp"); !os.IsNotExist(err) {
		t.Errorf("a failed build left its pending text cache: %v", err)
	}
	// Without the clash, the build appends the story's entry and equals a
	// fresh build.
	if err := os.WriteFile(bad, bytes.Replace([]byte(story), []byte("aliases: [/feed.xml]\n"), nil, 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := build(t, src, dest, nil); err != nil {
		t.Fatal(err)
	}
	after, err = os.ReadFile(cacheFile)
	if err != nil || len(after) <= len(before) || !bytes.Equal(after[:len(before)], before) {
		t.Errorf("the text cache did not get the new story's entry appended (%d -> %d bytes, %v)", len(before), len(after), err)
	}
	if _, err := os.Stat(cacheFile + ".tmp"); !os.IsNotExist(err) {
		t.Errorf("a build left its pending text cache: %v", err)
	}
	fresh := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, src, fresh, nil); err != nil {
		t.Fatal(err)
	}
	if treeHash(t, dest) != treeHash(t, fresh) {
		t.Error("the rebuilt destination differs from a fresh build")
	}
}
