package search

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"github.com/ningbo-showcase/showcase/internal/testenv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeSite writes Build output under dir.
func writeSite(t testing.TB, dir string, files []File) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func gzipLen(data []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, 6)
	w.Write(data)
	w.Close()
	return buf.Len()
}

// measurement is the output of measure.mjs.
type measurement struct {
	Queries []struct {
		Q     string `json:"q"`
		Total int    `json:"total"`
		Cold  struct {
			Requests int     `json:"requests"`
			Bytes    int     `json:"bytes"`
			Files    [][]any `json:"files"`
		} `json:"cold"`
		Keystroke struct {
			Requests int      `json:"requests"`
			Bytes    int      `json:"bytes"`
			Files    []string `json:"files"`
		} `json:"keystroke"`
		Docs        []int   `json:"docs"`
		MS          float64 `json:"ms_decode_and_rank"`
		MSCached    float64 `json:"ms_rank_cached"`
		CPUMS       float64 `json:"cpu_ms_decode_and_rank"`
		CPUMSCached float64 `json:"cpu_ms_rank_cached"`
	} `json:"queries"`
}

func measure(t testing.TB, dir, mode string, queries ...string) measurement {
	t.Helper()
	node := testenv.Require(t, "node", "", "install Debian's nodejs (make deps)")
	out, err := exec.Command(node, append([]string{"measure.mjs", dir, mode}, queries...)...).Output()
	if err != nil {
		t.Fatalf("node measure.mjs: %v", err)
	}
	var m measurement
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("measure.mjs output: %v\n%s", err, out)
	}
	return m
}

// budgetQueries are the queries the 10,000-story budget is checked on:
// one- to 24-character Chinese (the 12- and 16-character runs are phrases
// of the corpus, the 24-character one has its parts apart), two and five
// words, pinyin, and the corpus's most common bigram.
var budgetQueries = []string{"慈溪", "融资", "商会互助", "cixi", "cx", "紧固件", "创新", "象山 调解", "民主党派基层组织", "人民调解委员会",
	"行业协会搭建协商议事平台", "非公有制经济人士推进商会人民调解", "党外知识分子联谊会建立党外代表人士数据库帮助中小", "象山 商会 融资 调解 创业"}

// TestBudget10k measures what a cold start costs at 10,000 stories: the
// page, the theme's stylesheet and scripts, and every search file search.js
// fetches (the meta file, shards and document chunks) to show the first 10
// results with snippets; and what a keystroke adds. The page is
// search.html plus an allowance for the real base layout (whose favicon is
// a data: URI, so it costs no request). It also checks that search.js and the Go Index rank this large
// index alike.
func TestBudget10k(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIPPED in -short: builds a 10,000-story index")
	}
	dir := t.TempDir()
	files, err := Build(syntheticDocs(10_000), Options{})
	if err != nil {
		t.Fatal(err)
	}
	writeSite(t, dir, files)
	m := measure(t, dir, "budget", budgetQueries...)
	crossCheck(t, dir)

	// Fixed costs: the page and the theme's assets.
	fixedBytes, fixedReqs := 0, 1
	page, err := os.ReadFile(filepath.Join(themeDir, "layouts/search.html"))
	if err != nil {
		t.Fatal(err)
	}
	const baseLayoutAllowance = 2048 // gzip bytes of the real header and footer
	fixedBytes += gzipLen(page) + baseLayoutAllowance
	for _, a := range []string{"css/style.css", "js/prefs.js", "js/search.js"} {
		data, err := os.ReadFile(filepath.Join(themeDir, "assets", a))
		if err != nil {
			if a == "js/search.js" {
				t.Fatal(err)
			}
			continue
		}
		fixedBytes += gzipLen(data)
		fixedReqs++
	}
	t.Logf("fixed: %d requests (page, stylesheet, prefs.js, search.js), %d bytes gzip (page allowance %d); the cold figures add search/meta.bin and the shards and chunks",
		fixedReqs, fixedBytes, baseLayoutAllowance)
	for _, q := range m.Queries {
		bytes := fixedBytes + q.Cold.Bytes
		reqs := fixedReqs + q.Cold.Requests
		t.Logf("%-10s %5d results: cold %2d requests %6d bytes; next keystroke %2d requests %6d bytes",
			q.Q, q.Total, reqs, bytes, q.Keystroke.Requests, q.Keystroke.Bytes)
		if bytes > 150*1024 || reqs > 20 {
			t.Errorf("%q: cold start %d bytes in %d requests, budget 153600 bytes in 20", q.Q, bytes, reqs)
		}
		cold := map[string]bool{}
		for _, f := range q.Cold.Files {
			cold[f[0].(string)] = true
		}
		for _, f := range q.Keystroke.Files {
			if !strings.HasPrefix(f, "search/t/") && !strings.HasPrefix(f, "search/p/") && !strings.HasPrefix(f, "search/d/") {
				t.Errorf("%q: keystroke fetched %s", q.Q, f)
			}
		}
	}
}

