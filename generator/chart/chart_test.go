package chart

import (
	"encoding/xml"
	"errors"
	"flag"
	"html/template"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// levels are the four award levels, bottom of the stack first.
var levels = []struct{ key, label string }{
	{"national", "国家级"}, {"provincial", "省级"}, {"municipal", "市级"}, {"county", "县级"},
}

// hostile is a label that must come out as text.
const hostile = `<script>alert("x")</script>'"&amp;`

// ningbo is the city's schematic map with the shared tile positions.
func ningbo(values []int) []Tile {
	tiles := []Tile{
		{X: 1, Y: 0, Label: "慈溪市", Short: "慈溪"},
		{X: 0, Y: 1, Label: "余姚市", Short: "余姚"},
		{X: 1, Y: 1, Label: "江北区", Short: "江北"},
		{X: 2, Y: 1, Label: "镇海区", Short: "镇海"},
		{X: 3, Y: 1, Label: "北仑区", Short: "北仑"},
		{X: 1, Y: 2, Label: "海曙区", Short: "海曙"},
		{X: 2, Y: 2, Label: "鄞州区", Short: "鄞州"},
		{X: 1, Y: 3, Label: "奉化区", Short: "奉化"},
		{X: 1, Y: 4, Label: "宁海县", Short: "宁海"},
		{X: 2, Y: 4, Label: "象山县", Short: "象山"},
	}
	slugs := []string{"cixi", "yuyao", "jiangbei", "zhenhai", "beilun", "haishu", "yinzhou", "fenghua", "ninghai", "xiangshan"}
	for i := range tiles {
		tiles[i].Value = values[i]
		tiles[i].Href = "/regions/" + slugs[i] + "/"
	}
	return tiles
}

// awards is a stacked chart of awards per year 2004–2016 with empty years.
func awards() Stacked {
	years := YearLabels(2004, 2016)
	data := [][]int{ // per level, per year
		{0, 0, 1, 0, 0, 0, 1, 0, 2, 0, 0, 1, 1},
		{1, 0, 2, 0, 1, 0, 2, 1, 3, 0, 1, 2, 2},
		{2, 0, 3, 0, 2, 1, 2, 2, 4, 0, 2, 3, 3},
		{1, 0, 2, 0, 1, 1, 3, 2, 5, 0, 2, 2, 4},
	}
	c := Stacked{ID: "awards", Title: "历年获奖（按级别）", Categories: years}
	for j, l := range levels {
		c.Series = append(c.Series, Series{Label: l.label, Class: l.key, Values: data[j]})
	}
	return c
}

type golden struct {
	name string
	html template.HTML
}

// cases returns every golden case; the browser test shows them all.
func cases() []golden {
	zeroAwards := awards()
	for j := range zeroAwards.Series {
		zeroAwards.Series[j].Values = make([]int, len(zeroAwards.Categories))
	}
	zeroAwards.ID = "awards-zero"
	hostileAwards := Stacked{
		ID:             `a"><script>`,
		Title:          hostile,
		Desc:           hostile,
		CategoryHeader: hostile,
		Categories:     []string{hostile, "2015", "\x00\x01bad\u2028line\xff"},
		Series: []Series{
			{Label: hostile, Class: `x" onload="y`, Values: []int{3, -2, 1, 99}},
			{Label: "", Class: "", Values: []int{1}},
		},
	}
	regions := []Bar{
		{Label: "宁波市", Value: 3, Href: "/regions/ningbo/"},
		{Label: "海曙区", Value: 5, Href: "/regions/haishu/"},
		{Label: "江北区", Value: 2, Href: "/regions/jiangbei/"},
		{Label: "镇海区", Value: 1, Href: "/regions/zhenhai/"},
		{Label: "北仑区", Value: 4, Href: "/regions/beilun/"},
		{Label: "鄞州区", Value: 6, Href: "/regions/yinzhou/"},
		{Label: "奉化区", Value: 0, Href: "/regions/fenghua/"},
		{Label: "余姚市", Value: 2, Href: "/regions/yuyao/"},
		{Label: "慈溪市", Value: 3, Href: "/regions/cixi/"},
		{Label: "宁海县", Value: 1, Href: "/regions/ninghai/"},
		{Label: "象山县", Value: 2, Href: "/regions/xiangshan/"},
	}
	zeroRegions := make([]Bar, len(regions))
	for i, r := range regions {
		r.Value = 0
		zeroRegions[i] = r
	}
	spark := func(id, title string, vs ...int) Spark {
		s := Spark{ID: id, Title: title}
		for i, y := range YearLabels(2004, 2004+len(vs)-1) {
			s.Points = append(s.Points, Point{Label: y, Value: vs[i]})
		}
		return s
	}
	return []golden{
		{"stacked", StackedBars(awards())},
		{"stacked-zero", StackedBars(zeroAwards)},
		{"stacked-empty", StackedBars(Stacked{ID: "awards-empty", Title: "历年获奖"})},
		{"stacked-one-year", StackedBars(Stacked{ID: "one", Title: "2016 年获奖", Categories: []string{"2016"},
			Series: []Series{{Label: "国家级", Class: "national", Values: []int{12}}, {Label: "县级", Class: "county", Values: []int{30}}}})},
		{"stacked-hostile", StackedBars(hostileAwards)},
		{"bars", Bars(BarChart{ID: "regions", Title: "各地区故事数", Items: regions})},
		{"bars-zero", Bars(BarChart{ID: "regions-zero", Title: "各地区故事数", Items: zeroRegions})},
		{"bars-empty", Bars(BarChart{ID: "regions-empty", Title: "各地区故事数"})},
		{"bars-hostile", Bars(BarChart{ID: "bars-hostile", Title: hostile, LabelHeader: hostile, ValueHeader: hostile, Items: []Bar{
			{Label: hostile, Value: 2, Href: "javascript:alert(1)"},
			{Label: "一个非常非常长的地区名称会被截短显示", Value: 1234567, Href: `/x/?a=1&b="2"`},
			{Label: "data", Value: 1, Href: "data:text/html,<script>alert(1)</script>"},
		}})},
		{"tiles", TileMap(TileGrid{ID: "map", Title: "各地区故事分布", Tiles: ningbo([]int{3, 2, 2, 1, 4, 5, 6, 0, 1, 2})})},
		{"tiles-zero", TileMap(TileGrid{ID: "map-zero", Title: "各地区获奖分布", ValueHeader: "获奖数", Tiles: ningbo(make([]int, 10))})},
		{"tiles-empty", TileMap(TileGrid{ID: "map-empty", Title: "各地区故事分布"})},
		{"tiles-hostile", TileMap(TileGrid{ID: "map-hostile", Title: hostile, Tiles: []Tile{
			{X: 0, Y: 0, Label: hostile, Value: 1, Href: " javascript:alert(1)"},
			{X: 0, Y: 0, Label: "同一格", Value: 2, Href: "/dup/"},
			{X: -1, Y: 2, Label: "宁波市", Value: 7, Href: "/regions/ningbo/"},
			{X: 1, Y: 0, Label: "象山县", Short: "象山县长名", Value: 3, Href: "https://example.org/a?b=1&c=2"},
		}})},
		{"spark", Sparkline(spark("spark-haishu", "海曙区历年故事数", 1, 0, 2, 0, 0, 3, 1, 0, 0, 2, 1, 0, 4))},
		{"spark-one", Sparkline(spark("spark-one", "象山县", 2))},
		{"spark-zero", Sparkline(spark("spark-zero", "奉化区", 0, 0, 0))},
		{"spark-empty", Sparkline(Spark{ID: "spark-empty", Title: "江东区"})},
		{"spark-hostile", Sparkline(Spark{ID: "spark-hostile", Title: hostile, LabelHeader: hostile, ValueHeader: hostile,
			Points: []Point{{Label: hostile, Value: 1}, {Label: "</svg>", Value: math.MaxInt}}})},
	}
}

func TestGolden(t *testing.T) {
	for _, c := range cases() {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join("testdata", c.name+".golden.html")
			if *update {
				if err := os.WriteFile(path, []byte(c.html), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if string(c.html) != string(want) {
				t.Errorf("%s: output differs from the golden file; run go test -update and review the diff\ngot:\n%s", path, c.html)
			}
		})
	}
}

// allowed lists the elements and attributes the charts may emit.
var allowed = map[string]map[string]bool{
	"figure":     {"class": true},
	"figcaption": {},
	"svg":        {"xmlns": true, "class": true, "viewBox": true, "width": true, "role": true, "aria-labelledby": true},
	"title":      {"id": true},
	"desc":       {"id": true},
	"g":          {"class": true},
	"a":          {"class": true, "href": true},
	"rect":       {"class": true, "x": true, "y": true, "width": true, "height": true, "rx": true, "fill": true, "pointer-events": true},
	"line":       {"class": true, "x1": true, "y1": true, "x2": true, "y2": true},
	"text":       {"class": true, "x": true, "y": true, "text-anchor": true, "font-size": true},
	"details":    {"class": true},
	"summary":    {},
	"p":          {},
	"table":      {},
	"thead":      {},
	"tbody":      {},
	"tfoot":      {},
	"tr":         {},
	"th":         {"scope": true},
	"td":         {},
}

var coordAttr = map[string]bool{"x": true, "y": true, "width": true, "height": true, "x1": true, "y1": true, "x2": true, "y2": true}

var (
	oneDecimal = regexp.MustCompile(`^-?[0-9]+(\.[0-9])?$`)
	className  = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
)

// checkMarkup parses html as XML and checks that it is one well-formed
// <figure> built only of allowed elements and attributes (so no <style>,
// no style= and no event handlers), with safe links, numbers of at most
// one decimal, and labelled-by ids that exist.
func checkMarkup(t *testing.T, html string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(html))
	dec.Strict = true
	ids := map[string]bool{}
	var labelled []string
	depth, roots := 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, html)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				if tok.Name.Local != "figure" {
					t.Errorf("root element is <%s>, want <figure>", tok.Name.Local)
				}
			}
			depth++
			attrs, ok := allowed[tok.Name.Local]
			if !ok {
				t.Errorf("unexpected element <%s>", tok.Name.Local)
			}
			for _, a := range tok.Attr {
				name := a.Name.Local
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && name == "xmlns") {
					name = "xmlns"
				}
				if !attrs[name] {
					t.Errorf("unexpected attribute %s on <%s>", name, tok.Name.Local)
				}
				switch {
				case name == "id":
					if ids[a.Value] {
						t.Errorf("duplicate id %q", a.Value)
					}
					ids[a.Value] = true
				case name == "aria-labelledby":
					labelled = append(labelled, strings.Fields(a.Value)...)
				case name == "href":
					if _, ok := safeHref(a.Value); !ok {
						t.Errorf("unsafe href %q", a.Value)
					}
				case coordAttr[name] && tok.Name.Local != "svg":
					if !oneDecimal.MatchString(a.Value) {
						t.Errorf("%s=%q on <%s>: want a number with at most one decimal", name, a.Value, tok.Name.Local)
					}
				case name == "class":
					for _, c := range strings.Fields(a.Value) {
						if !className.MatchString(c) {
							t.Errorf("odd class %q", c)
						}
					}
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	if roots != 1 {
		t.Errorf("%d root elements, want 1", roots)
	}
	if len(labelled) != 2 {
		t.Errorf("aria-labelledby names %d ids, want 2", len(labelled))
	}
	for _, id := range labelled {
		if !ids[id] {
			t.Errorf("aria-labelledby names %q, which is not in the output", id)
		}
	}
}

