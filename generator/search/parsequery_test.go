package search

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

const parseVectorsPath = "testdata/parse-query-vectors.json"

// parseVector is one shared ParseQuery test case; js_test.mjs checks that
// parseQuery gives the same clauses and lookup count.
type parseVector struct {
	Name    string         `json:"name"`
	In      string         `json:"in"`
	Lookups int            `json:"lookups"`
	Out     []parseClauses `json:"out"`
}

type parseClauses struct {
	Terms    []string `json:"terms"`
	Offsets  []int    `json:"offsets"`
	Pinyin   string   `json:"pinyin"`
	Trigrams []string `json:"trigrams"`
	Via      []string `json:"via"`
}

// longText is Chinese text to cut long query runs from.
const longText = "帮助中小企业缓解融资难题建立民主党派基层组织参与人民调解委员会化解矛盾纠纷推动商会互助基金发展"

func runOf(n int) string { return string([]rune(longText)[:n]) }

// parseInputs are the cases of the shared ParseQuery vectors; -update
// recomputes their outputs.
var parseInputs = [][2]string{
	{"empty", ""},
	{"one character", "慈"},
	{"bigram", "慈溪"},
	{"three", "紧固件"},
	{"four", "商会互助"},
	{"five", "西周镇商会"},
	{"eight", "民主党派基层组织"},
	{"ten", runOf(10)},
	{"twelve", runOf(12)},
	{"thirteen", runOf(13)},
	{"sixteen", runOf(16)},
	{"twenty", runOf(20)},
	{"twenty-one", runOf(21)},
	{"twenty-four", runOf(24)},
	{"thirty-two", runOf(32)},
	{"whole text", longText},
	{"pinyin", "cixi"},
	{"initials and digits", "cx 2016"},
	{"pinyin and year", "xiangshan 2010"},
	{"shared prefix", "cixi ci cixishi"},
	{"two words", "象山 调解"},
	{"word and eight", "象山 民主党派基层组织"},
	{"eight and pinyin", "民主党派基层组织 cixi"},
	{"four, eight and two", "商会互助 民主党派基层组织 融资"},
	{"two eights", "民主党派基层组织 帮助中小企业缓解"},
	{"three long runs", "民主党派基层组织 帮助中小企业缓解融资 人民调解委员会化解"},
	{"five words", "象山 慈溪 融资 调解 商会"},
	{"six words", "象山 慈溪 融资 调解 商会 创新"},
	{"three pinyin words", "cixi xiangshan ningbo"},
	{"repeated", "慈溪 慈溪 慈溪 慈溪 慈溪 慈溪"},
	{"mixed run and latin", "APP平台建设运营管理服务体系"},
	{"full-width", "ＡＰＰ民主党派基层组织建设"},
	{"longer than read", strings.Repeat(longText+"，", 6) + " cixi"},
	{"cut inside a run", strings.Repeat("象", 250) + "山区县城"},
}

func toParseClauses(cs []Clause) []parseClauses {
	out := []parseClauses{}
	for _, c := range cs {
		p := parseClauses{Terms: c.Terms, Offsets: c.Offsets, Pinyin: c.Pinyin, Trigrams: c.Trigrams, Via: c.Via}
		if p.Trigrams == nil {
			p.Trigrams, p.Via = []string{}, []string{}
		}
		out = append(out, p)
	}
	return out
}

func TestParseQueryVectors(t *testing.T) {
	if *update {
		var vs []parseVector
		for _, in := range parseInputs {
			cs := ParseQuery(in[1])
			vs = append(vs, parseVector{Name: in[0], In: in[1], Lookups: Lookups(cs), Out: toParseClauses(cs)})
		}
		data, err := json.MarshalIndent(vs, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(parseVectorsPath, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(parseVectorsPath)
	if err != nil {
		t.Fatal(err)
	}
	var vs []parseVector
	if err := json.Unmarshal(data, &vs); err != nil {
		t.Fatal(err)
	}
	if len(vs) != len(parseInputs) {
		t.Fatalf("%s has %d vectors, want %d; run go test -update", parseVectorsPath, len(vs), len(parseInputs))
	}
	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			cs := ParseQuery(v.In)
			if got := toParseClauses(cs); !reflect.DeepEqual(got, v.Out) || Lookups(cs) != v.Lookups {
				t.Errorf("ParseQuery(%q) = %+v (%d lookups)\nwant %+v (%d)", v.In, got, Lookups(cs), v.Out, v.Lookups)
			}
		})
	}
}

