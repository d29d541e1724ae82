package chart

import (
	"fmt"
	"html/template"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Font sizes in viewBox units.
const (
	fontSmall = 12 // ticks, axis labels, sparkline labels
	fontText  = 13 // bar labels, legend, values
)

// emptyText is what a chart says when it has nothing to draw.
const emptyText = "暂无数据"

// descPrefix starts every <desc>.
const descPrefix = "图表说明："

// YearLabels returns the labels first, first+1, …, last as decimal
// strings, for the categories of a [Stacked] chart or the points of a
// [Spark]: a continuous run of years keeps empty years visible as gaps.
// It returns nil when last < first, and at most 1000 labels.
func YearLabels(first, last int) []string {
	if last < first {
		return nil
	}
	if last-first >= 1000 {
		last = first + 999
	}
	out := make([]string, 0, last-first+1)
	for y := first; y <= last; y++ {
		out = append(out, strconv.Itoa(y))
	}
	return out
}

// cleanText makes s valid UTF-8, turns control characters and runs of
// white space into single spaces and drops characters XML does not allow.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == ' ' ||
			r == '\u2028' || r == '\u2029':
			space = true
			continue
		case r >= 0xfdd0 && r <= 0xfdef, r&0xfffe == 0xfffe:
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// esc returns s cleaned and escaped for HTML text and quoted attributes.
func esc(s string) string {
	return template.HTMLEscapeString(cleanText(s))
}

// safeHref reports whether h is a link the charts may emit (http, https or
// relative, without white space or control characters) and returns it
// escaped for a quoted attribute.
func safeHref(h string) (string, bool) {
	if h == "" || !utf8.ValidString(h) {
		return "", false
	}
	for _, r := range h {
		if r <= ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\\' ||
			r == '\u2028' || r == '\u2029' || r == '\ufeff' {
			return "", false
		}
	}
	u, err := url.Parse(h)
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "":
	case "http", "https":
		if u.Host == "" {
			return "", false
		}
	default:
		return "", false
	}
	return template.HTMLEscapeString(h), true
}

// idPrefix returns s with every character outside [A-Za-z0-9_-] replaced
// by '-', or "chart" when s is empty.
func idPrefix(s string) string {
	if s == "" {
		return "chart"
	}
	b := []byte(s)
	out := make([]byte, 0, len(b))
	for _, c := range b {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '-':
			out = append(out, c)
		case c >= 0x80 && c < 0xc0:
			// Continuation byte of a character already replaced.
		default:
			out = append(out, '-')
		}
	}
	return string(out)
}

// f1 formats v rounded to one decimal, without a trailing ".0" and
// without negative zero. NaN and infinities format as "0".
func f1(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "0"
	}
	n := int64(math.Round(v * 10))
	if n == 0 {
		return "0"
	}
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	s := sign + strconv.FormatInt(n/10, 10)
	if d := n % 10; d != 0 {
		s += "." + strconv.FormatInt(d, 10)
	}
	return s
}

// nonNeg returns v, or 0 when v is negative.
func nonNeg(v int) int {
	return max(v, 0)
}

// wide reports whether r is drawn about one em wide (CJK and full-width).
func wide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115f,
		r >= 0x2026 && r <= 0x2026,
		r >= 0x2e80 && r <= 0xa4cf,
		r >= 0xac00 && r <= 0xd7a3,
		r >= 0xf900 && r <= 0xfaff,
		r >= 0xfe30 && r <= 0xfe4f,
		r >= 0xff00 && r <= 0xff60,
		r >= 0xffe0 && r <= 0xffe6,
		r >= 0x1f300:
		return true
	}
	return false
}

// textWidth estimates the drawn width of s at the given font size.
func textWidth(s string, size float64) float64 {
	var w float64
	for _, r := range s {
		switch {
		case wide(r):
			w += 1
		case r == ' ':
			w += 0.3
		case r >= '0' && r <= '9':
			w += 0.58
		case r >= 'A' && r <= 'Z', r == 'm', r == 'w', r == 'M', r == 'W':
			w += 0.7
		default:
			w += 0.6
		}
	}
	return w * size
}

// fit returns s, shortened with "…" when it is wider than maxW at size.
func fit(s string, maxW, size float64) string {
	if textWidth(s, size) <= maxW {
		return s
	}
	room := maxW - textWidth("…", size)
	w, end := 0.0, 0
	for i, r := range s {
		w += textWidth(string(r), size)
		if w > room {
			break
		}
		end = i + utf8.RuneLen(r)
	}
	return s[:end] + "…"
}

// figure is the frame every chart shares: the <figure>, its caption, the
// <svg> element with its title and description, and the data table.
type figure struct {
	kind  string // chart-KIND class suffix
	id    string // sanitized ID prefix
	title string // clean caption and <title>
	desc  string // clean <desc> body, without descPrefix
	w, h  float64
	links bool // the SVG contains links: role="group"
}

func newFigure(kind, id, title string) figure {
	t := cleanText(title)
	if t == "" {
		t = "图表"
	}
	return figure{kind: kind, id: idPrefix(id), title: t}
}

