package search

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// windowKeysRef is windowKeys as first written, a string per step: the
// reference the arena version must match, key for key and in order.
func windowKeysRef(w []rune, emit func(string)) {
	extend := func(prefixes, rs []string, initials bool) []string {
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
	full, init := []string{""}, []string{""}
	for _, r := range w {
		rs := runeReadings(r)
		full = extend(full, rs, false)
		init = extend(init, rs, true)
	}
	for _, l := range [][]string{full, init} {
		for _, k := range l {
			if len(k) >= 2 {
				emit(k)
			}
		}
	}
}

func TestWindowKeysMatchReference(t *testing.T) {
	// Windows of the synthetic titles, and random windows drawn mostly
	// from polyphonic characters, so that the cap of maxCombos bites.
	var windows [][]rune
	for _, d := range syntheticDocs(500) {
		var run []rune
		for _, r := range d.Title {
			if IsHan(r) && runeReadings(r) != nil {
				run = append(run, r)
			}
		}
		for i := range run {
			windows = append(windows, run[i:min(i+PinyinWindow, len(run))])
		}
	}
	poly := []rune("行长重乐还都得地传朝降觉角调着差曾厦单会模少数血")
	plain := []rune("宁波慈溪市统一战线创新")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		w := make([]rune, 1+rng.IntN(PinyinWindow))
		for i := range w {
			if rng.IntN(4) == 0 {
				w[i] = plain[rng.IntN(len(plain))]
			} else {
				w[i] = poly[rng.IntN(len(poly))]
			}
		}
		windows = append(windows, w)
	}
	capped := 0
	for _, w := range windows {
		var got, want []string
		var rs [][]string
		for _, r := range w {
			rs = append(rs, runeReadings(r))
		}
		windowKeys(rs, func(k string) { got = append(got, k) })
		windowKeysRef(w, func(k string) { want = append(want, k) })
		if !slices.Equal(got, want) {
			t.Fatalf("windowKeys(%q) = %q, want %q", string(w), got, want)
		}
		if len(want) >= maxCombos {
			capped++
		}
	}
	if capped == 0 {
		t.Fatal("no window reached the cap of maxCombos: the test does not cover it")
	}
}

func BenchmarkPinyinKeys(b *testing.B) {
	docs := syntheticDocs(1000)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			PinyinKeys(d.Title, func(string) {})
		}
	}
}
