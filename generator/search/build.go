package search

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Doc is one story as the search index sees it. Text fields are plain text.
type Doc struct {
	URL          string // site-relative, e.g. "stories/xizhou-chamber-mutual-fund/"
	Title        string
	Summary      string
	Body         string
	Region       string // display name, e.g. 象山县
	RegionSlug   string
	Town         string
	Category     string
	CategorySlug string
	Year         int
	Levels       []string // award levels present: national, provincial, municipal, county
	Tags         []string
}

// File is one output file of the index.
type File struct {
	Path string // slash path under the site root, always under "search/"
	Data []byte
}

// Options tunes the index. The zero value gives the defaults.
type Options struct {
	TitleBoost int // weight of a term in the title; 0 means 4
	MetaBoost  int // weight of a term in region, town, category or tags; 0 means 2
	ChunkSize  int // documents per block and document-table chunk, on average; 0 means 8
	ShardBytes int // target encoded size of a term shard; 0 means 12288
	ExcerptLen int // characters of stored excerpt per document; 0 means 120
	// TrigramBytes bounds the encoded trigram lists a term shard keeps
	// (see keptTrigrams); 0 means 8192.
	TrigramBytes int
}

func (o Options) withDefaults() Options {
	if o.TitleBoost <= 0 {
		o.TitleBoost = 4
	}
	if o.MetaBoost <= 0 {
		o.MetaBoost = 2
	}
	if o.ChunkSize <= 0 {
		o.ChunkSize = 8
	}
	o.ChunkSize = min(o.ChunkSize, 127) // ranges of ChunkSize × 5/4 numbers, counted in a byte
	if o.ShardBytes <= 0 {
		o.ShardBytes = 12288
	}
	if o.ExcerptLen <= 0 {
		o.ExcerptLen = 120
	}
	if o.TrigramBytes <= 0 {
		o.TrigramBytes = 8192
	}
	return o
}

// Levels are the award levels in the order of their bits in the level
// column: national is bit 0.
var Levels = []string{"national", "provincial", "municipal", "county"}

// LevelNames are the Chinese names of Levels.
var LevelNames = []string{"国家级", "省级", "市级", "县级"}

const (
	hashLen      = 10 // hex digits of the content hash in file names
	sectionGap   = 2  // positions left between title, meta and text
	maxShards    = 1 << 14
	maxFacetVals = 255
)

// MetaPath is the fixed, unhashed path of the meta file, the one file of
// the index that keeps its name from build to build: hosts must make
// caches revalidate it.
const MetaPath = "search/meta.bin"

// FormatVersion is the version of the index format, in the meta header.
const FormatVersion = 5

// Meta is the JSON header of the meta file; the columns follow it.
type Meta struct {
	Version      int         `json:"v"`
	Docs         int         `json:"n"`
	AvgLen       float64     `json:"avgdl"`
	ChunkSize    int         `json:"chunk"`  // numbers per range: the most documents of a block (Options.ChunkSize × 5/4)
	Ranges       int         `json:"ranges"` // ranges of ChunkSize numbers, one per block
	Occupancy    []uint8     `json:"-"`      // documents per range, numbered from its start (a column after the others)
	Shards       int         `json:"shards"`
	TermHashes   []string    `json:"-"` // content hash per term shard (binary, after the columns)
	DocHashes    []string    `json:"-"` // content hash per range's document chunk, "" for an empty range
	Pinyin       []string    `json:"p"` // two-letter prefixes that have a pinyin shard
	PinyinHashes []string    `json:"-"` // content hash per pinyin shard, in Pinyin order
	Regions      [][2]string `json:"regions"`
	Categories   [][2]string `json:"categories"`
	Years        []int       `json:"years"`
	Levels       [][2]string `json:"levels"`
}

// term is a term's postings and its weighted frequency in the document
// being indexed.
type term struct {
	text string
	plist
	wtf     int
	trigram bool
	shards  int8 // shards still to be written, for freeing the postings
}

