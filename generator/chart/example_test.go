package chart_test

import (
	"fmt"
	"strings"

	"github.com/ningbo-showcase/showcase/generator/chart"
)

// lines prints the lines of html that start with one of the prefixes.
func lines(html string, prefixes ...string) {
	for _, l := range strings.Split(html, "\n") {
		for _, p := range prefixes {
			if strings.HasPrefix(l, p) {
				fmt.Println(l)
				break
			}
		}
	}
}

func ExampleStackedBars() {
	html := chart.StackedBars(chart.Stacked{
		ID:         "awards",
		Title:      "历年获奖",
		Categories: chart.YearLabels(2014, 2016),
		Series: []chart.Series{
			{Label: "国家级", Class: "national", Values: []int{1, 0, 2}},
			{Label: "省级", Class: "provincial", Values: []int{3, 0, 1}},
		},
	})
	lines(string(html), "<figure", "<desc", "<tr>")
	// Output:
	// <figure class="chart chart-stacked">
	// <desc id="awards-desc">图表说明：2014至2016，共 3 个年份，合计 7（国家级 3，省级 4）。最多：2014（4）。</desc>
	// <tr><th scope="row">2014</th><td>1</td><td>3</td><td>4</td></tr>
	// <tr><th scope="row">2015</th><td>0</td><td>0</td><td>0</td></tr>
	// <tr><th scope="row">2016</th><td>2</td><td>1</td><td>3</td></tr>
	// <tr><th scope="row">合计</th><td>3</td><td>4</td><td>7</td></tr>
}

func ExampleBars() {
	html := chart.Bars(chart.BarChart{
		ID:    "regions",
		Title: "各地区故事数",
		Items: []chart.Bar{
			{Label: "海曙区", Value: 5, Href: "/regions/haishu/"},
			{Label: "<b>江北区</b>", Value: 2, Href: "javascript:alert(1)"},
		},
	})
	lines(string(html), "<a ", "<g ", "<tr>")
	// Output:
	// <a class="bar-row" href="/regions/haishu/"><title>海曙区：故事数 5</title>
	// <g class="bar-row"><title>&lt;b&gt;江北区&lt;/b&gt;：故事数 2</title>
	// <tr><th scope="row"><a href="/regions/haishu/">海曙区</a></th><td>5</td></tr>
	// <tr><th scope="row">&lt;b&gt;江北区&lt;/b&gt;</th><td>2</td></tr>
	// <tr><th scope="row">合计</th><td>7</td></tr>
}

func ExampleTileMap() {
	html := chart.TileMap(chart.TileGrid{
		ID:    "map",
		Title: "各地区故事分布",
		Tiles: []chart.Tile{
			{X: 1, Y: 0, Label: "慈溪市", Short: "慈溪", Value: 3, Href: "/regions/cixi/"},
			{X: 0, Y: 1, Label: "余姚市", Short: "余姚", Value: 0, Href: "/regions/yuyao/"},
		},
	})
	lines(string(html), "<svg", "<a ")
	// Output:
	// <svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 300 206" width="100%" role="group" aria-labelledby="map-title map-desc">
	// <a class="tile tile-4" href="/regions/cixi/"><title>慈溪市：故事数 3</title>
	// <a class="tile tile-0" href="/regions/yuyao/"><title>余姚市：故事数 0</title>
}

func ExampleSparkline() {
	var points []chart.Point
	for i, y := range chart.YearLabels(2012, 2016) {
		points = append(points, chart.Point{Label: y, Value: []int{1, 0, 0, 2, 1}[i]})
	}
	html := chart.Sparkline(chart.Spark{ID: "spark-haishu", Title: "海曙区历年故事数", Points: points})
	lines(string(html), "<desc", "<text")
	// Output:
	// <desc id="spark-haishu-desc">图表说明：2012至2016，故事数合计 4。最多：2015（2）。</desc>
	// <text class="peak" x="140" y="13" text-anchor="middle" font-size="12">2</text>
	// <text class="cat-label" x="0" y="54" font-size="12">2012</text>
	// <text class="cat-label" x="200" y="54" text-anchor="end" font-size="12">2016</text>
}
