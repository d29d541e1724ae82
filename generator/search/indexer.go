package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Indexer builds the same index as [Build], keeping what it computed so
// that building again after a few documents changed costs little: the
// analysis of each document (terms and weighted frequencies, length,
// pinyin keys, document-table row) is kept while the document stays equal,
// and only the term shards, pinyin shards and document chunks whose
// content changed are encoded and hashed again; the others keep their
// bytes and hashes.
//
// Documents are numbered by URL, so a document edited in place (same
// URL; any field, its facet values and its place in the caller's slice
// included) costs about its own analysis (none when only its year, award
// levels or slugs changed) plus the shards of the terms it gained, lost or
// changed weight in, the pinyin shards of the keys it gained or lost, its
// chunk and its bytes of the facet columns (all columns again, cheaply,
// when a facet value appears or disappears). Posting lists are edited in
// place, and a pinyin shard is encoded again by copying the records of its
// unchanged keys, so that the cost of a shard is about hashing it. A
// document that only moved in the slice costs a comparison. Adding,
// deleting or renaming a document renumbers the documents after it in its
// block and, when the cuts move, in the next few (see numbers.go): the
// lists of the terms and keys of those ranges' documents are spliced, and
// every analysis is reused. When the number of blocks before a document
// changes (about one change in ten), the ranges from there on are spliced
// as one.
//
// The Data of the files Build returns are shared with later results and
// must not be modified. An Indexer is not safe for concurrent use.
type Indexer struct {
	opts     Options
	entries  []*docEntry // in number order
	lenTotal int         // sum of the entries' dequantized lengths
	pos      []int32     // the position in number order of each document of the last call, by its position in the call
	last     []File      // the files of the last call, nil after a change
	nums     []int32     // the entries' document numbers
	occ      []uint8     // the documents of each range

	han   map[uint64]int32 // Han unigram, bigram, trigram → term id
	words map[string]int32 // Latin word → term id
	terms []termState
	free  []int32 // ids of dead terms, for reuse
	total int     // sum of the live terms' size estimates, as Build computes it

	shards     int
	shardTerms [][]int32 // per shard, its terms sorted by text
	shardData  [][]byte
	shardSum   [][32]byte
	termHashes []string

	pinyin     map[string]*pyState
	prefixes   map[string]*prefixState
	preList    []*prefixState // the prefixes, sorted by name
	pinyinDone bool           // the pinyin shards were encoded
	pyEdits    []pyEdit       // scratch

	chunkData [][]byte
	chunkSum  [][32]byte
	docHashes []string

	shardPaths, chunkPaths pathCache

	// facets is the facet state (header lists and columns) of the last
	// build.
	facets *facetState

	// Scratch, indexed by term id.
	acc   []int32
	mid   [][]posting // new postings of the changed range
	old   [][]posting // old postings of the changed range
	mark  []bool
	chg   []bool  // the term's list changed
	seen  []int32 // stamp of the segment that last touched the term
	stamp int32
}

// docEntry is one document and its analysis.
type docEntry struct {
	doc    Doc
	num    int32 // its position in number order
	cut    bool  // a block may end after it (urlCut)
	terms  []docTerm
	lenQ   byte
	pinyin []string // distinct keys, sorted
	row    []byte   // its row of the document table, as JSON
}

type docTerm struct{ id, wtf int32 }

type termState struct {
	text    string
	key     uint64 // hanKey when han
	han     bool
	trigram bool
	plist
	size   int   // contribution to Indexer.total
	s0, s1 int32 // shards (s1 < 0: none); valid while live
	live   bool  // has postings and sits in its shards
}

// NewIndexer returns an Indexer with no documents, for the options opts.
func NewIndexer(opts Options) *Indexer {
	return &Indexer{opts: opts.withDefaults(), han: map[uint64]int32{}, words: map[string]int32{},
		pinyin: map[string]*pyState{}, prefixes: map[string]*prefixState{}}
}

// docEqual reports whether two docs index identically.
func docEqual(a, b *Doc) bool { return a.Equal(b) }

