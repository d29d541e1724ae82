package search

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// BM25 parameters, shared with search.js.
const (
	K1           = 1.2
	B            = 0.75
	PinyinWeight = 2.0
)

// MaxQueryRunes is the number of characters of a query that [ParseQuery]
// reads; the rest is ignored, which bounds the work of fitting the query
// into its lookups.
const MaxQueryRunes = 256

// MaxLookups is the number of shard lookups (term shards and pinyin
// shards) that [ParseQuery] fits a query into, so that a cold start stays
// within its request budget.
const MaxLookups = 5

// Clause is one part of a parsed query that a document must match: a run of
// Han characters (searched as bigrams of the run, at their offsets in the
// run, or as one character) or a Latin word (searched as a word and, when
// it is letters only, as a pinyin prefix).
//
// A run of three or more characters also lists the trigrams that the
// shards of its bigrams hold: each bigram's shard keeps the trigram that
// starts with it and the one that ends with it (Via names the bigram each
// trigram is read through). A document that has them all contains the run
// as a phrase (exactly so for three characters; for longer runs, up to
// trigrams that occur apart, which natural text practically never has).
type Clause struct {
	Terms    []string
	Offsets  []int
	Pinyin   string   // the pinyin prefix to look up, or ""
	Trigrams []string // trigrams for the phrase check, in run order
	Via      []string // for each trigram, the bigram whose shard holds it
}

// hanRun is a run of Han characters being fitted into the lookup budget.
type hanRun struct {
	chars  []string
	clause int // index of its clause
	want   int // number of bigrams to look up
}

// ParseQuery splits a query into clauses, in query order, and fits them
// into [MaxLookups] lookups, counted as the distinct terms plus the
// distinct two-letter pinyin prefixes of the query.
//
// A Han run of n ≥ 2 characters is first covered exactly: by the bigrams
// at offsets 0, 2, 4, … and, when n is odd, n-2, so that every character
// lies in a bigram the document must have. When the query needs more than
// MaxLookups lookups, runs of three or more characters, longest first,
// switch to the bigrams at offsets 1, 5, 9, … (and n-2 when the last of
// them ends before the run's last two characters): with the trigrams
// their shards hold, every character still lies in a looked-up bigram or
// trigram, at about n/4 lookups. If the query is still over, the run with
// the most bigrams (then the longest, then the first) loses one: the
// bigrams kept are spread evenly over its stride-4 list, first and last
// kept, down to one (the middle). A query of more clauses than MaxLookups
// (single characters, Latin words and runs each need at least one
// lookup; a Latin word of letters two) stays over the budget. Only the
// first [MaxQueryRunes] characters of q count.
func ParseQuery(q string) []Clause {
	n := 0
	for i := range q {
		if n == MaxQueryRunes {
			q = q[:i]
			break
		}
		n++
	}
	var out []Clause
	var runs []*hanRun
	var run []string // unigrams of the current Han run
	lastBigram := -2
	flush := func() {
		switch n := len(run); {
		case n == 1:
			out = append(out, Clause{Terms: []string{run[0]}, Offsets: []int{0}})
		case n >= 2:
			runs = append(runs, &hanRun{chars: append([]string(nil), run...), clause: len(out), want: len(exactCover(n))})
			out = append(out, Clause{})
		}
		run = run[:0]
	}
	for _, t := range Tokenize(q) {
		r, size := utf8.DecodeRuneInString(t.Term)
		switch {
		case IsHan(r) && size == len(t.Term): // unigram
			if lastBigram != t.Pos-1 {
				flush()
			}
			run = append(run, t.Term)
		case IsHan(r): // bigram
			lastBigram = t.Pos
		default:
			flush()
			c := Clause{Terms: []string{t.Term}, Offsets: []int{0}}
			if len(t.Term) >= 2 && strings.Trim(t.Term, "abcdefghijklmnopqrstuvwxyz") == "" {
				c.Pinyin = t.Term
			}
			out = append(out, c)
		}
	}
	flush()
	set := func(r *hanRun) { out[r.clause] = coverRun(r.chars, r.want) }
	for _, r := range runs {
		set(r)
	}
	if Lookups(out) <= MaxLookups {
		return out
	}
	order := slices.Clone(runs)
	slices.SortStableFunc(order, func(a, b *hanRun) int { return len(b.chars) - len(a.chars) })
	for _, r := range order {
		if Lookups(out) <= MaxLookups {
			return out
		}
		if s4 := len(stride4Cover(len(r.chars))); s4 < r.want {
			r.want = s4
			set(r)
		}
	}
	for Lookups(out) > MaxLookups {
		var best *hanRun
		for _, r := range runs {
			if r.want >= 2 && (best == nil || r.want > best.want || r.want == best.want && len(r.chars) > len(best.chars)) {
				best = r
			}
		}
		if best == nil {
			break
		}
		best.want--
		set(best)
	}
	return out
}