// hanKey packs one to three Han runes into a map key (21 bits each).
func hanKey(a, b, c rune) uint64 { return uint64(a)<<42 | uint64(b)<<21 | uint64(c) }

// Build indexes docs and returns the files of the index: the meta file
// (facet columns and the directory of hashed files), term shards, pinyin
// shards and document-table chunks. Documents are numbered by their URLs
// ([Doc.URL]; see doc.go), so that the output depends only on the set of
// docs and on opts, not on the order of the slice. Build is safe for
// concurrent use.
func Build(docs []Doc, opts Options) ([]File, error) { return build(docs, opts, false) }

// BuildOwned is Build taking docs over: it drops each document's Body
// once indexed, keeping its excerpt, so that the index is built without
// every body held to the end. The caller must not use docs afterwards.
func BuildOwned(docs []Doc, opts Options) ([]File, error) { return build(docs, opts, true) }

func build(docs []Doc, opts Options, own bool) ([]File, error) {
	o := opts.withDefaults()
	b := &builder{opts: o, han: map[uint64]*term{}, words: map[string]*term{},
		pinyin: map[string]*plist{}}
	docs, b.nums, b.code.occ = numberDocs(docs, o.ChunkSize)
	if own {
		b.excerpts = make([]string, len(docs))
	}
	slots, _ := blockLimits(o.ChunkSize)
	b.code = *newGapCode(slots, b.code.occ)
	var err error
	if b.fac, err = newFacetState(len(docs), func(i int) *Doc { return &docs[i] }); err != nil {
		return nil, err
	}
	b.index(docs)
	return b.write(docs)
}

type builder struct {
	opts    Options
	han     map[uint64]*term // bigrams, trigrams and unigrams beyond uni
	uni     []*term          // unigrams of the BMP by rune, made on first use
	words   map[string]*term
	touched []*term
	wordBuf []byte // the scanner's word buffer
	pinyin  map[string]*plist
	lens    []byte
	totLen  float64
	meta    Meta
	fac     *facetState
	files   []File
	nums    []int32 // document numbers, by position in number order
	code    gapCode // the gap code of term lists
	// excerpts, when BuildOwned, are the docs' excerpts by position in
	// number order, kept as their bodies are dropped.
	excerpts []string
}

// indexed drops the Body of d, the doc at position i in number order,
// keeping its excerpt, when the builder owns the docs (BuildOwned).
func (b *builder) indexed(i int, d *Doc) {
	if b.excerpts != nil {
		b.excerpts[i] = Excerpt(d.Summary, d.Body, b.opts.ExcerptLen)
		d.Body = ""
	}
}

// excerptOf returns Excerpt of the summary and body of d, the doc at
// position i in number order.
func (b *builder) excerptOf(i int, d *Doc) string {
	if b.excerpts != nil {
		return b.excerpts[i]
	}
	return Excerpt(d.Summary, d.Body, b.opts.ExcerptLen)
}

// lookupHan returns the term of a Han unigram, bigram or trigram (unused
// runes 0).
func (b *builder) lookupHan(r0, r1, r2 rune) *term {
	if r1 == 0 && r0 < 0x10000 {
		// A unigram: a third of the lookups, without hashing.
		if b.uni == nil {
			b.uni = make([]*term, 0x10000)
		}
		t := b.uni[r0]
		if t == nil {
			t = &term{text: string(r0)}
			b.uni[r0] = t
		}
		return t
	}
	k := hanKey(r0, r1, r2)
	t := b.han[k]
	if t == nil {
		var buf [12]byte
		n := utf8.EncodeRune(buf[:], r0)
		if r1 != 0 {
			n += utf8.EncodeRune(buf[n:], r1)
		}
		if r2 != 0 {
			n += utf8.EncodeRune(buf[n:], r2)
		}
		t = &term{text: string(buf[:n]), trigram: r2 != 0}
		b.han[k] = t
	}
	return t
}