// Equal reports whether d and o are the same document: every field equal,
// so that they index identically.
func (d *Doc) Equal(o *Doc) bool {
	a, b := d, o
	return a.URL == b.URL && a.Title == b.Title && a.Summary == b.Summary && a.Body == b.Body &&
		a.Region == b.Region && a.RegionSlug == b.RegionSlug && a.Town == b.Town &&
		a.Category == b.Category && a.CategorySlug == b.CategorySlug && a.Year == b.Year &&
		slices.Equal(a.Levels, b.Levels) && slices.Equal(a.Tags, b.Tags)
}

// Build indexes docs, in any order, and returns the same files as
// Build(docs, opts) for the Indexer's options. Documents equal to ones of
// the last call keep their analysis; documents that only moved in the
// slice cost a comparison. On error the Indexer keeps its previous state.
func (ix *Indexer) Build(docs []Doc) ([]File, error) {
	old := ix.entries
	ents := ix.match(docs)

	var fresh []*docEntry
	kept := make([]bool, len(old))
	for i, e := range ents {
		if e == nil {
			e = &docEntry{doc: docs[i]}
			// The caller may reuse its slices; keep copies to compare with.
			e.doc.Levels, e.doc.Tags = slices.Clone(e.doc.Levels), slices.Clone(e.doc.Tags)
			ents[i] = e
			fresh = append(fresh, e)
		} else {
			kept[e.num] = true
		}
	}
	// A new document may take the analysis of an old one of its URL that
	// goes, when only facet values changed.
	prev := make([]*docEntry, len(fresh))
	for k, e := range fresh {
		lo, hi := ix.ofURL(old, e.doc.URL)
		for j := lo; j < hi; j++ {
			if !kept[j] && sameText(&old[j].doc, &e.doc) {
				prev[k] = old[j]
				break
			}
		}
	}

	// Number the documents: the old entries that stay keep their order,
	// the new ones (sorted) are merged in.
	for _, e := range fresh {
		e.cut = urlCut(e.doc.URL)
	}
	slices.SortFunc(fresh, func(a, b *docEntry) int { return compareDocs(&a.doc, &b.doc) })
	next := make([]*docEntry, 0, len(docs))
	f := 0
	for j, e := range old {
		if !kept[j] {
			continue
		}
		for f < len(fresh) && compareDocs(&fresh[f].doc, &e.doc) < 0 {
			next = append(next, fresh[f])
			f++
		}
		next = append(next, e)
	}
	next = append(next, fresh[f:]...)
	nums, occ := ix.number(next)

	segs, shift := changes(old, next)
	fac, err := ix.nextFacets(next, segs, shift)
	if err != nil {
		return nil, err
	}
	ix.analyze(fresh, prev)
	for k, e := range next {
		e.num = int32(k)
	}
	pos := make([]int32, len(docs))
	for i, e := range ents {
		pos[i] = e.num
	}
	ix.pos = pos
	ix.apply(next, nums, occ, segs, fac)
	return ix.write()
}

// number returns the numbers of entries in URL order and the ranges'
// occupancy.
func (ix *Indexer) number(entries []*docEntry) ([]int32, []uint8) {
	cuts := make([]bool, len(entries))
	for k, e := range entries {
		cuts[k] = e.cut
	}
	slots, least := blockLimits(ix.opts.ChunkSize)
	return stableNumbers(cuts, slots, least)
}

// ofURL returns the span of entries (in URL order) whose URL is url.
func (ix *Indexer) ofURL(entries []*docEntry, url string) (int, int) {
	lo, _ := slices.BinarySearchFunc(entries, url, func(e *docEntry, u string) int { return strings.Compare(e.doc.URL, u) })
	hi := lo
	for hi < len(entries) && entries[hi].doc.URL == url {
		hi++
	}
	return lo, hi
}

// match returns, for each doc, the old entry of an equal document, each
// old entry given at most once, or nil. It looks first at the entries of
// the docs at the same and the neighbouring positions in the last call,
// then at the entries of the doc's URL.
func (ix *Indexer) match(docs []Doc) []*docEntry {
	old := ix.entries
	out := make([]*docEntry, len(docs))
	claimed := make([]bool, len(old))
	for i := range docs {
		d := &docs[i]
		found := false
		// The documents between a moved one's old and new place shift by
		// one.
		for _, j := range [...]int{i, i - 1, i + 1} {
			if j >= 0 && j < len(ix.pos) {
				if k := ix.pos[j]; !claimed[k] && docEqual(&old[k].doc, d) {
					claimed[k] = true
					out[i] = old[k]
					found = true
					break
				}
			}
		}
		if found {
			continue
		}
		lo, hi := ix.ofURL(old, d.URL)
		for k := lo; k < hi; k++ {
			if !claimed[k] && docEqual(&old[k].doc, d) {
				claimed[k] = true
				out[i] = old[k]
				break
			}
		}
	}
	return out
}

