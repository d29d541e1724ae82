package generator

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/corpus"
)

var dossierStoryRE = regexp.MustCompile(`<section class="dossier-story"`)

// TestDossierParts builds a 250-story site and checks the dossiers: the
// city's in three parts of at most 100 stories, every story in exactly one
// part, the first part listing the parts, every region's dossier holding
// all its stories.
func TestDossierParts(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, corpus.Options{N: 250, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	rep, err := Build(context.Background(), Options{Source: src, Dest: dest, Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	read := func(p string) string {
		data, err := os.ReadFile(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	n := rep.Pages["story"]
	if n <= 200 || n > 300 {
		t.Fatalf("%d stories published: want 201–300 for three parts", n)
	}
	total := 0
	for n, want := range map[string]int{"print/index.html": 100, "print/2/index.html": 100, "print/3/index.html": n - 200} {
		page := read(n)
		if got := len(dossierStoryRE.FindAllString(page, -1)); got != want {
			t.Errorf("%s holds %d stories, want %d", n, got, want)
		}
		total += want
	}
	if _, err := os.Stat(filepath.Join(dest, "print/4/index.html")); err == nil {
		t.Error("a fourth part exists")
	}
	first := read("print/index.html")
	for _, part := range []string{`print/2/">第 2 部分：第 101–200 个项目`, fmt.Sprintf(`print/3/">第 3 部分：第 201–%d 个项目`, n)} {
		if !strings.Contains(first, part) {
			t.Errorf("first part does not list %q", part)
		}
	}
	if strings.Contains(read("print/2/index.html"), "本汇编各部分") {
		t.Error("a later part lists the parts")
	}
	// Each part says which stories it holds; only the first how many
	// the dossier holds and in how many parts, so that an added story
	// changes the parts from its own on, even when it adds a part.
	for page, want := range map[string]string{
		"print/index.html":   fmt.Sprintf("全市 · 共 %d 个项目 · 第 1 部分，共 3 部分（本部分为第 1–100 个）", n),
		"print/2/index.html": "全市 · 第 2 部分（本部分为第 101–200 个）",
		"print/3/index.html": fmt.Sprintf("全市 · 第 3 部分（本部分为第 201–%d 个）", n),
	} {
		if !strings.Contains(read(page), `<p class="dossier-scope">`+want+`</p>`) {
			t.Errorf("%s does not say %q", page, want)
		}
	}
	if d := read("print/3/index.html"); !strings.Contains(d, fmt.Sprintf(`content="全市创新项目的可打印汇编，第3部分：第201–%d个项目。"`, n)) {
		t.Error("the third part's description does not name its stories")
	}
	regions, _ := filepath.Glob(filepath.Join(dest, "regions", "*", "print", "index.html"))
	sum := 0
	for _, p := range regions {
		data, _ := os.ReadFile(p)
		sum += len(dossierStoryRE.FindAll(data, -1))
		more, _ := filepath.Glob(filepath.Join(filepath.Dir(p), "[0-9]*", "index.html"))
		for _, m := range more {
			d, _ := os.ReadFile(m)
			sum += len(dossierStoryRE.FindAll(d, -1))
		}
		list, _ := os.ReadFile(filepath.Join(filepath.Dir(filepath.Dir(p)), "index.html"))
		if !strings.Contains(string(list), `print/">打印 / 导出PDF</a>`) {
			t.Errorf("%s: the region page does not link its dossier", p)
		}
	}
	if sum != rep.Pages["story"] || total != rep.Pages["story"] {
		t.Errorf("region dossiers hold %d stories, city's %d, the site has %d", sum, total, rep.Pages["story"])
	}
}

// TestDossierEscapes checks that a title with markup and names with
// commas, quotes and line breaks come out escaped in the dossiers.
func TestDossierEscapes(t *testing.T) {
	dir := copyTree(t, "testdata/site")
	story := "---\ntitle: \"<script>alert(1)</script> & \\\"引号\\\", 逗号\"\nregion: 象山县\nyear: 2016\ncategory: development\nmetrics:\n  - {name: \"名称, \\\"带引号\\\"\\n换行\", value: 35, unit: 家}\nunits: [\"<b>单位</b>\"]\n---\n正文 <em>原样</em>。\n"
	if err := os.WriteFile(filepath.Join(dir, "content/stories/bad-names.md"), []byte(story), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, dir, dest, nil); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"print/index.html", "regions/xiangshan/print/index.html"} {
		data, err := os.ReadFile(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		page := string(data)
		for _, bad := range []string{"<script>alert", "<b>单位", "<em>原样"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s: %q is not escaped", p, bad)
			}
		}
		// As the minifier writes them: < escaped, quotes and & plain in text.
		for _, good := range []string{`&lt;script>alert(1)&lt;/script> & "引号", 逗号`, `名称, "带引号"`, "&lt;b>单位&lt;/b>"} {
			if !strings.Contains(page, good) {
				t.Errorf("%s: %q missing", p, good)
			}
		}
	}
}