// open writes everything up to and including <desc>.
func (f figure) open(b *strings.Builder) {
	role := "img"
	if f.links {
		role = "group"
	}
	fmt.Fprintf(b, "<figure class=\"chart chart-%s\">\n", f.kind)
	fmt.Fprintf(b, "<figcaption>%s</figcaption>\n", template.HTMLEscapeString(f.title))
	fmt.Fprintf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" viewBox=\"0 0 %s %s\" width=\"100%%\" role=\"%s\" aria-labelledby=\"%s-title %s-desc\">\n",
		f1(f.w), f1(f.h), role, f.id, f.id)
	fmt.Fprintf(b, "<title id=\"%s-title\">%s</title>\n", f.id, template.HTMLEscapeString(f.title))
	fmt.Fprintf(b, "<desc id=\"%s-desc\">%s</desc>\n", f.id, template.HTMLEscapeString(descPrefix+f.desc))
}

// emptyBox writes the "no data" panel of a w×h chart.
func emptyBox(b *strings.Builder, w, h float64) {
	fmt.Fprintf(b, "<rect class=\"frame\" x=\"0.5\" y=\"0.5\" width=\"%s\" height=\"%s\" rx=\"4\" fill=\"none\"/>\n", f1(w-1), f1(h-1))
	emptyLabel(b, w/2, h/2+fontText*0.35)
}

// emptyLabel writes the centred "no data" text at (x, y).
func emptyLabel(b *strings.Builder, x, y float64) {
	fmt.Fprintf(b, "<text class=\"empty\" x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-size=\"%d\">%s</text>\n", f1(x), f1(y), fontText, emptyText)
}

// cell is one table cell: text and an optional, already checked link.
type cell struct {
	text string // raw text
	href string // escaped href, or ""
}

func (c cell) write(b *strings.Builder) {
	if c.href != "" {
		fmt.Fprintf(b, "<a href=\"%s\">%s</a>", c.href, esc(c.text))
		return
	}
	b.WriteString(esc(c.text))
}

// dataTable is the text alternative: a header row, body rows whose first
// cell is a row header, and an optional footer row.
type dataTable struct {
	head []string
	rows [][]cell
	foot []cell
}

// write writes the <details> block with the table, or "暂无数据" when the
// table has no rows.
func (t dataTable) write(b *strings.Builder) {
	b.WriteString("<details class=\"chart-data\"><summary>数据表</summary>\n")
	if len(t.rows) == 0 {
		fmt.Fprintf(b, "<p>%s</p>\n</details>\n", emptyText)
		return
	}
	b.WriteString("<table>\n<thead><tr>")
	for _, h := range t.head {
		fmt.Fprintf(b, "<th scope=\"col\">%s</th>", esc(h))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, r := range t.rows {
		t.row(b, r)
	}
	b.WriteString("</tbody>\n")
	if t.foot != nil {
		b.WriteString("<tfoot>\n")
		t.row(b, t.foot)
		b.WriteString("</tfoot>\n")
	}
	b.WriteString("</table>\n</details>\n")
}

func (t dataTable) row(b *strings.Builder, r []cell) {
	b.WriteString("<tr>")
	for i, c := range r {
		if i == 0 {
			b.WriteString("<th scope=\"row\">")
			c.write(b)
			b.WriteString("</th>")
			continue
		}
		b.WriteString("<td>")
		c.write(b)
		b.WriteString("</td>")
	}
	b.WriteString("</tr>\n")
}

// legendItem is one entry of a legend: a swatch class and its label.
type legendItem struct {
	class string
	label string // clean text
}

// legend writes items left to right from (x, y), wrapping before maxX, and
// returns the y just below the last row.
func legend(b *strings.Builder, items []legendItem, x, y, maxX float64) float64 {
	const sw, rowH = 12, 22
	cx := x
	for _, it := range items {
		label := fit(it.label, maxX-x-sw-4, fontText)
		w := sw + 4 + textWidth(label, fontText) + 12
		if cx > x && cx+w-12 > maxX {
			cx = x
			y += rowH
		}
		fmt.Fprintf(b, "<rect class=\"swatch %s\" x=\"%s\" y=\"%s\" width=\"%d\" height=\"%d\"/>\n", it.class, f1(cx), f1(y+6), sw, sw)
		fmt.Fprintf(b, "<text x=\"%s\" y=\"%s\" font-size=\"%d\">%s</text>\n", f1(cx+sw+4), f1(y+16), fontText, template.HTMLEscapeString(label))
		cx += w
	}
	return y + rowH
}

// niceScale returns the step and top of a value axis from 0 to at least
// maxV with at most four steps of 1, 2 or 5 times a power of ten.
func niceScale(maxV int) (step, top int) {
	if maxV <= 0 {
		return 1, 1
	}
	if maxV > 1<<52 {
		return maxV / 4, maxV
	}
	for mag := 1; ; mag *= 10 {
		for _, m := range []int{1, 2, 5} {
			s := m * mag
			n := maxV / s
			if maxV%s != 0 {
				n++
			}
			if n <= 4 {
				return s, n * s
			}
		}
	}
}

// peak returns the index of the first largest value, and the value.
func peak(vs []int) (int, int) {
	at, m := -1, 0
	for i, v := range vs {
		if v > m {
			at, m = i, v
		}
	}
	return at, m
}

// sum adds vs, saturating instead of overflowing.
func sum(vs []int) int {
	t := 0
	for _, v := range vs {
		t = addSat(t, v)
	}
	return t
}

// addSat adds two non-negative ints, saturating at math.MaxInt.
func addSat(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}
