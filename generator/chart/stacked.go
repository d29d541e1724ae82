package chart

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Stacked is the input of [StackedBars]: one column per category, each
// stacked from the bottom in the order of Series.
type Stacked struct {
	// ID is the prefix of the element ids; it must be unique on the page.
	ID string
	// Title is the caption and the SVG's <title>.
	Title string
	// Desc, if set, starts the SVG's <desc>; a summary of the numbers
	// follows it.
	Desc string
	// CategoryHeader heads the category column of the table ("年份" if
	// empty).
	CategoryHeader string
	// TotalHeader heads the total column and row of the table ("合计" if
	// empty).
	TotalHeader string
	// Categories are the column labels, drawn in this order; see
	// [YearLabels]. A category whose values are all zero is drawn as an
	// empty slot.
	Categories []string
	// Series are the stacked layers, bottom first.
	Series []Series
}

// Series is one layer of a [Stacked] chart.
type Series struct {
	// Label names the series in the legend and table.
	Label string
	// Class is the CSS class key: segments get class "series-KEY". [CSS]
	// styles the keys national, provincial, municipal and county and the
	// keys 1 to 6. Characters outside [a-z0-9-] are dropped after
	// lower-casing; an empty key becomes the 1-based index of the series.
	Class string
	// Values holds one value per category, in the order of Categories.
	// Missing values count as zero; extra values are ignored.
	Values []int
}

// Layout of the stacked chart, in viewBox units.
const (
	stackedW     = 360
	stackedPlotH = 170
)

