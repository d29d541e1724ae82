package generator

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/corpus"
	"github.com/ningbo-showcase/showcase/generator/render"
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

// TestTextCacheSpillHTML: keep drops the HTML of the stories whose
// entries it wrote to the pending file, and after spillHTML the Text reads
// it back unchanged (render.Text.StoryHTML), or fails if the file changed
// meanwhile.
func TestTextCacheSpillHTML(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, corpus.Options{N: 30, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	s, _, err := Load(os.DirFS(src), Options{Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	convert := func() (*render.Text, map[*content.Story]render.StoryText) {
		text, err := convertText(context.Background(), s, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		return text, maps.Clone(text.Stories)
	}
	dest := filepath.Join(t.TempDir(), "public")
	text, want := convert()
	c := openTextCache(dest, s)
	c.keep(s, text)
	dropped := 0
	for st, x := range text.Stories {
		if x.HTML == "" && want[st].HTML != "" {
			dropped++
		}
	}
	if dropped < len(s.Stories)/2 {
		t.Errorf("keep dropped the HTML of %d of %d stories", dropped, len(s.Stories))
	}
	if err := c.spillHTML(text); err != nil {
		t.Fatal(err)
	}
	for st, x := range want {
		h, err := text.StoryHTML(st)
		if err != nil || h != x.HTML {
			t.Errorf("%s: read back %d bytes of HTML (%v), want %d", st.Path, len(h), err, len(x.HTML))
		}
		if got := text.Stories[st]; got.Summary != x.Summary || got.Plain != x.Plain {
			t.Errorf("%s: keep changed the summary or the plain text", st.Path)
		}
	}
	c.discard()

	text, _ = convert()
	c = openTextCache(dest, s)
	c.keep(s, text)
	data, err := os.ReadFile(c.pendingFile())
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte("<p>"))
	data[i+1] = 'q'
	if err := os.WriteFile(c.pendingFile(), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := c.spillHTML(text); err != nil {
		t.Fatal(err)
	}
	failed := 0
	for st := range text.Stories {
		if _, err := text.StoryHTML(st); err != nil {
			failed++
		}
	}
	if failed != 1 {
		t.Errorf("%d stories' HTML failed to read back from a file with one changed byte, want 1", failed)
	}
	c.discard()
}
