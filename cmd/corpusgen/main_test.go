package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	for _, tc := range []struct {
		name    string
		args    []string
		wantErr string // "" for success
		wantOut string
	}{
		{"generate", []string{"-n", "12", "-seed", "3", "-o", dir}, "", "12 stories (seed 3)"},
		{"refuse existing", []string{"-n", "12", "-o", dir}, "already exists", ""},
		{"force", []string{"-n", "5", "-seed", "3", "-demo", "-f", "-o", dir}, "", "5 stories"},
		{"no output", []string{"-n", "5"}, "-o DIR is required", ""},
		{"extra argument", []string{"-o", dir, "extra"}, "unexpected argument", ""},
		{"bad flag", []string{"-x"}, "flag provided but not defined", ""},
		{"negative n", []string{"-n", "-1", "-o", filepath.Join(t.TempDir(), "x")}, "want 0 to", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(tc.args, &stdout, &stderr)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("run: %v\n%s", err, stderr.String())
				}
				if !strings.Contains(stdout.String(), tc.wantOut) {
					t.Errorf("stdout %q, want %q", stdout.String(), tc.wantOut)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("run: %v, want an error with %q", err, tc.wantErr)
			}
		})
	}

	// -f replaced the 12-story corpus: 5 stories remain, and it is a demo.
	stories, err := os.ReadDir(filepath.Join(dir, "content", "stories"))
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) != 5 {
		t.Errorf("%d stories after -f, want 5", len(stories))
	}
	cfg, err := os.ReadFile(filepath.Join(dir, "hugo.toml"))
	if err != nil || !bytes.Contains(cfg, []byte("demo = true")) {
		t.Errorf("hugo.toml after -demo: %v\n%s", err, cfg)
	}
}
