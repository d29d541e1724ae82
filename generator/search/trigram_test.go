package search

import (
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

// TestTrigramLists checks which trigram lists a shard keeps: the rarest
// first, as many as fit in Options.TrigramBytes; the others are named
// without a list and the phrase check skips them.
func TestTrigramLists(t *testing.T) {
	docs := syntheticDocs(300)
	const limit = 400
	files, err := Build(docs, Options{TrigramBytes: limit})
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{}
	for _, f := range files {
		m[f.Path] = &fstest.MapFile{Data: f.Data}
	}
	ix, err := Open(m)
	if err != nil {
		t.Fatal(err)
	}
	// Every trigram's list, from a build that keeps them all.
	all, err := Build(docs, Options{TrigramBytes: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	ma := fstest.MapFS{}
	for _, f := range all {
		ma[f.Path] = &fstest.MapFile{Data: f.Data}
	}
	ixAll, err := Open(ma)
	if err != nil {
		t.Fatal(err)
	}
	full, named := 0, 0
	for s := range ix.meta.Shards {
		sh, err := ix.shard(s)
		if err != nil {
			t.Fatal(err)
		}
		shAll, err := ixAll.shard(s)
		if err != nil {
			t.Fatal(err)
		}
		type tri struct {
			text     string
			df, size int
			kept     bool
		}
		var tris []tri
		for term, e := range shAll {
			if !IsTrigram(term) {
				continue
			}
			got, ok := sh[term]
			if !ok {
				t.Fatalf("shard %d lost trigram %q", s, term)
			}
			if got.df != 0 && (got.df != e.df || string(got.data) != string(e.data)) {
				t.Fatalf("shard %d: trigram %q has another list", s, term)
			}
			tris = append(tris, tri{term, e.df, len(e.data), got.df != 0})
		}
		sort.Slice(tris, func(i, j int) bool {
			if tris[i].df != tris[j].df {
				return tris[i].df < tris[j].df
			}
			return tris[i].text < tris[j].text
		})
		room, open := limit, true
		for _, tr := range tris {
			open = open && tr.size <= room
			if open {
				room -= tr.size
			}
			if tr.kept != open {
				t.Errorf("shard %d: trigram %q (df %d, %d bytes) kept %v, want %v", s, tr.text, tr.df, tr.size, tr.kept, open)
			}
			if tr.kept {
				full++
			} else {
				named++
			}
		}
	}
	if full == 0 || named == 0 {
		t.Fatalf("%d trigram lists kept, %d named only; want some of each", full, named)
	}
	t.Logf("%d trigram lists kept, %d named only", full, named)
	// Queries still find the phrase first, and answer as with every list.
	numbered := inNumberOrder(docs) // a hit's Doc is its position in number order
	for _, q := range []string{"民主党派基层组织", "建立矛盾纠纷排查机制", "人民调解委员会", "化解劳资纠纷"} {
		res, err := ix.Search(Query{Text: q}, 0, 5)
		if err != nil || res.Total == 0 {
			t.Fatalf("%s: %+v, %v", q, res, err)
		}
		for _, h := range res.Hits {
			if d := numbered[h.Doc]; !strings.Contains(d.Title+d.Summary+d.Body, q) {
				t.Errorf("%s: hit %d (%s) lacks the phrase", q, h.Doc, d.URL)
			}
		}
	}
}