// Lookups returns the number of shard lookups of parsed clauses: their
// distinct terms plus their distinct two-letter pinyin prefixes.
func Lookups(clauses []Clause) int {
	seen := map[string]bool{}
	for _, c := range clauses {
		for _, t := range c.Terms {
			seen[t] = true
		}
		if c.Pinyin != "" {
			seen["\x00"+c.Pinyin[:2]] = true
		}
	}
	return len(seen)
}

// exactCover returns the offsets of the bigrams that cover a run of n ≥ 2
// characters: 0, 2, 4, … and, when n is odd, n-2.
func exactCover(n int) []int {
	var offs []int
	for k := 0; k+1 < n; k += 2 {
		offs = append(offs, k)
	}
	if n%2 == 1 {
		offs = append(offs, n-2)
	}
	return offs
}

// stride4Cover returns the offsets of the bigrams that, with the trigrams
// their shards hold, cover a run of n ≥ 2 characters: 1, 5, 9, … and n-2
// when the last of them ends before character n-1 (0 alone for n = 2).
func stride4Cover(n int) []int {
	if n == 2 {
		return []int{0}
	}
	var offs []int
	for k := 1; k <= n-2; k += 4 {
		offs = append(offs, k)
	}
	if offs[len(offs)-1]+2 < n-1 {
		offs = append(offs, n-2)
	}
	return offs
}

// thin returns j ≥ 1 of offs spread evenly, the first and the last kept
// (the middle one when j is 1).
func thin(offs []int, j int) []int {
	m := len(offs)
	if j >= m {
		return offs
	}
	if j == 1 {
		return []int{offs[(m-1)/2]}
	}
	out := make([]int, j)
	for i := range j {
		out[i] = offs[(2*i*(m-1)+(j-1))/(2*(j-1))]
	}
	return out
}

// coverRun returns the clause of a run searched with want bigrams: its
// exact cover when that has no more, else its stride-4 cover, thinned to
// want when that has more. Its trigrams are those whose first or last
// bigram is a term, read through the first such bigram.
func coverRun(chars []string, want int) Clause {
	n := len(chars)
	offs := exactCover(n)
	if want < len(offs) {
		offs = stride4Cover(n)
		offs = thin(offs, want)
	}
	var c Clause
	term := make([]bool, n)
	for _, k := range offs {
		c.Terms = append(c.Terms, chars[k]+chars[k+1])
		c.Offsets = append(c.Offsets, k)
		term[k] = true
	}
	for t := 0; t+2 < n; t++ {
		switch {
		case term[t]:
			c.Via = append(c.Via, chars[t]+chars[t+1])
		case term[t+1]:
			c.Via = append(c.Via, chars[t+1]+chars[t+2])
		default:
			continue
		}
		c.Trigrams = append(c.Trigrams, chars[t]+chars[t+1]+chars[t+2])
	}
	return c
}

// Query is a search: text and facet filters ("" or 0 for any).
type Query struct {
	Text     string
	Region   string // region slug
	Category string // category slug
	Year     int
	Level    string // national, provincial, municipal or county
}

// Hit is one ranked result.
type Hit struct {
	Doc     int // the document's position in number order (see doc.go)
	URL     string
	Title   string
	Excerpt string
	Phrases int
	Score   float64
}

// FacetValue is one value of a facet and the number of results it has with
// the other facets' filters applied.
type FacetValue struct {
	Value string
	Label string
	Count int
}

// Result is the answer to a query.
type Result struct {
	Total      int
	Hits       []Hit
	Regions    []FacetValue
	Categories []FacetValue
	Years      []FacetValue
	Levels     []FacetValue
}

