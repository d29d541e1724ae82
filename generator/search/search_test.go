package search

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func buildFS(t testing.TB, docs []Doc) (fstest.MapFS, []File) {
	t.Helper()
	files, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{}
	for _, f := range files {
		m[f.Path] = &fstest.MapFile{Data: f.Data}
	}
	return m, files
}

func openTest(t testing.TB) *Index {
	t.Helper()
	m, _ := buildFS(t, testDocs())
	ix, err := Open(m)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func urls(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, strings.TrimSuffix(strings.TrimPrefix(h.URL, "stories/"), "/"))
	}
	return out
}

func TestRanking(t *testing.T) {
	ix := openTest(t)
	tests := []struct {
		name  string
		q     string
		first []string // the leading hits, in order
		all   []string // when set, exactly these hits
	}{
		{"phrase above parts", "紧固件", []string{"fastener-industry", "firmware-parts"}, []string{"fastener-industry", "firmware-parts"}},
		{"phrase inside a word", "固件", []string{"firmware-parts", "fastener-industry"}, []string{"firmware-parts", "fastener-industry"}},
		{"title boost", "融资", []string{"finance-title", "finance-body"}, nil},
		{"one character", "慈", []string{"cixi-second-generation"}, []string{"cixi-second-generation"}},
		{"pinyin full", "cixi", []string{"cixi-second-generation"}, []string{"cixi-second-generation"}},
		{"pinyin initials", "cx", []string{"cixi-second-generation"}, nil},
		{"pinyin tag", "chuangerdai", []string{"cixi-second-generation"}, []string{"cixi-second-generation"}},
		{"pinyin prefix while typing", "chuanger", []string{"cixi-second-generation"}, nil},
		// Equal scores: newer year first, then URL order.
		{"pinyin region", "xiangshan", []string{"xiangshan-fishery", "xizhou-chamber-mutual-fund", "xiangshan-2015"}, nil},
		{"full-width query", "ＡＰＰ", []string{"full-width"}, []string{"full-width"}},
		{"latin word", "app", []string{"full-width"}, []string{"full-width"}},
		{"two clauses", "象山 融资", nil, []string{"xizhou-chamber-mutual-fund", "xiangshan-fishery"}},
		{"markup is text", "onerror", []string{"markup-title"}, []string{"markup-title"}},
		{"no match", "火星", nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(Query{Text: tt.q}, 0, 20)
			if err != nil {
				t.Fatal(err)
			}
			got := urls(res.Hits)
			if len(got) < len(tt.first) || !slices.Equal(got[:len(tt.first)], tt.first) {
				t.Errorf("Search(%q) = %v, want it to start with %v", tt.q, got, tt.first)
			}
			if tt.all != nil {
				g := slices.Clone(got)
				w := slices.Clone(tt.all)
				slices.Sort(g)
				slices.Sort(w)
				if !slices.Equal(g, w) && !(len(g) == 0 && len(w) == 0) {
					t.Errorf("Search(%q) = %v, want exactly %v", tt.q, got, tt.all)
				}
			}
		})
	}
}

