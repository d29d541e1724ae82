package corpus

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"sync"
)

// coverPNGs are the bundles' covers: one small PNG per region, a band of the
// region's colour over a pale ground, encoded once.
var coverPNGs = sync.OnceValues(func() ([][]byte, error) {
	out := make([][]byte, len(regions))
	for i := range regions {
		img := image.NewPaletted(image.Rect(0, 0, 32, 18), color.Palette{
			color.RGBA{0xf4, 0xf1, 0xea, 0xff},
			color.RGBA{uint8(40 + 17*i), uint8(90 + 11*i), uint8(160 - 7*i), 0xff},
		})
		for y := 6; y < 12; y++ {
			for x := range 32 {
				img.SetColorIndex(x, y, 1)
			}
		}
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			return nil, fmt.Errorf("corpus: encoding a cover: %w", err)
		}
		out[i] = b.Bytes()
	}
	return out, nil
})

// coverPNG returns the cover of a story of region i.
func coverPNG(i int) ([]byte, error) {
	covers, err := coverPNGs()
	if err != nil {
		return nil, err
	}
	return covers[i], nil
}
