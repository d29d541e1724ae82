package search

import (
	"crypto/sha256"
	"encoding/binary"
	"slices"
	"strings"
)

// pyState is the posting list of one pinyin key.
type pyState struct {
	key string
	plist
	listed bool // it has a record in its prefix's shard
}

// prefixState is the pinyin shard of one two-letter prefix: its keys in
// order and its bytes, with where each key's record starts, so that a
// change to a few keys copies the other records' bytes as they are.
type prefixState struct {
	name string
	keys []*pyState // sorted by key
	offs []int      // start of each key's record in data, then len(data)
	data []byte
	hash string // content hash of data
	path string // its path, "" until listed
}

// pyEdit is one change of a pinyin key's list: document doc joins it
// (add) or leaves it.
type pyEdit struct {
	st  *pyState
	doc int32
	add bool
}

// pyEditsInPlace is the number of edits of one key's list made one by
// one, in place; a key with more is re-encoded in one pass.
const pyEditsInPlace = 4

// pyEditDocs is the most documents the segments of a stage that adds or
// removes none may span for their pinyin lists to be edited key by key
// (pinyinEdits); longer spans are spliced (pinyinSplice), which costs no
// sorting of per-document edits.
const pyEditDocs = 32

// updatePinyin moves the pinyin postings of each stage's segments
// and re-encodes the records of the keys whose lists changed, in their
// prefixes' shards.
func (ix *Indexer) updatePinyin(stages []rangeStage) {
	var changed []*pyState
	for _, stg := range stages {
		span, inPlace := 0, stg.shift == 0
		for _, sg := range stg.segs {
			span += len(sg.newMid)
			inPlace = inPlace && slices.Equal(sg.oldNums, sg.newNums)
		}
		if inPlace && span <= pyEditDocs {
			changed = append(changed, ix.pinyinEdits(stg.segs)...)
		} else {
			changed = append(changed, ix.pinyinSplice(stg.segs, stg.shift)...)
		}
	}
	if len(changed) == 0 && ix.pinyinDone {
		return
	}
	ix.pinyinDone = true
	slices.SortFunc(changed, func(a, b *pyState) int { return strings.Compare(a.key, b.key) })
	// A key changed by two stages is listed twice, side by side.
	changed = slices.Compact(changed)
	for i := 0; i < len(changed); {
		name := changed[i].key[:2]
		j := i + 1
		for j < len(changed) && changed[j].key[:2] == name {
			j++
		}
		ix.rewritePrefix(name, changed[i:j])
		i = j
	}
	for _, st := range changed {
		if st.df == 0 {
			delete(ix.pinyin, st.key)
		}
	}
}

// pyKey returns the state of pinyin key k, adding an empty one.
func (ix *Indexer) pyKey(k string) *pyState {
	st := ix.pinyin[k]
	if st == nil {
		st = &pyState{key: k}
		ix.pinyin[k] = st
	}
	return st
}

// pinyinEdits applies segs when every document number of a segment has a
// document before and after, so a key's list changes only where the old
// and the new document there differ in having it. It returns the states
// whose lists changed.
func (ix *Indexer) pinyinEdits(segs []segment) []*pyState {
	edits := ix.pyEdits[:0]
	for _, sg := range segs {
		for j := range sg.newMid {
			o, n := sg.oldMid[j].pinyin, sg.newMid[j].pinyin
			if len(o) == len(n) && (len(o) == 0 || &o[0] == &n[0]) {
				continue // the same analysis
			}
			doc := sg.newNums[j]
			a, b := 0, 0
			for a < len(o) || b < len(n) {
				switch {
				case b == len(n) || a < len(o) && o[a] < n[b]:
					if st := ix.pinyin[o[a]]; st != nil {
						edits = append(edits, pyEdit{st, doc, false})
					}
					a++
				case a == len(o) || n[b] < o[a]:
					edits = append(edits, pyEdit{ix.pyKey(n[b]), doc, true})
					b++
				default:
					a++
					b++
				}
			}
		}
	}
	slices.SortFunc(edits, func(x, y pyEdit) int {
		if c := strings.Compare(x.st.key, y.st.key); c != 0 {
			return c
		}
		return int(x.doc - y.doc)
	})
	var changed []*pyState
	for i := 0; i < len(edits); {
		st := edits[i].st
		j := i + 1
		for j < len(edits) && edits[j].st == st {
			j++
		}
		if j-i <= pyEditsInPlace {
			for _, e := range edits[i:j] {
				if e.add {
					st.insert(int(e.doc))
				} else {
					st.remove(int(e.doc))
				}
			}
		} else {
			st.rebuild(edits[i:j])
		}
		changed = append(changed, st)
		i = j
	}
	clear(edits)
	ix.pyEdits = edits[:0]
	return changed
}