// nextFacets returns the facets of next: the last ones updated for segs
// when their value lists stay, else computed again.
func (ix *Indexer) nextFacets(next []*docEntry, segs []segment, shift int) (*facetState, error) {
	if ix.facets != nil {
		if len(segs) == 0 {
			return ix.facets, nil
		}
		f, err := ix.facets.update(segs, shift, len(next))
		if f != nil || err != nil {
			return f, err
		}
	}
	return newFacetState(len(next), func(i int) *Doc { return &next[i].doc })
}

// apply makes next, numbered nums with occupancy occ, the Indexer's
// documents: it moves the postings of the ranges that changed, and
// re-encodes the shards and chunks that changed (segs are the change
// over positions in number order, for the facets and lengths).
func (ix *Indexer) apply(next []*docEntry, nums []int32, occ []uint8, segs []segment, fac *facetState) {
	stages := ix.rangeStages(next, nums, occ)
	if len(stages) > 0 || fac != ix.facets || !slices.Equal(occ, ix.occ) {
		ix.last = nil
	}
	ix.grow()
	var touched []int32
	from := ix.occ
	for _, st := range stages {
		touched = append(touched, ix.spliceTerms(st.segs, st.shift, from, st.occ)...)
		ix.updateChunks(st.segs, st.shift, st.occ)
		from = st.occ
	}
	ix.encodeTerms(touched)
	ix.updatePinyin(stages)
	for _, sg := range segs {
		for _, e := range sg.oldMid {
			ix.lenTotal -= dequantizeLen(e.lenQ)
		}
		for _, e := range sg.newMid {
			ix.lenTotal += dequantizeLen(e.lenQ)
		}
	}
	ix.entries = next
	ix.nums, ix.occ = nums, occ
	ix.facets = fac
}

// sameText reports whether two documents index the same text and have
// the same row: they differ at most in their facet values (year, award
// levels, region and category slugs), so that one can take the other's
// analysis.
func sameText(a, b *Doc) bool {
	return a.URL == b.URL && a.Title == b.Title && a.Summary == b.Summary && a.Body == b.Body &&
		a.Region == b.Region && a.Town == b.Town && a.Category == b.Category && slices.Equal(a.Tags, b.Tags)
}

// analyze fills in the analysis of new entries (their doc set), taking
// it from prev[k] (when prev is not nil) if that has the same text. Pinyin
// keys are computed on other goroutines.
func (ix *Indexer) analyze(fresh, prev []*docEntry) {
	var todo []*docEntry
	for k, e := range fresh {
		if p := prev[k]; p != nil && sameText(&p.doc, &e.doc) {
			e.terms, e.lenQ, e.pinyin, e.row = p.terms, p.lenQ, p.pinyin, p.row
			continue
		}
		todo = append(todo, e)
	}
	fresh = todo
	sub := make([]Doc, len(fresh))
	for k, e := range fresh {
		sub[k] = e.doc
	}
	k := 0
	for batch := range pinyinKeys(sub) {
		for _, keys := range <-batch {
			e := fresh[k]
			d := &e.doc
			slices.Sort(keys)
			e.pinyin = keys
			e.row, _ = json.Marshal([3]string{d.URL, d.Title, Excerpt(d.Summary, d.Body, ix.opts.ExcerptLen)})
			e.terms, e.lenQ = ix.scanDoc(d)
			k++
		}
	}
}

// grow makes the scratch arrays cover every term id.
func (ix *Indexer) grow() {
	for len(ix.acc) < len(ix.terms) {
		ix.acc = append(ix.acc, 0)
		ix.mid = append(ix.mid, nil)
		ix.old = append(ix.old, nil)
		ix.mark = append(ix.mark, false)
		ix.chg = append(ix.chg, false)
		ix.seen = append(ix.seen, 0)
	}
}

