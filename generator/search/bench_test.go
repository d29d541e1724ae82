package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ningbo-showcase/showcase/internal/testenv"
)

func benchmarkBuild(b *testing.B, n int) {
	docs := syntheticDocs(n)
	in := 0
	for _, d := range docs {
		in += len(d.Title) + len(d.Summary) + len(d.Body)
	}
	b.SetBytes(int64(in))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, ok := cpuTime()
	var files []File
	for b.Loop() {
		var err error
		files, err = Build(docs, Options{})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if cpu1, ok1 := cpuTime(); ok && ok1 && b.N > 0 {
		b.ReportMetric(float64((cpu1-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
	out := 0
	for _, f := range files {
		out += len(f.Data)
	}
	b.ReportMetric(float64(out), "index-bytes")
	b.ReportMetric(float64(len(files)), "files")
}

func BenchmarkBuild10k(b *testing.B)  { benchmarkBuild(b, 10_000) }
func BenchmarkBuild100k(b *testing.B) { benchmarkBuild(b, 100_000) }

// benchmarkIndexer measures an Indexer rebuilding a 10,000-story index
// after change alters the docs (i counts iterations); change returns the
// docs to index and the positions whose document changed, which go to
// Update when update is set (else Build is called).
func benchmarkIndexer(b *testing.B, update bool, change func(docs, orig []Doc, i int) ([]Doc, []int)) {
	benchmarkIndexerOn(b, syntheticDocs(10_000), update, change)
}

// benchmarkIndexerOn is benchmarkIndexer on the corpus docs.
func benchmarkIndexerOn(b *testing.B, docs []Doc, update bool, change func(docs, orig []Doc, i int) ([]Doc, []int)) {
	orig := siteOrder(docs)
	docs = slices.Clone(orig)
	ix := NewIndexer(Options{})
	if _, err := ix.Build(docs); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, ok := cpuTime()
	i := 0
	for b.Loop() {
		next, changed := change(docs, orig, i)
		var err error
		if update && changed != nil {
			_, err = ix.Update(next, changed)
		} else {
			_, err = ix.Build(next)
		}
		if err != nil {
			b.Fatal(err)
		}
		docs = next
		i++
	}
	// The process's CPU time per rebuild, garbage collection included: on
	// a loaded machine a truer figure than ns/op.
	if cpu1, ok1 := cpuTime(); ok && ok1 && i > 0 {
		b.ReportMetric(float64((cpu1-cpu0).Microseconds())/1000/float64(i), "cpu-ms/op")
	}
}

// siteOrder sorts docs as the site lists stories, newest year first (the
// synthetic corpus has no dates: by URL within a year), so that URL order
// and slice order differ as on a real site.
func siteOrder(docs []Doc) []Doc {
	slices.SortStableFunc(docs, func(a, b Doc) int { return b.Year - a.Year })
	return docs
}

// indexerCases are the edits the Indexer benchmarks run, through Build
// and through Update.
var indexerCases = []struct {
	name   string
	change func(docs, orig []Doc, i int) ([]Doc, []int)
}{
	// An editor's save: one story's body gains a sentence with a new
	// figure, a different story each time.
	{"Edit", func(docs, orig []Doc, i int) ([]Doc, []int) {
		j := i * 7919 % len(docs)
		docs[j].Body = strings.Replace(orig[j].Body, "。", fmt.Sprintf("。其中第%d批项目投入资金%d万元。", i%9+1, 100+i), 1)
		return docs, []int{j}
	}},
	// One story's whole body replaced with another's: the worst case of an
	// edit in place.
	{"Rewrite", func(docs, orig []Doc, i int) ([]Doc, []int) {
		j := i * 7919 % len(docs)
		docs[j].Body = orig[(j+5000)%len(orig)].Body
		return docs, []int{j}
	}},
	// A date edit: one story moves 3,000 places in the slice (and back the
	// next time), the positions in between shifting by one.
	{"Move", func(docs, orig []Doc, i int) ([]Doc, []int) {
		a, c := 2000+i/2*7%1000, 5000+i/2*7%1000
		if i%2 == 1 {
			a, c = c, a
		}
		d := docs[a]
		docs = slices.Delete(docs, a, a+1)
		docs = slices.Insert(docs, c, d)
		changed := make([]int, 0, 3001)
		for k := min(a, c); k <= max(a, c); k++ {
			changed = append(changed, k)
		}
		return docs, changed
	}},
	// A region edit (a region other stories have), a different story each
	// time: its facet byte and the shards of the region's name change.
	{"Region", func(docs, orig []Doc, i int) ([]Doc, []int) {
		j := i * 7919 % len(docs)
		o := orig[(j+1)%len(orig)]
		docs[j].Region, docs[j].RegionSlug = o.Region, o.RegionSlug
		return docs, []int{j}
	}},
	// A year edit (a year other stories have): the story moves to the
	// top of its new year in the slice, and its facet byte changes.
	{"Year", func(docs, orig []Doc, i int) ([]Doc, []int) {
		j := i * 7919 % len(docs)
		d := docs[j]
		d.Year = 2004 + (d.Year-2004+1+i%12)%13
		docs = slices.Delete(docs, j, j+1)
		k := slices.IndexFunc(docs, func(o Doc) bool { return o.Year <= d.Year })
		if k < 0 {
			k = len(docs)
		}
		docs = slices.Insert(docs, k, d)
		var changed []int
		for p := min(j, k); p <= max(j, k); p++ {
			changed = append(changed, p)
		}
		return docs, changed
	}},
}

// BenchmarkIndexer10k runs each edit of indexerCases through Build and
// through Update.
func BenchmarkIndexer10k(b *testing.B) {
	for _, c := range indexerCases {
		for _, update := range []bool{false, true} {
			name := c.name + "/Build"
			if update {
				name = c.name + "/Update"
			}
			b.Run(name, func(b *testing.B) { benchmarkIndexer(b, update, c.change) })
		}
	}
}

// titledCases are the edits that change a story's pinyin keys, run on
// titledDocs, whose pinyin shards have a real site's size.
var titledCases = []struct {
	name   string
	change func(docs, orig []Doc, i int) ([]Doc, []int)
}{
	// A region edit between two regions of many stories: 宁波市 becomes
	// 象山县, any other region 宁波市, a different story each time. The
	// pinyin keys of both names change (in the large prefix shards
	// "sh", "xi" and "ni" among others).
	{"Region", func(docs, orig []Doc, i int) ([]Doc, []int) {
		j := i * 7919 % len(docs)
		if docs[j].Region == "宁波市" {
			docs[j].Region, docs[j].RegionSlug = "象山县", "xiangshan"
		} else {
			docs[j].Region, docs[j].RegionSlug = "宁波市", "ningbo"
		}
		return docs, []int{j}
	}},
	// A title edit: one story takes another's title.
	{"Title", func(docs, orig []Doc, i int) ([]Doc, []int) {
		j := i * 7919 % len(docs)
		docs[j].Title = orig[(j+5000)%len(orig)].Title
		return docs, []int{j}
	}},
	// A town and tags edit: one story takes another's.
	{"TownTags", func(docs, orig []Doc, i int) ([]Doc, []int) {
		j := i * 7919 % len(docs)
		o := orig[(j+5000)%len(orig)]
		docs[j].Town, docs[j].Tags = o.Town, o.Tags
		return docs, []int{j}
	}},
}

// BenchmarkIndexerTitled10k runs each edit of titledCases through Build
// and through Update, on titledDocs.
func BenchmarkIndexerTitled10k(b *testing.B) {
	docs := titledDocs(10_000)
	for _, c := range titledCases {
		for _, update := range []bool{false, true} {
			name := c.name + "/Build"
			if update {
				name = c.name + "/Update"
			}
			b.Run(name, func(b *testing.B) { benchmarkIndexerOn(b, slices.Clone(docs), update, c.change) })
		}
	}
}

// BenchmarkIndexerEdit10k is an editor's save: one story's body gains a
// sentence with a new figure, a different story each time.
func BenchmarkIndexerEdit10k(b *testing.B) { benchmarkIndexer(b, false, indexerCases[0].change) }

// BenchmarkIndexerAdd10k inserts a story in the middle and, the next
// iteration, deletes it again: every later story is renumbered.
func BenchmarkIndexerAdd10k(b *testing.B) {
	benchmarkIndexer(b, false, func(docs, orig []Doc, i int) ([]Doc, []int) {
		if i%2 == 1 {
			return slices.DeleteFunc(slices.Clone(docs), func(d Doc) bool { return strings.HasPrefix(d.URL, "stories/added-") }), nil
		}
		d := orig[i%len(orig)]
		d.URL = fmt.Sprintf("stories/added-%d/", i)
		return slices.Insert(slices.Clone(docs), len(docs)/2, d), nil
	})
}

// BenchmarkIndexerCold10k is the first build of an Indexer: the dev
// server's start.
func BenchmarkIndexerCold10k(b *testing.B) {
	docs := syntheticDocs(10_000)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, ok := cpuTime()
	for b.Loop() {
		if _, err := NewIndexer(Options{}).Build(docs); err != nil {
			b.Fatal(err)
		}
	}
	if cpu1, ok1 := cpuTime(); ok && ok1 && b.N > 0 {
		b.ReportMetric(float64((cpu1-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}

// cpuTime returns the CPU time the process has used (user and system),
// and whether it is known.
func cpuTime() (time.Duration, bool) {
	u, s, ok := testenv.CPUTime()
	return u + s, ok
}

// renumberCases are the edits that renumber documents: a rename that
// moves a story far in URL order, an added story and a deleted one, each
// early in URL order so that about 8,000 documents after it move. Add and
// Delete are undone after each measured build, out of the measure.
var renumberCases = []struct {
	name string
	// change returns the docs after the edit and, when the edit is undone
	// out of the measure, the docs that undo it.
	change func(docs []Doc, i int) (next, undo []Doc)
}{
	// A rename: story-00x813 becomes story-00y813-renamed, 7,000 places
	// later in URL order (as a slug edit moves a story from "b" to "r"),
	// and back the next time, a different story every other time.
	{"Rename", func(docs []Doc, i int) ([]Doc, []Doc) {
		j := 1813 + i/2*7%100
		from, to := fmt.Sprintf("stories/story-%06d/", j), fmt.Sprintf("stories/story-%06d-renamed/", j+7000)
		if i%2 == 1 {
			from, to = to, from
		}
		k := slices.IndexFunc(docs, func(d Doc) bool { return d.URL == from })
		docs[k].URL = to
		return docs, nil
	}},
	// A story added 2,000 places into URL order, in the middle of the
	// slice.
	{"Add", func(docs []Doc, i int) ([]Doc, []Doc) {
		d := docs[i*7919%len(docs)]
		d.URL = fmt.Sprintf("stories/story-%06d-added/", 2000+i%100)
		return slices.Insert(slices.Clone(docs), len(docs)/2, d), docs
	}},
	// A story 2,000 places into URL order deleted.
	{"Delete", func(docs []Doc, i int) ([]Doc, []Doc) {
		u := fmt.Sprintf("stories/story-%06d/", 2000+i%100)
		return slices.DeleteFunc(slices.Clone(docs), func(d Doc) bool { return d.URL == u }), docs
	}},
}

// BenchmarkIndexerRenumber10k runs each edit of renumberCases through
// Build, on syntheticDocs and on titledDocs.
func BenchmarkIndexerRenumber10k(b *testing.B) {
	corpora := []struct {
		name string
		docs []Doc
	}{{"Synthetic", syntheticDocs(10_000)}, {"Titled", titledDocs(10_000)}}
	for _, co := range corpora {
		for _, c := range renumberCases {
			b.Run(co.name+"/"+c.name, func(b *testing.B) {
				docs := siteOrder(slices.Clone(co.docs))
				ix := NewIndexer(Options{})
				if _, err := ix.Build(docs); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				b.ResetTimer()
				var cpu time.Duration
				known := true
				i := 0
				for b.Loop() {
					cpu0, ok0 := cpuTime()
					next, undo := c.change(docs, i)
					if _, err := ix.Build(next); err != nil {
						b.Fatal(err)
					}
					cpu1, ok1 := cpuTime()
					cpu += cpu1 - cpu0
					known = known && ok0 && ok1
					docs = next
					if undo != nil {
						b.StopTimer()
						if _, err := ix.Build(undo); err != nil {
							b.Fatal(err)
						}
						docs = undo
						b.StartTimer()
					}
					i++
				}
				if known && i > 0 {
					b.ReportMetric(float64(cpu.Microseconds())/1000/float64(i), "cpu-ms/op")
				}
			})
		}
	}
}
