package images

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/webp"
)

// decode decodes data, whose header checkHeader accepted.
func decode(f Format, data []byte) (image.Image, error) {
	r := bytes.NewReader(data)
	var (
		m   image.Image
		err error
	)
	switch f {
	case JPEG:
		m, err = jpeg.Decode(r)
	case PNG:
		m, err = png.Decode(r)
	default:
		m, err = webp.Decode(r)
	}
	if err != nil {
		return nil, errorf("broken %s image (%v): re-save or convert it to JPEG",
			"%s 图片已损坏（%v）：请重新保存或转换为 JPEG", f, err)
	}
	return m, nil
}
