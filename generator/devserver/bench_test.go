package devserver

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/generator"
)

// BenchmarkRebuild measures what an editor waits for after the debounced
// file event: rebuilding after one story changed until the new page is
// served. It uses FullBuilder on the fixture site; an incremental
// Builder goes in its place.
func BenchmarkRebuild(b *testing.B) {
	dir := fixture(b)
	s := New(&FullBuilder{Options: generator.Options{Source: dir, BaseURL: "http://127.0.0.1/", Drafts: true}}, Options{Source: dir})
	ctx := context.Background()
	if err := s.Rebuild(ctx, nil); err != nil {
		b.Fatal(err)
	}
	name := filepath.Join(dir, "content/stories/forum.md")
	changed := []string{"content/stories/forum.md"}
	i := 0
	for b.Loop() {
		i++
		title := fmt.Sprintf("共识论坛%d", i)
		b.StopTimer()
		if err := os.WriteFile(name, []byte(strings.Replace(forum, "共识论坛", title, 1)), 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := s.Rebuild(ctx, changed); err != nil {
			b.Fatal(err)
		}
		if page, _ := s.Site().Get("stories/forum/index.html"); !strings.Contains(string(page), title) {
			b.Fatal("edit not served")
		}
	}
}
