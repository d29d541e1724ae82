package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	for k, v := range env {
		t.Setenv(k, v)
	}
	var o, e bytes.Buffer
	err = run(context.Background(), args, &o, &e)
	return o.String(), e.String(), err
}

// TestRealShowcase checks the repository's own content: check --strict
// passes, and every figure of the report is on its story's page, each story
// listed on its region's page.
func TestRealShowcase(t *testing.T) {
	root := "../.."
	if _, _, err := runCLI(t, map[string]string{"LANG": "C"}, "check", "--strict", "-s", root); err != nil {
		t.Fatalf("check --strict: %v", err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, stderr, err := runCLI(t, nil, "build", "-q", "-s", root, "-d", dest); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	f, err := os.Open("testdata/report-facts.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	stories, figures := map[string]bool{}, 0
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 3 {
			continue
		}
		slug, region, figure := cols[0], cols[1], cols[2]
		page, err := os.ReadFile(filepath.Join(dest, "stories", slug, "index.html"))
		if err != nil {
			t.Errorf("story %s: %v", slug, err)
			continue
		}
		if figure != "-" {
			figures++
			if !bytes.Contains(page, []byte("<td>"+figure+"</td>")) {
				t.Errorf("story %s lacks figure %s in its metrics table", slug, figure)
			}
		}
		if !stories[slug] {
			stories[slug] = true
			regionPages, _ := filepath.Glob(filepath.Join(dest, "regions", region, "index.html"))
			more, _ := filepath.Glob(filepath.Join(dest, "regions", region, "page", "*", "index.html"))
			found := false
			for _, p := range append(regionPages, more...) {
				b, _ := os.ReadFile(p)
				found = found || bytes.Contains(b, []byte(`href="/stories/`+slug+`/"`))
			}
			if !found {
				t.Errorf("story %s is not listed on /regions/%s/", slug, region)
			}
		}
	}
	if len(stories) < 18 || figures < 30 {
		t.Errorf("report facts: %d stories, %d figures; want ≥ 18 and ≥ 30", len(stories), figures)
	}
}

func TestCheckReportsErrorsInChinese(t *testing.T) {
	src := t.TempDir()
	os.MkdirAll(filepath.Join(src, "content/stories"), 0o755)
	os.WriteFile(filepath.Join(src, "content/stories/a.md"), []byte("---\ntitle: t\nregion: 象山\nyear: 2016\ncategory: x\n---\n"), 0o644)
	_, stderr, err := runCLI(t, map[string]string{"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}, "check", "-s", src)
	if err == nil || exitCode(err) != 1 {
		t.Fatalf("err = %v", err)
	}
	for _, want := range []string{"content/stories/a.md:3: 未知的区域 \"象山\"", "content/stories/a.md:5: 未知的类别 \"x\"", "错误：内容中有 2 处错误"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	_, stderr, _ = runCLI(t, map[string]string{"LANG": "en_US.UTF-8"}, "check", "-s", src)
	if !strings.Contains(stderr, `content/stories/a.md:3: unknown region "象山"`) {
		t.Errorf("English stderr:\n%s", stderr)
	}
}

func TestNewStoryPassesCheck(t *testing.T) {
	src := t.TempDir()
	for name, data := range map[string]string{
		"content/regions/xiangshan/_index.md":      "---\ntitle: 象山县\n---\n",
		"content/categories/development/_index.md": "---\ntitle: 创新助推发展\n---\n",
	} {
		os.MkdirAll(filepath.Join(src, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(src, name), []byte(data), 0o644)
	}
	if _, stderr, err := runCLI(t, map[string]string{"LANG": "C"}, "new", "story", "my-story", "-s", src, "--region", "象山县", "--category", "development", "--title", "新项目", "--year", "2016"); err != nil {
		t.Fatalf("new: %v %s", err, stderr)
	}
	if _, stderr, err := runCLI(t, nil, "check", "--strict", "-s", src); err != nil {
		t.Fatalf("check after new: %v\n%s", err, stderr)
	}
	if _, _, err := runCLI(t, nil, "new", "story", "my-story", "-s", src, "--region", "象山县", "--category", "development"); err == nil {
		t.Error("new overwrote an existing story")
	}
	if _, _, err := runCLI(t, nil, "new", "story", "Bad_Slug", "-s", src, "--region", "象山县", "--category", "development"); exitCode(err) != 2 {
		t.Errorf("bad slug: %v", err)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate"}, {"build", "--nope"}, {"check", "extra"}} {
		if _, _, err := runCLI(t, nil, args...); exitCode(err) != 2 {
			t.Errorf("%q: err = %v, want a usage error", args, err)
		}
	}
}
