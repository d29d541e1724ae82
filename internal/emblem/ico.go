package emblem

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
)

// PNG encodes img as PNG.
func PNG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// ICO packs square images of at most 256 pixels into one .ico file, each
// entry a PNG image (supported by every browser since Windows Vista's
// format revision).
func ICO(imgs ...image.Image) ([]byte, error) {
	const dirSize, entrySize = 6, 16
	var data [][]byte
	for _, img := range imgs {
		b := img.Bounds()
		if b.Dx() != b.Dy() || b.Dx() < 1 || b.Dx() > 256 {
			return nil, fmt.Errorf("ico: image of %dx%d pixels; want a square of 1 to 256", b.Dx(), b.Dy())
		}
		p, err := PNG(img)
		if err != nil {
			return nil, err
		}
		data = append(data, p)
	}
	var out bytes.Buffer
	le := func(v any) { binary.Write(&out, binary.LittleEndian, v) }
	le([3]uint16{0, 1, uint16(len(imgs))}) // reserved, type 1 (icon), count
	offset := dirSize + entrySize*len(imgs)
	for i, img := range imgs {
		side := uint8(img.Bounds().Dx()) // 256 wraps to 0, as the format says
		out.Write([]byte{side, side, 0, 0})
		le([2]uint16{1, 32}) // colour planes, bits per pixel
		le([2]uint32{uint32(len(data[i])), uint32(offset)})
		offset += len(data[i])
	}
	for _, d := range data {
		out.Write(d)
	}
	return out.Bytes(), nil
}

// IcoEntry is one image of an .ico file as ReadICO finds it.
type IcoEntry struct {
	Width, Height int // from the directory; 0 stands for 256
	Data          []byte
}

// ReadICO reads the directory of an .ico file and returns its entries'
// bytes, checking every entry lies inside the file.
func ReadICO(b []byte) ([]IcoEntry, error) {
	if len(b) < 6 || binary.LittleEndian.Uint16(b[0:]) != 0 || binary.LittleEndian.Uint16(b[2:]) != 1 {
		return nil, fmt.Errorf("ico: not an icon file")
	}
	n := int(binary.LittleEndian.Uint16(b[4:]))
	if n == 0 || len(b) < 6+16*n {
		return nil, fmt.Errorf("ico: %d entries in %d bytes", n, len(b))
	}
	var out []IcoEntry
	for i := range n {
		e := b[6+16*i:]
		size := int(binary.LittleEndian.Uint32(e[8:]))
		off := int(binary.LittleEndian.Uint32(e[12:]))
		if off < 6+16*n || size <= 0 || off+size > len(b) {
			return nil, fmt.Errorf("ico: entry %d at %d+%d outside the file of %d bytes", i, off, size, len(b))
		}
		out = append(out, IcoEntry{Width: int(e[0]), Height: int(e[1]), Data: b[off : off+size]})
	}
	return out, nil
}
