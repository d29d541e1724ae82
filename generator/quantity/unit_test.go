package quantity

import "testing"

func TestSplit(t *testing.T) {
	tests := []struct {
		unit  string
		scale int
		base  string
	}{
		{"万元", 4, "元"},
		{"亿元", 8, "元"},
		{"元", 0, "元"},
		{"万户次", 4, "户次"},
		{"户次", 0, "户次"},
		{"家", 0, "家"},
		{"万亿元", 12, "元"},
		{"千万元", 7, "元"},
		{"百万元", 6, "元"},
		{"万", 4, ""},
		{"亿", 8, ""},
		{"", 0, ""},
		{"万人次", 4, "人次"},
		{"万平方米", 4, "平方米"},
		{"万万元", 4, "万元"},
		{"万 亿元", 12, "元"},
		{"平方 米", 0, "平方米"},
		{"\u3000万元\t", 4, "元"},
		{" 万元 ", 4, "元"},
		{"万 元", 4, "元"},
		{"千克", 0, "千克"},
		{"%", 0, "%"},
		{"个百分点", 0, "个百分点"},
		{"名", 0, "名"},
	}
	for _, tt := range tests {
		t.Run(tt.unit, func(t *testing.T) {
			scale, base := Split(tt.unit)
			if scale != tt.scale || base != tt.base {
				t.Errorf("Split(%q) = %d, %q; want %d, %q", tt.unit, scale, base, tt.scale, tt.base)
			}
			if got := Dimension(tt.unit); got != tt.base {
				t.Errorf("Dimension(%q) = %q, want %q", tt.unit, got, tt.base)
			}
		})
	}
}

func TestJoin(t *testing.T) {
	tests := []struct {
		scale int
		base  string
		want  string
	}{
		{8, "元", "亿元"},
		{4, "元", "万元"},
		{0, "元", "元"},
		{4, "", "万"},
		{12, "元", "万亿元"},
		{7, "元", "千万元"},
		{3, "元", "元"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := Join(tt.scale, tt.base); got != tt.want {
				t.Errorf("Join(%d, %q) = %q, want %q", tt.scale, tt.base, got, tt.want)
			}
		})
	}
}

func TestAdditive(t *testing.T) {
	tests := []struct {
		unit string
		want bool
	}{
		{"家", true},
		{"万元", true},
		{"", true},
		{"万", true},
		{"%", false},
		{"％", false},
		{"‰", false},
		{"个百分点", false},
		{"百分点", false},
		{"倍", false},
	}
	for _, tt := range tests {
		t.Run(tt.unit, func(t *testing.T) {
			if got := Additive(tt.unit); got != tt.want {
				t.Errorf("Additive(%q) = %v, want %v", tt.unit, got, tt.want)
			}
		})
	}
}
