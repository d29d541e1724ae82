package chart

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// BarChart is the input of [Bars]: one horizontal bar per item, drawn in
// the order given.
type BarChart struct {
	// ID is the prefix of the element ids; it must be unique on the page.
	ID string
	// Title is the caption and the SVG's <title>.
	Title string
	// Desc, if set, starts the SVG's <desc>; a summary of the numbers
	// follows it.
	Desc string
	// LabelHeader heads the label column of the table ("地区" if empty).
	LabelHeader string
	// ValueHeader names the value in the table and the tooltips ("故事数"
	// if empty).
	ValueHeader string
	// Items are the bars, top to bottom.
	Items []Bar
}

// Bar is one row of a [BarChart].
type Bar struct {
	// Label is drawn left of the bar, shortened with "…" when too long
	// (the table and tooltip keep it whole).
	Label string
	// Value is the bar's length; below zero counts as zero.
	Value int
	// Href, if a safe link, makes the whole row a link.
	Href string
}

// Layout of the bar chart, in viewBox units.
const (
	barsW     = 360
	barsRowH  = 26
	barsBarH  = 16
	barsMaxLW = 130
)

// Bars returns a horizontal bar chart, for example stories per region, as
// a complete <figure>. Each row is a link when its Href is safe. With no
// items, or no value above zero, the chart says "暂无数据" and the table
// still lists every item.
func Bars(c BarChart) template.HTML {
	labelHeader := cleanText(c.LabelHeader)
	if labelHeader == "" {
		labelHeader = "地区"
	}
	valueHeader := cleanText(c.ValueHeader)
	if valueHeader == "" {
		valueHeader = "故事数"
	}
	type item struct {
		label, href string
		value       int
	}
	items := make([]item, len(c.Items))
	values := make([]int, len(c.Items))
	links := false
	for i, it := range c.Items {
		items[i] = item{label: cleanText(it.Label), value: nonNeg(it.Value)}
		if h, ok := safeHref(it.Href); ok {
			items[i].href = h
			links = true
		}
		values[i] = items[i].value
	}
	total := sum(values)
	at, maxV := peak(values)

	var d strings.Builder
	if desc := cleanText(c.Desc); desc != "" {
		d.WriteString(desc + " ")
	}
	if total == 0 {
		d.WriteString(emptyText + "。")
	} else {
		fmt.Fprintf(&d, "共 %d 项，%s合计 %d。最多：%s（%d）。", len(items), valueHeader, total, items[at].label, maxV)
	}

	f := newFigure("bars", c.ID, c.Title)
	f.desc = d.String()
	var b strings.Builder
	if total == 0 {
		f.w, f.h = barsW, 80
		f.open(&b)
		emptyBox(&b, f.w, f.h)
	} else {
		f.links = links
		f.w, f.h = barsW, float64(len(items)*barsRowH+8)
		f.open(&b)
		lw := 0.0
		labels := make([]string, len(items))
		for i, it := range items {
			labels[i] = fit(it.label, barsMaxLW, fontText)
			lw = max(lw, textWidth(labels[i], fontText))
		}
		lw = math.Ceil(lw)
		x0 := lw + 8
		valueW := textWidth(strconv.Itoa(maxV), fontText) + 6
		span := barsW - 2 - valueW - x0
		for i, it := range items {
			y := float64(i*barsRowH) + 4
			base := y + barsRowH/2 + fontText*0.35
			tip := template.HTMLEscapeString(it.label + "：" + valueHeader + " " + strconv.Itoa(it.value))
			if it.href != "" {
				fmt.Fprintf(&b, "<a class=\"bar-row\" href=\"%s\"><title>%s</title>\n", it.href, tip)
				fmt.Fprintf(&b, "<rect class=\"hit\" x=\"0\" y=\"%s\" width=\"%d\" height=\"%d\" fill=\"none\" pointer-events=\"all\"/>\n", f1(y), barsW, barsRowH)
			} else {
				fmt.Fprintf(&b, "<g class=\"bar-row\"><title>%s</title>\n", tip)
			}
			fmt.Fprintf(&b, "<text class=\"bar-label\" x=\"%s\" y=\"%s\" text-anchor=\"end\" font-size=\"%d\">%s</text>\n", f1(lw), f1(base), fontText, template.HTMLEscapeString(labels[i]))
			bw := 0.0
			if it.value > 0 {
				bw = max(float64(it.value)/float64(maxV)*span, 1)
				fmt.Fprintf(&b, "<rect class=\"bar\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%d\"/>\n", f1(x0), f1(y+(barsRowH-barsBarH)/2), f1(bw), barsBarH)
			}
			fmt.Fprintf(&b, "<text class=\"bar-value\" x=\"%s\" y=\"%s\" font-size=\"%d\">%d</text>\n", f1(x0+bw+5), f1(base), fontText, it.value)
			if it.href != "" {
				b.WriteString("</a>\n")
			} else {
				b.WriteString("</g>\n")
			}
		}
		fmt.Fprintf(&b, "<line class=\"axis\" x1=\"%s\" y1=\"2\" x2=\"%s\" y2=\"%s\"/>\n", f1(x0), f1(x0), f1(f.h-2))
	}
	b.WriteString("</svg>\n")

	t := dataTable{head: []string{labelHeader, valueHeader}}
	for _, it := range items {
		t.rows = append(t.rows, []cell{{text: it.label, href: it.href}, {text: strconv.Itoa(it.value)}})
	}
	if len(items) > 0 {
		t.foot = []cell{{text: "合计"}, {text: strconv.Itoa(total)}}
	}
	t.write(&b)
	b.WriteString("</figure>\n")
	return template.HTML(b.String())
}
