package images

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/webp"
)

// Limits on what Plan accepts, checked on the header before any pixel is
// decoded.
const (
	// MaxPixels is the largest image accepted: 100 megapixels.
	MaxPixels = 100_000_000
	// MaxSide is the longest side accepted, in pixels.
	MaxSide = 30_000
	// MaxDecodedBytes bounds the memory one decoded image may take: a
	// 100-megapixel image at 8 bits per channel fits, one at 16 does not.
	MaxDecodedBytes = 400 << 20
)

// Format is a raster format the package reads.
type Format string

// The formats the package reads.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	WebP Format = "webp"
)

// Error is a problem with an image's bytes, in English and Chinese. It
// names neither the file nor the story: the caller adds those.
type Error struct {
	Msg string
	Zh  string
}

func (e *Error) Error() string { return e.Msg }

func errorf(en, zh string, args ...any) *Error {
	return &Error{Msg: fmt.Sprintf(en, args...), Zh: fmt.Sprintf(zh, args...)}
}

// sniff returns the format of data from its first bytes, or an *Error
// naming what the data is when it is a format the package does not read.
func sniff(data []byte) (Format, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return JPEG, nil
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, nil
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return WebP, nil
	}
	other := ""
	switch {
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		switch string(data[8:12]) {
		case "avif", "avis":
			other = "AVIF"
		default: // heic, heix, hevc, heim, heis, hevm, hevs, mif1, msf1
			other = "HEIC/HEIF"
		}
	case bytes.HasPrefix(data, []byte("GIF8")):
		other = "GIF"
	case bytes.HasPrefix(data, []byte("BM")):
		other = "BMP"
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		other = "TIFF"
	}
	if other != "" {
		return "", errorf("image is %s, which is not supported: convert it to JPEG (or PNG for graphics with transparency)",
			"图片是 %s 格式，不受支持：请转换为 JPEG（有透明部分的图形用 PNG）", other)
	}
	return "", errorf("not a JPEG, PNG or WebP image (it cannot be decoded): convert it to JPEG",
		"不是 JPEG、PNG 或 WebP 图片（无法解码）：请转换为 JPEG")
}

// decodeConfig reads the header of data in format f.
func decodeConfig(f Format, data []byte) (image.Config, error) {
	r := bytes.NewReader(data)
	switch f {
	case JPEG:
		return jpeg.DecodeConfig(r)
	case PNG:
		return png.DecodeConfig(r)
	default:
		return webp.DecodeConfig(r)
	}
}

// checkHeader returns the format and header of data, refusing formats it
// does not read, broken headers and absurd sizes.
func checkHeader(data []byte) (Format, image.Config, error) {
	f, err := sniff(data)
	if err != nil {
		return "", image.Config{}, err
	}
	cfg, err := decodeConfig(f, data)
	if err != nil {
		return "", image.Config{}, errorf("broken %s image (%v): re-save or convert it to JPEG",
			"%s 图片已损坏（%v）：请重新保存或转换为 JPEG", f, err)
	}
	if err := checkSize(cfg.Width, cfg.Height); err != nil {
		return "", image.Config{}, err
	}
	if n := int64(cfg.Width) * int64(cfg.Height) * bytesPerPixel(cfg.ColorModel); n > MaxDecodedBytes {
		return "", image.Config{}, errorf("image of %d × %d pixels needs %d MB to decode, over the limit of %d MB: scale it down or save it with 8 bits per channel",
			"图片 %d × %d 像素，解码需 %d MB，超过上限 %d MB：请缩小或以每通道 8 位保存", cfg.Width, cfg.Height, n>>20, MaxDecodedBytes>>20)
	}
	return f, cfg, nil
}

// checkSize refuses sizes Plan does not accept.
func checkSize(w, h int) error {
	switch {
	case w <= 0 || h <= 0:
		return errorf("image declares an empty size (%d × %d)", "图片声明的尺寸为空（%d × %d）", w, h)
	case w > MaxSide || h > MaxSide || int64(w)*int64(h) > MaxPixels:
		return errorf("image declares %d × %d pixels, over the limit of %d megapixels and %d pixels a side: scale it down",
			"图片声明 %d × %d 像素，超过上限（%d 百万像素，每边 %d 像素）：请缩小后再用", w, h, MaxPixels/1_000_000, MaxSide)
	}
	return nil
}

// bytesPerPixel is what the decoder allocates per pixel for a color model.
func bytesPerPixel(m color.Model) int64 {
	switch m {
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	case color.YCbCrModel, color.NYCbCrAModel:
		return 3 // at most: 4:4:4, or 4:2:0 plus alpha
	}
	return 4 // RGBA, NRGBA, CMYK, paletted (expanded when scaled)
}
