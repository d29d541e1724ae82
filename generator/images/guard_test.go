package images

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

// pngHeader returns a valid PNG signature and IHDR chunk declaring w × h
// pixels of 8-bit RGBA, followed by a few bytes of IDAT.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x63, 0x00})
	return b.Bytes()
}

func encodePNG(m image.Image) []byte {
	var b bytes.Buffer
	png.Encode(&b, m)
	return b.Bytes()
}

func encodeJPEG(m image.Image) []byte {
	var b bytes.Buffer
	jpeg.Encode(&b, m, nil)
	return b.Bytes()
}

func solid(w, h int, c color.Color) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.Set(x, y, c)
		}
	}
	return m
}

func TestPlanGuard(t *testing.T) {
	opaque := color.NRGBA{200, 100, 50, 255}
	tests := []struct {
		name string
		data []byte
		err  string // substring of the error; "" for none
	}{
		{"jpeg", encodeJPEG(solid(640, 480, opaque)), ""},
		{"png", encodePNG(solid(300, 200, opaque)), ""},
		{"60000x60000 png header", pngHeader(60000, 60000), "over the limit"},
		{"120 megapixels", pngHeader(12000, 10000), "over the limit"},
		{"side over the limit", pngHeader(40000, 100), "over the limit"},
		{"16-bit 90 megapixels", func() []byte { b := pngHeader(9000, 10000); b[24] = 16; fixCRC(b); return b }(), "MB to decode"},
		{"zero width", pngHeader(0, 10), "broken png"},
		{"heic", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), "HEIC/HEIF"},
		{"avif", []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00"), "AVIF"},
		{"gif", []byte("GIF89a\x01\x00\x01\x00"), "GIF"},
		{"text", []byte("not an image at all"), "not a JPEG, PNG or WebP"},
		{"empty", nil, "not a JPEG, PNG or WebP"},
		{"truncated jpeg", encodeJPEG(solid(64, 64, opaque))[:20], "broken jpeg"},
		{"truncated webp", []byte("RIFF\x10\x00\x00\x00WEBPVP8 "), "broken webp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := Plan("x.jpg", tt.data, Options{}, nil)
			if tt.err == "" {
				if err != nil {
					t.Fatalf("Plan: %v", err)
				}
				if len(img.Rungs) == 0 {
					t.Fatal("no rungs")
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("Plan error = %v, want %q", err, tt.err)
			}
			e, ok := err.(*Error)
			if !ok || e.Zh == "" {
				t.Errorf("error %T has no Chinese message", err)
			}
		})
	}
}

// fixCRC recomputes the CRC of a PNG's IHDR chunk after an edit.
func fixCRC(b []byte) {
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
}

// TestEncodeAbsurdPNGDoesNotAllocate plans and encodes a PNG header
// declaring 9,000 × 9,000 pixels over four bytes of data: the decode
// fails on the data, quickly.
func TestEncodeAbsurdPNG(t *testing.T) {
	data := pngHeader(9000, 9000)
	if _, err := Plan("x.png", data, Options{}, nil); err == nil || !strings.Contains(err.Error(), "broken png") {
		t.Fatalf("Plan = %v, want a broken-PNG error (the alpha check decodes it)", err)
	}
}

func TestLadder(t *testing.T) {
	tests := []struct {
		w, h   int
		thumb  bool
		widths []int
	}{
		{4032, 3024, false, []int{480, 800, 1200, 1600}},
		{8160, 6120, false, []int{480, 800, 1200, 1600}},  // a 50-megapixel phone photo
		{20000, 5000, false, []int{480, 800, 1200, 1600}}, // a 100-megapixel panorama
		{4032, 3024, true, []int{240, 480, 800, 1200, 1600}},
		{1000, 500, false, []int{480, 800, 1000}},
		{1600, 900, false, []int{480, 800, 1200, 1600}},
		{300, 200, false, []int{300}},
		{300, 200, true, []int{240, 300}},
	}
	for _, tt := range tests {
		img, err := Plan("a.png", pngHeader(uint32(tt.w), uint32(tt.h)), Options{Thumb: tt.thumb}, cacheKnowing(true))
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, r := range img.Rungs {
			got = append(got, r.Width)
			if want := (tt.h*r.Width + tt.w/2) / tt.w; r.Height != want {
				t.Errorf("%d×%d rung %d: height %d, want %d", tt.w, tt.h, r.Width, r.Height, want)
			}
		}
		if !equalInts(got, tt.widths) {
			t.Errorf("%d×%d thumb=%v: widths %v, want %v", tt.w, tt.h, tt.thumb, got, tt.widths)
		}
	}
}

// cacheKnowing returns a cache that knows every image as opaque or not,
// so Plan does not decode.
func cacheKnowing(opaque bool) *Cache {
	c := OpenCache("")
	c.known = &opaque
	return c
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSafeStem(t *testing.T) {
	for in, want := range map[string]string{
		"微信图片_20161001.jpg":              "20161001",
		"IMG 0001.JPG":                   "img-0001",
		"照片.jpeg":                        "image",
		"a--b__c.png":                    "a-b-c",
		"../x/Ü ber.webp":                "ber",
		strings.Repeat("a", 60) + ".jpg": strings.Repeat("a", 40),
	} {
		if got := safeStem(in); got != want {
			t.Errorf("safeStem(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzPlan(f *testing.F) {
	f.Add(encodeJPEG(solid(16, 16, color.NRGBA{1, 2, 3, 255})))
	f.Add(encodePNG(solid(8, 8, color.NRGBA{1, 2, 3, 128})))
	f.Add(pngHeader(60000, 60000))
	f.Add(pngHeader(9000, 9000))
	f.Add([]byte("RIFF\x10\x00\x00\x00WEBPVP8 "))
	f.Add([]byte("\x00\x00\x00\x18ftypheic"))
	f.Fuzz(func(t *testing.T, data []byte) {
		img, err := Plan("f.png", data, Options{Thumb: true}, nil)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		if img.Width*img.Height > MaxPixels || len(img.Rungs) == 0 {
			t.Fatalf("accepted %d×%d with %d rungs", img.Width, img.Height, len(img.Rungs))
		}
		if img.Width*img.Height <= 1<<16 {
			if _, _, err := Encode(img, data, nil); err != nil {
				if _, ok := err.(*Error); !ok {
					t.Fatalf("Encode error of type %T: %v", err, err)
				}
			}
		}
	})
}
