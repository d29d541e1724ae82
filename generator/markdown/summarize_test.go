package markdown

import (
	"testing"
	"unicode/utf8"
)

func TestSummarize(t *testing.T) {
	tests := []struct {
		name string
		text string
		n    int
		want string
	}{
		{"short", "宁波", 10, "宁波"},
		{"exact n", "一二三四五", 5, "一二三四五"},
		{"one over", "一二三四五六", 5, "一二三四…"},
		{"cjk", "西周镇商会互助基金会当年度帮助35家企业", 10, "西周镇商会互助基金…"},
		{"latin word kept whole", "The quick brown fox jumps", 12, "The quick…"},
		{"latin cut at space", "The quick brown fox jumps", 11, "The quick…"},
		{"single long word", "Supercalifragilistic", 8, "Superca…"},
		{"number kept whole", "帮助企业融资金额达300余亿元", 11, "帮助企业融资金额达…"},
		{"cjk after number", "帮助企业融资金额达300余亿元", 14, "帮助企业融资金额达300余…"},
		{"trailing comma dropped", "基金会，当年度帮助企业", 5, "基金会…"},
		{"mixed", "Ningbo 宁波 innovation showcase", 12, "Ningbo 宁波…"},
		{"white space collapsed", "第一段\n第二段 more  \t text", 100, "第一段第二段 more text"},
		{"line break between latin", "first\nsecond", 100, "first second"},
		{"trimmed", "  宁波  ", 10, "宁波"},
		{"zero", "宁波", 0, ""},
		{"negative", "宁波", -3, ""},
		{"one", "宁波市", 1, "…"},
		{"empty", "", 5, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Summarize(tt.text, tt.n)
			if got != tt.want {
				t.Errorf("Summarize(%q, %d) = %q, want %q", tt.text, tt.n, got, tt.want)
			}
			if tt.n > 0 && utf8.RuneCountInString(got) > tt.n {
				t.Errorf("Summarize(%q, %d) = %q is longer than %d", tt.text, tt.n, got, tt.n)
			}
		})
	}
}
