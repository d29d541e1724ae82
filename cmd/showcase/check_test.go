package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckDrafts checks that check validates what build would publish:
// drafts only with --drafts (-D, --buildDrafts), and then with every error
// a build finds, such as a draft's alias that would replace a page.
func TestCheckDrafts(t *testing.T) {
	src := t.TempDir()
	story := func(title, extra string) string {
		return "---\ntitle: " + title + "\nregion: 象山县\nyear: 2016\ncategory: development\n" + extra + "---\n正文。\n"
	}
	for name, data := range map[string]string{
		"content/regions/xiangshan/_index.md":      "---\ntitle: 象山县\n---\n",
		"content/categories/development/_index.md": "---\ntitle: 创新助推发展\n---\n",
		"content/stories/a.md":                     story("已发布", ""),
		"content/stories/b.md":                     story("草稿", "draft: true\naliases: [/stories/a/]\n"),
	} {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"LANG": "C", "LC_ALL": "", "LC_MESSAGES": ""}
	const collision = "content/stories/b.md:7: alias /stories/a/ would replace the page /stories/a/"

	stdout, stderr, err := runCLI(t, env, "check", "-s", src)
	if err != nil {
		t.Fatalf("check without --drafts: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "OK: 1 stories (0 drafts)") {
		t.Errorf("check without --drafts counts the draft:\n%s", stdout)
	}
	for _, flag := range []string{"--drafts", "-D", "--buildDrafts"} {
		_, stderr, err := runCLI(t, env, "check", flag, "-s", src)
		if exitCode(err) != 1 || err == nil {
			t.Errorf("check %s: err = %v, want exit status 1", flag, err)
		}
		if !strings.Contains(stderr, collision) {
			t.Errorf("check %s does not report the draft's alias:\n%s", flag, stderr)
		}
	}
	// build --drafts refuses the same tree for the same reason.
	_, stderr, err = runCLI(t, env, "build", "--drafts", "-s", src, "-d", filepath.Join(t.TempDir(), "public"))
	if err == nil || !strings.Contains(stderr, collision) {
		t.Errorf("build --drafts: err = %v\n%s", err, stderr)
	}

	// Without the collision, --drafts counts the draft.
	if err := os.WriteFile(filepath.Join(src, "content/stories/b.md"), []byte(story("草稿", "draft: true\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err = runCLI(t, env, "check", "--drafts", "-s", src)
	if err != nil {
		t.Fatalf("check --drafts: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "OK: 2 stories (1 drafts)") {
		t.Errorf("check --drafts:\n%s", stdout)
	}
}
