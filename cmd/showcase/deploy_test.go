package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/internal/testenv"
)

// TestDeployBadInput checks the deploy command's messages for bad input,
// in English and in Chinese, before it reaches any server.
func TestDeployBadInput(t *testing.T) {
	src := t.TempDir()
	cfg := `[[deployment.targets]]
name = "oss"
URL = "s3://site?endpoint=https://s3.oss-cn-hangzhou.aliyuncs.com&region=cn-hangzhou"
[[deployment.targets]]
name = "cos"
URL = "s3://site?endpoint=https://cos.ap-shanghai.myqcloud.com&regoin=ap-shanghai"
`
	if err := os.WriteFile(filepath.Join(src, "hugo.toml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang string
		args []string
		want string
	}{
		{"C", []string{"--target", "prod"}, `malformed target URL`},
		{"zh_CN.UTF-8", []string{"--target", "prod"}, `hugo.toml:6: 目标 URL`},
		{"C", []string{"--workers", "0"}, "--workers must be between 1 and 1000"},
	}
	for _, tt := range tests {
		_, stderr, err := runCLI(t, map[string]string{"LANG": tt.lang, "LC_ALL": ""}, append([]string{"deploy", "-s", src}, tt.args...)...)
		if err == nil || !strings.Contains(stderr+err.Error(), tt.want) {
			t.Errorf("%s %v: %v\n%s\nwant %q", tt.lang, tt.args, err, stderr, tt.want)
		}
	}
	// With the bad target fixed, an unknown name is reported with the
	// known ones, and a missing site directory says to build first.
	cfg = strings.Replace(cfg, "regoin", "region", 1)
	os.WriteFile(filepath.Join(src, "hugo.toml"), []byte(cfg), 0o644)
	for _, tt := range []struct {
		lang string
		args []string
		want string
	}{
		{"C", []string{"--target", "prod"}, `Error: deployment target "prod" not found; known targets: "oss", "cos"`},
		{"zh_CN.UTF-8", []string{"--target", "prod"}, `错误：找不到部署目标 "prod"；已配置的目标："oss"、"cos"`},
		{"C", nil, "site directory " + filepath.Join(src, "public") + " not found: run showcase build first"},
		{"zh_CN.UTF-8", nil, "请先运行 showcase build"},
	} {
		_, stderr, err := runCLI(t, map[string]string{"LANG": tt.lang, "LC_ALL": ""}, append([]string{"deploy", "-s", src}, tt.args...)...)
		if err == nil || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s %v: %v\n%s\nwant %q", tt.lang, tt.args, err, stderr, tt.want)
		}
	}
}

// TestDeployRealShowcase builds the repository's showcase and deploys it
// with the command to a real S3 server on loopback: a first deploy, a
// deploy with nothing changed, a dry run and --confirm after an edit and a
// deletion, answered no and then yes (in Chinese).
func TestDeployRealShowcase(t *testing.T) {
	g := testenv.StartS3Gateway(t, false)
	g.Bucket(t, "site")
	testenv.UseS3Credentials(t, testenv.S3Access, testenv.S3Secret)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dest := filepath.Join(t.TempDir(), "public")
	if _, stderr, err := runCLI(t, nil, "build", "-q", "-s", "../..", "-d", dest); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	cfg, err := os.ReadFile("../../hugo.toml")
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	cfg = append(cfg, "\n[[deployment.targets]]\nname = \"local\"\nURL = \""+g.URL("site")+"\"\n"...)
	os.WriteFile(filepath.Join(src, "hugo.toml"), cfg, 0o644)
	// Every file but the marker and the static hosts' files is uploaded.
	n := 0
	filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if name := d.Name(); d.Type().IsRegular() && name != ".showcase-build" && name != "_headers" && name != "_redirects" {
			n++
		}
		return err
	})
	deploy := func(lang, answer string, args ...string) string {
		t.Helper()
		t.Setenv("LANG", lang)
		t.Setenv("LC_ALL", "")
		var out, errs bytes.Buffer
		if err := cmdDeploy(context.Background(), append([]string{"-s", src, "-d", dest}, args...), strings.NewReader(answer), &out, &errs); err != nil {
			t.Fatalf("deploy %v: %v\n%s%s", args, err, out.String(), errs.String())
		}
		return out.String()
	}
	if out := deploy("C", ""); !strings.Contains(out, fmt.Sprintf("Uploaded %d files (", n)) || !strings.Contains(out, "deleted 0 objects, 0 unchanged") {
		t.Errorf("first deploy of %d files:\n%s", n, out)
	}
	if out := deploy("C", ""); !strings.Contains(out, fmt.Sprintf("Uploaded 0 files (0 B), deleted 0 objects, %d unchanged", n)) {
		t.Errorf("second deploy:\n%s", out)
	}
	page, _ := os.ReadFile(filepath.Join(dest, "about/index.html"))
	os.WriteFile(filepath.Join(dest, "about/index.html"), append(page, "<!-- edited -->"...), 0o644)
	os.Remove(filepath.Join(dest, "robots.txt"))
	want := "upload about/index.html (changed)\ndelete robots.txt\n" + fmt.Sprintf("1 to upload, 1 to delete, %d unchanged.\n", n-2)
	if out := deploy("C", "", "--dryRun"); !strings.Contains(out, want+"Dry run: nothing was changed.") {
		t.Errorf("dry run:\n%s\nwant\n%s", out, want)
	}
	if out := deploy("C", "n\n", "--confirm"); !strings.Contains(out, want+"Continue? [y/N] Cancelled: nothing was changed.") {
		t.Errorf("--confirm answered no:\n%s", out)
	}
	if out := deploy("zh_CN.UTF-8", "y\n", "--confirm"); !strings.Contains(out, "上传 about/index.html (已改)\n删除 robots.txt\n") ||
		!strings.Contains(out, fmt.Sprintf("上传 1 个文件（%s），删除 1 个对象，%d 个未变", size(int64(len(page)+len("<!-- edited -->"))), n-2)) {
		t.Errorf("--confirm answered yes:\n%s", out)
	}
	if out := deploy("C", ""); !strings.Contains(out, fmt.Sprintf("Uploaded 0 files (0 B), deleted 0 objects, %d unchanged", n-1)) {
		t.Errorf("deploy after the confirmed one:\n%s", out)
	}
	// Over --maxDeletes: nothing is deleted, and stderr says so.
	os.Remove(filepath.Join(dest, "404.html"))
	os.Remove(filepath.Join(dest, "about/index.html"))
	t.Setenv("LANG", "C")
	var out, errs bytes.Buffer
	if err := cmdDeploy(context.Background(), []string{"-s", src, "-d", dest, "--maxDeletes", "1"}, strings.NewReader(""), &out, &errs); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errs.String(), "Warning: 2 objects no longer exist locally, more than --maxDeletes 1: none was deleted. Check the target, then run again with --maxDeletes 2 (or -1).") ||
		!strings.Contains(out.String(), "deleted 0 objects") {
		t.Errorf("over --maxDeletes:\n%s%s", out.String(), errs.String())
	}
}