func (ix *Indexer) newTerm(t termState) int32 {
	if n := len(ix.free); n > 0 {
		id := ix.free[n-1]
		ix.free = ix.free[:n-1]
		ix.terms[id] = t
		return id
	}
	ix.terms = append(ix.terms, t)
	ix.grow()
	return int32(len(ix.terms) - 1)
}

func (ix *Indexer) hanTerm(r0, r1, r2 rune) int32 {
	k := hanKey(r0, r1, r2)
	if id, ok := ix.han[k]; ok {
		return id
	}
	var buf [12]byte
	n := utf8.EncodeRune(buf[:], r0)
	if r1 != 0 {
		n += utf8.EncodeRune(buf[n:], r1)
	}
	if r2 != 0 {
		n += utf8.EncodeRune(buf[n:], r2)
	}
	id := ix.newTerm(termState{text: string(buf[:n]), key: k, han: true, trigram: r2 != 0})
	ix.han[k] = id
	return id
}

func (ix *Indexer) wordTerm(w []byte) int32 {
	if id, ok := ix.words[string(w)]; ok {
		return id
	}
	id := ix.newTerm(termState{text: string(w)})
	ix.words[ix.terms[id].text] = id
	return id
}

// scanDoc returns a document's terms with their weighted frequencies, and
// its quantized length, read through the scanner as Build's indexDoc reads
// them.
func (ix *Indexer) scanDoc(d *Doc) ([]docTerm, byte) {
	var touched []int32
	hit := func(id int32, weight int) {
		if ix.acc[id] == 0 {
			touched = append(touched, id)
		}
		ix.acc[id] += int32(weight)
	}
	var word []byte
	scan := func(text string, weight int) int {
		sc := newScanner(text, word)
		for {
			k, r, p1, p2, _ := sc.next()
			switch k {
			case scanEnd:
				word = sc.word
				return sc.pos
			case scanWord:
				hit(ix.wordTerm(sc.word), weight)
				continue
			}
			if p1 >= 0 {
				if p2 >= 0 {
					hit(ix.hanTerm(p2, p1, r), weight)
				}
				hit(ix.hanTerm(p1, r, 0), weight)
			}
			hit(ix.hanTerm(r, 0, 0), weight)
		}
	}
	o := ix.opts
	length := scan(d.Title, o.TitleBoost)
	length += scan(d.Region, o.MetaBoost)
	length += scan(d.Town, o.MetaBoost)
	length += scan(d.Category, o.MetaBoost)
	for _, t := range d.Tags {
		length += scan(t, o.MetaBoost)
	}
	length += scan(d.Summary, 1)
	length += scan(d.Body, 1)
	out := make([]docTerm, len(touched))
	for k, id := range touched {
		out[k] = docTerm{id, ix.acc[id]}
		ix.acc[id] = 0
	}
	return out, quantizeLen(length)
}

func (t *termState) sizeEstimate() int {
	if t.df == 0 {
		return 0
	}
	n := len(t.text) + len(t.buf) + 8
	if t.trigram {
		n *= 2
	}
	return n
}

// shardsOf sets the term's shards for n shards.
func (t *termState) shardsOf(n int) {
	if t.trigram {
		first, last := trigramShards(t.text)
		t.s0, t.s1 = int32(ShardOf(first, n)), int32(ShardOf(last, n))
		if t.s1 == t.s0 {
			t.s1 = -1
		}
		return
	}
	t.s0, t.s1 = int32(ShardOf(t.text, n)), -1
}

// rangeStage is one step of moving the postings: segments over document
// numbers, the shift of the ranges after a single segment, and the
// numbers' occupancy after it.
type rangeStage struct {
	segs  []segment
	shift int
	occ   []uint8
}

// stageCost is the rough cost of moving the postings of one stage of n
// documents: the postings of the segments' documents are gathered and
// compared, and when ranges move every list that lists a document after
// them is spliced, about as much work as gathering the postings of an
// eighth of the documents.
func stageCost(segs []segment, shift, n int) int {
	c := 0
	for _, sg := range segs {
		c += len(sg.oldMid) + len(sg.newMid)
	}
	if shift != 0 {
		c += n / 8
	}
	return c
}

