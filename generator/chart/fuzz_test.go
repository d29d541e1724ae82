package chart

import "testing"

// FuzzCharts feeds arbitrary labels, links and numbers to every chart and
// checks that the output stays one well-formed figure of allowed elements
// with safe links (see checkMarkup).
func FuzzCharts(f *testing.F) {
	f.Add("象山县", "象山", "/regions/xiangshan/", 3, 1, 4)
	f.Add(hostile, "<b>", "javascript:alert(1)", -1, 0, 0)
	f.Add("\x00\xff\u2028", "\"'", " https://example.org/", 1<<62, -5, 99)
	f.Add("", "", "//example.org/x?a=1&b=2", 0, 15, 16)
	f.Fuzz(func(t *testing.T, label, short, href string, value, x, y int) {
		outs := []string{
			string(StackedBars(Stacked{ID: label, Title: label, Desc: short, CategoryHeader: short,
				Categories: []string{label, short, ""},
				Series:     []Series{{Label: label, Class: short, Values: []int{value, x, y}}, {Label: short, Values: []int{y}}}})),
			string(Bars(BarChart{ID: short, Title: label, LabelHeader: label, ValueHeader: short,
				Items: []Bar{{Label: label, Value: value, Href: href}, {Label: short, Value: x, Href: href}}})),
			string(TileMap(TileGrid{ID: label, Title: short, ValueHeader: label,
				Tiles: []Tile{{X: x, Y: y, Label: label, Short: short, Value: value, Href: href}, {X: y, Y: x, Label: short, Value: y}}})),
			string(Sparkline(Spark{ID: href, Title: label, ValueHeader: short,
				Points: []Point{{Label: label, Value: value}, {Label: short, Value: x}, {Label: href, Value: y}}})),
		}
		for _, out := range outs {
			checkMarkup(t, out)
		}
	})
}
