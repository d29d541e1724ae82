package generator

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/corpus"
)

// TestSessionResplicesShiftedLists adds a story at the head of the site's
// lists and deletes it again: the list pages after the first, whose cards
// shift by one, are made by splicing the new cards into their last bytes
// (the story itself is added to and removed from the model in place),
// and every build publishes what a fresh build does. With a theme whose
// list layout reads its stories itself (the first one's title), no page is
// respliced, and the builds are still right.
func TestSessionResplicesShiftedLists(t *testing.T) {
	for _, own := range []bool{false, true} {
		name := "default theme"
		if own {
			name = "list layout reading its stories"
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := corpus.Generate(dir, corpus.Options{N: 90, Seed: 3}); err != nil {
				t.Fatal(err)
			}
			if own {
				// The list shows its first story's title above the list.
				useOwnTheme(t, dir, "list.html", `{{template "story-list" .List}}`, `<p class="first">{{with index .List 0}}{{.Title}}{{end}}</p>{{template "story-list" .List}}`)
			}
			opts := Options{Year: 2026}
			sess := startSession(t, dir, opts)
			count := countPatches(sess)
			var mu sync.Mutex
			respliced := map[string]bool{}
			sess.onResplice = func(path string) {
				mu.Lock()
				respliced[path] = true
				mu.Unlock()
			}
			stories, _ := filepath.Glob(filepath.Join(dir, "content/stories/*.md"))
			var orig []byte
			for _, p := range stories {
				data, _ := os.ReadFile(p)
				if bytes.HasPrefix(data, []byte("---\n")) && bytes.Contains(data, []byte("\ndate: ")) {
					orig = data
					break
				}
			}
			if orig == nil {
				t.Fatal("no YAML story with a date in the corpus")
			}
			// The newest date of all, and no aliases of the original's.
			added := regexp.MustCompile(`\ndate: [^\n]+\n`).ReplaceAll(orig, []byte("\ndate: 2025-12-31\n"))
			added = regexp.MustCompile(`\naliases:[^\n]*(\n  - [^\n]*)*`).ReplaceAll(added, nil)
			added = regexp.MustCompile(`\nslug: [^\n]+\n`).ReplaceAll(added, []byte("\nslug: zz-newest\n"))
			const p = "content/stories/zz-newest.md"
			steps := []struct {
				name  string
				write func() error
			}{
				{"add", func() error { return os.WriteFile(filepath.Join(dir, p), added, 0o644) }},
				{"delete", func() error { return os.Remove(filepath.Join(dir, p)) }},
			}
			for _, step := range steps {
				clear(respliced)
				if err := step.write(); err != nil {
					t.Fatal(err)
				}
				moves := count.moves
				got, err := sess.Build(context.Background(), []string{p})
				if err != nil {
					t.Fatal(err)
				}
				if count.moves != moves+1 {
					t.Errorf("%s: the model was not changed in place (site.Site.Add or Remove)", step.name)
				}
				sameSite(t, step.name, got, fullBuild(t, dir, opts))
				switch {
				case own && len(respliced) > 0:
					t.Errorf("%s: pages respliced though their layout reads their stories: %v", step.name, keys(respliced))
				case !own && !respliced["stories/page/2/index.html"]:
					t.Errorf("%s: stories/page/2/ not respliced (respliced: %v)", step.name, keys(respliced))
				}
			}
		})
	}
}

// useOwnTheme makes the tree dir build with a copy of the default theme,
// named own, whose layout is changed by replacing old with new (once).
func useOwnTheme(t *testing.T, dir, layout, old, new string) {
	t.Helper()
	if err := os.CopyFS(filepath.Join(dir, "themes/own"), os.DirFS("../themes/showcase")); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "themes/own/layouts", layout)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", layout, old)
	}
	if err := os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "hugo.toml")
	data, err = os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("[params.showcase]\n")) {
		data = append(data, "\n[params.showcase]\n"...)
	}
	if err := os.WriteFile(cfg, bytes.Replace(data, []byte("[params.showcase]\n"), []byte("[params.showcase]\n  theme = \"own\"\n"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

func keys(m map[string]bool) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return strings.Join(out, " ")
}