// rangeStages returns the stages that turn the Indexer's entries into
// next, numbered nums with occupancy occ: one, or, when documents are
// both removed and added and that costs less (a rename far in URL order,
// whose blocks between its two places would otherwise all move in one
// segment), the removals and then the additions.
func (ix *Indexer) rangeStages(next []*docEntry, nums []int32, occ []uint8) []rangeStage {
	slots, _ := blockLimits(ix.opts.ChunkSize)
	old := ix.entries
	segs, shift := rangeChanges(old, next, ix.nums, nums, slots)
	if len(segs) == 0 {
		return nil
	}
	one := []rangeStage{{segs, shift, occ}}
	c := stageCost(segs, shift, len(old))
	if c <= 2*stageCost(nil, slots, len(old)) {
		return one
	}
	in := make(map[*docEntry]bool, len(next))
	for _, e := range next {
		in[e] = true
	}
	mid := make([]*docEntry, 0, len(old))
	for _, e := range old {
		if in[e] {
			mid = append(mid, e)
		}
	}
	if len(mid) == len(old) || len(mid) == len(next) {
		return one
	}
	midNums, midOcc := ix.number(mid)
	s1, sh1 := rangeChanges(old, mid, ix.nums, midNums, slots)
	s2, sh2 := rangeChanges(mid, next, midNums, nums, slots)
	if stageCost(s1, sh1, len(old))+stageCost(s2, sh2, len(mid)) >= c {
		return one
	}
	return []rangeStage{{s1, sh1, midOcc}, {s2, sh2, occ}}
}

// spliceTerms moves the term postings of segs (and by shift those after a
// single segment; the occupancy goes from from to occ), returning the terms whose lists it rewrote (each once,
// as ix.mark says) and setting ix.chg of those that changed. The gaps of
// a list depend on the occupancy of the ranges of its postings: the
// segments are spliced in order, each read with the new occupancy of the
// ranges before it and written with its own; the ranges after a shift
// keep theirs, so only the gap into them changes.
func (ix *Indexer) spliceTerms(segs []segment, shift int, from, occ []uint8) []int32 {
	var touched []int32
	slots, _ := blockLimits(ix.opts.ChunkSize)
	n := max(len(occ), len(from))
	decOcc, encOcc := make([]uint8, n), make([]uint8, n)
	copy(decOcc, from)
	copy(encOcc, from)
	dec, enc := newGapCode(slots, decOcc), newGapCode(slots, encOcc)
	newOcc := func(r int) uint8 {
		if r < len(occ) {
			return occ[r]
		}
		return 0
	}
	for _, sg := range segs {
		sameOcc := shift == 0
		for r := sg.p / slots; r < max(sg.oldEnd, sg.oldEnd+shift)/slots; r++ {
			encOcc[r] = newOcc(r)
			sameOcc = sameOcc && encOcc[r] == decOcc[r]
		}
		ix.stamp++
		var local []int32
		touch := func(id int32) {
			if ix.seen[id] != ix.stamp {
				ix.seen[id] = ix.stamp
				local = append(local, id)
			}
		}
		// A term whose postings in the segment stay the same (same
		// documents at the same numbers, same frequencies) keeps its list
		// when nothing moves: compare the old segment's postings with the
		// new.
		// (When the occupancy of a range changes, so may the gap after its
		// last posting.)
		same := sameOcc
		if same {
			ix.collect(ix.old, sg.oldMid, sg.oldNums)
		}
		ix.collect(ix.mid, sg.newMid, sg.newNums)
		for _, e := range sg.oldMid {
			for _, dt := range e.terms {
				touch(dt.id)
			}
		}
		for _, e := range sg.newMid {
			for _, dt := range e.terms {
				touch(dt.id)
			}
		}
		if shift != 0 {
			for id := range ix.terms {
				if t := &ix.terms[id]; t.live && t.last > sg.oldEnd {
					touch(int32(id))
				}
			}
		}
		for _, id := range local {
			t := &ix.terms[id]
			unchanged := same && slices.Equal(ix.old[id], ix.mid[id])
			if !unchanged {
				if !ix.mark[id] {
					ix.mark[id] = true
					touched = append(touched, id)
				}
				if t.splice(sg.p, sg.oldEnd, shift, ix.mid[id], !t.trigram, dec, enc) {
					ix.chg[id] = true
				}
			}
			ix.old[id], ix.mid[id] = nil, nil
		}
		for r := sg.p / slots; r < max(sg.oldEnd, sg.oldEnd+shift)/slots; r++ {
			decOcc[r] = encOcc[r]
		}
	}
	return touched
}

