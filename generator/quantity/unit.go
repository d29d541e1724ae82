package quantity

import (
	"strings"
	"unicode"
)

// prefixes are the magnitude prefixes Split recognises, longest first so
// that 万亿 wins over 万.
var prefixes = []struct {
	text  string
	scale int
}{
	{"万亿", 12},
	{"千万", 7},
	{"百万", 6},
	{"亿", 8},
	{"万", 4},
}

// Split splits a unit into its magnitude prefix, as a power of ten, and its
// base unit, the dimension: 万元 → (4, "元"), 亿元 → (8, "元"),
// 万户次 → (4, "户次"), 万亿元 → (12, "元"), 千万元 → (7, "元"),
// 百万元 → (6, "元"), 家 → (0, "家"). A prefix alone is a scaled pure number:
// 万 → (4, ""), the same dimension as a figure without a unit, so that
// 2万 + 3000 = 2.3万. Only one prefix is taken (万万元 → (4, "万元")).
// White space anywhere in the unit is ignored ("万 元" is 万元). Units are
// otherwise compared exactly: 人 and 名 are different dimensions.
func Split(unit string) (scale int, base string) {
	unit = strings.Map(dropSpace, unit)
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(unit, p.text); ok {
			return p.scale, rest
		}
	}
	return 0, unit
}

// dropSpace is a strings.Map function deleting white space.
func dropSpace(r rune) rune {
	if unicode.IsSpace(r) {
		return -1
	}
	return r
}

// Join returns the unit written with the prefix for scale before base:
// Join(8, "元") = "亿元", Join(0, "家") = "家". It is the inverse of Split
// for the scales Split returns; any other scale gives base unchanged.
func Join(scale int, base string) string {
	for _, p := range prefixes {
		if p.scale == scale {
			return p.text + base
		}
	}
	return base
}

// nonAdditive lists the base units whose figures must not be added across
// stories: shares, rates and ratios.
var nonAdditive = map[string]bool{
	"%":    true,
	"％":    true,
	"‰":    true,
	"百分点":  true,
	"个百分点": true,
	"倍":    true,
	"成":    true,
}

// Additive reports whether figures in unit may be added across stories. It
// is false for percentages and ratios (%, ％, ‰, 百分点, 个百分点, 倍, 成):
// 15% in one county and 20% in another do not make 35%.
func Additive(unit string) bool {
	_, base := Split(unit)
	return !nonAdditive[base]
}

// Dimension returns the base unit of unit, the key under which figures are
// added (Split's second result).
func Dimension(unit string) string {
	_, base := Split(unit)
	return base
}
