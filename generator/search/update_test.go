package search

import (
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestIndexerUpdate drives an Indexer as the dev server's Session does:
// the documents are kept in the site's order (year descending, then a
// date), each step edits a field of a story (its date, which moves it, its
// year, region, category, award levels, tags, title, text or URL) or adds
// or deletes one, and Update is told the positions whose document differs
// from the last slice's. After each step the files must be Build's.
func TestIndexerUpdate(t *testing.T) {
	pool := append(syntheticDocs(300), testDocs()...)
	for _, opts := range []Options{{}, {ShardBytes: 1024, ChunkSize: 3}, {TrigramBytes: 200}} {
		t.Run(fmt.Sprintf("%+v", opts), func(t *testing.T) {
			r := rand.New(rand.NewPCG(7, uint64(opts.ShardBytes+opts.TrigramBytes)))
			date := map[string]int{} // URL → day of the year
			siteOrder := func(docs []Doc) {
				slices.SortStableFunc(docs, func(a, b Doc) int {
					if a.Year != b.Year {
						return b.Year - a.Year
					}
					if date[a.URL] != date[b.URL] {
						return date[b.URL] - date[a.URL]
					}
					return strings.Compare(a.URL, b.URL)
				})
			}
			docs := slices.Clone(pool[:200])
			for _, d := range docs {
				date[d.URL] = r.IntN(365)
			}
			siteOrder(docs)
			ix := NewIndexer(opts)
			if _, err := ix.Build(docs); err != nil {
				t.Fatal(err)
			}
			var trail []string
			for step := range 150 {
				last := docs
				docs = slices.Clone(docs)
				for range 1 + r.IntN(2) {
					i := r.IntN(len(docs))
					d := docs[i]
					d.Levels, d.Tags = slices.Clone(d.Levels), slices.Clone(d.Tags)
					src := pool[r.IntN(len(pool))]
					kind := r.IntN(14)
					trail = append(trail, fmt.Sprint(kind))
					switch kind {
					case 0:
						d.Title = src.Title
					case 1:
						d.Body = src.Body
					case 2:
						d.Summary, d.Town = src.Summary, src.Town
					case 3:
						d.Tags = src.Tags
					case 4: // the date within the year
						date[d.URL] = r.IntN(365)
					case 5: // the year, now and then a new one
						d.Year = 2000 + r.IntN(20)
					case 6:
						d.Region, d.RegionSlug = src.Region, src.RegionSlug
					case 7:
						d.Category, d.CategorySlug = src.Category, src.CategorySlug
					case 8:
						d.Levels = src.Levels
					case 9: // a region only this story has
						d.Region, d.RegionSlug = "新区", fmt.Sprintf("new-%d", step%3)
					case 10: // renamed: a new URL
						delete(date, d.URL)
						d.URL = fmt.Sprintf("stories/renamed-%d/", step)
						date[d.URL] = r.IntN(365)
					case 11: // added
						d = src
						d.URL = fmt.Sprintf("stories/added-%d/", step)
						date[d.URL] = r.IntN(365)
						docs = append(docs, d)
						continue
					case 12: // deleted
						if len(docs) > 1 {
							docs = slices.Delete(docs, i, i+1)
							continue
						}
					case 13: // saved unchanged
					}
					docs[i] = d
				}
				siteOrder(docs)
				var changed []int
				if len(docs) == len(last) {
					changed = []int{}
					for i := range docs {
						if !docs[i].Equal(&last[i]) {
							changed = append(changed, i)
						}
					}
				}
				want, err := Build(docs, opts)
				if err != nil {
					t.Fatal(err)
				}
				var got []File
				if changed == nil {
					got, err = ix.Build(docs)
				} else {
					got, err = ix.Update(docs, changed)
				}
				if err != nil {
					t.Fatal(err)
				}
				if err := sameFiles(got, want); err != nil {
					t.Fatalf("step %d (edits %v, changed %v): %v", step, trail[max(0, len(trail)-4):], changed, err)
				}
			}
		})
	}
}

// TestIndexerUpdateCost checks that a story moved in the slice, as a date
// edit moves it, or given a region, year or award levels that other
// stories have, is updated in place: a move changes no file, a new year or
// new levels only the meta file (the facets live there), and a new region
// or title only the shards of the terms that changed and its chunk.
func TestIndexerUpdateCost(t *testing.T) {
	base := syntheticDocs(2000)
	tests := []struct {
		name             string
		edit             func(docs []Doc) []Doc
		minData, maxData int // files whose data may change, the meta file included
	}{
		{"moved", func(docs []Doc) []Doc {
			d := docs[100]
			docs = slices.Delete(docs, 100, 101)
			return slices.Insert(docs, 1500, d)
		}, 0, 0},
		{"year", func(docs []Doc) []Doc { docs[700].Year = docs[900].Year + 1; return docs }, 1, 1},
		{"region and category", func(docs []Doc) []Doc {
			docs[700].Region, docs[700].RegionSlug = docs[901].Region, docs[901].RegionSlug
			docs[700].Category, docs[700].CategorySlug = docs[902].Category, docs[902].CategorySlug
			return docs
		}, 2, 60},
		{"levels", func(docs []Doc) []Doc { docs[700].Levels = []string{"national", "county"}; return docs }, 1, 1},
		{"title", func(docs []Doc) []Doc { docs[700].Title = "新标题测试" + docs[700].Title; return docs }, 2, 60},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, useUpdate := range []bool{false, true} {
				docs := slices.Clone(base)
				ix := NewIndexer(Options{})
				before, err := ix.Build(docs)
				if err != nil {
					t.Fatal(err)
				}
				last := slices.Clone(docs)
				docs = tt.edit(docs)
				var after []File
				if useUpdate {
					var changed []int
					for i := range docs {
						if !docs[i].Equal(&last[i]) {
							changed = append(changed, i)
						}
					}
					after, err = ix.Update(docs, changed)
				} else {
					after, err = ix.Build(docs)
				}
				if err != nil {
					t.Fatal(err)
				}
				want, err := Build(docs, Options{})
				if err != nil {
					t.Fatal(err)
				}
				if err := sameFiles(after, want); err != nil {
					t.Fatal(err)
				}
				sums := map[[32]byte]bool{}
				for _, f := range before {
					sums[sha256.Sum256(f.Data)] = true
				}
				n := 0
				for _, f := range after {
					if !sums[sha256.Sum256(f.Data)] {
						n++
					}
				}
				if n < tt.minData || n > tt.maxData {
					t.Errorf("update %v: the data of %d files changed, want %d to %d", useUpdate, n, tt.minData, tt.maxData)
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
