package search

import (
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// vector is one shared tokenizer test case; search_test.mjs reads the same
// file.
type vector struct {
	Name string  `json:"name"`
	In   string  `json:"in"`
	Out  [][]any `json:"out"`
}

const vectorsPath = "testdata/tokenize-vectors.json"

// vectorInputs are the cases of the shared vectors; -update recomputes
// their outputs, which TestTokenizeHand checks by hand for the basics.
var vectorInputs = [][2]string{
	{"empty", ""},
	{"one han", "慈"},
	{"han run", "慈溪市"},
	{"latin lower", "Hello World"},
	{"mixed", "APP平台2016年"},
	{"full-width ascii", "ＡＰＰ２０１６，ｃｉｘｉ"},
	{"ideographic space", "宁波　象山"},
	{"punctuation dropped", "“唯创新者进，唯创新者强”！"},
	{"digits and decimal", "300余亿元、7000万元，0.5亿元"},
	{"latin-1 letters", "Café ÀÉÎ × ÷ straße"},
	{"extension b", "𠀀𠀁中"},
	{"ling", "二〇一六年"},
	{"hangul and kana dropped", "한국 カタカナ 漢字"},
	{"long word", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz 平"},
	{"invalid utf-8", "ab\xffcd宁\xfe波"},
	{"newlines", "紧固件\n行业\r\n商会\t融资"},
	{"markup as text", "<img src=x onerror=alert(1)>创二代"},
	{"emoji", "创新🚀发展"},
	{"lone han between words", "a中b"},
	{"compat ideograph", "豈更"},
}

func TestTokenizeVectors(t *testing.T) {
	if *update {
		var vs []vector
		for _, in := range vectorInputs {
			v := vector{Name: in[0], In: in[1], Out: [][]any{}}
			for _, tok := range Tokenize(in[1]) {
				v.Out = append(v.Out, []any{tok.Term, tok.Pos})
			}
			vs = append(vs, v)
		}
		data, err := json.MarshalIndent(vs, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(vectorsPath, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(vectorsPath)
	if err != nil {
		t.Fatal(err)
	}
	var vs []vector
	if err := json.Unmarshal(data, &vs); err != nil {
		t.Fatal(err)
	}
	if len(vs) < len(vectorInputs) {
		t.Fatalf("%s has %d vectors, want %d; run go test -update", vectorsPath, len(vs), len(vectorInputs))
	}
	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			got := [][]any{}
			for _, tok := range Tokenize(v.In) {
				got = append(got, []any{tok.Term, float64(tok.Pos)})
			}
			if !reflect.DeepEqual(got, v.Out) {
				t.Errorf("Tokenize(%q)\n got %v\nwant %v", v.In, got, v.Out)
			}
		})
	}
}

func TestTokenizeHand(t *testing.T) {
	tests := []struct {
		in   string
		want []Token
	}{
		{"", nil},
		{"慈", []Token{{"慈", 0}}},
		{"慈溪市", []Token{{"慈", 0}, {"慈溪", 0}, {"溪", 1}, {"溪市", 1}, {"市", 2}}},
		{"ＡＢ，c", []Token{{"ab", 0}, {"c", 1}}},
		{"APP平台", []Token{{"app", 0}, {"平", 1}, {"平台", 1}, {"台", 2}}},
		{"宁波，象山", []Token{{"宁", 0}, {"宁波", 0}, {"波", 1}, {"象", 2}, {"象山", 2}, {"山", 3}}},
		{"<b>", []Token{{"b", 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Tokenize(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Tokenize(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzTokenize(f *testing.F) {
	for _, in := range vectorInputs {
		f.Add(in[1])
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := -1
		for _, tok := range Tokenize(s) {
			if tok.Term == "" || tok.Pos < last {
				t.Fatalf("Tokenize(%q): bad token %v after position %d", s, tok, last)
			}
			last = tok.Pos
		}
		ParseQuery(s)
	})
}