func TestPhraseBeatsScore(t *testing.T) {
	// The parts-apart story has more occurrences of each bigram; the phrase
	// still wins.
	ix := openTest(t)
	res, err := ix.Search(Query{Text: "紧固件"}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 2 || res.Hits[0].Phrases != 1 || res.Hits[1].Phrases != 0 || res.Hits[1].Score <= res.Hits[0].Score {
		t.Errorf("hits = %+v, want the phrase first although the other scores higher", res.Hits)
	}
}

func count(vals []FacetValue, v string) int {
	for _, f := range vals {
		if f.Value == v {
			return f.Count
		}
	}
	return -1
}

func TestFacets(t *testing.T) {
	ix := openTest(t)
	tests := []struct {
		name    string
		q       Query
		want    []string
		regions map[string]int
		years   map[string]int
		levels  map[string]int
	}{
		{"browse region and year", Query{Region: "xiangshan", Year: 2016},
			[]string{"xiangshan-fishery", "xizhou-chamber-mutual-fund"},
			map[string]int{"xiangshan": 2, "haishu": 1, "ningbo": 1, "yuyao": 1, "cixi": 0},
			map[string]int{"2016": 2, "2015": 1, "2014": 0},
			map[string]int{"provincial": 1, "county": 1, "national": 0}},
		{"level", Query{Level: "national"}, []string{"fastener-industry"},
			map[string]int{"haishu": 1, "xiangshan": 0}, map[string]int{"2016": 1},
			map[string]int{"national": 1, "provincial": 2, "municipal": 2, "county": 1}},
		{"query and category", Query{Text: "融资", Category: "stability"}, []string{"xiangshan-fishery"},
			map[string]int{"xiangshan": 1}, map[string]int{"2016": 1},
			map[string]int{"county": 1, "provincial": 0}},
		{"unknown value", Query{Region: "mars"}, nil, map[string]int{"xiangshan": 3}, map[string]int{"2016": 0}, nil},
		// Default order: newer year first, then URL.
		{"browse all in default order", Query{}, []string{"fastener-industry", "full-width", "markup-title", "xiangshan-fishery",
			"xizhou-chamber-mutual-fund", "cixi-second-generation", "xiangshan-2015", "finance-body", "firmware-parts", "finance-title"}, nil, nil, nil},
		{"browse a page in default order", Query{Year: 2016}, []string{"fastener-industry", "full-width", "markup-title", "xiangshan-fishery",
			"xizhou-chamber-mutual-fund"}, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(tt.q, 0, 20)
			if err != nil {
				t.Fatal(err)
			}
			if got := urls(res.Hits); !slices.Equal(got, tt.want) {
				t.Errorf("hits = %v, want %v", got, tt.want)
			}
			if res.Total != len(tt.want) {
				t.Errorf("total = %d, want %d", res.Total, len(tt.want))
			}
			for v, n := range tt.regions {
				if c := count(res.Regions, v); c != n {
					t.Errorf("region %s count = %d, want %d", v, c, n)
				}
			}
			for v, n := range tt.years {
				if c := count(res.Years, v); c != n {
					t.Errorf("year %s count = %d, want %d", v, c, n)
				}
			}
			for v, n := range tt.levels {
				if c := count(res.Levels, v); c != n {
					t.Errorf("level %s count = %d, want %d", v, c, n)
				}
			}
		})
	}
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		q    string
		want []Clause
	}{
		{"", nil},
		{"慈", []Clause{{Terms: []string{"慈"}, Offsets: []int{0}}}},
		{"紧固件", []Clause{{Terms: []string{"紧固", "固件"}, Offsets: []int{0, 1}, Trigrams: []string{"紧固件"}, Via: []string{"紧固"}}}},
		{"西周镇商会", []Clause{{Terms: []string{"西周", "镇商", "商会"}, Offsets: []int{0, 2, 3},
			Trigrams: []string{"西周镇", "周镇商", "镇商会"}, Via: []string{"西周", "镇商", "镇商"}}}},
		{"商会互助", []Clause{{Terms: []string{"商会", "互助"}, Offsets: []int{0, 2},
			Trigrams: []string{"商会互", "会互助"}, Via: []string{"商会", "互助"}}}},
		{"宁波 象山", []Clause{{Terms: []string{"宁波"}, Offsets: []int{0}}, {Terms: []string{"象山"}, Offsets: []int{0}}}},
		{"cx 2016", []Clause{{Terms: []string{"cx"}, Offsets: []int{0}, Pinyin: "cx"}, {Terms: []string{"2016"}, Offsets: []int{0}}}},
		{"a", []Clause{{Terms: []string{"a"}, Offsets: []int{0}}}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			if got := ParseQuery(tt.q); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseQuery(%q) = %+v, want %+v", tt.q, got, tt.want)
			}
		})
	}
}

func TestPinyinKeys(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"慈溪市", []string{"cixishi", "cxs", "xishi", "xs", "shi"}},
		{"创二代", []string{"chuangerdai", "ced"}},
		{"行业", []string{"xingye", "hangye", "xy", "hy"}},
		{"APP平台", []string{"pingtai", "pt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			PinyinKeys(tt.name, func(k string) { got = append(got, k) })
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("PinyinKeys(%q) = %v, missing %q", tt.name, got, w)
				}
			}
			for _, k := range got {
				if len(k) < 2 || strings.Trim(k, "abcdefghijklmnopqrstuvwxyz") != "" {
					t.Errorf("bad key %q", k)
				}
			}
		})
	}
}

