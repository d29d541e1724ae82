// Package synth draws photo-like test images procedurally — a sky
// gradient, a sun, layered hills and buildings with fractal texture and
// sensor grain — and writes them as JPEG with a camera's EXIF block, so
// tests, benchmarks, the demo site and the corpus generator have
// realistic photos without shipping any. The same seed gives the same
// bytes.
package synth

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"

	"golang.org/x/image/draw"
)

// Photo returns a w × h photo-like image drawn from seed. The scene is
// drawn at a quarter of the size and scaled up; grain is added per pixel,
// so the result compresses like a photo, not like a drawing.
func Photo(w, h int, seed uint64) *image.RGBA {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	small := scene(max(1, w/4), max(1, h/4), rng)
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.BiLinear.Scale(m, m.Bounds(), small, small.Bounds(), draw.Src, nil)
	for i := 0; i < len(m.Pix); i += 4 {
		g := int(rng.Uint32()%9) - 4 // sensor grain
		for j := i; j < i+3; j++ {
			m.Pix[j] = uint8(min(255, max(0, int(m.Pix[j])+g)))
		}
	}
	return m
}

func scene(w, h int, rng *rand.Rand) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	n := newNoise(rng)
	// Palette: sky top and horizon, hill and building tones.
	hue := rng.Float64()
	skyTop := hsv(0.55+0.1*hue, 0.6, 0.55+0.3*rng.Float64())
	skyLow := hsv(0.08+0.1*hue, 0.35, 0.95)
	sunX, sunY, sunR := rng.Float64(), 0.15+0.2*rng.Float64(), 0.04+0.05*rng.Float64()
	type layer struct {
		base, amp, freq float64
		col             [3]float64
	}
	layers := make([]layer, 3)
	for i := range layers {
		layers[i] = layer{base: 0.45 + 0.12*float64(i), amp: 0.12 - 0.03*float64(i), freq: 2 + 3*float64(i) + rng.Float64()*2,
			col: hsv(0.2+0.15*rng.Float64(), 0.4+0.2*rng.Float64(), 0.55-0.15*float64(i))}
	}
	type bldg struct{ x0, x1, top float64 }
	var bldgs []bldg
	for x := rng.Float64() * 0.1; x < 1; x += 0.04 + 0.08*rng.Float64() {
		wd := 0.03 + 0.05*rng.Float64()
		bldgs = append(bldgs, bldg{x, x + wd, 0.5 + 0.2*rng.Float64()})
	}
	inv := 1 / float64(max(w, h))
	for y := 0; y < h; y++ {
		fy := float64(y) / float64(h)
		row := m.Pix[y*m.Stride:]
		for x := 0; x < w; x++ {
			fx := float64(x) / float64(w)
			px, py := float64(x)*inv, float64(y)*inv
			t := n.fbm(px*3, py*3, 4)
			c := mix(skyTop, skyLow, fy*1.4)
			c = mix(c, [3]float64{1, 1, 1}, 0.25*smooth(t-0.1)) // clouds
			if d := math.Hypot(fx-sunX, (fy-sunY)*float64(h)/float64(w)); d < sunR*3 {
				c = mix(c, [3]float64{1, 0.95, 0.8}, math.Max(0, 1-d/(sunR*3))*0.8)
			}
			for _, b := range bldgs {
				if fx >= b.x0 && fx < b.x1 && fy > b.top {
					win := math.Mod(fx*160, 1) < 0.5 && math.Mod(fy*120, 1) < 0.5
					c = [3]float64{0.35, 0.33, 0.32}
					if win {
						c = [3]float64{0.55, 0.6, 0.65}
					}
				}
			}
			for _, l := range layers {
				top := l.base + l.amp*n.fbm(fx*l.freq, l.base*10, 3)
				if fy > top {
					tex := n.fbm(px*90, py*90, 4)
					c = [3]float64{l.col[0] * (0.7 + 0.6*tex), l.col[1] * (0.7 + 0.6*tex), l.col[2] * (0.7 + 0.6*tex)}
				}
			}
			row[4*x] = clamp8(c[0])
			row[4*x+1] = clamp8(c[1])
			row[4*x+2] = clamp8(c[2])
			row[4*x+3] = 0xff
		}
	}
	return m
}

// GPS is a position recorded in a photo's EXIF block.
type GPS struct{ Lat, Lon float64 }

// JPEG returns m as a JPEG of the given quality with an EXIF APP1 segment
// holding orientation o (1 to 8), a camera model and serial number, and
// the GPS position gps: what a phone writes.
func JPEG(m image.Image, quality, o int, gps GPS) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: quality}); err != nil {
		panic(err) // encoding into memory does not fail
	}
	data := b.Bytes()
	app1 := append([]byte("Exif\x00\x00"), EXIF(o, gps)...)
	seg := []byte{0xff, 0xe1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(app1)+2))
	out := append([]byte{}, data[:2]...)
	out = append(out, seg...)
	out = append(out, app1...)
	return append(out, data[2:]...)
}

