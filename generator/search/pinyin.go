package search

import (
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
	var run []rune
	flush := func() {
		for i := range run {
			end := min(i+PinyinWindow, len(run))
			windowKeys(run[i:end], emit)
		}
		run = run[:0]
	}
	for _, r := range name {
		r = Fold(r)
		if IsHan(r) && runeReadings(r) != nil {
			run = append(run, r)
			continue
		}
		flush()
	}
	flush()
}

// windowKeys emits the full and initial keys of one window.
func windowKeys(w []rune, emit func(string)) {
	full := []string{""}
	init := []string{""}
	for _, r := range w {
		rs := runeReadings(r)
		full = extend(full, rs, false)
		init = extend(init, rs, true)
	}
	for _, k := range full {
		if len(k) >= 2 {
			emit(k)
		}
	}
	for _, k := range init {
		if len(k) >= 2 {
			emit(k)
		}
	}
}

// extend appends every reading (or its first letter) to every prefix,
// keeping at most maxCombos results.
func extend(prefixes, rs []string, initials bool) []string {
	var out []string
	for _, p := range prefixes {
		for _, r := range rs {
			if initials {
				r = r[:1]
			}
			k := p + r
			if !contains(out, k) && len(out) < maxCombos {
				out = append(out, k)
			}
		}
	}
	return out
}
