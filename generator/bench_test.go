package generator

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ningbo-showcase/showcase/generator/corpus"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// BenchmarkBuild builds a generated corpus into an existing destination,
// as an everyday `showcase build` does (stale-page removal included).
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000} {
		src := b.TempDir()
		if err := corpus.Generate(src, corpus.Options{N: n, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		var size int64
		filepath.Walk(filepath.Join(src, "content"), func(_ string, fi os.FileInfo, err error) error {
			if err == nil && !fi.IsDir() {
				size += fi.Size()
			}
			return nil
		})
		story := filepath.Join(src, "content/stories")
		ents, err := os.ReadDir(story)
		if err != nil || len(ents) < 2 {
			b.Fatal("no stories", err)
		}
		story = filepath.Join(story, ents[len(ents)/2].Name())
		dest := filepath.Join(b.TempDir(), "public")
		// The cases of a rebuild into the last build's destination:
		// nothing changed (up to date), one story's body changed (the
		// page and text caches render and convert what it shows), and
		// every page rendered again (--ignoreCache, what a rebuild cost
		// before the caches).
		for _, c := range []struct {
			name   string
			ignore bool
			edit   bool
		}{{"noop", false, false}, {"story", false, true}, {"ignoreCache", true, false}} {
			b.Run(fmt.Sprintf("stories=%d/%s", n, c.name), func(b *testing.B) {
				opts := Options{Source: src, Dest: dest, Year: 2026, IgnoreCache: c.ignore}
				if _, err := Build(context.Background(), opts); err != nil {
					b.Fatal(err)
				}
				b.SetBytes(size)
				var cpu cpuMeter
				i := 0
				for b.Loop() {
					if c.edit {
						b.StopTimer()
						f, err := os.OpenFile(story, os.O_APPEND|os.O_WRONLY, 0)
						if err != nil {
							b.Fatal(err)
						}
						fmt.Fprintf(f, "\n第%d次修改。\n", i)
						f.Close()
						i++
						b.StartTimer()
					}
					cpu.start()
					if _, err := Build(context.Background(), opts); err != nil {
						b.Fatal(err)
					}
					cpu.stop()
				}
				cpu.report(b)
			})
		}
	}
}

// BenchmarkSessionEdit measures a dev-server rebuild after one story is
// edited: from the (debounced) change to the new site in memory. The corpus
// size is SHOWCASE_BENCH_N stories (default 1,000; the closing note of the
// live-preview issue quotes 10,000). The edits, each a patch of the last
// build: a sentence added to the body, the title changed, a metric's value
// changed (of a city-wide story, and of a county's, which the county sums
// add up), a tag added; and three that move the story in its lists
// (site.Site.Move): the date changed within its year, the region changed,
// an award's level changed. Then three that need a new model: a story
// added, deleted and renamed.
func BenchmarkSessionEdit(b *testing.B) {
	n := 1000
	if v := os.Getenv("SHOWCASE_BENCH_N"); v != "" {
		fmt.Sscan(v, &n)
	}
	src := b.TempDir()
	if err := corpus.Generate(src, corpus.Options{N: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	fsys, done, err := OpenSource(src)
	if err != nil {
		b.Fatal(err)
	}
	defer done()
	sess := NewSession(fsys, Options{Year: 2026, Drafts: true, LiveReload: "/__showcase/livereload.js"})
	if _, err := sess.Build(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	count := countPatches(sess)
	// Two YAML stories from the middle of the corpus: one with metrics
	// and tags, one of a county (its figures add to the county sums) with
	// metrics and awards too.
	stories, _ := filepath.Glob(filepath.Join(src, "content/stories/*.md"))
	find := func(county bool) (string, []byte) {
		for _, p := range stories[len(stories)/2:] {
			data, _ := os.ReadFile(p)
			if bytes.HasPrefix(data, []byte("---\n")) && bytes.Contains(data, []byte("\n  - name: ")) && bytes.Contains(data, []byte("\ntags: [")) && bytes.Contains(data, []byte("\ndate: ")) &&
				(!county || !bytes.Contains(data, []byte("\nregion: 宁波市\n")) && bytes.Contains(data, []byte("\nawards:\n  - level: "))) {
				return p, data
			}
		}
		b.Fatal("no YAML story with metrics and tags in the corpus")
		return "", nil
	}
	path, orig := find(false)
	cpath, corig := find(true)
	rel := func(p string) string {
		r, _ := filepath.Rel(src, p)
		return filepath.ToSlash(r)
	}
	value := regexp.MustCompile(`\n    value: [0-9.]+\n`)
	date := regexp.MustCompile(`\ndate: ([0-9]{4})-[0-9]{2}-[0-9]{2}\n`)
	region := regexp.MustCompile(`\nregion: [^\n]+\n`)
	level := regexp.MustCompile(`\nawards:\n  - level: [^\n]+\n`)
	edits := []struct {
		name   string
		county bool // the edit is of the county story
		moved  bool // the edit moves the story in its lists (site.Site.Move)
		edit   func(i int) []byte
	}{
		{"body", false, false, func(i int) []byte {
			return bytes.Replace(orig, []byte("\n---\n"), fmt.Appendf(nil, "\n---\n编辑第%d次。\n\n", i), 1)
		}},
		{"title", false, false, func(i int) []byte {
			return bytes.Replace(orig, []byte("\ntitle: "), fmt.Appendf(nil, "\ntitle: 第%d稿", i), 1)
		}},
		{"metric", false, false, func(i int) []byte {
			return value.ReplaceAll(orig, fmt.Appendf(nil, "\n    value: %d\n", 1000+i))
		}},
		{"tags", false, false, func(i int) []byte {
			return bytes.Replace(orig, []byte("\ntags: ["), fmt.Appendf(nil, "\ntags: [新标签%d, ", i%2), 1)
		}},
		{"date", false, true, func(i int) []byte {
			return date.ReplaceAll(orig, fmt.Appendf(nil, "\ndate: ${1}-%02d-%02d\n", 1+i%12, 1+i%28))
		}},
		{"region", false, true, func(i int) []byte {
			return region.ReplaceAll(orig, []byte("\nregion: "+[]string{"象山县", "宁海县"}[i%2]+"\n"))
		}},
	}
	edits = append(edits, []struct {
		name   string
		county bool
		moved  bool
		edit   func(i int) []byte
	}{
		{"county-metric", true, false, func(i int) []byte {
			return value.ReplaceAll(corig, fmt.Appendf(nil, "\n    value: %d\n", 1000+i))
		}},
		{"county-award", true, true, func(i int) []byte {
			// Two levels other than the award's own, in turn.
			var others []string
			for _, l := range []string{"国家级", "省级", "市级"} {
				if !bytes.Contains(level.Find(corig), []byte(l)) {
					others = append(others, l)
				}
			}
			return level.ReplaceAll(corig, []byte("\nawards:\n  - level: "+others[i%2]+"\n"))
		}},
	}...)
	for _, e := range edits {
		path, orig := path, orig
		if e.county {
			path, orig = cpath, corig
		}
		b.Run(e.name, func(b *testing.B) {
			// Start from the story as it was, so that each case makes its
			// own edit alone.
			if err := os.WriteFile(path, orig, 0o644); err != nil {
				b.Fatal(err)
			}
			if _, err := sess.Build(context.Background(), []string{rel(path)}); err != nil {
				b.Fatal(err)
			}
			i := 0
			patches, moves := count.patches, count.moves
			var cpu cpuMeter
			for b.Loop() {
				i++
				if err := os.WriteFile(path, e.edit(i), 0o644); err != nil {
					b.Fatal(err)
				}
				cpu.start()
				var err error
				pprof.Do(context.Background(), pprof.Labels("phase", "edit"), func(ctx context.Context) {
					_, err = sess.Build(ctx, []string{rel(path)})
				})
				if err != nil {
					b.Fatal(err)
				}
				cpu.stop()
			}
			cpu.report(b)
			if got, moved := count.patches-patches, count.moves-moves; got != i || e.moved && moved != i || !e.moved && moved != 0 {
				b.Fatalf("of %d builds %d patched, %d of them moved", i, got, moved)
			}
		})
	}
	os.WriteFile(path, orig, 0o644)
	os.WriteFile(cpath, corig, 0o644)

	// Files that come and go: a story added (a copy of the first story
	// under a new name, without its aliases), the same deleted again, and
	// the first story renamed back and forth. Each needs a new model.
	dir := filepath.Dir(path)
	aliases := regexp.MustCompile(`\naliases:[^\n]*(\n  - [^\n]*)*`)
	copied := aliases.ReplaceAll(orig, nil)
	var cpu cpuMeter
	build := func(b *testing.B, paths ...string) {
		for i, p := range paths {
			paths[i] = rel(p)
		}
		if _, err := sess.Build(context.Background(), paths); err != nil {
			b.Fatal(err)
		}
	}
	timed := func(b *testing.B, paths ...string) {
		cpu.start()
		pprof.Do(context.Background(), pprof.Labels("phase", "files"), func(ctx context.Context) {
			build(b, paths...)
		})
		cpu.stop()
	}
	b.Run("add", func(b *testing.B) {
		cpu = cpuMeter{}
		defer cpu.report(b)
		for i := 0; i < b.N; i++ {
			p := filepath.Join(dir, fmt.Sprintf("zz-bench-add-%d.md", i))
			if err := os.WriteFile(p, copied, 0o644); err != nil {
				b.Fatal(err)
			}
			timed(b, p)
			b.StopTimer()
			os.Remove(p)
			build(b, p)
			b.StartTimer()
		}
	})
	b.Run("delete", func(b *testing.B) {
		cpu = cpuMeter{}
		defer cpu.report(b)
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			p := filepath.Join(dir, fmt.Sprintf("zz-bench-delete-%d.md", i))
			if err := os.WriteFile(p, copied, 0o644); err != nil {
				b.Fatal(err)
			}
			build(b, p)
			b.StartTimer()
			os.Remove(p)
			timed(b, p)
		}
	})
	b.Run("rename", func(b *testing.B) {
		cpu = cpuMeter{}
		defer cpu.report(b)
		names := []string{path, filepath.Join(dir, "zz-bench-renamed.md")}
		for i := 0; i < b.N; i++ {
			from, to := names[i%2], names[(i+1)%2]
			if err := os.Rename(from, to); err != nil {
				b.Fatal(err)
			}
			timed(b, from, to)
		}
		if b.N%2 == 1 {
			os.Rename(names[1], names[0])
			build(b, names[1], names[0])
		}
	})
}

// cpuMeter adds up the CPU time of the process (all its threads) over the
// measured parts of a benchmark, and reports it per operation as cpu-ms/op:
// on a busy machine the wall time of an operation says more about the
// other processes than about the operation.
type cpuMeter struct {
	total, since time.Duration
	n            int
}

func (m *cpuMeter) start() { m.since = cpuTime() }

func (m *cpuMeter) stop() {
	m.total += cpuTime() - m.since
	m.n++
}

func (m *cpuMeter) report(b *testing.B) {
	if m.n > 0 && m.total > 0 {
		b.ReportMetric(float64(m.total)/float64(m.n)/1e6, "cpu-ms/op")
	}
}

// discard is a sink that counts bytes and keeps nothing.
type discard struct{ n atomic.Int64 }

func (d *discard) WriteFile(_ string, data []byte) error {
	d.n.Add(int64(len(data)))
	return nil
}

// BenchmarkRender measures the render stage alone — Markdown, templates,
// charts, feed, sitemap, search index and minification — over a loaded
// 1,000-story corpus, writing into a sink that keeps nothing. SetBytes is
// the size of the output.
func BenchmarkRender(b *testing.B) {
	fsys, s, theme, opts := loadBenchCorpus(b, 1000)
	var sink discard
	if err := Generate(context.Background(), fsys, theme, s, &sink, opts, nil); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(sink.n.Load())
	for b.Loop() {
		if err := Generate(context.Background(), fsys, theme, s, &discard{}, opts, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// benchSite is a generated corpus loaded and converted, with its theme,
// for the benchmarks of one stage.
type benchSite struct {
	s    *site.Site
	th   *render.Theme
	text *render.Text
	opts Options
}

// loadBenchCorpus generates a corpus of n stories and loads it and its
// theme as a build does; the source stays open until the benchmark ends.
func loadBenchCorpus(b *testing.B, n int) (fs.FS, *site.Site, fs.FS, Options) {
	src := b.TempDir()
	if err := corpus.Generate(src, corpus.Options{N: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	fsys, done, err := OpenSource(src)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(done)
	opts := Options{Year: 2026}
	s, _, err := Load(fsys, opts)
	if err != nil {
		b.Fatal(err)
	}
	theme, err := Theme(fsys, s)
	if err != nil {
		b.Fatal(err)
	}
	return fsys, s, theme, opts
}

// loadBenchSite is loadBenchCorpus up to the Markdown stage.
func loadBenchSite(b *testing.B, n int) benchSite {
	_, s, theme, opts := loadBenchCorpus(b, n)
	th, err := newTheme(theme, s, opts)
	if err != nil {
		b.Fatal(err)
	}
	text, err := convertText(context.Background(), s, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	return benchSite{s: s, th: th, text: text, opts: opts}
}

// BenchmarkStoryPages measures rendering and minifying the story pages of
// a 1,000-story corpus, the pages a build has most of, through the
// writer's spliced path; SetBytes is their size.
func BenchmarkStoryPages(b *testing.B) {
	bs := loadBenchSite(b, 1000)
	w := newWriter(&discard{}, bs.opts, bs.th.Root(), nil)
	var size int64
	for b.Loop() {
		r := render.New(bs.th, render.Input{Site: bs.s, Text: bs.text})
		size = 0
		for _, p := range r.StoryPages() {
			data, err := w.render(r, p)
			if err != nil {
				b.Fatal(err)
			}
			size += int64(len(data))
		}
	}
	b.SetBytes(size)
}
