package generator

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenDataWritten checks that a build publishes the open data with the
// stories it published, the summaries its pages show, and a CSV Excel
// reads as UTF-8.
func TestOpenDataWritten(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	rep, err := build(t, "testdata/site", dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dest, "data", "stories.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Count   int
		Stories []struct{ URL, Summary string }
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if f.Count != rep.Pages["story"] || len(f.Stories) != f.Count {
		t.Fatalf("stories.json lists %d (count %d), the build published %d", len(f.Stories), f.Count, rep.Pages["story"])
	}
	for _, st := range f.Stories {
		if !strings.HasPrefix(st.URL, "https://example.org/showcase/stories/") || st.Summary == "" {
			t.Errorf("story %+v: want an absolute URL and the summary the page shows", st)
		}
	}
	csv, err := os.ReadFile(filepath.Join(dest, "data", "metrics.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(csv, []byte("\ufeffurl,title,region,")) {
		t.Errorf("metrics.csv starts %q", csv[:min(len(csv), 40)])
	}
	if _, err := os.Stat(filepath.Join(dest, "data", "regions.json")); err != nil {
		t.Error(err)
	}
	page, err := os.ReadFile(filepath.Join(dest, "data", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte(`href="/showcase/data/metrics.csv"`)) {
		t.Errorf("data page does not link the files")
	}
}
