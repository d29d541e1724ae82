package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