func (b *builder) lookupWord(w []byte) *term {
	t := b.words[string(w)]
	if t == nil {
		t = &term{text: string(w)}
		b.words[t.text] = t
	}
	return t
}

// scan reads text through the scanner, adding weight to the frequency
// of each term (Han trigrams included, for phrase checks). It returns the
// number of positions used.
func (b *builder) scan(text string, weight int) int {
	sc := newScanner(text, b.wordBuf)
	hit := func(t *term) {
		if t.wtf == 0 {
			b.touched = append(b.touched, t)
		}
		t.wtf += weight
	}
	for {
		k, r, p1, p2, _ := sc.next()
		switch k {
		case scanEnd:
			b.wordBuf = sc.word
			return sc.pos
		case scanWord:
			hit(b.lookupWord(sc.word))
			continue
		}
		if p1 >= 0 {
			if p2 >= 0 {
				hit(b.lookupHan(p2, p1, r))
			}
			hit(b.lookupHan(p1, r, 0))
		}
		hit(b.lookupHan(r, 0, 0))
	}
}

// indexDoc adds the terms of the document at position i in number order
// to the postings.
func (b *builder) indexDoc(i int, d *Doc) {
	b.touched = b.touched[:0]
	length := 0
	add := func(text string, weight int) {
		length += b.scan(text, weight)
	}
	add(d.Title, b.opts.TitleBoost)
	add(d.Region, b.opts.MetaBoost)
	add(d.Town, b.opts.MetaBoost)
	add(d.Category, b.opts.MetaBoost)
	for _, t := range d.Tags {
		add(t, b.opts.MetaBoost)
	}
	add(d.Summary, 1)
	add(d.Body, 1)
	q := quantizeLen(length)
	b.lens = append(b.lens, q)
	b.totLen += float64(dequantizeLen(q))
	num := b.nums[i]
	for _, t := range b.touched {
		t.add(num, t.wtf, !t.trigram, &b.code)
		t.wtf = 0
	}
}

// pinyinBatch is the number of documents whose pinyin keys one goroutine
// computes at a time.
const pinyinBatch = 512

// pinyinKeys computes, on other goroutines, the pinyin keys of the docs'
// titles, regions, towns and tags, and delivers them batch by batch in doc
// order; at most a few batches are ahead of the consumer.
func pinyinKeys(docs []Doc) <-chan chan [][]string {
	workers := max(runtime.GOMAXPROCS(0), 1)
	out := make(chan chan [][]string, workers)
	go func() {
		defer close(out)
		sem := make(chan struct{}, workers)
		for start := 0; start < len(docs); start += pinyinBatch {
			ch := make(chan [][]string, 1)
			out <- ch
			sem <- struct{}{}
			go func(batch []Doc) {
				defer func() { <-sem }()
				ch <- docPinyin(batch)
			}(docs[start:min(start+pinyinBatch, len(docs))])
		}
	}()
	return out
}

// docPinyin returns each doc's distinct pinyin keys.
func docPinyin(docs []Doc) [][]string {
	names := map[string][]string{}
	keys := map[string]struct{}{}
	out := make([][]string, len(docs))
	for i, d := range docs {
		clear(keys)
		PinyinKeys(d.Title, func(k string) { keys[k] = struct{}{} })
		for _, name := range append([]string{d.Region, d.Town}, d.Tags...) {
			ks, ok := names[name]
			if !ok {
				PinyinKeys(name, func(k string) { ks = append(ks, k) })
				names[name] = ks
			}
			for _, k := range ks {
				keys[k] = struct{}{}
			}
		}
		list := make([]string, 0, len(keys))
		for k := range keys {
			list = append(list, k)
		}
		out[i] = list
	}
	return out
}

// indexPinyin adds the document at position i to the postings of its
// pinyin keys.
func (b *builder) indexPinyin(i int, keys []string) {
	for _, k := range keys {
		p := b.pinyin[k]
		if p == nil {
			p = &plist{}
			b.pinyin[k] = p
		}
		p.add(b.nums[i], 0, false, nil)
	}
}