// pinyinSplice applies segs, each list in one pass: the lists of the
// segments' keys and, when the ranges after a single segment move (by
// shift numbers), of every key that lists a document after it are
// spliced. It returns the states whose lists changed.
func (ix *Indexer) pinyinSplice(segs []segment, shift int) []*pyState {
	chg := map[*pyState]bool{}
	var touched []*pyState
	for _, sg := range segs {
		mids := map[string][]posting{}
		local := map[string]bool{}
		for _, e := range sg.oldMid {
			for _, k := range e.pinyin {
				local[k] = true
			}
		}
		for j, e := range sg.newMid {
			for _, k := range e.pinyin {
				local[k] = true
				mids[k] = append(mids[k], posting{doc: sg.newNums[j]})
			}
		}
		if shift != 0 {
			for k, st := range ix.pinyin {
				if st.last > sg.oldEnd {
					local[k] = true
				}
			}
		}
		for k := range local {
			st := ix.pyKey(k)
			c, ok := chg[st]
			if !ok {
				touched = append(touched, st)
			}
			chg[st] = st.splice(sg.p, sg.oldEnd, shift, mids[k], false, nil, nil) || c
		}
	}
	changed := touched[:0]
	for _, st := range touched {
		if chg[st] {
			changed = append(changed, st)
		} else if st.df == 0 {
			delete(ix.pinyin, st.key)
		}
	}
	return changed
}

// appendPinyinRecord appends the record of a key to a pinyin shard, as
// Build's write does.
func appendPinyinRecord(buf []byte, st *pyState) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(st.key)))
	buf = append(buf, st.key...)
	buf = binary.AppendUvarint(buf, uint64(st.df))
	return append(buf, st.buf...)
}

// rewritePrefix encodes the shard of prefix name again after the lists
// of ch (sorted by key, of that prefix) changed: the records of the other
// keys are copied, a run at a time, from the last bytes.
func (ix *Indexer) rewritePrefix(name string, ch []*pyState) {
	pre := ix.prefixes[name]
	if pre == nil {
		pre = &prefixState{name: name}
	}
	n, size := len(pre.keys), len(pre.data)+binary.MaxVarintLen64
	for _, st := range ch {
		switch {
		case st.listed && st.df == 0:
			n--
		case !st.listed && st.df > 0:
			n++
		}
		size += len(st.key) + len(st.buf) + 2*binary.MaxVarintLen64
	}
	if n == 0 {
		for _, st := range ch {
			st.listed = false
		}
		if _, ok := ix.prefixes[name]; ok {
			delete(ix.prefixes, name)
			i, _ := slices.BinarySearchFunc(ix.preList, name, func(p *prefixState, s string) int { return strings.Compare(p.name, s) })
			ix.preList = slices.Delete(ix.preList, i, i+1)
		}
		return
	}
	old, oldKeys, oldOffs := pre.data, pre.keys, pre.offs
	// The same keys keep their places: keys and offs are rewritten where
	// they are (an entry is read before it is written).
	keys, offs := pre.keys[:0], pre.offs[:0]
	inPlace := n == len(oldKeys) && allListed(ch)
	if !inPlace {
		keys, offs = make([]*pyState, 0, n), make([]int, 0, n+1)
	}
	out := make([]byte, 0, size)
	out = binary.AppendUvarint(out, uint64(n))
	i, c := 0, 0
	for i < len(oldKeys) || c < len(ch) {
		if c < len(ch) && (i == len(oldKeys) || ch[c].key <= oldKeys[i].key) {
			st := ch[c]
			c++
			if i < len(oldKeys) && oldKeys[i] == st {
				i++
			}
			st.listed = st.df > 0
			if st.listed {
				keys = append(keys, st)
				offs = append(offs, len(out))
				out = appendPinyinRecord(out, st)
			}
			continue
		}
		// A run of unchanged keys, up to the next changed one.
		end := len(oldKeys)
		if c < len(ch) {
			k, _ := slices.BinarySearchFunc(oldKeys[i:], ch[c].key, func(st *pyState, s string) int { return strings.Compare(st.key, s) })
			end = i + k
		}
		lo, hi := oldOffs[i], oldOffs[end]
		delta := len(out) - lo
		if inPlace {
			// The run's keys are in their places already.
			keys, offs = keys[:end], offs[:end]
			if delta != 0 {
				for k := i; k < end; k++ {
					offs[k] += delta
				}
			}
		} else {
			for k := i; k < end; k++ {
				keys = append(keys, oldKeys[k])
				offs = append(offs, oldOffs[k]+delta)
			}
		}
		out = append(out, old[lo:hi]...)
		i = end
	}
	offs = append(offs, len(out))
	pre.keys, pre.offs, pre.data = keys, offs, out
	sum := sha256.Sum256(out)
	if h := fileHash(&sum); h != pre.hash {
		pre.hash, pre.path = h, ""
	}
	if _, ok := ix.prefixes[name]; !ok {
		ix.prefixes[name] = pre
		i, _ := slices.BinarySearchFunc(ix.preList, name, func(p *prefixState, s string) int { return strings.Compare(p.name, s) })
		ix.preList = slices.Insert(ix.preList, i, pre)
	}
}

// allListed reports whether every state of ch has a record: with as many
// keys after as before, none was added or removed.
func allListed(ch []*pyState) bool {
	for _, st := range ch {
		if !st.listed {
			return false
		}
	}
	return true
}
