package emblem

import (
	"encoding/xml"
	"fmt"
	"image/color"
	"strconv"
	"strings"
)

// Emblem is the geometry of the emblem, in the units of its viewBox.
type Emblem struct {
	Size     float64 // the viewBox is 0 0 Size Size
	Radius   float64 // corner radius of the background square
	Fill     color.NRGBA
	Stroke   color.NRGBA
	Width    float64 // stroke width
	Segments [][2]Point
}

// Point is a point in viewBox units.
type Point struct{ X, Y float64 }

type svgDoc struct {
	ViewBox string `xml:"viewBox,attr"`
	Rects   []struct {
		Width  string `xml:"width,attr"`
		Height string `xml:"height,attr"`
		RX     string `xml:"rx,attr"`
		Fill   string `xml:"fill,attr"`
	} `xml:"rect"`
	Paths []struct {
		D       string `xml:"d,attr"`
		Stroke  string `xml:"stroke,attr"`
		Width   string `xml:"stroke-width,attr"`
		Linecap string `xml:"stroke-linecap,attr"`
	} `xml:"path"`
}

// Parse reads the emblem's SVG. It accepts one full-size rounded rect and
// any number of stroked, round-capped paths of straight lines in one
// colour, and returns an error for anything else.
func Parse(svg []byte) (*Emblem, error) {
	var doc svgDoc
	if err := xml.Unmarshal(svg, &doc); err != nil {
		return nil, fmt.Errorf("emblem: %w", err)
	}
	vb := strings.Fields(doc.ViewBox)
	if len(vb) != 4 || vb[0] != "0" || vb[1] != "0" || vb[2] != vb[3] {
		return nil, fmt.Errorf("emblem: viewBox %q is not a square from 0 0", doc.ViewBox)
	}
	e := &Emblem{}
	var err error
	if e.Size, err = number(vb[2]); err != nil {
		return nil, err
	}
	if len(doc.Rects) != 1 || len(doc.Paths) == 0 {
		return nil, fmt.Errorf("emblem: want one rect and at least one path, have %d and %d", len(doc.Rects), len(doc.Paths))
	}
	r := doc.Rects[0]
	if r.Width != vb[2] || r.Height != vb[3] {
		return nil, fmt.Errorf("emblem: the rect is %sx%s, not the whole viewBox", r.Width, r.Height)
	}
	if e.Radius, err = number(r.RX); err != nil {
		return nil, err
	}
	if e.Fill, err = hexColor(r.Fill); err != nil {
		return nil, err
	}
	for i, p := range doc.Paths {
		if p.Linecap != "round" {
			return nil, fmt.Errorf("emblem: path %d: stroke-linecap %q, want round", i, p.Linecap)
		}
		stroke, err := hexColor(p.Stroke)
		if err != nil {
			return nil, err
		}
		width, err := number(p.Width)
		if err != nil {
			return nil, err
		}
		if i > 0 && (stroke != e.Stroke || width != e.Width) {
			return nil, fmt.Errorf("emblem: path %d has another stroke than path 0", i)
		}
		e.Stroke, e.Width = stroke, width
		segs, err := lines(p.D)
		if err != nil {
			return nil, fmt.Errorf("emblem: path %d: %w", i, err)
		}
		e.Segments = append(e.Segments, segs...)
	}
	return e, nil
}

// lines reads path data made of moves and straight lines.
func lines(d string) ([][2]Point, error) {
	toks := tokens(d)
	var (
		out      [][2]Point
		cur      Point
		cmd      byte
		havePath bool
	)
	next := func(i *int) (float64, error) {
		if *i >= len(toks) {
			return 0, fmt.Errorf("command %c lacks a number", cmd)
		}
		v, err := number(toks[*i])
		*i++
		return v, err
	}
	for i := 0; i < len(toks); {
		if t := toks[i]; len(t) == 1 && strings.Contains("MmLlHhVv", t) {
			cmd = t[0]
			i++
		} else if cmd == 0 {
			return nil, fmt.Errorf("path data starts with %q, not a command", t)
		}
		var p Point
		switch cmd {
		case 'M', 'm', 'L', 'l':
			x, err := next(&i)
			if err != nil {
				return nil, err
			}
			y, err := next(&i)
			if err != nil {
				return nil, err
			}
			p = Point{x, y}
			if cmd == 'm' || cmd == 'l' {
				p = Point{cur.X + x, cur.Y + y}
			}
		case 'H', 'h':
			x, err := next(&i)
			if err != nil {
				return nil, err
			}
			p = Point{x, cur.Y}
			if cmd == 'h' {
				p.X += cur.X
			}
		case 'V', 'v':
			y, err := next(&i)
			if err != nil {
				return nil, err
			}
			p = Point{cur.X, y}
			if cmd == 'v' {
				p.Y += cur.Y
			}
		}
		switch cmd {
		case 'M', 'm':
			havePath = true
			cmd = map[byte]byte{'M': 'L', 'm': 'l'}[cmd] // further pairs are lines
		default:
			if !havePath {
				return nil, fmt.Errorf("a line before any move")
			}
			out = append(out, [2]Point{cur, p})
		}
		cur = p
	}
	return out, nil
}

// tokens splits path data into one-letter commands and numbers.
func tokens(d string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range d {
		switch {
		case r == ' ' || r == ',' || r == '\t' || r == '\n' || r == '\r':
			flush()
		case (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z'):
			flush()
			out = append(out, string(r))
		case r == '-' && b.Len() > 0:
			flush()
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	flush()
	return out
}

func number(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("emblem: %q is not a number", s)
	}
	return v, nil
}

// hexColor reads #rgb and #rrggbb colours, the named colour white and
// black.
func hexColor(s string) (color.NRGBA, error) {
	switch s {
	case "white":
		s = "#fff"
	case "black":
		s = "#000"
	}
	if len(s) == 4 && s[0] == '#' {
		s = "#" + string([]byte{s[1], s[1], s[2], s[2], s[3], s[3]})
	}
	if len(s) != 7 || s[0] != '#' {
		return color.NRGBA{}, fmt.Errorf("emblem: colour %q is not #rgb or #rrggbb", s)
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.NRGBA{}, fmt.Errorf("emblem: colour %q is not #rgb or #rrggbb", s)
	}
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}, nil
}