func TestParseQueryBudget(t *testing.T) {
	tests := []struct {
		q       string
		offsets [][]int // per clause
		lookups int
	}{
		// Within the budget every run keeps its exact cover.
		{"民主党派基层组织", [][]int{{0, 2, 4, 6}}, 4},
		{"象山 民主党派基层组织", [][]int{{0}, {0, 2, 4, 6}}, 5},
		// Over it, the longest run switches to stride 4 first.
		{"民主党派基层组织 cixi", [][]int{{1, 5}, {0}}, 4},
		{"商会互助 民主党派基层组织 融资", [][]int{{0, 2}, {1, 5}, {0}}, 5},
		{runOf(12), [][]int{{1, 5, 9}}, 3},
		{runOf(13), [][]int{{1, 5, 9, 11}}, 4},
		{runOf(16), [][]int{{1, 5, 9, 13}}, 4},
		{runOf(20), [][]int{{1, 5, 9, 13, 17}}, 5},
		// Then thinned evenly, first and last kept.
		{runOf(24), [][]int{{1, 5, 13, 17, 21}}, 5},
		{runOf(32), [][]int{{1, 9, 17, 21, 29}}, 5},
		{"民主党派基层组织 帮助中小企业缓解融资 人民调解委员会化解", [][]int{{1, 5}, {5}, {1, 7}}, 5},
		// Six one-lookup clauses cannot fit.
		{"象山 慈溪 融资 调解 商会 创新", [][]int{{0}, {0}, {0}, {0}, {0}, {0}}, 6},
		// Repeated terms are looked up once.
		{"慈溪 慈溪 慈溪 慈溪 慈溪 慈溪", [][]int{{0}, {0}, {0}, {0}, {0}, {0}}, 1},
		{"cixi ci cixishi", [][]int{{0}, {0}, {0}}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			cs := ParseQuery(tt.q)
			var offs [][]int
			for _, c := range cs {
				offs = append(offs, c.Offsets)
			}
			if !reflect.DeepEqual(offs, tt.offsets) || Lookups(cs) != tt.lookups {
				t.Errorf("ParseQuery(%q): offsets %v, %d lookups; want %v, %d", tt.q, offs, Lookups(cs), tt.offsets, tt.lookups)
			}
		})
	}
}

// TestParseQueryCovers checks, over random queries, that a query of at
// most MaxLookups lookups' worth of clauses fits the budget, that every
// term is the run's bigram at its offset and every trigram is held by
// the shard of a term, and that a run not thinned has every character in
// a term or a trigram.
func TestParseQueryCovers(t *testing.T) {
	rs := []rune(longText)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		var parts []string
		minimum := 0
		for range 1 + rng.IntN(4) {
			switch rng.IntN(4) {
			case 0:
				parts = append(parts, []string{"cixi", "xs", "2016", "app"}[rng.IntN(4)])
				minimum += 2
			default:
				n := 1 + rng.IntN(30)
				s := rng.IntN(len(rs) - n + 1)
				parts = append(parts, string(rs[s:s+n]))
				minimum++
			}
		}
		q := strings.Join(parts, " ")
		cs := ParseQuery(q)
		if minimum <= MaxLookups && Lookups(cs) > MaxLookups {
			t.Errorf("%d: %q: %d lookups", i, q, Lookups(cs))
		}
		for ci, c := range cs {
			if len(c.Terms) == 0 || len(c.Terms) != len(c.Offsets) || len(c.Trigrams) != len(c.Via) {
				t.Fatalf("%q: clause %d: %+v", q, ci, c)
			}
			if !IsHan(firstRune(c.Terms[0])) {
				continue
			}
			run := runOfClause(t, parts, cs, ci)
			covered := make([]bool, len(run))
			for k, term := range c.Terms {
				o := c.Offsets[k]
				if string(run[o:o+2]) != term && len(run) > 1 {
					t.Errorf("%q: term %q at %d", q, term, o)
				}
				for j := o; j < min(o+2, len(run)); j++ {
					covered[j] = true
				}
			}
			for k, tg := range c.Trigrams {
				first, last := trigramShards(tg)
				if c.Via[k] != first && c.Via[k] != last || !contains(c.Terms, c.Via[k]) {
					t.Errorf("%q: trigram %q via %q", q, tg, c.Via[k])
				}
				idx := strings.Index(string(run), tg)
				for j := range 3 {
					covered[utf8.RuneCountInString(string(run)[:idx])+j] = true
				}
			}
			if len(c.Terms) >= len(stride4Cover(max(len(run), 2))) {
				for j, ok := range covered {
					if !ok {
						t.Errorf("%q: clause %d: character %d (%c) not covered", q, ci, j, run[j])
					}
				}
			}
		}
	}
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

// runOfClause returns the Han run of clause ci: the queries built by
// TestParseQueryCovers have one clause per part.
func runOfClause(t *testing.T, parts []string, cs []Clause, ci int) []rune {
	t.Helper()
	if len(parts) != len(cs) {
		t.Fatalf("%d parts, %d clauses", len(parts), len(cs))
	}
	return []rune(parts[ci])
}