// Index reads a built index from a file system holding the site root (or at
// least its search/ directory). It is the reference implementation of the
// query logic in search.js and is not safe for concurrent use.
type Index struct {
	fsys   fs.FS
	meta   Meta
	cols   [5][]byte
	code   gapCode // the gap code of term lists
	start  []int   // per range, the position of its first document; then the count
	shards map[int]map[string]termEntry
	pinyin map[string][]pinyinEntry
}

type termEntry struct {
	df   int
	data []byte
}

type pinyinEntry struct {
	key  string
	docs []int
}

// Open reads the meta file of an index.
func Open(fsys fs.FS) (*Index, error) {
	mp := MetaPath
	data, err := fs.ReadFile(fsys, mp)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	ix := &Index{fsys: fsys, shards: map[int]map[string]termEntry{}, pinyin: map[string][]pinyinEntry{}}
	hl, n := binary.Uvarint(data)
	if n <= 0 || uint64(len(data)-n) < hl {
		return nil, fmt.Errorf("search: %s: bad header", mp)
	}
	if err := json.Unmarshal(data[n:n+int(hl)], &ix.meta); err != nil {
		return nil, fmt.Errorf("search: %s: %w", mp, err)
	}
	if err := ix.meta.validate(); err != nil {
		return nil, fmt.Errorf("search: %s: %w", mp, err)
	}
	cols := data[n+int(hl):]
	d, nr := ix.meta.Docs, ix.meta.Ranges
	if len(cols) < 5*d+nr {
		return nil, fmt.Errorf("search: %s: %d column bytes for %d docs and %d ranges", mp, len(cols), d, nr)
	}
	ix.meta.Occupancy = cols[5*d : 5*d+nr]
	ix.start = make([]int, nr+1)
	for r, o := range ix.meta.Occupancy {
		if int(o) > ix.meta.ChunkSize {
			return nil, fmt.Errorf("search: %s: range %d: %d documents in %d numbers", mp, r, o, ix.meta.ChunkSize)
		}
		ix.start[r+1] = ix.start[r] + int(o)
	}
	if ix.start[nr] != d {
		return nil, fmt.Errorf("search: %s: %d documents in the ranges, want %d", mp, ix.start[nr], d)
	}
	ix.code = *newGapCode(ix.meta.ChunkSize, ix.meta.Occupancy)
	if err := ix.meta.readHashes(cols[5*d+nr:]); err != nil {
		return nil, fmt.Errorf("search: %s: %w", mp, err)
	}
	for i := range ix.cols {
		ix.cols[i] = cols[i*d : (i+1)*d]
	}
	limits := []int{len(ix.meta.Regions), len(ix.meta.Categories), len(ix.meta.Years), 1 << len(Levels)}
	for c, limit := range limits {
		for doc, v := range ix.cols[c] {
			if int(v) >= limit {
				return nil, fmt.Errorf("search: %s: document %d: value %d out of range in column %d", mp, doc, v, c)
			}
		}
	}
	return ix, nil
}

// Meta returns the index's meta header.
func (ix *Index) Meta() Meta { return ix.meta }