// encodeTerms updates the shards of the touched terms whose lists
// changed, and re-encodes the shards that changed.
func (ix *Indexer) encodeTerms(touched []int32) {
	dirty := map[int32]bool{}
	var added, removed []int32
	for _, id := range touched {
		ix.mark[id] = false
		if !ix.chg[id] {
			continue
		}
		ix.chg[id] = false
		t := &ix.terms[id]
		ix.total -= t.size
		t.size = t.sizeEstimate()
		ix.total += t.size
		switch {
		case t.live && t.df == 0:
			removed = append(removed, id)
		case !t.live && t.df > 0:
			added = append(added, id)
		case t.live:
			dirty[t.s0] = true
			if t.s1 >= 0 {
				dirty[t.s1] = true
			}
		}
	}
	shards := 1
	for shards < maxShards && shards*ix.opts.ShardBytes < ix.total {
		shards *= 2
	}
	if shards != ix.shards {
		// Every term moves: assign all again.
		for _, id := range removed {
			ix.kill(id)
		}
		ix.shards = shards
		ix.shardTerms = make([][]int32, shards)
		for id := range ix.terms {
			t := &ix.terms[id]
			if t.df == 0 {
				continue
			}
			t.live = true
			t.shardsOf(shards)
			ix.shardTerms[t.s0] = append(ix.shardTerms[t.s0], int32(id))
			if t.s1 >= 0 {
				ix.shardTerms[t.s1] = append(ix.shardTerms[t.s1], int32(id))
			}
		}
		for s := range ix.shardTerms {
			slices.SortFunc(ix.shardTerms[s], func(a, b int32) int { return strings.Compare(ix.terms[a].text, ix.terms[b].text) })
		}
		ix.shardData = make([][]byte, shards)
		ix.shardSum = make([][32]byte, shards)
		ix.termHashes = make([]string, shards)
		clear(dirty)
		for s := range shards {
			dirty[int32(s)] = true
		}
	} else {
		for _, id := range removed {
			t := &ix.terms[id]
			ix.shardRemove(t.s0, id)
			dirty[t.s0] = true
			if t.s1 >= 0 {
				ix.shardRemove(t.s1, id)
				dirty[t.s1] = true
			}
			ix.kill(id)
		}
		for _, id := range added {
			t := &ix.terms[id]
			t.live = true
			t.shardsOf(shards)
			ix.shardInsert(t.s0, id)
			dirty[t.s0] = true
			if t.s1 >= 0 {
				ix.shardInsert(t.s1, id)
				dirty[t.s1] = true
			}
		}
	}
	for s := range dirty {
		ix.encodeShard(int(s))
		ix.termHashes[s] = fileHash(&ix.shardSum[s])
	}
}

// collect sets lists[id] to the postings of each term of the docs,
// numbered nums, carved from one allocation: the lists are scratch,
// dropped (set to nil) once used.
func (ix *Indexer) collect(lists [][]posting, docs []*docEntry, nums []int32) {
	n := 0
	for _, e := range docs {
		n += len(e.terms)
		for _, dt := range e.terms {
			ix.acc[dt.id]++
		}
	}
	arena := make([]posting, n)
	off := int32(0)
	for j, e := range docs {
		for _, dt := range e.terms {
			l := lists[dt.id]
			if l == nil {
				c := ix.acc[dt.id]
				l = arena[off : off : off+c]
				off += c
				ix.acc[dt.id] = 0
			}
			lists[dt.id] = append(l, posting{nums[j], dt.wtf})
		}
	}
}

// kill frees a term whose last posting went.
func (ix *Indexer) kill(id int32) {
	t := &ix.terms[id]
	if t.han {
		delete(ix.han, t.key)
	} else {
		delete(ix.words, t.text)
	}
	ix.terms[id] = termState{}
	ix.free = append(ix.free, id)
}

func (ix *Indexer) shardSearch(s int32, text string) (int, bool) {
	return slices.BinarySearchFunc(ix.shardTerms[s], text, func(id int32, t string) int {
		return strings.Compare(ix.terms[id].text, t)
	})
}

