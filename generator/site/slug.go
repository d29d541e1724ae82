package site

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// Slugify returns an ASCII URL slug for text: Han characters become their
// pinyin without tones (商会 → shang-hui), Latin letters are lower-cased,
// digits kept, everything else separates words. Polyphonic characters take
// go-pinyin's first reading; a tag page fixes a wrong one. The result is
// never empty: text with nothing to keep gives "tag".
func Slugify(text string) string {
	args := pinyin.NewArgs()
	args.Fallback = func(r rune, a pinyin.Args) []string { return nil }
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
	}
	for _, r := range text {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			cur.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Han, r):
			flush()
			if py := pinyin.SinglePinyin(r, args); len(py) > 0 && py[0] != "" {
				words = append(words, py[0])
			}
		case r >= 0xFF10 && r <= 0xFF5A && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			// Full-width Latin letters and digits fold to ASCII.
			cur.WriteRune(unicode.ToLower(r - 0xFEE0))
		default:
			flush()
		}
	}
	flush()
	s := strings.Join(words, "-")
	if len(s) > 80 {
		s = strings.TrimRight(s[:80], "-")
	}
	if s == "" {
		return "tag"
	}
	return s
}
