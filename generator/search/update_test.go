package search

import (
	"fmt"
	"math/rand/v2"
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
