package statichost

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// workflow is the part of a GitHub Actions workflow the test reads.
type workflow struct {
	Name        string            `yaml:"name"`
	On          map[string]any    `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Concurrency struct {
		Group            string `yaml:"group"`
		CancelInProgress bool   `yaml:"cancel-in-progress"`
	} `yaml:"concurrency"`
	Jobs map[string]struct {
		RunsOn      string `yaml:"runs-on"`
		Needs       any    `yaml:"needs"`
		Environment struct {
			Name string `yaml:"name"`
			URL  string `yaml:"url"`
		} `yaml:"environment"`
		Steps []struct {
			ID   string            `yaml:"id"`
			Name string            `yaml:"name"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// TestPagesWorkflow parses .github/workflows/pages.yml and checks that it
// is GitHub's documented Pages workflow for this project: Go of go.mod's
// version, a --compress build for the Pages URL, public/ uploaded and
// deployed with the permissions deploy-pages needs.
func TestPagesWorkflow(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, ".github", "workflows", "pages.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&w); err != nil {
		// KnownFields also rejects keys this struct does not model;
		// decode again leniently to tell a syntax error from those.
		var loose map[string]any
		if err2 := yaml.Unmarshal(data, &loose); err2 != nil {
			t.Fatalf("pages.yml is not valid YAML: %v", err2)
		}
		t.Fatalf("pages.yml: %v", err)
	}
	if w.Name == "" || w.On["push"] == nil {
		t.Errorf("name %q, on %v: want a named workflow run on push", w.Name, w.On)
	}
	for k, v := range map[string]string{"contents": "read", "pages": "write", "id-token": "write"} {
		if w.Permissions[k] != v {
			t.Errorf("permissions.%s = %q, want %q", k, w.Permissions[k], v)
		}
	}

	gomod, err := os.ReadFile(filepath.Join(repoRoot, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(gomod)
	if m == nil {
		t.Fatal("go.mod has no go directive")
	}
	goVersion := string(m[1])

	build, ok := w.Jobs["build"]
	if !ok {
		t.Fatal("no build job")
	}
	uses := map[string]int{} // action name → step index
	for i, s := range build.Steps {
		if name, _, ok := strings.Cut(s.Uses, "@"); ok {
			uses[name] = i
		}
	}
	order := []string{"actions/checkout", "actions/setup-go", "actions/configure-pages", "actions/upload-pages-artifact"}
	for i, a := range order {
		if _, ok := uses[a]; !ok {
			t.Errorf("build job does not use %s", a)
		} else if i > 0 && uses[a] < uses[order[i-1]] {
			t.Errorf("build job uses %s before %s", a, order[i-1])
		}
	}
	if s := build.Steps[uses["actions/setup-go"]]; s.With["go-version"] != goVersion {
		t.Errorf("setup-go go-version %q, want go.mod's %q", s.With["go-version"], goVersion)
	}
	if s := build.Steps[uses["actions/configure-pages"]]; s.ID != "pages" {
		t.Errorf("configure-pages step id %q, want pages (the build reads steps.pages.outputs.base_url)", s.ID)
	}
	if s := build.Steps[uses["actions/upload-pages-artifact"]]; strings.TrimSuffix(s.With["path"], "/") != "public" {
		t.Errorf("upload-pages-artifact path %q, want public/", s.With["path"])
	}
	var run string
	for i, s := range build.Steps {
		if strings.Contains(s.Run, "go run ./cmd/showcase build") {
			run = s.Run
			if i < uses["actions/configure-pages"] || i > uses["actions/upload-pages-artifact"] {
				t.Errorf("the build step is not between configure-pages and upload-pages-artifact")
			}
		}
	}
	for _, want := range []string{"go run ./cmd/showcase build", "--compress", `--baseURL "${{ steps.pages.outputs.base_url }}/"`} {
		if !strings.Contains(run, want) {
			t.Errorf("build step %q lacks %s", run, want)
		}
	}

	deploy, ok := w.Jobs["deploy"]
	if !ok {
		t.Fatal("no deploy job")
	}
	if deploy.Needs != "build" {
		t.Errorf("deploy needs %v, want build", deploy.Needs)
	}
	if deploy.Environment.Name != "github-pages" || !strings.Contains(deploy.Environment.URL, "steps.deployment.outputs.page_url") {
		t.Errorf("deploy environment %+v, want github-pages with the deployment's page_url", deploy.Environment)
	}
	if len(deploy.Steps) != 1 || !strings.HasPrefix(deploy.Steps[0].Uses, "actions/deploy-pages@") || deploy.Steps[0].ID != "deployment" {
		t.Errorf("deploy steps %+v, want one actions/deploy-pages step with id deployment", deploy.Steps)
	}
}
