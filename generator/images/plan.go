package images

import (
	"crypto/sha256"
	"encoding/hex"
	"image"
	"path"
	"strconv"
	"strings"
	"unicode"
)

// Widths are the rungs of the ladder, in pixels.
var Widths = []int{480, 800, 1200, 1600}

// ThumbWidth is the extra rung of a cover, for the story cards of lists.
const ThumbWidth = 240

// OGWidth is the width of the rung pages give as og:image.
const OGWidth = 1200

// maxWebPSide is the longest side libwebp writes.
const maxWebPSide = 16383

// Image is a planned image: what a page needs to show it, known from the
// header alone.
type Image struct {
	Name        string // the source's file name in the bundle, as written
	Format      Format
	Width       int // the source's width and height after orientation
	Height      int
	Orientation int  // EXIF orientation, 1 to 8
	Alpha       bool // some pixels are transparent: the fallback is PNG
	Sum         [32]byte
	Rungs       []Rung // narrowest first
}

// Rung is one width of an image's ladder.
type Rung struct {
	Width, Height int
	WebP          string // output file name of the WebP
	Fallback      string // output file name of the JPEG or PNG
}

// Options modify a plan.
type Options struct {
	// Thumb adds a ThumbWidth rung (covers, for story cards).
	Thumb bool
}

// Plan reads the header of the image data, named name in its bundle, and
// returns its ladder. The error is an *Error when the data is not an image
// the package reads or declares an absurd size. A PNG or WebP whose header
// allows transparency is decoded once to see whether any pixel is
// transparent, and the answer kept in c (which may be nil).
func Plan(name string, data []byte, opts Options, c *Cache) (*Image, error) {
	f, cfg, err := checkHeader(data)
	if err != nil {
		return nil, err
	}
	img := &Image{Name: name, Format: f, Sum: sha256.Sum256(data), Orientation: orientation(f, data)}
	img.Width, img.Height = cfg.Width, cfg.Height
	if img.Orientation >= 5 {
		img.Width, img.Height = img.Height, img.Width
	}
	if f != JPEG && mayHaveAlpha(cfg) {
		known, ok := c.Opaque(img.Sum)
		if !ok {
			m, err := decode(f, data)
			if err != nil {
				return nil, err
			}
			known = isOpaque(m)
			c.setOpaque(img.Sum, known)
		}
		img.Alpha = !known
	}
	widths := Widths
	if opts.Thumb {
		widths = append([]int{ThumbWidth}, Widths...)
	}
	stem := safeStem(name) + "." + hex.EncodeToString(img.Sum[:4])
	fallback := ".jpg"
	if img.Alpha {
		fallback = ".png"
	}
	add := func(w int) {
		h := max(1, (img.Height*w+img.Width/2)/img.Width)
		if h > maxWebPSide {
			return
		}
		base := stem + "-" + strconv.Itoa(w)
		img.Rungs = append(img.Rungs, Rung{Width: w, Height: h, WebP: base + ".webp", Fallback: base + fallback})
	}
	for _, w := range widths {
		if w < img.Width {
			add(w)
		}
	}
	if img.Width <= widths[len(widths)-1] {
		add(img.Width)
	}
	if len(img.Rungs) == 0 {
		return nil, errorf("image is %d × %d pixels: more than ten times taller than wide, it cannot be shown",
			"图片为 %d × %d 像素：高度超过宽度的十倍，无法显示", img.Width, img.Height)
	}
	return img, nil
}

// Largest returns the widest rung.
func (img *Image) Largest() Rung { return img.Rungs[len(img.Rungs)-1] }

// Smallest returns the narrowest rung.
func (img *Image) Smallest() Rung { return img.Rungs[0] }

// Rung returns the widest rung no wider than w, or the narrowest.
func (img *Image) Rung(w int) Rung {
	r := img.Rungs[0]
	for _, x := range img.Rungs {
		if x.Width <= w {
			r = x
		}
	}
	return r
}

// mayHaveAlpha reports whether a header's color model can carry
// transparency.
func mayHaveAlpha(cfg image.Config) bool {
	if cfg.ColorModel == nil {
		return true
	}
	_, _, _, a := cfg.ColorModel.Convert(transparent{}).RGBA()
	return a != 0xffff
}

// transparent is a fully transparent color, to probe a color model with:
// a model without alpha turns it opaque.
type transparent struct{}

func (transparent) RGBA() (r, g, b, a uint32) { return 0, 0, 0, 0 }

// isOpaque reports whether every pixel of m is opaque.
func isOpaque(m image.Image) bool {
	if o, ok := m.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	b := m.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if _, _, _, a := m.At(x, y).RGBA(); a != 0xffff {
				return false
			}
		}
	}
	return true
}

// safeStem returns the stem of a file name reduced to lower-case ASCII
// letters, digits and single hyphens: "IMG 0001.JPG" → "img-0001",
// "微信图片_20161001.jpg" → "20161001"; "image" when nothing is left.
func safeStem(name string) string {
	stem := strings.TrimSuffix(path.Base(name), path.Ext(name))
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(stem) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	if b.Len() == 0 {
		return "image"
	}
	s := b.String()
	if len(s) > 40 {
		s = strings.TrimRight(s[:40], "-")
	}
	return s
}