func (ix *Indexer) shardInsert(s, id int32) {
	i, _ := ix.shardSearch(s, ix.terms[id].text)
	ix.shardTerms[s] = slices.Insert(ix.shardTerms[s], i, id)
}

func (ix *Indexer) shardRemove(s, id int32) {
	if i, ok := ix.shardSearch(s, ix.terms[id].text); ok {
		ix.shardTerms[s] = slices.Delete(ix.shardTerms[s], i, i+1)
	}
}

// encodeShard encodes term shard s as Build's write does.
func (ix *Indexer) encodeShard(s int) {
	ts := ix.shardTerms[s]
	size := binary.MaxVarintLen64
	for _, id := range ts {
		t := &ix.terms[id]
		size += len(t.text) + len(t.buf) + 3*binary.MaxVarintLen64
	}
	buf := make([]byte, 0, size)
	buf = binary.AppendUvarint(buf, uint64(len(ts)))
	var tris []trigramSize
	for _, id := range ts {
		if t := &ix.terms[id]; t.trigram {
			tris = append(tris, trigramSize{t.text, t.df, len(t.buf)})
		}
	}
	kept := keptTrigrams(tris, ix.opts.TrigramBytes)
	for _, id := range ts {
		t := &ix.terms[id]
		buf = binary.AppendUvarint(buf, uint64(len(t.text)))
		buf = append(buf, t.text...)
		if t.trigram && !kept[t.text] {
			buf = append(buf, 0, 0)
			continue
		}
		buf = binary.AppendUvarint(buf, uint64(t.df))
		buf = binary.AppendUvarint(buf, uint64(len(t.buf)))
		buf = append(buf, t.buf...)
	}
	ix.shardData[s] = buf
	ix.shardSum[s] = sha256.Sum256(buf)
}

// updateChunks re-encodes the document chunks of the ranges of segs
// (over document numbers; the ranges after a single segment move by shift
// numbers), to occupancy occ: a range's chunk holds its documents' rows;
// an empty range has none.
func (ix *Indexer) updateChunks(segs []segment, shift int, occ []uint8) {
	slots, _ := blockLimits(ix.opts.ChunkSize)
	chunks := len(occ)
	if shift != 0 {
		// The chunks after the segment move.
		sg := segs[0]
		d := shift / slots
		from := sg.oldEnd / slots
		move := func(a [][]byte) [][]byte {
			out := make([][]byte, chunks)
			copy(out, a[:min(from, len(a))])
			copy(out[from+d:], a[min(from, len(a)):])
			return out
		}
		ix.chunkData = move(ix.chunkData)
		sums := make([][32]byte, chunks)
		copy(sums, ix.chunkSum[:min(from, len(ix.chunkSum))])
		copy(sums[from+d:], ix.chunkSum[min(from, len(ix.chunkSum)):])
		ix.chunkSum = sums
		hashes := make([]string, chunks)
		copy(hashes, ix.docHashes[:min(from, len(ix.docHashes))])
		copy(hashes[from+d:], ix.docHashes[min(from, len(ix.docHashes)):])
		ix.docHashes = hashes
	}
	// Ranges new at the end start empty (the arrays may hold old chunks
	// there).
	had := min(len(ix.chunkData), chunks)
	ix.chunkData = slices.Grow(ix.chunkData[:had], chunks)[:chunks]
	ix.chunkSum = slices.Grow(ix.chunkSum[:had], chunks)[:chunks]
	ix.docHashes = slices.Grow(ix.docHashes[:had], chunks)[:chunks]
	clear(ix.chunkData[had:])
	clear(ix.chunkSum[had:])
	clear(ix.docHashes[had:])
	for _, sg := range segs {
		// The segment's new documents fill its ranges, range by range.
		k := 0
		for c := sg.p / slots; c < min((sg.oldEnd+shift)/slots, chunks); c++ {
			if occ[c] == 0 {
				ix.chunkData[c], ix.chunkSum[c], ix.docHashes[c] = nil, [32]byte{}, ""
				continue
			}
			var buf bytes.Buffer
			buf.WriteByte('[')
			for j := range int(occ[c]) {
				if j > 0 {
					buf.WriteByte(',')
				}
				buf.Write(sg.newMid[k].row)
				k++
			}
			buf.WriteByte(']')
			ix.chunkData[c] = buf.Bytes()
			ix.chunkSum[c] = sha256.Sum256(buf.Bytes())
			ix.docHashes[c] = fileHash(&ix.chunkSum[c])
		}
	}
}

