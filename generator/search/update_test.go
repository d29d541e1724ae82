package search

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// TestIndexerUpdate edits documents in place — their text, and now and
// then a facet value — and checks after each step that Update gives the
// files Build gives.
func TestIndexerUpdate(t *testing.T) {
	pool := append(syntheticDocs(300), testDocs()...)
	for _, opts := range []Options{{}, {ShardBytes: 1024, ChunkSize: 3}, {TrigramBytes: 200}} {
		t.Run(fmt.Sprintf("%+v", opts), func(t *testing.T) {
			r := rand.New(rand.NewPCG(7, uint64(opts.ShardBytes+opts.TrigramBytes)))
			docs := slices.Clone(pool[:200])
			ix := NewIndexer(opts)
			if _, err := ix.Build(docs); err != nil {
				t.Fatal(err)
			}
			for step := range 80 {
				docs = slices.Clone(docs)
				var changed []int
				for range 1 + r.IntN(3) {
					i := r.IntN(len(docs))
					d := docs[i]
					src := pool[r.IntN(len(pool))]
					switch r.IntN(6) {
					case 0:
						d.Title = src.Title
					case 1:
						d.Body = src.Body
					case 2:
						d.Summary, d.Town = src.Summary, src.Town
					case 3:
						d.Tags = src.Tags
					case 4: // a facet: Update falls back to Build
						d.Year = src.Year
					case 5:
						// unchanged, but listed
					}
					docs[i] = d
					changed = append(changed, i)
				}
				want, err := Build(docs, opts)
				if err != nil {
					t.Fatal(err)
				}
				got, err := ix.Update(docs, changed)
				if err != nil {
					t.Fatal(err)
				}
				if err := sameFiles(got, want); err != nil {
					t.Fatalf("step %d (changed %v): %v", step, changed, err)
				}
			}
		})
	}
}

// TestDocEqualCoversEveryField changes each field of a Doc in turn and
// checks that Equal notices: a field it missed would let the Indexer (and
// the dev server's Session) keep a stale analysis.
func TestDocEqualCoversEveryField(t *testing.T) {
	base := Doc{URL: "u", Title: "t", Summary: "s", Body: "b", Region: "r", RegionSlug: "rs", Town: "w",
		Category: "c", CategorySlug: "cs", Year: 2016, Levels: []string{"county"}, Tags: []string{"x"}}
	if !base.Equal(&base) {
		t.Fatal("a Doc does not equal itself")
	}
	v := reflect.ValueOf(&base).Elem()
	for i := range v.NumField() {
		d := base
		d.Levels, d.Tags = slices.Clone(base.Levels), slices.Clone(base.Tags)
		f := reflect.ValueOf(&d).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(f.String() + "!")
		case reflect.Int:
			f.SetInt(f.Int() + 1)
		case reflect.Slice:
			f.Set(reflect.Append(f, reflect.ValueOf("more")))
		default:
			t.Fatalf("field %s of kind %s: teach this test and Doc.Equal about it", v.Type().Field(i).Name, f.Kind())
		}
		if base.Equal(&d) || d.Equal(&base) {
			t.Errorf("Equal misses a change of %s", v.Type().Field(i).Name)
		}
	}
}
