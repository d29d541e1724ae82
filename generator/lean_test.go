package generator

import (
	"bytes"
	"os"
	"path/filepath"
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