// StackedBars returns a stacked column chart, for example awards per year
// stacked by level, as a complete <figure>. Every category is drawn,
// including those whose values are all zero. With no categories, or no
// value above zero, the chart says "暂无数据".
func StackedBars(c Stacked) template.HTML {
	catHeader := cleanText(c.CategoryHeader)
	if catHeader == "" {
		catHeader = "年份"
	}
	totHeader := cleanText(c.TotalHeader)
	if totHeader == "" {
		totHeader = "合计"
	}
	n := len(c.Categories)
	cats := make([]string, n)
	for i, s := range c.Categories {
		cats[i] = cleanText(s)
	}
	type series struct {
		label, class string
		values       []int
		total        int
	}
	ss := make([]series, len(c.Series))
	for j, s := range c.Series {
		ss[j] = series{label: cleanText(s.Label), class: "series-" + classKey(s.Class, j+1), values: make([]int, n)}
		if ss[j].label == "" {
			ss[j].label = "系列" + strconv.Itoa(j+1)
		}
		for i := range min(n, len(s.Values)) {
			ss[j].values[i] = nonNeg(s.Values[i])
		}
		ss[j].total = sum(ss[j].values)
	}
	totals := make([]int, n)
	for i := range totals {
		for _, s := range ss {
			totals[i] = addSat(totals[i], s.values[i])
		}
	}
	grand := sum(totals)

	// The description.
	var d strings.Builder
	if desc := cleanText(c.Desc); desc != "" {
		d.WriteString(desc + " ")
	}
	if n == 0 || grand == 0 {
		d.WriteString(emptyText + "。")
	} else {
		fmt.Fprintf(&d, "%s至%s，共 %d 个%s，%s %d", cats[0], cats[n-1], n, catHeader, totHeader, grand)
		if len(ss) > 0 {
			d.WriteString("（")
			for j, s := range ss {
				if j > 0 {
					d.WriteString("，")
				}
				fmt.Fprintf(&d, "%s %d", s.label, s.total)
			}
			d.WriteString("）")
		}
		at, m := peak(totals)
		fmt.Fprintf(&d, "。最多：%s（%d）。", cats[at], m)
	}

	f := newFigure("stacked", c.ID, c.Title)
	f.desc = d.String()
	var b strings.Builder
	if n == 0 {
		f.w, f.h = stackedW, 96
		f.open(&b)
		emptyBox(&b, f.w, f.h)
		b.WriteString("</svg>\n")
		dataTable{}.write(&b)
		b.WriteString("</figure>\n")
		return template.HTML(b.String())
	}

	// The body is drawn first, into its own builder, because the height is
	// known only at the end.
	var body strings.Builder
	y := 0.0
	if len(ss) > 0 {
		items := make([]legendItem, len(ss))
		for j, s := range ss {
			items[j] = legendItem{class: s.class, label: s.label}
		}
		y = legend(&body, items, 0, 0, stackedW)
	}
	step, top := niceScale(grandMax(totals))
	topLabel := strconv.Itoa(top)
	x0 := math.Ceil(textWidth(topLabel, fontSmall) + 8)
	x1 := float64(stackedW - 4)
	plotTop := y + 18
	plotBot := plotTop + stackedPlotH
	yOf := func(v int) float64 {
		return plotBot - float64(v)/float64(top)*stackedPlotH
	}

	// Value axis: grid lines and their labels.
	fmt.Fprintf(&body, "<text class=\"tick-label\" x=\"%s\" y=\"%s\" text-anchor=\"end\" font-size=\"%d\">0</text>\n", f1(x0-6), f1(plotBot+4), fontSmall)
	if grand > 0 {
		for v := step; v <= top && v > 0; v += step {
			gy := yOf(v)
			fmt.Fprintf(&body, "<line class=\"grid\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>\n", f1(x0), f1(gy), f1(x1), f1(gy))
			fmt.Fprintf(&body, "<text class=\"tick-label\" x=\"%s\" y=\"%s\" text-anchor=\"end\" font-size=\"%d\">%d</text>\n", f1(x0-6), f1(gy+4), fontSmall, v)
			if v > math.MaxInt-step {
				break
			}
		}
	}

	// Columns.
	band := (x1 - x0) / float64(n)
	barW := min(band*0.7, 36)
	for i := range n {
		cx := x0 + band*(float64(i)+0.5)
		x := cx - barW/2
		cursor := plotBot
		below := false
		for _, s := range ss {
			v := s.values[i]
			if v == 0 {
				continue
			}
			h := float64(v) / float64(top) * stackedPlotH
			segTop := cursor - h
			hh := h
			if below {
				hh-- // a gap shows where one layer ends and the next begins
			}
			hh = max(hh, 0.5)
			fmt.Fprintf(&body, "<rect class=\"seg %s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"><title>%s · %s：%d</title></rect>\n",
				s.class, f1(x), f1(segTop), f1(barW), f1(hh), template.HTMLEscapeString(cats[i]), template.HTMLEscapeString(s.label), v)
			cursor = segTop
			below = true
		}
		if t := strconv.Itoa(totals[i]); totals[i] > 0 && textWidth(t, fontSmall) <= band+4 {
			fmt.Fprintf(&body, "<text class=\"total\" x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-size=\"%d\">%s</text>\n", f1(cx), f1(cursor-4), fontSmall, t)
		}
		fmt.Fprintf(&body, "<line class=\"tick\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>\n", f1(cx), f1(plotBot), f1(cx), f1(plotBot+4))
	}
	fmt.Fprintf(&body, "<line class=\"axis\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>\n", f1(x0), f1(plotBot), f1(x1), f1(plotBot))

	// Category labels, thinned so that they never overlap.
	labels := make([]string, n)
	maxLW := 0.0
	for i, s := range cats {
		labels[i] = fit(s, 80, fontSmall)
		maxLW = max(maxLW, textWidth(labels[i], fontSmall))
	}
	every := max(1, int(math.Ceil((maxLW+6)/band)))
	for i := 0; i < n; i += every {
		lw := textWidth(labels[i], fontSmall)
		cx := x0 + band*(float64(i)+0.5)
		cx = min(max(cx, lw/2), stackedW-lw/2)
		fmt.Fprintf(&body, "<text class=\"cat-label\" x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-size=\"%d\">%s</text>\n", f1(cx), f1(plotBot+17), fontSmall, template.HTMLEscapeString(labels[i]))
	}
	if grand == 0 {
		emptyLabel(&body, (x0+x1)/2, plotTop+stackedPlotH/2)
	}

	f.w, f.h = stackedW, plotBot+26
	f.open(&b)
	b.WriteString(body.String())
	b.WriteString("</svg>\n")

	t := dataTable{head: []string{catHeader}}
	for _, s := range ss {
		t.head = append(t.head, s.label)
	}
	t.head = append(t.head, totHeader)
	for i := range n {
		row := []cell{{text: cats[i]}}
		for _, s := range ss {
			row = append(row, cell{text: strconv.Itoa(s.values[i])})
		}
		t.rows = append(t.rows, append(row, cell{text: strconv.Itoa(totals[i])}))
	}
	t.foot = []cell{{text: totHeader}}
	for _, s := range ss {
		t.foot = append(t.foot, cell{text: strconv.Itoa(s.total)})
	}
	t.foot = append(t.foot, cell{text: strconv.Itoa(grand)})
	t.write(&b)
	b.WriteString("</figure>\n")
	return template.HTML(b.String())
}

// grandMax returns the largest of vs, or 0.
func grandMax(vs []int) int {
	_, m := peak(vs)
	return m
}

// classKey returns key lower-cased with characters outside [a-z0-9-]
// dropped, or the decimal index when nothing is left.
func classKey(key string, index int) string {
	var b strings.Builder
	for _, r := range strings.ToLower(key) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return strconv.Itoa(index)
	}
	return b.String()
}