func TestShards(t *testing.T) {
	docs := syntheticDocs(300)
	m, files := buildFS(t, docs)
	ix, err := Open(m)
	if err != nil {
		t.Fatal(err)
	}
	meta := ix.Meta()
	if meta.Shards < 2 || meta.Shards&(meta.Shards-1) != 0 {
		t.Fatalf("shards = %d, want a power of two above 1 at 300 docs", meta.Shards)
	}
	if got, want := len(meta.DocHashes), meta.Ranges; got != want {
		t.Errorf("%d document chunk hashes, want %d", got, want)
	}
	if got := len(meta.TermHashes); got != meta.Shards {
		t.Errorf("%d term shard hashes, want %d", got, meta.Shards)
	}
	// Every term of every doc is in the shard ShardOf names, with the doc.
	for i, d := range docs[:20] {
		for _, tok := range Tokenize(d.Title + " " + d.Body) {
			l, df, err := ix.term(tok.Term)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := l[i]; !ok || df == 0 {
				t.Fatalf("term %q of doc %d not in shard %d", tok.Term, i, ShardOf(tok.Term, meta.Shards))
			}
		}
	}
	// Files are grouped: far fewer files than docs, all under search/.
	chunks := 0
	for _, f := range files {
		if strings.HasPrefix(f.Path, "search/d/") {
			chunks++
		}
	}
	if chunks != meta.Ranges || chunks < len(docs)/10 || chunks > len(docs)/6+1 {
		t.Errorf("%d document-table files for %d docs in %d ranges, want one per range, of 6 to 10 docs", chunks, len(docs), meta.Ranges)
	}
	for _, f := range files {
		if !strings.HasPrefix(f.Path, "search/") {
			t.Errorf("file %s outside search/", f.Path)
		}
	}
	tests := []struct {
		term string
		n    int
		want int
	}{
		{"", 8, 5},       // FNV offset basis 0x811c9dc5 & 7
		{"a", 1024, 300}, // 0xe40c292c & 1023
	}
	for _, tt := range tests {
		t.Run(tt.term, func(t *testing.T) {
			if got := ShardOf(tt.term, tt.n); got != tt.want {
				t.Errorf("ShardOf(%q, %d) = %d, want %d", tt.term, tt.n, got, tt.want)
			}
		})
	}
}

func TestBuildErrors(t *testing.T) {
	_, err := Build([]Doc{{URL: "stories/a/", Levels: []string{"galactic"}}}, Options{})
	if err == nil || !strings.Contains(err.Error(), "stories/a/") {
		t.Errorf("err = %v, want an unknown-level error naming the doc", err)
	}
	files, err := Build(nil, Options{})
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
	if res, err := ix.Search(Query{Text: "慈溪"}, 0, 10); err != nil || res.Total != 0 {
		t.Errorf("empty index: %+v, %v", res, err)
	}
}

const fixtureDir = "testdata/fixture"