func TestMarkup(t *testing.T) {
	for _, c := range cases() {
		t.Run(c.name, func(t *testing.T) {
			checkMarkup(t, string(c.html))
			if strings.Contains(strings.ToLower(string(c.html)), "style") {
				t.Errorf("output mentions style:\n%s", c.html)
			}
			if !strings.Contains(string(c.html), "<summary>数据表</summary>") {
				t.Error("no data table")
			}
			if !strings.Contains(string(c.html), "图表说明：") {
				t.Error("no description")
			}
		})
	}
}

func TestEmptySaysNoData(t *testing.T) {
	for _, c := range cases() {
		if !strings.HasSuffix(c.name, "-zero") && !strings.HasSuffix(c.name, "-empty") {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			svg := string(c.html)
			svg = svg[strings.Index(svg, "<svg"):strings.Index(svg, "</svg>")]
			if !strings.Contains(svg, `<text class="empty"`) || !strings.Contains(svg, "暂无数据") {
				t.Errorf("the SVG does not say 暂无数据:\n%s", c.html)
			}
		})
	}
}

func TestHostile(t *testing.T) {
	for _, c := range cases() {
		if !strings.HasSuffix(c.name, "-hostile") {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			h := string(c.html)
			for _, bad := range []string{"<script", "javascript:", "data:", `"x"`, "onload=", "\x00", "\x01", "\u2028"} {
				if strings.Contains(h, bad) {
					t.Errorf("output contains %q", bad)
				}
			}
			if !strings.Contains(h, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&#39;&#34;&amp;amp;") {
				t.Errorf("the hostile label is not shown as escaped text:\n%s", h)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	first := cases()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i, c := range cases() {
				if c.html != first[i].html {
					t.Errorf("%s: output differs between runs", c.name)
				}
			}
		})
	}
	wg.Wait()
}

var viewBox = regexp.MustCompile(`viewBox="0 0 ([0-9.]+) ([0-9.]+)"`)
var fontSize = regexp.MustCompile(`font-size="([0-9.]+)"`)

// TestLegibleSize checks that the smallest text renders at 11 px or more
// when a chart is drawn 330 px wide (a 390 px phone less page margins), or
// a sparkline 184 px wide.
func TestLegibleSize(t *testing.T) {
	for _, c := range cases() {
		t.Run(c.name, func(t *testing.T) {
			m := viewBox.FindStringSubmatch(string(c.html))
			if m == nil {
				t.Fatal("no viewBox")
			}
			w, _ := strconv.ParseFloat(m[1], 64)
			if w < 180 || w > 400 {
				t.Errorf("viewBox width %v outside 180–400", w)
			}
			px := 330.0
			if strings.HasPrefix(c.name, "spark") {
				px = 184
			}
			for _, f := range fontSize.FindAllStringSubmatch(string(c.html), -1) {
				size, _ := strconv.ParseFloat(f[1], 64)
				if r := size * px / w; r < 11 {
					t.Errorf("font-size %v renders at %.1f px at %v px wide", size, r, px)
				}
			}
		})
	}
}
