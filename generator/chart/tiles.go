package chart

import (
	"fmt"
	"html/template"
	"math"
	"sort"
	"strconv"
	"strings"
)

// TileGrid is the input of [TileMap]: tiles on a schematic grid, x to the
// east and y to the south.
type TileGrid struct {
	// ID is the prefix of the element ids; it must be unique on the page.
	ID string
	// Title is the caption and the SVG's <title>.
	Title string
	// Desc, if set, starts the SVG's <desc>; a summary of the numbers
	// follows it.
	Desc string
	// LabelHeader heads the label column of the table ("地区" if empty).
	LabelHeader string
	// ValueHeader names the value in the legend, table and tooltips
	// ("故事数" if empty).
	ValueHeader string
	// Tiles are listed in the table in this order; they are drawn, and
	// reached by the keyboard, row by row from the north-west.
	Tiles []Tile
}

// Tile is one cell of a [TileGrid].
type Tile struct {
	// X and Y place the tile on the grid, from 0 to MaxTileCoord. A tile
	// outside that range, or on a cell an earlier tile already took, is
	// listed in the table but not drawn.
	X, Y int
	// Label is the full name, as in the table and tooltip (象山县).
	Label string
	// Short is the text shown in the tile (象山), one or two characters;
	// when empty, the first two characters of Label.
	Short string
	// Value colours the tile; below zero counts as zero.
	Value int
	// Href, if a safe link, makes the tile a link.
	Href string
}

// MaxTileCoord is the largest X and Y a drawn tile may have.
const MaxTileCoord = 15

// TileClasses is the number of colour classes of nonzero values: a tile
// has class "tile-0" when its value is zero, else "tile-K" with K from 1
// to TileClasses, K = ⌈TileClasses·value/max⌉, where max is the largest
// value of the drawn tiles.
const TileClasses = 4

// Layout of the tile map, in viewBox units.
const (
	tileS    = 80
	tileGap  = 6
	tilePad  = 4
	tileMinW = 300
)

