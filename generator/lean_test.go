package generator

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildStoryMarkdown: a build drops each story's Markdown once
// converted (lean.go); a theme whose story page shows the Markdown
// (StoryView.Body) still gets it, read again from the source (a file
// changed since the load is refused: content.TestReleaseBody).
func TestBuildStoryMarkdown(t *testing.T) {
	dir := copyTree(t, "testdata/site")
	useOwnTheme(t, dir, "story.html", `{{- with .Story}}`, `{{- with .Story}}<pre class="md">{{printf "%s" .Body}}</pre>`)
	md := "---\ntitle: 原文展示\nregion: 江东区\nyear: 2015\ncategory: stability\n---\n\n正文**加粗**一段。\n"
	if err := os.WriteFile(filepath.Join(dir, "content/stories/markdown-shown.md"), []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, dir, dest, nil); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dest, "stories/markdown-shown/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte("正文**加粗**一段。")) || !bytes.Contains(page, []byte("<strong>加粗</strong>")) {
		t.Errorf("the story page lacks its Markdown or its HTML:\n%s", page)
	}
}

// TestCardShownUnspliced: a build keeps of a card its pages splice only
// the minified fragment (render/lean.go); a theme that also shows cards
// in a page that is not spliced (here, a story page's related stories)
// gets them rendered again, as the dev server shows them from the cards
// it keeps.
func TestCardShownUnspliced(t *testing.T) {
	dir := copyTree(t, "testdata/site")
	useOwnTheme(t, dir, "story.html", `{{- with .Related}}`, `{{- with .Related}}<ol class="also">{{range .}}{{card .}}{{end}}</ol>{{end}}{{- with .Related}}`)
	opts := Options{Year: 2026}
	sess := startSession(t, dir, opts)
	got, err := sess.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := fullBuild(t, dir, opts)
	sameSite(t, "cards on story pages", got, want)
	shown := 0
	for _, p := range want.Paths() {
		data, _ := want.Get(p)
		if strings.HasPrefix(p, "stories/") && bytes.Contains(data, []byte(`<ol class="also"><li`)) {
			shown++
		}
	}
	if shown == 0 {
		t.Error("no story page shows its related stories' cards")
	}
}
