package opendata

import (
	"bytes"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/site"
)

// TestCacheSameFiles checks that Files with a Cache gives the bytes Files
// gives without one, when the cache is empty, warm, and after a story's
// summary and the site's address changed; and that a warm cache hands
// back the last stories.json and metrics.csv themselves, not copies.
func TestCacheSameFiles(t *testing.T) {
	s := testSite(t)
	c := NewCache()
	summary := func(st *site.Story) string { return st.Summary }
	steps := []Options{
		{Summary: summary},
		{Summary: summary},
		{Summary: func(st *site.Story) string { return st.Summary + "（改）" }},
		{AbsURL: func(rel string) string { return "https://example.org/x/" + rel }, Summary: summary},
	}
	var last []File
	for i, o := range steps {
		want, err := Files(s, o)
		if err != nil {
			t.Fatal(err)
		}
		o.Cache = c
		got, err := Files(s, o)
		if err != nil {
			t.Fatal(err)
		}
		for j := range want {
			if got[j].Path != want[j].Path || !bytes.Equal(got[j].Data, want[j].Data) {
				t.Errorf("step %d: %s with a cache:\n%s\nwant:\n%s", i, want[j].Path, got[j].Data, want[j].Data)
			}
		}
		if i == 1 {
			for j := range 2 {
				if &got[j].Data[0] != &last[j].Data[0] {
					t.Errorf("step %d: %s made again from the same records", i, got[j].Path)
				}
			}
		}
		last = got
	}
	if len(c.stories) != len(s.Stories) {
		t.Errorf("the cache holds %d stories, want %d", len(c.stories), len(s.Stories))
	}
}

// TestStoriesAsEncoded checks that stories.json, written record by record,
// is what encoding the whole file at once gives.
func TestStoriesAsEncoded(t *testing.T) {
	s := testSite(t)
	o := Options{AbsURL: func(rel string) string { return "https://example.org/" + rel }}
	f := storiesFile{Title: s.Config.Title, Source: o.url(""), License: s.Config.License, Count: len(s.Stories), Updated: "2018-01-01"}
	for _, st := range s.Stories {
		f.Stories = append(f.Stories, storyOf(st, o))
	}
	want, err := marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Stories(s, o)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Stories:\n%s\nwant:\n%s", got, want)
	}
}

// TestLazyFiles checks that with Options.Lazy the two large files come as
// Make, and that each call's Make gives the bytes Files gives without a
// cache at that step, even when it is first called after later calls
// changed the records.
func TestLazyFiles(t *testing.T) {
	s := testSite(t)
	c := NewCache()
	summary := func(st *site.Story) string { return st.Summary }
	steps := []Options{
		{Summary: summary},
		{Summary: func(st *site.Story) string { return st.Summary + "（改）" }},
		{AbsURL: func(rel string) string { return "https://example.org/x/" + rel }, Summary: summary},
	}
	var wants, gots [][]File
	for _, o := range steps {
		want, err := Files(s, o)
		if err != nil {
			t.Fatal(err)
		}
		o.Cache, o.Lazy = c, true
		got, err := Files(s, o)
		if err != nil {
			t.Fatal(err)
		}
		wants, gots = append(wants, want), append(gots, got)
	}
	for i := range steps {
		for j, f := range gots[i] {
			data := f.Data
			if j < 2 {
				if f.Make == nil || f.Data != nil {
					t.Fatalf("step %d: %s is not lazy", i, f.Path)
				}
				data = f.Make()
			}
			if !bytes.Equal(data, wants[i][j].Data) {
				t.Errorf("step %d: %s made after the later steps:\n%s\nwant:\n%s", i, f.Path, data, wants[i][j].Data)
			}
		}
	}
}