// TestFixture checks that Build is deterministic and that the committed
// index of testDocs (read by js_test.mjs) is current.
func TestFixture(t *testing.T) {
	_, a := buildFS(t, testDocs())
	_, b := buildFS(t, testDocs())
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two builds of the same docs differ")
	}
	if *update {
		os.RemoveAll(fixtureDir)
		for _, f := range a {
			p := filepath.Join(fixtureDir, filepath.FromSlash(f.Path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	n := 0
	err := filepath.Walk(fixtureDir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(a) {
		t.Errorf("fixture has %d files, build has %d; run go test -update", n, len(a))
	}
	for _, f := range a {
		data, err := os.ReadFile(filepath.Join(fixtureDir, filepath.FromSlash(f.Path)))
		if err != nil || !bytes.Equal(data, f.Data) {
			t.Errorf("fixture %s is stale (%v); run go test -update", f.Path, err)
		}
	}
}

// rankingVector is one query and the Go engine's answer; js_test.mjs
// checks that search.js gives the same.
type rankingVector struct {
	Query  Query          `json:"query"`
	Total  int            `json:"total"`
	Docs   []int          `json:"docs"`
	Counts [4][]int       `json:"counts"`
	Extra  map[string]any `json:"extra,omitempty"`
}

var rankingQueries = []Query{
	{Text: "紧固件"}, {Text: "固件"}, {Text: "融资"}, {Text: "慈"}, {Text: "cixi"}, {Text: "cx"}, {Text: "chuangerdai"},
	{Text: "xiangshan"}, {Text: "ＡＰＰ"}, {Text: "象山 融资"}, {Text: "onerror"}, {Text: "火星"}, {Text: "西周镇商会"},
	{Region: "xiangshan", Year: 2016}, {Level: "national"}, {Text: "融资", Category: "stability"}, {Region: "mars"}, {},
	{Text: "服务", Level: "provincial"}, {Text: "xs 2016"}, {Text: "创新"}, {Text: "平台", Year: 2013},
	// Over the lookup budget: stride-4 and thinned covers.
	{Text: "西周镇商会牵头企业共同出资"}, {Text: "象山县西周镇商会牵头，35家企业共同出资7000万元设立互助基金"},
	{Text: "中心帮助企业对接银行解决融资问题 xiangshan"}, {Text: "象山 慈溪 融资 调解 商会 服务"},
}

func TestRankingVectors(t *testing.T) {
	ix := openTest(t)
	var vs []rankingVector
	for _, q := range rankingQueries {
		res, err := ix.Search(q, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		v := rankingVector{Query: q, Total: res.Total, Docs: []int{}}
		for _, h := range res.Hits {
			v.Docs = append(v.Docs, h.Doc)
		}
		for f, vals := range [][]FacetValue{res.Regions, res.Categories, res.Years, res.Levels} {
			for _, c := range vals {
				v.Counts[f] = append(v.Counts[f], c.Count)
			}
		}
		vs = append(vs, v)
	}
	data, err := json.MarshalIndent(vs, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	const p = "testdata/ranking-vectors.json"
	if *update {
		if err := os.WriteFile(p, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bytes.TrimSpace(old), data) {
		t.Errorf("%s is stale; run go test -update", p)
	}
}

func TestPhraseLengths(t *testing.T) {
	// For runs of 2 to 6 characters, a story with the run as a phrase ranks
	// above stories that have its parts apart more often, and every story
	// with all parts is found.
	runs := []string{"互助", "商会互", "商会互助", "西周镇商会", "紧固件行业协"}
	for _, run := range runs {
		t.Run(run, func(t *testing.T) {
			rs := []rune(run)
			mid := len(rs) / 2
			apart := string(rs[:mid+1]) + "，" + string(rs[mid:]) + "。"
			if len(rs) == 2 {
				apart = run // a bigram has no parts to split
			}
			docs := []Doc{
				{URL: "apart/", Title: "分开", Body: strings.Repeat(apart+"其他内容。", 4)},
				{URL: "phrase/", Title: "连续", Body: "正文里有" + run + "这个短语，别的都没有。"},
				{URL: "none/", Title: "无关", Body: "完全无关的正文。"},
			}
			m, _ := buildFS(t, docs)
			ix, err := Open(m)
			if err != nil {
				t.Fatal(err)
			}
			res, err := ix.Search(Query{Text: run}, 0, 10)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, h := range res.Hits {
				got = append(got, h.URL)
			}
			want := []string{"phrase/", "apart/"}
			if len(rs) == 2 {
				want = []string{"apart/", "phrase/"} // both have the phrase; more occurrences win
			}
			if !slices.Equal(got, want) {
				t.Errorf("Search(%q) = %v, want %v", run, got, want)
			}
		})
	}
}

// FuzzOpen corrupts the files of a small index: Open and Search may fail
// but never panic.
func FuzzOpen(f *testing.F) {
	base, files := buildFS(f, testDocs())
	for i := range files {
		f.Add(i, 0, byte(0))
		f.Add(i, 1, byte(0xff))
	}
	f.Fuzz(func(t *testing.T, file, at int, b byte) {
		m := fstest.MapFS{}
		for p, v := range base {
			m[p] = &fstest.MapFile{Data: v.Data}
		}
		if file < 0 || file >= len(files) {
			return
		}
		data := slices.Clone(files[file].Data)
		if len(data) > 0 {
			data[((at%len(data))+len(data))%len(data)] = b
		}
		m[files[file].Path] = &fstest.MapFile{Data: data}
		ix, err := Open(m)
		if err != nil {
			return
		}
		for _, q := range []Query{{Text: "紧固件"}, {Text: "cixi"}, {Text: "融资", Region: "xiangshan"}, {}} {
			ix.Search(q, 0, 10)
		}
	})
}

// TestJSONEscapesMarkup checks that no JSON the index writes (document
// chunks, the meta header) holds a raw <, > or &, and that the
// escaped text decodes to the original.
func TestJSONEscapesMarkup(t *testing.T) {
	docs := append(testDocs(), Doc{URL: "stories/hostile/?a=1&b=<2>", Title: "标题</script><!--&amp;", Summary: "摘要<script>alert(1)</script>",
		Body: "正文 & <b>", Region: "<script>区</script>", RegionSlug: "x<y", Category: "类别&<>", CategorySlug: "c&d", Year: 2016})
	m, files := buildFS(t, docs)
	for _, f := range files {
		data := f.Data
		if strings.HasPrefix(f.Path, "search/meta.") {
			hl, n := binary.Uvarint(data)
			data = data[n : n+int(hl)]
		} else if !strings.HasSuffix(f.Path, ".json") {
			continue
		}
		if i := bytes.IndexAny(data, "<>&"); i >= 0 {
			t.Errorf("%s: raw %q at offset %d", f.Path, data[i], i)
		}
	}
	ix, err := Open(m)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(Query{Text: "摘要", Region: "x<y"}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].URL != docs[len(docs)-1].URL || res.Hits[0].Title != docs[len(docs)-1].Title {
		t.Errorf("hits = %+v, want the hostile doc with its URL and title intact", res.Hits)
	}
}
