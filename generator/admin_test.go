package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A published site has /admin/ only when hugo.toml names a git backend,
// and its config.yml is for that backend, with no local backend.
func TestBuildAdmin(t *testing.T) {
	const cmsTable = "\n[params.showcase.cms]\n  backend = \"gitea\"\n  repo = \"tongzhan/showcase\"\n  branch = \"main\"\n  base_url = \"https://git.example.org\"\n  api_root = \"https://git.example.org/api/v1\"\n  app_id = \"abc-123\"\n"
	for _, tc := range []struct {
		name  string
		extra string
		admin bool
	}{
		{"without", "", false},
		{"gitea", cmsTable, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := t.TempDir()
			files := map[string]string{
				"hugo.toml":                           "baseURL = \"https://example.org/\"\ntitle = \"测试\"\n" + tc.extra,
				"content/_index.md":                   "---\ntitle: 首页\n---\n",
				"content/regions/xiangshan/_index.md": "---\ntitle: 象山县\n---\n",
				"content/categories/dev/_index.md":    "---\ntitle: 创新助推发展\n---\n",
				"content/stories/a.md":                "---\ntitle: 项目\nregion: 象山县\nyear: 2016\ncategory: dev\n---\n正文。\n",
			}
			for name, data := range files {
				p := filepath.Join(src, name)
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			dst := t.TempDir()
			if _, err := Build(context.Background(), Options{Source: src, Dest: dst, Strict: true}); err != nil {
				t.Fatal(err)
			}
			cfg, err := os.ReadFile(filepath.Join(dst, "admin", "config.yml"))
			if !tc.admin {
				if _, err := os.Stat(filepath.Join(dst, "admin")); !os.IsNotExist(err) {
					t.Errorf("admin/ published without a git backend: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"name: gitea", "repo: tongzhan/showcase", "base_url: https://git.example.org", "api_root: https://git.example.org/api/v1", "app_id: abc-123", "value: 象山县", "site_url: https://example.org/"} {
				if !strings.Contains(string(cfg), want) {
					t.Errorf("config.yml lacks %q:\n%s", want, cfg)
				}
			}
			if strings.Contains(string(cfg), "local_backend") || strings.Contains(string(cfg), "proxy") {
				t.Errorf("config.yml of a published site has a local backend:\n%s", cfg)
			}
			for _, name := range []string{"index.html", "decap-cms.js", "LICENSE", "SHA256SUMS"} {
				if _, err := os.Stat(filepath.Join(dst, "admin", name)); err != nil {
					t.Error(err)
				}
			}
		})
	}
}