// write assembles the meta file and the list of files, or returns a copy
// of the last list when nothing changed since.
func (ix *Indexer) write() ([]File, error) {
	if ix.last != nil {
		return slices.Clone(ix.last), nil
	}
	n := len(ix.entries)
	m := &Meta{}
	ix.facets.header(m)
	m.Version = FormatVersion
	m.Docs = n
	m.ChunkSize, _ = blockLimits(ix.opts.ChunkSize)
	m.Ranges = len(ix.occ)
	m.Occupancy = ix.occ
	m.AvgLen = 1
	if n > 0 {
		m.AvgLen = float64(ix.lenTotal) / float64(n)
	}
	m.Shards = ix.shards
	m.TermHashes = append([]string{}, ix.termHashes...)
	m.DocHashes = append([]string{}, ix.docHashes...)
	m.Pinyin = make([]string, len(ix.preList))
	m.PinyinHashes = make([]string, len(ix.preList))
	for i, pre := range ix.preList {
		m.Pinyin[i] = pre.name
		m.PinyinHashes[i] = pre.hash
	}

	// The files in path order: search/d/, search/meta.bin, search/p/,
	// search/t/.
	files := make([]File, 0, ix.shards+len(ix.prefixes)+len(ix.chunkData)+1)
	// (Empty ranges have no chunk: emit skips them.)
	files = ix.chunkPaths.emit(files, "search/d/", ".json", ix.docHashes, ix.chunkData)
	metaAt := len(files)
	files = append(files, File{Path: MetaPath})
	for _, pre := range ix.preList {
		if pre.path == "" {
			pre.path = "search/p/" + pre.name + "-" + pre.hash + ".bin"
		}
		files = append(files, File{Path: pre.path, Data: pre.data})
	}
	files = ix.shardPaths.emit(files, "search/t/", ".bin", ix.termHashes, ix.shardData)

	head, err := marshal(m)
	if err != nil {
		return nil, err
	}
	meta := make([]byte, 0, binary.MaxVarintLen64+len(head)+5*n+len(ix.occ)+(ix.shards+len(ix.docHashes)+len(ix.preList))*hashLen/2)
	meta = binary.AppendUvarint(meta, uint64(len(head)))
	meta = append(meta, head...)
	for _, c := range ix.facets.cols {
		meta = append(meta, c...)
	}
	for _, e := range ix.entries {
		meta = append(meta, e.lenQ)
	}
	meta = append(meta, ix.occ...)
	meta = m.appendHashes(meta)
	files[metaAt].Data = meta
	ix.last = files
	return slices.Clone(files), nil
}

// pathCache keeps the paths of a directory of hashed files (term shards
// or document chunks), named dir+number+"-"+hash+ext, and their path
// order, so that listing the files costs no sorting and no new strings
// for the files whose hash stayed.
type pathCache struct {
	hashes []string // per file, the hash its path was made with
	paths  []string // per file, its path
	order  []int    // file numbers in path order
}

// emit appends the files of data, file i named with hashes[i], to files
// in path order; a file whose hash is "" is not emitted.
func (pc *pathCache) emit(files []File, dir, ext string, hashes []string, data [][]byte) []File {
	n := len(data)
	if len(pc.order) != n {
		pc.order = make([]int, n)
		for i := range pc.order {
			pc.order[i] = i
		}
		// Path order: decimal numbers compared as strings ("-" sorts
		// before every digit).
		slices.SortFunc(pc.order, func(a, b int) int { return strings.Compare(strconv.Itoa(a), strconv.Itoa(b)) })
		pc.hashes = slices.Grow(pc.hashes[:min(len(pc.hashes), n)], n)[:n]
		pc.paths = slices.Grow(pc.paths[:min(len(pc.paths), n)], n)[:n]
	}
	for _, i := range pc.order {
		if hashes[i] == "" {
			continue
		}
		if pc.hashes[i] != hashes[i] || pc.paths[i] == "" {
			pc.hashes[i] = hashes[i]
			pc.paths[i] = dir + strconv.Itoa(i) + "-" + hashes[i] + ext
		}
		files = append(files, File{Path: pc.paths[i], Data: data[i]})
	}
	return files
}
