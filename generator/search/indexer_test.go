package search

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// sameFiles reports the first difference between two index outputs.
func sameFiles(got, want []File) error {
	if len(got) != len(want) {
		var gp, wp []string
		for _, f := range got {
			gp = append(gp, f.Path)
		}
		for _, f := range want {
			wp = append(wp, f.Path)
		}
		return fmt.Errorf("%d files, want %d (only in got: %v; only in want: %v)", len(got), len(want), diff(gp, wp), diff(wp, gp))
	}
	for i := range got {
		if got[i].Path != want[i].Path {
			return fmt.Errorf("file %d is %s, want %s", i, got[i].Path, want[i].Path)
		}
		if !bytes.Equal(got[i].Data, want[i].Data) {
			return fmt.Errorf("%s differs (%d bytes, want %d)", got[i].Path, len(got[i].Data), len(want[i].Data))
		}
	}
	return nil
}

func diff(a, b []string) []string {
	var out []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			out = append(out, s)
		}
		if len(out) == 5 {
			break
		}
	}
	return out
}

// edit is one random change to a list of docs, named for failure messages.
type edit struct {
	name  string
	apply func(r *rand.Rand, docs []Doc, pool []Doc, serial int) []Doc
}

var edits = []edit{
	{"noop", func(r *rand.Rand, docs, pool []Doc, n int) []Doc { return docs }},
	{"edit body in place", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		if len(docs) == 0 {
			return docs
		}
		i := r.IntN(len(docs))
		docs[i].Body = strings.Replace(docs[i].Body, "，", fmt.Sprintf("，修改%d次，", n), 1)
		return docs
	}},
	{"rewrite body", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		if len(docs) == 0 {
			return docs
		}
		docs[r.IntN(len(docs))].Body = pool[r.IntN(len(pool))].Body
		return docs
	}},
	{"empty text", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		if len(docs) == 0 {
			return docs
		}
		i := r.IntN(len(docs))
		docs[i].Body, docs[i].Summary = "", ""
		return docs
	}},
	{"edit title", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		if len(docs) == 0 {
			return docs
		}
		docs[r.IntN(len(docs))].Title = pool[r.IntN(len(pool))].Title + fmt.Sprintf("第%d版 v%d", n%7, n)
		return docs
	}},
	{"edit meta", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		if len(docs) == 0 {
			return docs
		}
		i, o := r.IntN(len(docs)), pool[r.IntN(len(pool))]
		docs[i].Region, docs[i].RegionSlug, docs[i].Town = o.Region, o.RegionSlug, o.Town
		docs[i].Category, docs[i].CategorySlug, docs[i].Year = o.Category, o.CategorySlug, o.Year+r.IntN(3)
		docs[i].Levels, docs[i].Tags = o.Levels, append(slices.Clone(o.Tags), fmt.Sprintf("标签%d", n%5))
		return docs
	}},
	{"add", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		d := pool[r.IntN(len(pool))]
		d.URL = fmt.Sprintf("stories/new-%d/", n)
		return slices.Insert(docs, r.IntN(len(docs)+1), d)
	}},
	{"add at end", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		d := pool[r.IntN(len(pool))]
		d.URL = fmt.Sprintf("stories/end-%d/", n)
		return append(docs, d)
	}},
	{"add duplicate", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		if len(docs) == 0 {
			return docs
		}
		return slices.Insert(docs, r.IntN(len(docs)+1), docs[r.IntN(len(docs))])
	}},
	{"delete", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		if len(docs) == 0 {
			return docs
		}
		i := r.IntN(len(docs))
		return slices.Delete(docs, i, i+1)
	}},
	{"delete many", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		if len(docs) == 0 {
			return docs
		}
		i := r.IntN(len(docs))
		return slices.Delete(docs, i, min(len(docs), i+1+r.IntN(40)))
	}},
	{"move", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		if len(docs) < 2 {
			return docs
		}
		i := r.IntN(len(docs))
		d := docs[i]
		docs = slices.Delete(docs, i, i+1)
		return slices.Insert(docs, r.IntN(len(docs)+1), d)
	}},
	{"swap", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		if len(docs) < 2 {
			return docs
		}
		i, j := r.IntN(len(docs)), r.IntN(len(docs))
		docs[i], docs[j] = docs[j], docs[i]
		return docs
	}},
	{"new year, moved", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		// A date edit: the story moves in the site's order and its year
		// changes, now and then to a year no other story has.
		if len(docs) < 2 {
			return docs
		}
		i := r.IntN(len(docs))
		d := docs[i]
		d.Year = 2000 + r.IntN(20)
		docs = slices.Delete(docs, i, i+1)
		return slices.Insert(docs, r.IntN(len(docs)+1), d)
	}},
	{"edit facets", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		if len(docs) == 0 {
			return docs
		}
		i, o := r.IntN(len(docs)), pool[r.IntN(len(pool))]
		switch r.IntN(4) {
		case 0:
			docs[i].Region, docs[i].RegionSlug = o.Region, o.RegionSlug
		case 1:
			docs[i].Category, docs[i].CategorySlug = o.Category, o.CategorySlug
		case 2:
			docs[i].Levels = o.Levels
		case 3: // a region no other story has, or a name its slug does not have
			docs[i].Region, docs[i].RegionSlug = fmt.Sprintf("新区%d", n%3), fmt.Sprintf("new-%d", n%2)
		}
		return docs
	}},
	{"rename", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		if len(docs) == 0 {
			return docs
		}
		i := r.IntN(len(docs))
		docs[i].URL = fmt.Sprintf("stories/renamed-%d/", n)
		if r.IntN(3) == 0 { // onto another story's URL
			docs[i].URL = docs[r.IntN(len(docs))].URL
		}
		return docs
	}},
	{"rename far", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		// A slug edit that moves a story from one end of URL order to the
		// other, every story in between renumbered.
		if len(docs) == 0 {
			return docs
		}
		first := 0
		for i := range docs {
			if docs[i].URL < docs[first].URL {
				first = i
			}
		}
		docs[first].URL = fmt.Sprintf("stories/zz-renamed-%d/", n)
		if r.IntN(2) == 0 { // and one from the end to the front
			last := 0
			for i := range docs {
				if docs[i].URL > docs[last].URL {
					last = i
				}
			}
			docs[last].URL = fmt.Sprintf("stories/aa-renamed-%d/", n)
		}
		return docs
	}},
	{"rename next to", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		// A story renamed to sort just after another, near or far in URL
		// order.
		if len(docs) < 2 {
			return docs
		}
		i, j := r.IntN(len(docs)), r.IntN(len(docs))
		docs[i].URL = strings.TrimSuffix(docs[j].URL, "/") + fmt.Sprintf("-%d/", n)
		return docs
	}},
	{"rename, add and delete", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		// Several renames, an added and a deleted story in one build, far
		// apart in URL order.
		for k := range 1 + r.IntN(3) {
			if len(docs) > 0 {
				i := r.IntN(len(docs))
				docs[i].URL = fmt.Sprintf("stories/%c-renamed-%d-%d/", 'a'+r.IntN(26), n, k)
			}
		}
		d := pool[r.IntN(len(pool))]
		d.URL = fmt.Sprintf("stories/%c-added-%d/", 'a'+r.IntN(26), n)
		docs = slices.Insert(docs, r.IntN(len(docs)+1), d)
		i := r.IntN(len(docs))
		return slices.Delete(docs, i, i+1)
	}},
	{"edit a run", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		// The titles of 33 to 52 stories in a row in URL order edited, as
		// a template change might: one long segment, its pinyin lists
		// spliced rather than edited key by key.
		byURL := make([]int, len(docs))
		for i := range byURL {
			byURL[i] = i
		}
		slices.SortStableFunc(byURL, func(a, b int) int { return compareDocs(&docs[a], &docs[b]) })
		k := r.IntN(len(docs) + 1)
		for _, i := range byURL[k:min(len(docs), k+33+r.IntN(20))] {
			docs[i].Title = fmt.Sprintf("第%d期", n) + pool[r.IntN(len(pool))].Title
		}
		return docs
	}},
	{"sort by date", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		// The site's default order: year descending, then a date.
		slices.SortStableFunc(docs, func(a, b Doc) int { return b.Year - a.Year })
		return docs
	}},
	{"shuffle", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		r.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
		return docs
	}},
	{"reverse", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		slices.Reverse(docs)
		return docs
	}},
	{"clear", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		if r.IntN(4) > 0 {
			return docs
		}
		return docs[:0]
	}},
	{"refill", func(r *rand.Rand, docs, pool []Doc, n int) []Doc {
		if len(docs) > 50 {
			return docs
		}
		return append(docs, pool[:100+r.IntN(100)]...)
	}},
}

