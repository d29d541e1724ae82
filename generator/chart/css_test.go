package chart

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// palette returns the custom properties set in the CSS block that starts
// at marker.
func palette(t *testing.T, marker string) map[string]string {
	t.Helper()
	i := strings.Index(CSS, marker)
	if i < 0 {
		t.Fatalf("CSS has no block %q", marker)
	}
	block := CSS[i+len(marker):]
	block = block[:strings.Index(block, "}")]
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z0-9-]+):(#[0-9a-f]{6})`).FindAllStringSubmatch(block, -1) {
		out[m[1]] = m[2]
	}
	return out
}

// luminance is the relative luminance of a #rrggbb colour (WCAG 2).
func luminance(hex string) float64 {
	ch := func(s string) float64 {
		v, _ := strconv.ParseUint(s, 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(hex[1:3]) + 0.7152*ch(hex[3:5]) + 0.0722*ch(hex[5:7])
}

func contrast(a, b string) float64 {
	x, y := luminance(a), luminance(b)
	if x < y {
		x, y = y, x
	}
	return (x + 0.05) / (y + 0.05)
}

// TestCSSContrast checks every palette of the stylesheet: graphics at
// least 3:1 against the page backgrounds the palette is meant for, text in
// tiles at least 4.5:1 against the tile.
func TestCSSContrast(t *testing.T) {
	graphics := []string{"chart-bar", "chart-focus", "series-default", "series-national", "series-provincial",
		"series-municipal", "series-county", "series-5", "series-6", "tile-edge", "tile-edge-0"}
	for _, tc := range []struct {
		name, marker string
		backgrounds  []string
	}{
		{"light", ".chart{", []string{"#ffffff", "#f6f8fa"}},
		{"dark", "@media (prefers-color-scheme:dark){.chart{", []string{"#0d1117", "#121212", "#1e1e1e"}},
		{"high-contrast", "\n.high-contrast .chart{", []string{"#ffffff"}},
		{"high-contrast-dark", "@media (prefers-color-scheme:dark){.high-contrast .chart{", []string{"#000000", "#0d1117"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := palette(t, tc.marker)
			for _, name := range graphics {
				c, ok := p[name]
				if !ok {
					t.Errorf("--%s is not set", name)
					continue
				}
				for _, bg := range tc.backgrounds {
					if r := contrast(c, bg); r < 3 {
						t.Errorf("--%s %s on %s: contrast %.2f, want ≥ 3", name, c, bg, r)
					}
				}
			}
			for k := 0; k <= TileClasses; k++ {
				ink := "tile-ink"
				if k >= 3 {
					ink = "tile-ink-strong"
				}
				fill := p["tile-"+strconv.Itoa(k)]
				if fill == "" || p[ink] == "" {
					t.Errorf("--tile-%d or --%s is not set", k, ink)
					continue
				}
				if r := contrast(p[ink], fill); r < 4.5 {
					t.Errorf("--%s %s on --tile-%d %s: contrast %.2f, want ≥ 4.5", ink, p[ink], k, fill, r)
				}
			}
		})
	}
}

// TestCSSClasses checks that the stylesheet styles every class the charts
// rely on for colour, and that the four award levels have their colours.
func TestCSSClasses(t *testing.T) {
	for _, class := range []string{".bar", ".seg", ".swatch", ".grid", ".axis", ".tick", ".frame", ".tile>rect",
		".series-national", ".series-provincial", ".series-municipal", ".series-county",
		".tile-0", ".tile-1", ".tile-2", ".tile-3", ".tile-4", "a:focus-visible", ".chart-data"} {
		if !strings.Contains(CSS, class) {
			t.Errorf("CSS does not style %s", class)
		}
	}
	if strings.Count(CSS, "{") != strings.Count(CSS, "}") {
		t.Error("CSS braces are unbalanced")
	}
}