type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() int {
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > math.MaxInt32 {
		r.err = fmt.Errorf("bad varint")
		r.b = nil
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *reader) bytes(n int) []byte {
	if n > len(r.b) {
		r.err = fmt.Errorf("truncated")
		r.b = nil
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (ix *Index) shard(s int) (map[string]termEntry, error) {
	if m, ok := ix.shards[s]; ok {
		return m, nil
	}
	p := ix.meta.TermShardPath(s)
	data, err := fs.ReadFile(ix.fsys, p)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	r := &reader{b: data}
	m := map[string]termEntry{}
	for range r.uvarint() {
		t := string(r.bytes(r.uvarint()))
		df := r.uvarint()
		if df > ix.meta.Docs {
			return nil, fmt.Errorf("search: %s: term %q: frequency %d above %d documents", p, t, df, ix.meta.Docs)
		}
		m[t] = termEntry{df: df, data: r.bytes(r.uvarint())}
	}
	if r.err != nil {
		return nil, fmt.Errorf("search: %s: %w", p, r.err)
	}
	ix.shards[s] = m
	return m, nil
}

func (ix *Index) pinyinShard(pre string) ([]pinyinEntry, error) {
	if l, ok := ix.pinyin[pre]; ok {
		return l, nil
	}
	i := sort.SearchStrings(ix.meta.Pinyin, pre)
	if i == len(ix.meta.Pinyin) || ix.meta.Pinyin[i] != pre {
		return nil, nil
	}
	p := ix.meta.PinyinShardPath(i)
	data, err := fs.ReadFile(ix.fsys, p)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	r := &reader{b: data}
	var l []pinyinEntry
	for range r.uvarint() {
		k := string(r.bytes(r.uvarint()))
		df := r.uvarint()
		if df > ix.meta.Docs {
			return nil, fmt.Errorf("search: %s: key %q: frequency %d above %d documents", p, k, df, ix.meta.Docs)
		}
		docs := make([]int, 0, df)
		num := int32(-1)
		for range df {
			num = (*gapCode)(nil).next(num, uint64(r.uvarint()))
			pos, ok := ix.position(num)
			if !ok {
				return nil, fmt.Errorf("search: %s: key %q: document number %d out of range", p, k, num)
			}
			docs = append(docs, pos)
		}
		l = append(l, pinyinEntry{key: k, docs: docs})
	}
	if r.err != nil {
		return nil, fmt.Errorf("search: %s: %w", p, r.err)
	}
	ix.pinyin[pre] = l
	return l, nil
}

// term decodes a term's postings: document → weighted frequency (1 for a
// trigram, which has none).
func (ix *Index) term(t string) (map[int]int, int, error) {
	key := t
	if IsTrigram(t) {
		key, _ = trigramShards(t)
	}
	return ix.termVia(t, key)
}

// termVia decodes a term from the shard of key; a document frequency of
// -1 means that the shard names the trigram t without its list.
func (ix *Index) termVia(t, key string) (map[int]int, int, error) {
	m, err := ix.shard(ShardOf(key, ix.meta.Shards))
	if err != nil {
		return nil, 0, err
	}
	e, ok := m[t]
	if !ok {
		return nil, 0, nil
	}
	if e.df == 0 {
		return nil, -1, nil // a trigram whose list the shard does not keep
	}
	out := make(map[int]int, e.df)
	r := &reader{b: e.data}
	num := int32(-1)
	tri := IsTrigram(t)
	for range e.df {
		gap := r.uvarint()
		if gap < 1 || num >= 0 && int(num)/ix.meta.ChunkSize >= len(ix.meta.Occupancy) {
			return nil, 0, fmt.Errorf("search: term %q: bad gap", t)
		}
		num = ix.code.next(num, uint64(gap))
		wtf := 1
		if !tri {
			wtf = r.uvarint()
		}
		pos, ok := ix.position(num)
		if !ok {
			return nil, 0, fmt.Errorf("search: term %q: document number %d out of range", t, num)
		}
		out[pos] = wtf
	}
	if r.err != nil {
		return nil, 0, fmt.Errorf("search: term %q: %w", t, r.err)
	}
	return out, e.df, nil
}

// IDF is the BM25 inverse document frequency.
func IDF(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// BM25 scores one term of weighted frequency wtf in a document of length dl.
func BM25(idf float64, wtf, dl int, avgdl float64) float64 {
	tf := float64(wtf)
	norm := float64(K1 * float64(1-B+float64(B*float64(dl))/avgdl))
	return float64(idf*float64(tf*(K1+1))) / (tf + norm)
}

// Search runs a query and returns the total, the facet counts and the hits
// from offset to offset+limit.
func (ix *Index) Search(q Query, offset, limit int) (Result, error) {
	n := ix.meta.Docs
	type cand struct {
		phrases int
		score   float64
	}
	clauses := ParseQuery(q.Text)
	var cands map[int]*cand
	if len(clauses) == 0 {
		cands = make(map[int]*cand, n)
		for i := range n {
			cands[i] = &cand{}
		}
	}
	for ci, c := range clauses {
		scores := map[int]float64{}
		phrase := map[int]bool{}
		// terms
		var lists []map[int]int
		var dfs []int
		ok := true
		for _, t := range c.Terms {
			l, df, err := ix.term(t)
			if err != nil {
				return Result{}, err
			}
			if df == 0 {
				ok = false
			}
			lists = append(lists, l)
			dfs = append(dfs, df)
		}
		var phraseLists []map[int]int
		for k, tg := range c.Trigrams {
			l, df, err := ix.termVia(tg, c.Via[k])
			if err != nil {
				return Result{}, err
			}
			if df >= 0 {
				phraseLists = append(phraseLists, l)
			}
		}
		if ok {
			for doc := range lists[0] {
				all := true
				for _, l := range lists[1:] {
					if _, ok := l[doc]; !ok {
						all = false
						break
					}
				}
				if !all {
					continue
				}
				dl := dequantizeLen(ix.cols[4][doc])
				s := 0.0
				for k, l := range lists {
					s += BM25(IDF(n, dfs[k]), l[doc], dl, ix.meta.AvgLen)
				}
				scores[doc] = s
				if len(phraseLists) > 0 {
					all := true
					for _, l := range phraseLists {
						if _, ok := l[doc]; !ok {
							all = false
							break
						}
					}
					phrase[doc] = all
				}
			}
		}
		if c.Pinyin != "" {
			set, err := ix.pinyinDocs(c.Pinyin)
			if err != nil {
				return Result{}, err
			}
			idf := IDF(n, len(set))
			for _, doc := range set {
				scores[doc] += idf * PinyinWeight
			}
		}
		next := map[int]*cand{}
		for doc, s := range scores {
			if ci > 0 {
				if cands[doc] == nil {
					continue
				}
				next[doc] = cands[doc]
			} else {
				next[doc] = &cand{}
			}
			next[doc].score += s
			if phrase[doc] {
				next[doc].phrases++
			}
		}
		cands = next
	}
	// Facets and filter.
	region := facetIndex(ix.meta.Regions, q.Region)
	category := facetIndex(ix.meta.Categories, q.Category)
	year := -1
	if q.Year != 0 {
		year = -2
		for i, y := range ix.meta.Years {
			if y == q.Year {
				year = i
			}
		}
	}
	level := -1
	if q.Level != "" {
		level = -2
		for i, l := range Levels {
			if l == q.Level {
				level = i
			}
		}
	}
	filters := [4]int{region, category, year, level}
	var counts [4][]int
	counts[0] = make([]int, len(ix.meta.Regions))
	counts[1] = make([]int, len(ix.meta.Categories))
	counts[2] = make([]int, len(ix.meta.Years))
	counts[3] = make([]int, len(Levels))
	var hits []Hit
	for doc, c := range cands {
		vals := [4]int{int(ix.cols[0][doc]), int(ix.cols[1][doc]), int(ix.cols[2][doc]), int(ix.cols[3][doc])}
		fail := -1 // the only failing facet, or -2 when several fail
		for f := range 4 {
			if !passes(f, filters[f], vals[f]) {
				if fail == -1 {
					fail = f
				} else {
					fail = -2
				}
			}
		}
		if fail == -2 {
			continue
		}
		for f := range 4 {
			if fail != -1 && fail != f {
				continue
			}
			if f == 3 {
				for k := range Levels {
					if vals[3]&(1<<k) != 0 {
						counts[3][k]++
					}
				}
			} else {
				counts[f][vals[f]]++
			}
		}
		if fail == -1 {
			hits = append(hits, Hit{Doc: doc, Phrases: c.phrases, Score: c.score})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.Phrases != b.Phrases {
			return a.Phrases > b.Phrases
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return ix.before(a.Doc, b.Doc)
	})
	res := Result{Total: len(hits)}
	res.Regions = facetValues(ix.meta.Regions, counts[0])
	res.Categories = facetValues(ix.meta.Categories, counts[1])
	for i, y := range ix.meta.Years {
		res.Years = append(res.Years, FacetValue{Value: fmt.Sprint(y), Label: fmt.Sprint(y), Count: counts[2][i]})
	}
	res.Levels = facetValues(ix.meta.Levels, counts[3])
	if offset < len(hits) {
		hits = hits[offset:min(len(hits), offset+limit)]
	} else {
		hits = nil
	}
	for i := range hits {
		row, err := ix.row(hits[i].Doc)
		if err != nil {
			return Result{}, err
		}
		hits[i].URL, hits[i].Title, hits[i].Excerpt = row[0], row[1], row[2]
	}
	res.Hits = hits
	return res, nil
}

// before reports whether document a comes before document b in the
// default order: newer year first (a smaller index into the header's
// years, which are newest first), then by number.
func (ix *Index) before(a, b int) bool {
	if ya, yb := ix.cols[2][a], ix.cols[2][b]; ya != yb {
		return ya < yb
	}
	return a < b
}

func passes(f, filter, val int) bool {
	switch {
	case filter == -1:
		return true
	case filter == -2:
		return false
	case f == 3:
		return val&(1<<filter) != 0
	}
	return val == filter
}

func facetIndex(vals [][2]string, v string) int {
	if v == "" {
		return -1
	}
	for i, p := range vals {
		if p[0] == v {
			return i
		}
	}
	return -2
}

func facetValues(vals [][2]string, counts []int) []FacetValue {
	out := make([]FacetValue, len(vals))
	for i, p := range vals {
		out[i] = FacetValue{Value: p[0], Label: p[1], Count: counts[i]}
	}
	return out
}

// pinyinDocs returns the sorted documents with a pinyin key starting with
// prefix.
func (ix *Index) pinyinDocs(prefix string) ([]int, error) {
	l, err := ix.pinyinShard(prefix[:2])
	if err != nil {
		return nil, err
	}
	seen := map[int]bool{}
	i := sort.Search(len(l), func(i int) bool { return l[i].key >= prefix })
	for ; i < len(l) && strings.HasPrefix(l[i].key, prefix); i++ {
		for _, d := range l[i].docs {
			seen[d] = true
		}
	}
	out := make([]int, 0, len(seen))
	for d := range seen {
		out = append(out, d)
	}
	sort.Ints(out)
	return out, nil
}

// position returns the position in number order of the document
// numbered num, and whether there is one.
func (ix *Index) position(num int32) (int, bool) {
	r, k := int(num)/ix.meta.ChunkSize, int(num)%ix.meta.ChunkSize
	if num < 0 || r >= len(ix.meta.Occupancy) || k >= int(ix.meta.Occupancy[r]) {
		return 0, false
	}
	return ix.start[r] + k, true
}

// row reads the row of the document at position doc from its range's
// chunk: URL, title and excerpt.
func (ix *Index) row(doc int) ([3]string, error) {
	c := sort.Search(len(ix.start)-1, func(r int) bool { return ix.start[r+1] > doc })
	p := ix.meta.DocChunkPath(c)
	data, err := fs.ReadFile(ix.fsys, p)
	if err != nil {
		return [3]string{}, fmt.Errorf("search: %w", err)
	}
	var rows [][3]string
	if err := json.Unmarshal(data, &rows); err != nil {
		return [3]string{}, fmt.Errorf("search: %s: %w", p, err)
	}
	k := doc - ix.start[c]
	if k >= len(rows) {
		return [3]string{}, fmt.Errorf("search: %s: no row %d", p, k)
	}
	return rows[k], nil
}

// validate checks that the header's lists fit each other, so that lookups
// cannot index out of range.
func (m *Meta) validate() error {
	switch {
	case m.Version != FormatVersion:
		return fmt.Errorf("format version %d, want %d", m.Version, FormatVersion)
	case m.Docs < 0 || m.ChunkSize < 1 || m.ChunkSize > 255 || m.Ranges < 0 || m.Ranges > m.Docs+1<<20:
		return fmt.Errorf("bad sizes: %d docs, %d ranges of %d", m.Docs, m.Ranges, m.ChunkSize)
	case m.Shards < 1 || m.Shards&(m.Shards-1) != 0 || m.Shards > maxShards:
		return fmt.Errorf("bad shard count %d", m.Shards)
	case len(m.Regions) > maxFacetVals || len(m.Categories) > maxFacetVals || len(m.Years) > maxFacetVals:
		return fmt.Errorf("too many facet values")
	}
	for _, pre := range m.Pinyin {
		if len(pre) != 2 {
			return fmt.Errorf("bad pinyin prefix %q", pre)
		}
	}
	return nil
}
