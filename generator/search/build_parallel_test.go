package search

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
)

// TestIndexWorkersSame builds the same documents with one to five workers:
// the files must be the same, byte for byte.
func TestIndexWorkersSame(t *testing.T) {
	docs, nums, occ := numberDocs(syntheticDocs(3000), 8)
	build := func(workers int) []File {
		b := &builder{opts: Options{}.withDefaults(), han: map[uint64]*term{}, words: map[string]*term{}, pinyin: map[string]*plist{},
			nums: nums, code: *newGapCode(10, occ)}
		var err error
		if b.fac, err = newFacetState(len(docs), func(i int) *Doc { return &docs[i] }); err != nil {
			t.Fatal(err)
		}
		b.indexWith(docs, workers)
		files, err := b.write(docs)
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	want := build(1)
	for workers := 2; workers <= 5; workers++ {
		t.Run(fmt.Sprint(workers, " workers"), func(t *testing.T) {
			got := build(workers)
			if len(got) != len(want) {
				t.Fatalf("%d files, want %d", len(got), len(want))
			}
			for i := range want {
				if got[i].Path != want[i].Path || !bytes.Equal(got[i].Data, want[i].Data) {
					t.Fatalf("file %d: %s (%d bytes), want %s (%d bytes)", i, got[i].Path, len(got[i].Data), want[i].Path, len(want[i].Data))
				}
			}
		})
	}
}

// TestPlistJoin joins lists split at every point: the result must be the
// list built whole.
func TestPlistJoin(t *testing.T) {
	docs := []int32{0, 3, 4, 130, 131, 1000, 70000}
	occ := make([]uint8, 70000/16+1)
	for i := range occ {
		occ[i] = uint8(i%16 + 1)
	}
	for _, code := range []*gapCode{nil, newGapCode(16, occ)} {
		for _, freq := range []bool{false, true} {
			var whole plist
			for _, d := range docs {
				whole.add(d, int(d%7+1), freq, code)
			}
			for cut := 0; cut <= len(docs); cut++ {
				var a, b plist
				for _, d := range docs[:cut] {
					a.add(d, int(d%7+1), freq, code)
				}
				for _, d := range docs[cut:] {
					b.add(d, int(d%7+1), freq, code)
				}
				a.join(&b, code)
				if a.df != whole.df || a.last != whole.last || !bytes.Equal(a.buf, whole.buf) {
					t.Errorf("code %v, freq %v, cut %d: joined %+v, want %+v", code != nil, freq, cut, a, whole)
				}
			}
		}
	}
}

// TestBuildOwnedSame: BuildOwned, which drops each document's body once
// indexed, makes the files Build makes, with one worker and with several,
// from documents in URL order (indexed in place) and not.
func TestBuildOwnedSame(t *testing.T) {
	for _, n := range []int{100, 3000} {
		for _, sorted := range []bool{false, true} {
			docs := syntheticDocs(n)
			if sorted {
				docs = numbered(docs)
			}
			want, err := Build(docs, Options{})
			if err != nil {
				t.Fatal(err)
			}
			owned := slices.Clone(docs)
			got, err := BuildOwned(owned, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d docs: %d files, want %d", n, len(got), len(want))
			}
			for i := range want {
				if got[i].Path != want[i].Path || !bytes.Equal(got[i].Data, want[i].Data) {
					t.Fatalf("%d docs (sorted %t): file %d: %s, want %s", n, sorted, i, got[i].Path, want[i].Path)
				}
			}
			if sorted && owned[0].Body != "" {
				t.Errorf("%d docs: BuildOwned kept the bodies of docs in URL order", n)
			}
		}
	}
}
