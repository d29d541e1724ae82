package search

import (
	"bytes"
	"sync"

	"github.com/mozillazg/go-pinyin"
)

// PinyinWindow is the number of Han characters, counted from each character
// of a name, whose pinyin forms one prefix-searchable key.
const PinyinWindow = 5

// maxCombos caps the readings combined for one key when characters in the
// window are polyphonic.
const maxCombos = 16

// readings caches the toneless readings of each rune; go-pinyin converts
// with regular expressions, which is too slow to repeat for every title.
var readings sync.Map // rune → []string

// runeReadings returns every toneless reading of r in lower-case ASCII
// (heteronym mode), or nil when go-pinyin does not know r.
func runeReadings(r rune) []string {
	if v, ok := readings.Load(r); ok {
		return v.([]string)
	}
	a := pinyin.NewArgs()
	a.Heteronym = true
	a.Fallback = func(rune, pinyin.Args) []string { return nil }
	var out []string
	for _, p := range pinyin.SinglePinyin(r, a) {
		ok := p != ""
		for i := 0; i < len(p); i++ {
			if p[i] < 'a' || p[i] > 'z' {
				ok = false
			}
		}
		if ok && !contains(out, p) {
			out = append(out, p)
		}
	}
	readings.Store(r, out)
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// PinyinKeys calls emit for each pinyin key of a name: for every Han character,
// the full pinyin and the initials of the run of up to PinyinWindow Han
// characters starting there, in every combination of readings of polyphonic
// characters (at most 16 per start). A query word matches a key it is a
// prefix of, so "cixi", "cx" and "cixishi" all find 慈溪市. Keys shorter than
// two letters are dropped. A key may be emitted more than once.
func PinyinKeys(name string, emit func(key string)) {
	var arr [32][]string
	run := arr[:0] // the readings of the run's characters
	flush := func() {
		for i := range run {
			end := min(i+PinyinWindow, len(run))
			windowKeys(run[i:end], emit)
		}
		run = run[:0]
	}
	for _, r := range name {
		r = Fold(r)
		if !IsHan(r) {
			flush()
			continue
		}
		if rs := runeReadings(r); rs != nil {
			run = append(run, rs)
			continue
		}
		flush()
	}
	flush()
}

// windowKeys emits the full and initial keys of one window, given as its
// characters' readings: every combination of the readings (or of their
// first letters), made reading by reading, each step keeping the first
// maxCombos distinct results in order (prefix by prefix, reading by
// reading). The combinations are built in two small arenas; only the
// keys emitted become strings.
func windowKeys(w [][]string, emit func(string)) {
	var sets [2]combos // the keys so far, and the next
	for _, initials := range [2]bool{false, true} {
		cur := 0
		sets[cur].reset()
		sets[cur].add(nil, "")
		for _, rs := range w {
			from, to := &sets[cur], &sets[1-cur]
			to.reset()
			for i := range from.n {
				p := from.key(i)
				for _, rd := range rs {
					if to.n == maxCombos {
						break
					}
					if initials {
						rd = rd[:1]
					}
					to.add(p, rd)
				}
			}
			cur = 1 - cur
		}
		for i := range sets[cur].n {
			if k := sets[cur].key(i); len(k) >= 2 {
				emit(string(k))
			}
		}
	}
}

// combos holds up to maxCombos distinct keys in one array: key i is
// arr[end[i-1]:end[i]]. A key is at most PinyinWindow readings, and no
// reading has more than six letters, so the array always has room; a key
// that would not fit is dropped rather than grown into the heap.
type combos struct {
	arr [maxCombos * PinyinWindow * 8]byte
	end [maxCombos]int
	n   int
}

func (c *combos) reset() { c.n = 0 }

func (c *combos) len() int {
	if c.n == 0 {
		return 0
	}
	return c.end[c.n-1]
}

func (c *combos) key(i int) []byte {
	start := 0
	if i > 0 {
		start = c.end[i-1]
	}
	return c.arr[start:c.end[i]]
}

// add appends the key p+r unless the set holds it already.
func (c *combos) add(p []byte, r string) {
	start := c.len()
	end := start + len(p) + len(r)
	if end > len(c.arr) {
		return
	}
	copy(c.arr[start:], p)
	copy(c.arr[start+len(p):], r)
	k := c.arr[start:end]
	for i := range c.n {
		if bytes.Equal(c.key(i), k) {
			return
		}
	}
	c.end[c.n] = end
	c.n++
}
