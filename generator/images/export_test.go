package images_test

import (
	"image"
	"image/png"
	"io"
)

func pngEncode(w io.Writer, m image.Image) error { return png.Encode(w, m) }