// BenchmarkQuery100k builds a 100,000-story index and reports the query
// time of search.js in Node with the files fetched: decoding the postings
// and ranking the top 10, and ranking with decoded postings cached. Both
// wall time and the process's CPU time are reported, the worst query of
// the set counting; CPU time is the figure that holds on a busy machine.
func BenchmarkQuery100k(b *testing.B) {
	dir := b.TempDir()
	files, err := Build(syntheticDocs(100_000), Options{})
	if err != nil {
		b.Fatal(err)
	}
	writeSite(b, dir, files)
	b.ResetTimer()
	var worst, worstCached, worstCPU, worstCPUCached float64
	for b.Loop() {
		m := measure(b, dir, "time", append(budgetQueries, "帮助中小企业缓解融资难题", "")...)
		for _, q := range m.Queries {
			b.Logf("%-14q %6d results: decode+rank %.1f ms (CPU %.1f ms), rank %.1f ms (CPU %.1f ms)",
				q.Q, q.Total, q.MS, q.CPUMS, q.MSCached, q.CPUMSCached)
			worst = max(worst, q.MS)
			worstCached = max(worstCached, q.MSCached)
			worstCPU = max(worstCPU, q.CPUMS)
			worstCPUCached = max(worstCPUCached, q.CPUMSCached)
		}
	}
	b.ReportMetric(worst, "worst-ms/query")
	b.ReportMetric(worstCPU, "worst-cpu-ms/query")
	b.ReportMetric(worstCached, "worst-cached-ms/query")
	b.ReportMetric(worstCPUCached, "worst-cached-cpu-ms/query")
}

// crossCheck compares the first 20 results of search.js with those of the Go
// Index on a large index, where ties, pinyin and long posting lists occur.
func crossCheck(t *testing.T, dir string) {
	t.Helper()
	crossCheckQueries(t, dir, append(slices.Clone(budgetQueries), "帮助中小企业缓解融资难题", "xs", "xiangshan 2010", "",
		"象山 慈溪 融资 调解 商会 创新", "民主党派基层组织 组建人民调解委员会 cixi"))
}

// TestCrossCheckUnlistedTrigrams compares search.js with the Go Index on an
// index whose shards name many trigrams without their lists (so that a
// run's phrase check uses some of its trigrams and skips others), with
// short and long runs (exact, stride-4 and thinned covers).
func TestCrossCheckUnlistedTrigrams(t *testing.T) {
	dir := t.TempDir()
	files, err := Build(syntheticDocs(300), Options{TrigramBytes: 800})
	if err != nil {
		t.Fatal(err)
	}
	writeSite(t, dir, files)
	crossCheckQueries(t, dir, []string{"镇商会牵头设立互助基金", "异地商会牵头设立互助基金", "商会互助", "民主党派基层组织", "人民调解委员会", "建立矛盾纠纷排查机制",
		"行业协会搭建协商议事平台", "非公有制经济人士推进商会人民调解", "党外知识分子联谊会建立党外代表人士数据库帮助中小",
		"民主党派基层组织 组建人民调解委员会 cixi", "象山 商会 融资 调解 创业"})
}

// crossCheckQueries compares the total and first 20 results of search.js
// with those of the Go Index for each query.
func crossCheckQueries(t *testing.T, dir string, queries []string) {
	t.Helper()
	m := measure(t, dir, "top", queries...)
	ix, err := Open(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range m.Queries {
		res, err := ix.Search(Query{Text: queries[i]}, 0, 20)
		if err != nil {
			t.Fatal(err)
		}
		var want []int
		for _, h := range res.Hits {
			want = append(want, h.Doc)
		}
		if res.Total != q.Total || !slices.Equal(want, q.Docs) {
			t.Errorf("%q: search.js found %d, first %v; Go found %d, first %v", queries[i], q.Total, q.Docs, res.Total, want)
		}
	}
}
