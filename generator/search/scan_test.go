package search

import (
	"fmt"
	"slices"
	"testing"
)

// refScan is a plain reference of the scanner: the folded runes, then per
// Han character its trigram, bigram and unigram, per run of word runes the
// word cut at MaxWordLen, as "term@pos".
func refScan(text string) []string {
	var out []string
	rs := []rune(text)
	pos := 0
	for i := 0; i < len(rs); {
		r := Fold(rs[i])
		switch {
		case IsHan(r):
			if i >= 2 && IsHan(Fold(rs[i-1])) && IsHan(Fold(rs[i-2])) {
				out = append(out, fmt.Sprintf("%s@%d", string([]rune{Fold(rs[i-2]), Fold(rs[i-1]), r}), pos-2))
			}
			if i >= 1 && IsHan(Fold(rs[i-1])) {
				out = append(out, fmt.Sprintf("%s@%d", string([]rune{Fold(rs[i-1]), r}), pos-1))
			}
			out = append(out, fmt.Sprintf("%s@%d", string(r), pos))
			pos++
			i++
		case isWord(r):
			var w []rune
			for ; i < len(rs) && isWord(Fold(rs[i])); i++ {
				if len(w) < MaxWordLen {
					w = append(w, Fold(rs[i]))
				}
			}
			out = append(out, fmt.Sprintf("%s@%d", string(w), pos))
			pos++
		default:
			i++
		}
	}
	return out
}

// scanAll returns the scanner's terms as "term@pos" and the positions it
// used.
func scanAll(text string) ([]string, int) {
	var out []string
	sc := newScanner(text, nil)
	for {
		k, r, p1, p2, pos := sc.next()
		switch k {
		case scanEnd:
			return out, sc.pos
		case scanWord:
			out = append(out, fmt.Sprintf("%s@%d", sc.word, pos))
			continue
		}
		if p1 >= 0 {
			if p2 >= 0 {
				out = append(out, fmt.Sprintf("%s@%d", string([]rune{p2, p1, r}), pos-2))
			}
			out = append(out, fmt.Sprintf("%s@%d", string([]rune{p1, r}), pos-1))
		}
		out = append(out, fmt.Sprintf("%s@%d", string(r), pos))
	}
}

func TestScanner(t *testing.T) {
	for _, text := range []string{"", "商会互助基金", "ＡＰＰ平台，App上线2016年", "a商b会", "象山县 XiangShan 〇",
		"\xff商\xfe会", "慈溪aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa商会"} {
		got, n := scanAll(text)
		want := refScan(text)
		if !slices.Equal(got, want) {
			t.Errorf("%q: scanner %v, want %v", text, got, want)
		}
		if toks := Tokenize(text); len(toks) > 0 && n != toks[len(toks)-1].Pos+1 {
			t.Errorf("%q: %d positions, last token at %d", text, n, toks[len(toks)-1].Pos)
		}
	}
}

// FuzzScanner checks the scanner against the plain reference on any text,
// invalid UTF-8 included.
func FuzzScanner(f *testing.F) {
	for _, s := range []string{"商会互助基金", "ＡＰＰ平台，App上线", "\xff商\xfe会a", "x𠀀𠀁y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got, _ := scanAll(text)
		if want := refScan(text); !slices.Equal(got, want) {
			t.Fatalf("%q: scanner %v, want %v", text, got, want)
		}
	})
}
