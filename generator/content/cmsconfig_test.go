package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestConfigCMS(t *testing.T) {
	for _, tc := range []struct {
		name, toml string
		want       *CMS
		errs       []string
	}{
		{"absent", "", nil, nil},
		{"gitea", "backend = \"gitea\"\nrepo = \"a/b\"\nbranch = \"main\"\nbase_url = \"https://git.example.org\"\napi_root = \"https://git.example.org/api/v1\"\napp_id = \"id\"\n",
			&CMS{Backend: "gitea", Repo: "a/b", Branch: "main", BaseURL: "https://git.example.org", APIRoot: "https://git.example.org/api/v1", AppID: "id"}, nil},
		{"gitlab pkce", "backend = \"gitlab\"\nrepo = \"a/b\"\nauth_type = \"pkce\"\napp_id = \"id\"\n", &CMS{Backend: "gitlab", Repo: "a/b", AuthType: "pkce", AppID: "id"}, nil},
		{"unknown backend", "backend = \"svn\"\nrepo = \"a/b\"\n", nil, []string{"hugo.toml:3: cms backend \"svn\" must be gitea, gitlab or github"}},
		{"no repo", "backend = \"github\"\n", nil, []string{"missing required key \"repo\""}},
		{"implicit auth", "backend = \"gitlab\"\nrepo = \"a/b\"\nauth_type = \"implicit\"\n", nil, []string{"auth_type \"implicit\" must be pkce"}},
		{"bad url", "backend = \"gitea\"\nrepo = \"a/b\"\nbase_url = \"git.example.org\"\n", nil, []string{"base_url \"git.example.org\" must be an http(s) URL"}},
		{"unknown key", "backend = \"gitea\"\nrepo = \"a/b\"\nbranc = \"main\"\n", nil, []string{"unknown key \"branc\"", "did you mean \"branch\""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "title = \"x\"\n"
			if tc.toml != "" {
				src += "[params.showcase.cms]\n" + tc.toml
			}
			cfg, errs := LoadConfig(fstest.MapFS{"hugo.toml": {Data: []byte(src)}})
			var lines []string
			for _, e := range errs {
				lines = append(lines, e.Error())
			}
			got := strings.Join(lines, "\n")
			for _, e := range tc.errs {
				if !strings.Contains(got, e) {
					t.Errorf("errors %q lack %q", got, e)
				}
			}
			if tc.errs == nil && len(errs) != 0 {
				t.Fatalf("errors: %v", errs)
			}
			if tc.errs == nil && (tc.want == nil) != (cfg.CMS == nil) || tc.want != nil && cfg.CMS != nil && *tc.want != *cfg.CMS {
				t.Errorf("CMS = %+v, want %+v", cfg.CMS, tc.want)
			}
		})
	}
}