// TileMap returns a schematic tile map, for example the districts and
// counties of a city coloured by their number of stories, as a complete
// <figure>. Each tile shows its short name and value, has a <title> with
// the full label and value, and is a keyboard-focusable link when its Href
// is safe. With no tile to draw, the chart says "暂无数据"; when no drawn
// tile has a value above zero, the tiles are drawn and the legend says
// "暂无数据".
func TileMap(g TileGrid) template.HTML {
	labelHeader := cleanText(g.LabelHeader)
	if labelHeader == "" {
		labelHeader = "地区"
	}
	valueHeader := cleanText(g.ValueHeader)
	if valueHeader == "" {
		valueHeader = "故事数"
	}
	type tile struct {
		x, y         int
		label, short string
		href         string
		value        int
	}
	tiles := make([]tile, len(g.Tiles))
	values := make([]int, len(g.Tiles))
	for i, t := range g.Tiles {
		tiles[i] = tile{x: t.X, y: t.Y, label: cleanText(t.Label), short: cleanText(t.Short), value: nonNeg(t.Value)}
		if tiles[i].short == "" {
			rs := []rune(tiles[i].label)
			tiles[i].short = string(rs[:min(2, len(rs))])
		}
		if h, ok := safeHref(t.Href); ok {
			tiles[i].href = h
		}
		values[i] = tiles[i].value
	}
	total := sum(values)
	at, maxV := peak(values)
	drawnMax := 0 // colour classes follow the drawn tiles only

	// The tiles to draw: on the grid, first come first served, in reading
	// order.
	taken := map[[2]int]bool{}
	var drawn []tile
	cols, rows := 0, 0
	links := false
	for _, t := range tiles {
		k := [2]int{t.x, t.y}
		if t.x < 0 || t.y < 0 || t.x > MaxTileCoord || t.y > MaxTileCoord || taken[k] {
			continue
		}
		taken[k] = true
		drawn = append(drawn, t)
		drawnMax = max(drawnMax, t.value)
		cols, rows = max(cols, t.x+1), max(rows, t.y+1)
		links = links || t.href != ""
	}
	sort.SliceStable(drawn, func(i, j int) bool {
		if drawn[i].y != drawn[j].y {
			return drawn[i].y < drawn[j].y
		}
		return drawn[i].x < drawn[j].x
	})

	var d strings.Builder
	if desc := cleanText(g.Desc); desc != "" {
		d.WriteString(desc + " ")
	}
	if total == 0 {
		d.WriteString(emptyText + "。")
	} else {
		fmt.Fprintf(&d, "共 %d 项，%s合计 %d。最多：%s（%d）。", len(tiles), valueHeader, total, tiles[at].label, maxV)
	}

	f := newFigure("tiles", g.ID, g.Title)
	f.desc = d.String()
	var b strings.Builder
	if len(drawn) == 0 {
		f.w, f.h = barsW, 80
		f.open(&b)
		emptyBox(&b, f.w, f.h)
	} else {
		f.links = links
		gridW := float64(cols*tileS + (cols-1)*tileGap)
		gridH := float64(rows*tileS + (rows-1)*tileGap)
		w := max(gridW+2*tilePad, tileMinW)
		ox := (w - gridW) / 2
		var body strings.Builder
		for _, t := range drawn {
			x := ox + float64(t.x*(tileS+tileGap))
			y := float64(tilePad + t.y*(tileS+tileGap))
			class := "tile tile-" + strconv.Itoa(tileClass(t.value, drawnMax))
			tip := template.HTMLEscapeString(t.label + "：" + valueHeader + " " + strconv.Itoa(t.value))
			if t.href != "" {
				fmt.Fprintf(&body, "<a class=\"%s\" href=\"%s\"><title>%s</title>\n", class, t.href, tip)
			} else {
				fmt.Fprintf(&body, "<g class=\"%s\"><title>%s</title>\n", class, tip)
			}
			fmt.Fprintf(&body, "<rect x=\"%s\" y=\"%s\" width=\"%d\" height=\"%d\" rx=\"6\"/>\n", f1(x), f1(y), tileS, tileS)
			cx := x + tileS/2
			fmt.Fprintf(&body, "<text class=\"tile-short\" x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-size=\"17\">%s</text>\n", f1(cx), f1(y+tileS/2-2), template.HTMLEscapeString(fit(t.short, tileS-10, 17)))
			fmt.Fprintf(&body, "<text class=\"tile-value\" x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-size=\"14\">%s</text>\n", f1(cx), f1(y+tileS/2+19), fit(strconv.Itoa(t.value), tileS-10, 14))
			if t.href != "" {
				body.WriteString("</a>\n")
			} else {
				body.WriteString("</g>\n")
			}
		}
		ly := gridH + 2*tilePad + 6
		if drawnMax == 0 {
			emptyLabel(&body, w/2, ly+16)
			ly += 22
		} else {
			head := valueHeader + "："
			fmt.Fprintf(&body, "<text x=\"0\" y=\"%s\" font-size=\"%d\">%s</text>\n", f1(ly+16), fontText, template.HTMLEscapeString(head))
			var items []legendItem
			for k := 0; k <= TileClasses; k++ {
				lo, hi := tileRange(k, drawnMax)
				if lo > hi {
					continue
				}
				label := strconv.Itoa(lo)
				if hi > lo {
					label += "–" + strconv.Itoa(hi)
				}
				items = append(items, legendItem{class: "tile-" + strconv.Itoa(k), label: label})
			}
			ly = legend(&body, items, math.Ceil(textWidth(head, fontText))+4, ly, w)
		}
		f.w, f.h = w, ly+4
		f.open(&b)
		b.WriteString(body.String())
	}
	b.WriteString("</svg>\n")

	t := dataTable{head: []string{labelHeader, valueHeader}}
	for _, it := range tiles {
		t.rows = append(t.rows, []cell{{text: it.label, href: it.href}, {text: strconv.Itoa(it.value)}})
	}
	if len(tiles) > 0 {
		t.foot = []cell{{text: "合计"}, {text: strconv.Itoa(total)}}
	}
	t.write(&b)
	b.WriteString("</figure>\n")
	return template.HTML(b.String())
}

// tileClass returns the colour class of v on a map whose largest value is
// maxV: 0 for zero, else ⌈TileClasses·v/maxV⌉, the class whose
// [tileRange] holds v.
func tileClass(v, maxV int) int {
	if v <= 0 || maxV <= 0 {
		return 0
	}
	for k := 1; k < TileClasses; k++ {
		if _, hi := tileRange(k, maxV); v <= hi {
			return k
		}
	}
	return TileClasses
}

// tileRange returns the smallest and largest value of class k on a map
// whose largest value is maxV; lo > hi when the class is empty.
func tileRange(k, maxV int) (lo, hi int) {
	if k == 0 {
		return 0, 0
	}
	// floor(k·maxV/TileClasses) without overflow.
	part := func(k int) int {
		return k*(maxV/TileClasses) + k*(maxV%TileClasses)/TileClasses
	}
	return part(k-1) + 1, part(k)
}
