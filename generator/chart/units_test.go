package chart

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestF1(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{
		{0, "0"}, {-0.0, "0"}, {-0.04, "0"}, {0.04, "0"}, {0.05, "0.1"}, {1, "1"},
		{12.25, "12.3"}, {0.1 + 0.2, "0.3"}, {-3.26, "-3.3"}, {170.0 / 3, "56.7"},
		{math.NaN(), "0"}, {math.Inf(1), "0"}, {1e6, "1000000"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := f1(tc.in); got != tc.want {
				t.Errorf("f1(%v) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSafeHref(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"/regions/haishu/", "/regions/haishu/", true},
		{"regions/haishu/", "regions/haishu/", true},
		{"../x/", "../x/", true},
		{"#top", "#top", true},
		{"/tags/创新/", "/tags/创新/", true},
		{"https://example.org/a?b=1&c=2", "https://example.org/a?b=1&amp;c=2", true},
		{"HTTP://example.org/", "HTTP://example.org/", true},
		{`/x/?q="1"`, "/x/?q=&#34;1&#34;", true},
		{"//example.org/", "//example.org/", true},
		{"", "", false},
		{"javascript:alert(1)", "", false},
		{"JavaScript:alert(1)", "", false},
		{" javascript:alert(1)", "", false},
		{"java\tscript:alert(1)", "", false},
		{"java\nscript:alert(1)", "", false},
		{"vbscript:x", "", false},
		{"data:text/html,<b>", "", false},
		{"mailto:a@example.org", "", false},
		{"http:relative", "", false},
		{"/a b/", "", false},
		{`/\evil.example/`, "", false},
		{"/x\u2028/", "", false},
		{"\xff/", "", false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := safeHref(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("safeHref(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestCleanText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"象山县", "象山县"},
		{"  a \t\n b  ", "a b"},
		{"a\x00b\x01c\x7fd", "a b c d"},
		{"\xffx", "\uFFFDx"},
		{"a\u2028b", "a b"},
		{"a\ufffeb\uffff", "ab"},
		{"x\ufdd0y", "xy"},
		{"", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := cleanText(tc.in); got != tc.want {
				t.Errorf("cleanText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestIDPrefix(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "chart"},
		{"awards-2016_x", "awards-2016_x"},
		{`a"><script>`, "a---script-"},
		{"象山", "--"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := idPrefix(tc.in); got != tc.want {
				t.Errorf("idPrefix(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestClassKey(t *testing.T) {
	for _, tc := range []struct {
		in    string
		index int
		want  string
	}{
		{"national", 1, "national"},
		{"County", 4, "county"},
		{"", 3, "3"},
		{`x" onload="y`, 2, "xonloady"},
		{"省级", 2, "2"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := classKey(tc.in, tc.index); got != tc.want {
				t.Errorf("classKey(%q, %d) = %q, want %q", tc.in, tc.index, got, tc.want)
			}
		})
	}
}

func TestNiceScale(t *testing.T) {
	for _, tc := range []struct{ max, step, top int }{
		{0, 1, 1}, {1, 1, 1}, {3, 1, 3}, {4, 1, 4}, {5, 2, 6}, {9, 5, 10}, {10, 5, 10},
		{11, 5, 15}, {21, 10, 30}, {57, 20, 60}, {99, 50, 100}, {101, 50, 150}, {1234567, 500000, 1500000},
		{math.MaxInt, math.MaxInt / 4, math.MaxInt},
	} {
		t.Run("", func(t *testing.T) {
			step, top := niceScale(tc.max)
			if step != tc.step || top != tc.top {
				t.Errorf("niceScale(%d) = %d, %d; want %d, %d", tc.max, step, top, tc.step, tc.top)
			}
		})
	}
}

// TestTileClasses checks that every value falls in the class whose legend
// range holds it, that ranges cover 1..max without overlap, and that the
// largest value is in the darkest class.
func TestTileClasses(t *testing.T) {
	for _, maxV := range []int{1, 2, 3, 4, 5, 6, 7, 9, 10, 17, 100, 1001, math.MaxInt} {
		next := 1
		for k := 1; k <= TileClasses; k++ {
			lo, hi := tileRange(k, maxV)
			if lo > hi {
				continue
			}
			if lo != next {
				t.Errorf("max %d: class %d starts at %d, want %d", maxV, k, lo, next)
			}
			next = hi + 1
			for _, v := range []int{lo, hi, lo + (hi-lo)/2} {
				if got := tileClass(v, maxV); got != k {
					t.Errorf("max %d: tileClass(%d) = %d, want %d (range %d–%d)", maxV, v, got, k, lo, hi)
				}
			}
		}
		if next-1 != maxV {
			t.Errorf("max %d: ranges end at %d", maxV, next-1)
		}
		if got := tileClass(maxV, maxV); got != TileClasses {
			t.Errorf("max %d: the largest value has class %d", maxV, got)
		}
		if got := tileClass(0, maxV); got != 0 {
			t.Errorf("max %d: zero has class %d", maxV, got)
		}
	}
}

func TestFit(t *testing.T) {
	for _, tc := range []struct {
		in   string
		maxW float64
		want string
	}{
		{"象山县", 39, "象山县"},
		{"象山县", 38, "象…"},
		{"象山县", 5, "…"},
		{"2016", 40, "2016"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := fit(tc.in, tc.maxW, 13); got != tc.want {
				t.Errorf("fit(%q, %v) = %q, want %q", tc.in, tc.maxW, got, tc.want)
			}
		})
	}
}

func TestYearLabels(t *testing.T) {
	if got := YearLabels(2014, 2016); !slices.Equal(got, []string{"2014", "2015", "2016"}) {
		t.Errorf("YearLabels(2014, 2016) = %q", got)
	}
	if got := YearLabels(2016, 2015); got != nil {
		t.Errorf("YearLabels(2016, 2015) = %q, want nil", got)
	}
	if got := YearLabels(0, math.MaxInt); len(got) != 1000 {
		t.Errorf("YearLabels(0, MaxInt) has %d labels, want 1000", len(got))
	}
}

// TestGaps checks that a year with no value keeps its slot: its tick is
// drawn and the table lists it with zero.
func TestGaps(t *testing.T) {
	h := string(StackedBars(awards()))
	if n := strings.Count(h, `<line class="tick"`); n != 13 {
		t.Errorf("%d ticks, want one per year (13)", n)
	}
	if !strings.Contains(h, "<tr><th scope=\"row\">2005</th><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>") {
		t.Error("the empty year 2005 is not in the table")
	}
}