// The marker strings EXIF writes; tests look for them in outputs.
const (
	CameraModel  = "ShowcasePhone 12"
	CameraSerial = "SN-0042-SECRET"
)

// EXIF returns a little-endian TIFF block with IFD0 (orientation, model,
// serial) and a GPS IFD.
func EXIF(o int, gps GPS) []byte {
	le := binary.LittleEndian
	var t []byte
	t = append(t, 'I', 'I', 42, 0, 8, 0, 0, 0)
	// IFD0 at 8: 4 entries; data follows.
	model := CameraModel + "\x00"
	serial := CameraSerial + "\x00"
	ifd0 := 8
	n0 := 4
	dataOff := ifd0 + 2 + 12*n0 + 4
	gpsOff := dataOff + len(model) + len(serial)
	entry := func(tag, typ uint16, count, val uint32) {
		e := make([]byte, 12)
		le.PutUint16(e, tag)
		le.PutUint16(e[2:], typ)
		le.PutUint32(e[4:], count)
		le.PutUint32(e[8:], val)
		t = append(t, e...)
	}
	t = le.AppendUint16(t, uint16(n0))
	entry(0x0110, 2, uint32(len(model)), uint32(dataOff))
	entry(0x0112, 3, 1, uint32(o))
	entry(0x8825, 4, 1, uint32(gpsOff))
	entry(0xa431, 2, uint32(len(serial)), uint32(dataOff+len(model)))
	t = le.AppendUint32(t, 0)
	t = append(t, model...)
	t = append(t, serial...)
	// GPS IFD: latitude ref and value, longitude ref and value.
	ratOff := gpsOff + 2 + 12*4 + 4
	t = le.AppendUint16(t, 4)
	entry(1, 2, 2, uint32('N'))
	entry(2, 5, 3, uint32(ratOff))
	entry(3, 2, 2, uint32('E'))
	entry(4, 5, 3, uint32(ratOff+24))
	t = le.AppendUint32(t, 0)
	for _, v := range []float64{gps.Lat, gps.Lon} {
		d := math.Floor(v)
		mnt := math.Floor((v - d) * 60)
		s := ((v-d)*60 - mnt) * 60 * 1000
		for _, r := range [][2]uint32{{uint32(d), 1}, {uint32(mnt), 1}, {uint32(s), 1000}} {
			t = le.AppendUint32(t, r[0])
			t = le.AppendUint32(t, r[1])
		}
	}
	return t
}

func hsv(h, s, v float64) [3]float64 {
	h = math.Mod(h, 1) * 6
	i := math.Floor(h)
	f := h - i
	p, q, t := v*(1-s), v*(1-s*f), v*(1-s*(1-f))
	switch int(i) {
	case 0:
		return [3]float64{v, t, p}
	case 1:
		return [3]float64{q, v, p}
	case 2:
		return [3]float64{p, v, t}
	case 3:
		return [3]float64{p, q, v}
	case 4:
		return [3]float64{t, p, v}
	}
	return [3]float64{v, p, q}
}

func mix(a, b [3]float64, t float64) [3]float64 {
	t = math.Max(0, math.Min(1, t))
	return [3]float64{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t, a[2] + (b[2]-a[2])*t}
}

func smooth(t float64) float64 {
	t = math.Max(0, math.Min(1, t*2))
	return t * t * (3 - 2*t)
}

func clamp8(v float64) uint8 {
	return uint8(math.Max(0, math.Min(255, v*255+0.5)))
}

// noise is 2-D value noise on a 256-cell lattice.
type noise struct{ v [256]float64 }

func newNoise(rng *rand.Rand) *noise {
	n := &noise{}
	for i := range n.v {
		n.v[i] = rng.Float64()
	}
	return n
}

func (n *noise) at(x, y int) float64 { return n.v[(x*73+y*151+(x*y)%251)&255] }

func (n *noise) value(x, y float64) float64 {
	x0, y0 := math.Floor(x), math.Floor(y)
	fx, fy := x-x0, y-y0
	fx, fy = fx*fx*(3-2*fx), fy*fy*(3-2*fy)
	ix, iy := int(x0), int(y0)
	a := n.at(ix, iy) + (n.at(ix+1, iy)-n.at(ix, iy))*fx
	b := n.at(ix, iy+1) + (n.at(ix+1, iy+1)-n.at(ix, iy+1))*fx
	return a + (b-a)*fy
}

// fbm sums octaves of value noise, in [0, 1).
func (n *noise) fbm(x, y float64, octaves int) float64 {
	sum, amp, norm := 0.0, 0.5, 0.0
	for range octaves {
		sum += amp * n.value(x, y)
		norm += amp
		x, y, amp = x*2.03, y*2.03, amp*0.5
	}
	return sum / norm
}
