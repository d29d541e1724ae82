package chart

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
)

// Spark is the input of [Sparkline]: a short series, such as stories per
// year for one region.
type Spark struct {
	// ID is the prefix of the element ids; it must be unique on the page.
	ID string
	// Title is the caption and the SVG's <title>.
	Title string
	// Desc, if set, starts the SVG's <desc>; a summary of the numbers
	// follows it.
	Desc string
	// LabelHeader heads the label column of the table ("年份" if empty).
	LabelHeader string
	// ValueHeader names the value in the table and tooltips ("故事数" if
	// empty).
	ValueHeader string
	// Points are drawn left to right; give every year of the range (see
	// [YearLabels]) so that empty years show as gaps.
	Points []Point
}

// Point is one labelled value of a [Spark].
type Point struct {
	Label string
	// Value is the column's height; below zero counts as zero.
	Value int
}

// Layout of the sparkline, in viewBox units.
const (
	sparkW       = 200
	sparkH       = 58
	sparkPlotTop = 16
	sparkPlotBot = 38
)

// Sparkline returns a small column sparkline as a complete <figure>: one
// column per point, the first and last labels beneath and the peak value
// above its column. With no points, or no value above zero, it says
// "暂无数据".
func Sparkline(s Spark) template.HTML {
	labelHeader := cleanText(s.LabelHeader)
	if labelHeader == "" {
		labelHeader = "年份"
	}
	valueHeader := cleanText(s.ValueHeader)
	if valueHeader == "" {
		valueHeader = "故事数"
	}
	n := len(s.Points)
	labels := make([]string, n)
	values := make([]int, n)
	for i, p := range s.Points {
		labels[i] = cleanText(p.Label)
		values[i] = nonNeg(p.Value)
	}
	total := sum(values)
	at, maxV := peak(values)

	var d strings.Builder
	if desc := cleanText(s.Desc); desc != "" {
		d.WriteString(desc + " ")
	}
	if total == 0 {
		d.WriteString(emptyText + "。")
	} else {
		fmt.Fprintf(&d, "%s至%s，%s合计 %d。最多：%s（%d）。", labels[0], labels[n-1], valueHeader, total, labels[at], maxV)
	}

	f := newFigure("spark", s.ID, s.Title)
	f.desc = d.String()
	f.w, f.h = sparkW, sparkH
	var b strings.Builder
	f.open(&b)
	if n == 0 {
		emptyBox(&b, f.w, f.h)
	} else {
		band := float64(sparkW) / float64(n)
		barW := max(min(band*0.7, 16), 0.5)
		plotH := float64(sparkPlotBot - sparkPlotTop)
		for i, v := range values {
			cx := band * (float64(i) + 0.5)
			fmt.Fprintf(&b, "<line class=\"tick\" x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\"/>\n", f1(cx), sparkPlotBot, f1(cx), sparkPlotBot+3)
			if v == 0 {
				continue
			}
			h := max(float64(v)/float64(maxV)*plotH, 1)
			fmt.Fprintf(&b, "<rect class=\"bar\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"><title>%s：%s %d</title></rect>\n",
				f1(cx-barW/2), f1(sparkPlotBot-h), f1(barW), f1(h), template.HTMLEscapeString(labels[i]), template.HTMLEscapeString(valueHeader), v)
		}
		fmt.Fprintf(&b, "<line class=\"axis\" x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", sparkPlotBot, sparkW, sparkPlotBot)
		if total == 0 {
			emptyLabel(&b, sparkW/2, sparkPlotBot-6)
		} else {
			t := strconv.Itoa(maxV)
			tw := textWidth(t, fontSmall)
			cx := band * (float64(at) + 0.5)
			cx = min(max(cx, tw/2), sparkW-tw/2)
			fmt.Fprintf(&b, "<text class=\"peak\" x=\"%s\" y=\"%d\" text-anchor=\"middle\" font-size=\"%d\">%s</text>\n", f1(cx), sparkPlotTop-3, fontSmall, t)
		}
		first := fit(labels[0], sparkW/2-4, fontSmall)
		fmt.Fprintf(&b, "<text class=\"cat-label\" x=\"0\" y=\"%d\" font-size=\"%d\">%s</text>\n", sparkH-4, fontSmall, template.HTMLEscapeString(first))
		if n > 1 {
			last := fit(labels[n-1], sparkW/2-4, fontSmall)
			fmt.Fprintf(&b, "<text class=\"cat-label\" x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"%d\">%s</text>\n", sparkW, sparkH-4, fontSmall, template.HTMLEscapeString(last))
		}
	}
	b.WriteString("</svg>\n")

	t := dataTable{head: []string{labelHeader, valueHeader}}
	for i := range n {
		t.rows = append(t.rows, []cell{{text: labels[i]}, {text: strconv.Itoa(values[i])}})
	}
	if n > 0 {
		t.foot = []cell{{text: "合计"}, {text: strconv.Itoa(total)}}
	}
	t.write(&b)
	b.WriteString("</figure>\n")
	return template.HTML(b.String())
}