// TestIndexerMatchesBuild applies random sequences of edits, adds,
// deletes and reorders, and checks after each step that the Indexer's
// output is byte-identical to Build's.
func TestIndexerMatchesBuild(t *testing.T) {
	pool := append(syntheticDocs(400), testDocs()...)
	tests := []struct {
		name  string
		opts  Options
		steps int
	}{
		{"defaults", Options{}, 120},
		// Small shards, so that adds and deletes change the shard count.
		{"small shards", Options{ShardBytes: 1024, ChunkSize: 3}, 120},
		// Little room for trigram lists, so that shards name common
		// trigrams without their lists, and edits change which.
		{"dropped trigrams", Options{TrigramBytes: 200}, 60},
		{"dropped trigrams, small shards", Options{TrigramBytes: 50, ShardBytes: 1024}, 40},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, uint64(len(tt.name))))
			docs := slices.Clone(pool[:300])
			ix := NewIndexer(tt.opts)
			var trail []string
			for step := range tt.steps {
				e := edits[r.IntN(len(edits))]
				if step == 0 {
					e = edits[0]
				}
				docs = e.apply(r, slices.Clone(docs), pool, step)
				trail = append(trail, e.name)
				want, err := Build(docs, tt.opts)
				if err != nil {
					t.Fatal(err)
				}
				got, err := ix.Build(docs)
				if err != nil {
					t.Fatal(err)
				}
				if err := sameFiles(got, want); err != nil {
					t.Fatalf("after %v (%d docs): %v", trail[max(0, len(trail)-5):], len(docs), err)
				}
			}
		})
	}
}