// IsTrigram reports whether a term is three Han characters: the index
// keeps trigrams as document lists without frequencies, for phrase checks.
func IsTrigram(term string) bool {
	n := 0
	for _, r := range term {
		if !IsHan(r) {
			return false
		}
		n++
	}
	return n == 3
}

// trigramShards returns the bigrams under whose shards a trigram is stored:
// its first and its last bigram.
func trigramShards(t string) (first, last string) {
	_, n0 := utf8.DecodeRuneInString(t)
	_, n1 := utf8.DecodeRuneInString(t[n0:])
	return t[:n0+n1], t[n0:]
}

// trigramSize is a trigram of a shard: its text, document frequency and
// encoded list length.
type trigramSize struct {
	text     string
	df, size int
}

// keptTrigrams returns the trigrams of a term shard whose document lists
// the shard keeps: in order of document frequency (then text), as many as
// fit in limit bytes of lists. The others are named without a list. The
// rarest trigrams, the ones that tell most about a phrase, stay; the
// commonest, which mostly follow their bigrams anyway and would fill the
// shards of the commonest bigrams, go first. The choice reads only the
// shard's own terms, so a shard changes only when its terms do.
func keptTrigrams(tris []trigramSize, limit int) map[string]bool {
	slices.SortFunc(tris, func(a, b trigramSize) int {
		if a.df != b.df {
			return a.df - b.df
		}
		return strings.Compare(a.text, b.text)
	})
	kept := make(map[string]bool, len(tris))
	for _, t := range tris {
		if t.size > limit {
			break
		}
		limit -= t.size
		kept[t.text] = true
	}
	return kept
}

// quantizeLen stores a document length in one byte as the rounded square
// root; dequantizeLen gives the length both rankers use.
func quantizeLen(n int) byte {
	q := math.Round(math.Sqrt(float64(n)))
	return byte(min(q, 255))
}

func dequantizeLen(q byte) int { return max(int(q)*int(q), 1) }

// ShardOf returns the term shard of a term among n shards (a power of two):
// the FNV-1a hash of its UTF-8 bytes, masked.
func ShardOf(term string, n int) int {
	h := uint32(2166136261)
	for i := 0; i < len(term); i++ {
		h ^= uint32(term[i])
		h *= 16777619
	}
	return int(h & uint32(n-1))
}

// fileHash returns the content hash of a file's data as it appears in the
// file's name: the first hashLen hex digits of its SHA-256.
func fileHash(sum *[32]byte) string { return hex.EncodeToString(sum[:hashLen/2]) }

// appendHashes appends the hashes of the meta file's directory, as bytes
// (hashLen/2 each): the term shards', the document chunks' (of the ranges
// that have documents), the pinyin shards'.
func (m *Meta) appendHashes(buf []byte) []byte {
	for _, hs := range [][]string{m.TermHashes, m.DocHashes, m.PinyinHashes} {
		for _, h := range hs {
			buf, _ = hex.AppendDecode(buf, []byte(h)) // made by fileHash: valid, or "" for an empty range
		}
	}
	return buf
}

// readHashes sets the meta's hashes from data, which they must fill; the
// occupancy must be set.
func (m *Meta) readHashes(data []byte) error {
	chunks := 0
	for _, o := range m.Occupancy {
		if o > 0 {
			chunks++
		}
	}
	if len(data) != (m.Shards+chunks+len(m.Pinyin))*hashLen/2 {
		return fmt.Errorf("%d bytes of file hashes for %d term shards, %d document chunks and %d pinyin shards", len(data), m.Shards, chunks, len(m.Pinyin))
	}
	next := func(n int) []string {
		hs := make([]string, n)
		for i := range hs {
			hs[i] = hex.EncodeToString(data[:hashLen/2])
			data = data[hashLen/2:]
		}
		return hs
	}
	m.TermHashes = next(m.Shards)
	m.DocHashes = make([]string, len(m.Occupancy))
	for r, o := range m.Occupancy {
		if o > 0 {
			m.DocHashes[r] = next(1)[0]
		}
	}
	m.PinyinHashes = next(len(m.Pinyin))
	return nil
}

