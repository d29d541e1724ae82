package generator

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/corpus"
	"github.com/ningbo-showcase/showcase/generator/render"
)

// TestTextStream: the Markdown stage hands each story to the text cache's
// stream, which writes the entries in the site's order and drops each
// story's HTML once written; the Text then gives every story's HTML as
// converted (read back from the pending file), and the saved file holds
// every entry (of the stories without a bundle). When the file's writes fail, the HTML not written stays in
// memory, the Text still gives every story's HTML, and the cache is left
// as it was.
func TestTextStream(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, corpus.Options{N: 300, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	s, _, err := Load(os.DirFS(src), Options{Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	want, err := convertText(context.Background(), s, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, fail := range []bool{false, true} {
		dest := filepath.Join(t.TempDir(), "public")
		c := openTextCache(dest, s)
		prev := c.prev(s)
		st := c.stream(s)
		if st == nil {
			t.Fatal("no stream for an empty cache")
		}
		if fail {
			st.f.Close() // every write fails
		}
		text, err := convertTextReleasing(context.Background(), s, prev, nil, func(i int, _ *content.Story, x *render.StoryText) { st.converted(i, x) })
		if err != nil {
			t.Fatal(err)
		}
		c.keep(s, text)
		dropped := 0
		for _, x := range text.Stories {
			if x.HTML == "" {
				dropped++
			}
		}
		switch {
		case fail && dropped > 0:
			t.Errorf("failed writes: %d stories' HTML dropped", dropped)
		case !fail && dropped < len(s.Stories)/2:
			t.Errorf("%d of %d stories' HTML dropped", dropped, len(s.Stories))
		}
		if err := c.spillHTML(text); err != nil {
			t.Fatal(err)
		}
		for story, x := range want.Stories {
			h, err := text.StoryHTML(story)
			if err != nil || h != x.HTML {
				t.Fatalf("fail=%t: %s: %d bytes of HTML (%v), want %d", fail, story.Path, len(h), err, len(x.HTML))
			}
		}
		if err := c.save(); err != nil && !fail {
			t.Fatal(err)
		}
		if _, err := os.Stat(c.pendingFile()); !os.IsNotExist(err) {
			t.Errorf("fail=%t: the pending file is left: %v", fail, err)
		}
		saved := openTextCache(dest, s)
		kept := 0 // stories without a bundle
		for _, x := range s.Stories {
			if x.Bundle == "" {
				kept++
			}
		}
		switch {
		case fail && len(saved.old) > 0:
			t.Errorf("failed writes: the cache holds %d entries", len(saved.old))
		case !fail && len(saved.old) != kept:
			t.Errorf("the saved cache holds %d entries, want %d", len(saved.old), kept)
		}
		for story, x := range want.Stories {
			if k, ok := saved.key(story); ok && !fail && saved.old[k] != x {
				t.Fatalf("%s: the saved entry differs from the conversion", story.Path)
			}
		}
	}
}