// TestBuildOrder checks that Build numbers documents by URL: the same set
// of documents in any order, duplicates and documents that share a URL
// included, gives byte-identical files.
func TestBuildOrder(t *testing.T) {
	pool := append(syntheticDocs(200), testDocs()...)
	// An exact duplicate, and documents that share a URL but differ.
	pool = append(pool, pool[3], pool[10])
	for k, f := range []func(*Doc){
		func(d *Doc) { d.Body += "另一版本。" },
		func(d *Doc) { d.Region, d.RegionSlug = "海曙区", "haishu" },
		func(d *Doc) { d.Region = "别名" }, // the name of the first of its URL decides
		func(d *Doc) { d.Year++ },
		func(d *Doc) { d.Tags = append(slices.Clone(d.Tags), "多") },
		func(d *Doc) { d.Levels = []string{"national"} },
	} {
		d := pool[20+k]
		d.Levels, d.Tags = slices.Clone(d.Levels), slices.Clone(d.Tags)
		f(&d)
		pool = append(pool, d)
	}
	want, err := Build(pool, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 20 {
		docs := slices.Clone(pool)
		r.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
		got, err := Build(docs, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := sameFiles(got, want); err != nil {
			t.Fatalf("shuffle %d: %v", i, err)
		}
		ix := NewIndexer(Options{})
		if got, err = ix.Build(docs); err != nil {
			t.Fatal(err)
		}
		if err := sameFiles(got, want); err != nil {
			t.Fatalf("shuffle %d, Indexer: %v", i, err)
		}
	}
}

// TestIndexerError checks that a failed build leaves the Indexer as it was.
func TestIndexerError(t *testing.T) {
	docs := syntheticDocs(50)
	ix := NewIndexer(Options{})
	if _, err := ix.Build(docs); err != nil {
		t.Fatal(err)
	}
	bad := slices.Clone(docs)
	bad[3].Levels = []string{"galactic"}
	bad[4].Body = "新的正文"
	if _, err := ix.Build(bad); err == nil || !strings.Contains(err.Error(), docs[3].URL) {
		t.Errorf("err = %v, want an unknown-level error naming %s", err, docs[3].URL)
	}
	// Through Update, in place and as a new year: the same error, and
	// the Indexer as it was.
	for _, year := range []int{docs[3].Year, 1900} {
		bad = slices.Clone(docs)
		bad[3].Levels, bad[3].Year = []string{"galactic"}, year
		if _, err := ix.Update(bad, []int{3}); err == nil || !strings.Contains(err.Error(), docs[3].URL) {
			t.Errorf("Update: err = %v, want an unknown-level error naming %s", err, docs[3].URL)
		}
	}
	docs[5].Body = "另一段正文"
	got, err := ix.Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := sameFiles(got, want); err != nil {
		t.Error(err)
	}
}

// TestIndexerReuse checks that an edit in place keeps the bytes of the
// files it does not touch.
func TestIndexerReuse(t *testing.T) {
	docs := syntheticDocs(2000)
	ix := NewIndexer(Options{})
	before, err := ix.Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	docs[1000].Body += "新增一句。"
	after, err := ix.Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	old := map[string][]byte{}
	for _, f := range before {
		old[f.Path] = f.Data
	}
	changed := 0
	for _, f := range after {
		if o, ok := old[f.Path]; !ok || !bytes.Equal(o, f.Data) {
			changed++
		}
	}
	// New names: the groups the edit touched (whole groups of up to 256
	// files share a hash); new data: far fewer.
	t.Logf("%d of %d files renamed or changed", changed, len(after))
	if changed == 0 || changed > len(after)/2 {
		t.Errorf("%d of %d files changed after editing one document", changed, len(after))
	}
}

// TestIndexerCallerSlices checks that the Indexer notices a change made in
// place to a doc's Tags or Levels slice.
func TestIndexerCallerSlices(t *testing.T) {
	docs := syntheticDocs(20)
	ix := NewIndexer(Options{})
	if _, err := ix.Build(docs); err != nil {
		t.Fatal(err)
	}
	docs[7].Tags[0] = "新标签"
	docs[8].Levels = append(docs[8].Levels[:0], "national")
	got, err := ix.Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := sameFiles(got, want); err != nil {
		t.Error(err)
	}
}

// TestRangeChanges checks the segments over document numbers in which the
// Indexer moves postings: a deletion, an addition or a rename changes
// whole ranges, in a few segments, and applying the segments to the old
// documents gives the new ones, with their numbers.
func TestRangeChanges(t *testing.T) {
	docs := syntheticDocs(2000)
	entries := func(ds []Doc, reuse map[string]*docEntry) ([]*docEntry, []int32) {
		sorted, nums, _ := numberDocs(ds, 8)
		out := make([]*docEntry, len(sorted))
		for i, d := range sorted {
			if e := reuse[d.URL]; e != nil {
				out[i] = e
			} else {
				out[i] = &docEntry{doc: d}
			}
		}
		return out, nums
	}
	old, oldNums := entries(docs, nil)
	byURL := map[string]*docEntry{}
	for _, e := range old {
		byURL[e.doc.URL] = e
	}
	renamed := slices.Clone(docs)
	renamed[700].URL = "stories/renamed/"
	added := docs[3]
	added.URL = "stories/added/"
	tests := []struct {
		name    string
		docs    []Doc
		maxSegs int
	}{
		{"same", docs, 0},
		{"delete", slices.Delete(slices.Clone(docs), 500, 501), 1},
		{"add", append(slices.Clone(docs), added), 1},
		{"rename", renamed, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next, nums := entries(tt.docs, byURL)
			slots, _ := blockLimits(8)
			segs, shift := rangeChanges(old, next, oldNums, nums, slots)
			if len(segs) > tt.maxSegs || shift != 0 && len(segs) != 1 {
				t.Fatalf("%d segments, shift %d; want at most %d, one with a shift", len(segs), shift, tt.maxSegs)
			}
			cur := map[int32]*docEntry{}
			for i, e := range old {
				cur[oldNums[i]] = e
			}
			for _, sg := range segs {
				if sg.p%slots != 0 || sg.oldEnd%slots != 0 || shift%slots != 0 {
					t.Errorf("segment [%d, %d), shift %d: not whole ranges", sg.p, sg.oldEnd, shift)
				}
				for i, e := range sg.oldMid {
					if cur[sg.oldNums[i]] != e || int(sg.oldNums[i]) < sg.p || int(sg.oldNums[i]) >= sg.oldEnd {
						t.Fatalf("segment at %d: old document %d is not numbered there", sg.p, sg.oldNums[i])
					}
					delete(cur, sg.oldNums[i])
				}
			}
			moved := map[int32]*docEntry{}
			for num, e := range cur {
				if shift != 0 && int(num) >= segs[0].oldEnd {
					num += int32(shift)
				}
				moved[num] = e
			}
			cur = moved
			for _, sg := range segs {
				for i, e := range sg.newMid {
					cur[sg.newNums[i]] = e
				}
			}
			if len(cur) != len(next) {
				t.Fatalf("%d documents after the segments, want %d", len(cur), len(next))
			}
			for i, e := range next {
				if cur[nums[i]] != e {
					t.Fatalf("document %d: the segments do not give it", nums[i])
				}
			}
		})
	}
}
