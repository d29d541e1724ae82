package images

import (
	"image"

	"golang.org/x/image/draw"
)

// scaleDown returns m scaled to each size of sizes (widest first, in
// unrotated pixels).
//
// The first rung, the big step from the full photo, is the expensive one.
// While the photo is at least twice that rung it is halved with an exact
// 2:1 box filter (draw.ApproxBiLinear on a 2:1 grid averages each 2 × 2
// block); the rest of the step uses draw.BiLinear, a tent filter widened
// to the scale, which costs three quarters of CatmullRom there and does
// not ring. Each further rung is scaled from the previous one with
// draw.CatmullRom, on images a few hundred thousand pixels large.
// Measured on a 12-megapixel photo (thread CPU time): CatmullRom for the
// first step 760 ms, BiLinear 570 ms; the CatmullRom chain 1600 → 480
// under 200 ms.
func scaleDown(m image.Image, sizes []image.Point) []*image.RGBA {
	out := make([]*image.RGBA, len(sizes))
	src := m
	for i, sz := range sizes {
		var k draw.Interpolator = draw.CatmullRom
		if i == 0 {
			src = halveUntil(src, sz)
			k = draw.BiLinear
		}
		dst := image.NewRGBA(image.Rect(0, 0, sz.X, sz.Y))
		k.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
		out[i] = dst
		src = dst
	}
	return out
}

// halveUntil halves m with a 2 × 2 box filter while the result stays at
// least the target size.
func halveUntil(m image.Image, target image.Point) image.Image {
	for {
		b := m.Bounds()
		if b.Dx()/2 < target.X || b.Dy()/2 < target.Y {
			return m
		}
		dst := image.NewRGBA(image.Rect(0, 0, b.Dx()/2, b.Dy()/2))
		draw.ApproxBiLinear.Scale(dst, dst.Bounds(), m, image.Rect(b.Min.X, b.Min.Y, b.Min.X+2*dst.Rect.Dx(), b.Min.Y+2*dst.Rect.Dy()), draw.Src, nil)
		m = dst
	}
}
