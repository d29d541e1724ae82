package emblem

import (
	"image"
	"image/color"
	"math"
)

// Shape says how Draw treats the emblem's rounded corners.
type Shape int

const (
	// Rounded keeps the corners, transparent outside them (favicons).
	Rounded Shape = iota
	// Square fills the whole square: iOS rounds an apple-touch-icon
	// itself and shows transparent pixels as black.
	Square
)

// Draw renders e as a size×size image. Each pixel's coverage comes from
// its centre's signed distance to the shapes, which anti-aliases edges
// over one pixel.
func Draw(e *Emblem, size int, shape Shape) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	scale := float64(size) / e.Size // pixels per emblem unit
	half := e.Size / 2
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			p := Point{(float64(px) + 0.5) / scale, (float64(py) + 0.5) / scale}
			bg := 1.0
			if shape == Rounded {
				bg = coverage(roundedBox(p, Point{half, half}, half, e.Radius) * scale)
			}
			d := math.Inf(1)
			for _, s := range e.Segments {
				d = math.Min(d, segmentDist(p, s[0], s[1])-e.Width/2)
			}
			st := coverage(d * scale)
			img.SetNRGBA(px, py, over(e.Stroke, st, e.Fill, bg))
		}
	}
	return img
}

// coverage maps a signed distance in pixels (negative inside) to the part
// of a pixel a shape covers.
func coverage(d float64) float64 {
	return math.Max(0, math.Min(1, 0.5-d))
}

// roundedBox is the signed distance from p to a square centred at c with
// half side h and corner radius r.
func roundedBox(p, c Point, h, r float64) float64 {
	qx := math.Abs(p.X-c.X) - (h - r)
	qy := math.Abs(p.Y-c.Y) - (h - r)
	outside := math.Hypot(math.Max(qx, 0), math.Max(qy, 0))
	inside := math.Min(math.Max(qx, qy), 0)
	return outside + inside - r
}

// segmentDist is the distance from p to the segment a–b.
func segmentDist(p, a, b Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = math.Max(0, math.Min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l))
	}
	return math.Hypot(p.X-(a.X+t*dx), p.Y-(a.Y+t*dy))
}

// over composites the stroke colour with coverage sa over the fill colour
// with coverage ba. The strokes lie inside the background.
func over(s color.NRGBA, sa float64, f color.NRGBA, ba float64) color.NRGBA {
	a := sa + ba*(1-sa)
	if a == 0 {
		return color.NRGBA{}
	}
	ch := func(sc, fc uint8) uint8 {
		v := (float64(sc)*sa + float64(fc)*ba*(1-sa)) / a
		return uint8(math.Round(v))
	}
	return color.NRGBA{ch(s.R, f.R), ch(s.G, f.G), ch(s.B, f.B), uint8(math.Round(a * 255))}
}
