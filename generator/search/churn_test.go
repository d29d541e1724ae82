package search

import (
	"bytes"
	"strings"
	"testing"
)

// churn returns how many files of after are not in before (new paths, or
// the same path with other bytes) and how many paths of before are gone.
func churn(before, after []File) (written, removed int) {
	old := make(map[string][]byte, len(before))
	for _, f := range before {
		old[f.Path] = f.Data
	}
	seen := make(map[string]bool, len(after))
	for _, f := range after {
		seen[f.Path] = true
		if d, ok := old[f.Path]; !ok || !bytes.Equal(d, f.Data) {
			written++
		}
	}
	for _, f := range before {
		if !seen[f.Path] {
			removed++
		}
	}
	return written, removed
}

// TestChurn1k counts the search files a one-story change writes and
// removes at 1,000 stories: a file changes only when its content does, so
// a body edit touches the shards of the terms the story gained or lost,
// its chunk and the meta file, and a deletion or an addition those of the
// story's terms and of the stories its block renumbers (see numbers.go),
// their chunks and the meta file.
func TestChurn1k(t *testing.T) {
	docs := syntheticDocs(1000)
	base, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		edit func([]Doc) []Doc
		max  int // files written at most
	}{
		{"body", func(d []Doc) []Doc {
			d[500].Body = strings.Replace(d[500].Body, "。", "。其中第3批项目投入资金420万元。", 1)
			return d
		}, 60},
		// A deletion or an addition writes the shards of the story's terms
		// (nearly all 128 at this size), its block's and its neighbours'
		// pinyin shards and chunks; with dense numbers, 387 and 450.
		{"delete", func(d []Doc) []Doc { return append(d[:500:500], d[501:]...) }, 300},
		{"add", func(d []Doc) []Doc {
			n := d[500]
			n.URL = "stories/a-new-story/"
			return append(d, n)
		}, 300},
	}
	for _, c := range cases {
		next := c.edit(append([]Doc(nil), docs...))
		files, err := Build(next, Options{})
		if err != nil {
			t.Fatal(err)
		}
		w, r := churn(base, files)
		t.Logf("%s: %d of %d search files written, %d removed", c.name, w, len(files), r)
		if c.max > 0 && w > c.max {
			t.Errorf("%s: %d files written, want at most %d", c.name, w, c.max)
		}
	}
}
