package chart

import "testing"

// BenchmarkCharts measures each chart kind on the golden inputs.
func BenchmarkCharts(b *testing.B) {
	tiles := ningbo([]int{3, 2, 2, 1, 4, 5, 6, 0, 1, 2})
	bars := make([]Bar, len(tiles))
	points := make([]Point, 0, 13)
	for i, t := range tiles {
		bars[i] = Bar{Label: t.Label, Value: t.Value, Href: t.Href}
	}
	for i, y := range YearLabels(2004, 2016) {
		points = append(points, Point{Label: y, Value: i % 3})
	}
	for _, bc := range []struct {
		name string
		fn   func() int
	}{
		{"StackedBars", func() int { return len(StackedBars(awards())) }},
		{"Bars", func() int { return len(Bars(BarChart{ID: "b", Title: "各地区故事数", Items: bars})) }},
		{"TileMap", func() int { return len(TileMap(TileGrid{ID: "m", Title: "分布", Tiles: tiles})) }},
		{"Sparkline", func() int { return len(Sparkline(Spark{ID: "s", Title: "历年", Points: points})) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(bc.fn()))
			for b.Loop() {
				bc.fn()
			}
		})
	}
}