// hashedFile returns the file dir+name+"-"+hash+ext for data, and the hash.
func hashedFile(dir, name, ext string, data []byte) (File, string) {
	sum := sha256.Sum256(data)
	h := fileHash(&sum)
	return File{Path: dir + name + "-" + h + ext, Data: data}, h
}

// TermShardPath returns the path under the site root of term shard s.
func (m *Meta) TermShardPath(s int) string {
	return "search/t/" + strconv.Itoa(s) + "-" + m.TermHashes[s] + ".bin"
}

// DocChunkPath returns the path of the document-table chunk of range c.
func (m *Meta) DocChunkPath(c int) string {
	return "search/d/" + strconv.Itoa(c) + "-" + m.DocHashes[c] + ".json"
}

// PinyinShardPath returns the path of the pinyin shard of a two-letter
// prefix, the i-th of m.Pinyin.
func (m *Meta) PinyinShardPath(i int) string {
	return "search/p/" + m.Pinyin[i] + "-" + m.PinyinHashes[i] + ".bin"
}

func (b *builder) write(docs []Doc) ([]File, error) {
	n := len(docs)
	m := &b.meta
	b.fac.header(m)
	m.Version = FormatVersion
	m.Docs = n
	m.ChunkSize = int(b.code.slots)
	m.Ranges = len(b.code.occ)
	m.Occupancy = b.code.occ
	if n > 0 {
		m.AvgLen = b.totLen / float64(n)
	} else {
		m.AvgLen = 1
	}

	// Term shards.
	terms := make(map[string]*term, len(b.han)+len(b.words))
	for _, t := range b.uni {
		if t != nil {
			terms[t.text] = t
		}
	}
	for _, t := range b.han {
		terms[t.text] = t
	}
	for _, t := range b.words {
		terms[t.text] = t
	}
	total := 0
	for t, p := range terms {
		n := len(t) + len(p.buf) + 8
		if p.trigram {
			n *= 2
		}
		total += n
	}
	shards := 1
	for shards < maxShards && shards*b.opts.ShardBytes < total {
		shards *= 2
	}
	m.Shards = shards
	groups := make([][]string, shards)
	for t, tm := range terms {
		if tm.trigram {
			first, last := trigramShards(t)
			s0, s1 := ShardOf(first, shards), ShardOf(last, shards)
			groups[s0] = append(groups[s0], t)
			tm.shards = 1
			if s1 != s0 {
				groups[s1] = append(groups[s1], t)
				tm.shards = 2
			}
			continue
		}
		s := ShardOf(t, shards)
		groups[s] = append(groups[s], t)
		tm.shards = 1
	}
	m.TermHashes = make([]string, shards)
	for s, ts := range groups {
		sort.Strings(ts)
		size := binary.MaxVarintLen64
		for _, t := range ts {
			size += len(t) + len(terms[t].buf) + 3*binary.MaxVarintLen64
		}
		var tris []trigramSize
		for _, t := range ts {
			if p := terms[t]; p.trigram {
				tris = append(tris, trigramSize{t, p.df, len(p.buf)})
			}
		}
		kept := keptTrigrams(tris, b.opts.TrigramBytes)
		buf := make([]byte, 0, size)
		buf = binary.AppendUvarint(buf, uint64(len(ts)))
		for _, t := range ts {
			p := terms[t]
			buf = binary.AppendUvarint(buf, uint64(len(t)))
			buf = append(buf, t...)
			if p.trigram && !kept[t] {
				buf = append(buf, 0, 0)
			} else {
				buf = binary.AppendUvarint(buf, uint64(p.df))
				buf = binary.AppendUvarint(buf, uint64(len(p.buf)))
				buf = append(buf, p.buf...)
			}
			if p.shards--; p.shards == 0 {
				p.buf = nil
			}
		}
		var f File
		f, m.TermHashes[s] = hashedFile("search/t/", strconv.Itoa(s), ".bin", buf)
		b.files = append(b.files, f)
	}

	// Pinyin shards by two-letter prefix.
	byPrefix := map[string][]string{}
	for k := range b.pinyin {
		byPrefix[k[:2]] = append(byPrefix[k[:2]], k)
	}
	for pre := range byPrefix {
		m.Pinyin = append(m.Pinyin, pre)
	}
	sort.Strings(m.Pinyin)
	m.PinyinHashes = make([]string, len(m.Pinyin))
	for i, pre := range m.Pinyin {
		ks := byPrefix[pre]
		sort.Strings(ks)
		var buf []byte
		buf = binary.AppendUvarint(buf, uint64(len(ks)))
		for _, k := range ks {
			p := b.pinyin[k]
			buf = binary.AppendUvarint(buf, uint64(len(k)))
			buf = append(buf, k...)
			buf = binary.AppendUvarint(buf, uint64(p.df))
			buf = append(buf, p.buf...)
		}
		var f File
		f, m.PinyinHashes[i] = hashedFile("search/p/", pre, ".bin", buf)
		b.files = append(b.files, f)
	}
	if m.Pinyin == nil {
		m.Pinyin = []string{}
	}

	// Document-table chunks, one per range with documents.
	m.DocHashes = make([]string, m.Ranges)
	start := 0
	for c, occ := range m.Occupancy {
		if occ == 0 {
			continue
		}
		end := start + int(occ)
		rows := make([][3]string, 0, occ)
		for i := start; i < end; i++ {
			d := &docs[i]
			rows = append(rows, [3]string{d.URL, d.Title, b.excerptOf(i, d)})
		}
		data, err := marshal(rows)
		if err != nil {
			return nil, err
		}
		var f File
		f, m.DocHashes[c] = hashedFile("search/d/", strconv.Itoa(c), ".json", data)
		b.files = append(b.files, f)
		start = end
	}

	// Meta: uvarint header length, JSON header, columns.
	head, err := marshal(m)
	if err != nil {
		return nil, err
	}
	var meta []byte
	meta = binary.AppendUvarint(meta, uint64(len(head)))
	meta = append(meta, head...)
	for _, c := range b.fac.cols {
		meta = append(meta, c...)
	}
	meta = append(meta, b.lens...)
	meta = append(meta, m.Occupancy...)
	meta = m.appendHashes(meta)
	b.files = append(b.files, File{Path: MetaPath, Data: meta})
	sort.Slice(b.files, func(i, j int) bool { return b.files[i].Path < b.files[j].Path })
	return b.files, nil
}

// marshal encodes v as JSON with HTML escaping: <, > and & become \u003c,
// \u003e and \u0026, so that no index file ever holds raw markup (a host
// that sniffs types, or a page that embeds the file, finds it inert).
// JSON.parse in search.js decodes the escapes.
func marshal(v any) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return data, nil
}

// Excerpt returns the text stored for snippets: the summary, then the body
// when the summary does not already start it, with runs of white space
// collapsed to one space and cut to n characters.
func Excerpt(summary, body string, n int) string {
	s := strings.TrimSpace(summary)
	bd := strings.TrimSpace(body)
	switch {
	case s == "":
		s = bd
	case !strings.HasPrefix(bd, s):
		s += " " + bd
	default:
		s = bd
	}
	var out strings.Builder
	out.Grow(min(len(s), 4*n))
	count := 0
	space := false
	for _, r := range s {
		if count >= n {
			break
		}
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == 0x3000 {
			space = true
			continue
		}
		if space && count > 0 {
			out.WriteByte(' ')
			count++
		}
		space = false
		out.WriteRune(r)
		count++
	}
	return out.String()
}
