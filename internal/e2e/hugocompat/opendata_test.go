package hugocompat

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// TestOpenDataMatchesHugo builds the repository's site with both builders
// and compares the open data Hugo writes through its custom output formats
// (hugo.toml [outputFormats], layouts/index.{stories.json,metrics.csv})
// with the generator's: the same rows of metrics.csv byte for byte (Hugo
// lists stories in its own order), and in stories.json the same stories
// with the same fields. regions.json is the generator's alone (docs/data.md).
func TestOpenDataMatchesHugo(t *testing.T) {
	src := filepath.Join("..", "..", "..")
	requireHugo(t)
	hugo, ours := buildHugo(t, src), buildShowcase(t, src)
	read := func(dir, name string) []byte {
		data, err := os.ReadFile(filepath.Join(dir, "data", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	rows := func(data []byte) [][]byte {
		if !bytes.HasPrefix(data, []byte("\ufeffurl,")) {
			t.Fatalf("metrics.csv starts %q", data[:min(len(data), 20)])
		}
		r := bytes.SplitAfter(data, []byte("\r\n"))
		slices.SortFunc(r[1:], bytes.Compare)
		return r
	}
	if h, o := rows(read(hugo, "metrics.csv")), rows(read(ours, "metrics.csv")); !reflect.DeepEqual(h, o) {
		t.Errorf("metrics.csv rows differ:\nhugo %q\nours %q", bytes.Join(h, nil), bytes.Join(o, nil))
	}
	type story struct {
		URL, Slug, Title, Town, Date, Summary string
		Year                                  int
		Region, Category                      struct{ Slug, Name string }
		Tags, Units                           []string
		Metrics                               []struct {
			Name, Unit, Qualifier, Display string
			Value                          json.Number
		}
	}
	stories := func(data []byte) map[string]story {
		var f struct {
			License string
			Count   int
			Stories []story
		}
		if err := json.Unmarshal(data, &f); err != nil {
			t.Fatal(err)
		}
		if f.License == "" || f.Count != len(f.Stories) {
			t.Errorf("license %q, count %d of %d", f.License, f.Count, len(f.Stories))
		}
		m := map[string]story{}
		for _, s := range f.Stories {
			m[s.Slug] = s
		}
		return m
	}
	h, o := stories(read(hugo, "stories.json")), stories(read(ours, "stories.json"))
	if len(h) != len(o) || len(o) == 0 {
		t.Fatalf("hugo lists %d stories, the generator %d", len(h), len(o))
	}
	for slug, s := range o {
		if !reflect.DeepEqual(h[slug], s) {
			t.Errorf("%s differs:\nhugo %+v\nours %+v", slug, h[slug], s)
		}
	}
	t.Logf("%d stories and their figures the same in both builds", len(o))
}
