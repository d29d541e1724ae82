package images_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/images"
	"github.com/ningbo-showcase/showcase/generator/images/synth"
	"golang.org/x/image/webp"
)

// halves returns a w × h image whose left half is red, right half blue.
func halves(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{220, 20, 20, 255}
			if x >= w/2 {
				c = color.RGBA{20, 20, 220, 255}
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

// TestOrientAndStrip encodes a phone JPEG whose EXIF says "rotate 90°
// clockwise" and carries a camera serial and GPS position: the outputs
// are upright and hold none of the metadata.
func TestOrientAndStrip(t *testing.T) {
	src := synth.JPEG(halves(1000, 600), 90, 6, synth.GPS{Lat: 29.8683, Lon: 121.5440})
	if !bytes.Contains(src, []byte(synth.CameraSerial)) {
		t.Fatal("test photo lacks its EXIF block")
	}
	img, err := images.Plan("IMG_0001.JPG", src, images.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if img.Width != 600 || img.Height != 1000 || img.Orientation != 6 {
		t.Fatalf("planned %d×%d orientation %d, want 600×1000 orientation 6", img.Width, img.Height, img.Orientation)
	}
	files, _, err := images.Encode(img, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 4 { // 480 and 600, WebP and JPEG
		t.Fatalf("%d files", len(files))
	}
	for _, f := range files {
		for _, secret := range []string{"Exif", "EXIF", synth.CameraSerial, synth.CameraModel, "XMP", "ICC_PROFILE"} {
			if bytes.Contains(f.Data, []byte(secret)) {
				t.Errorf("%s keeps %q", f.Name, secret)
			}
		}
		var m image.Image
		if strings.HasSuffix(f.Name, ".webp") {
			m, err = webp.Decode(bytes.NewReader(f.Data))
		} else {
			m, err = jpeg.Decode(bytes.NewReader(f.Data))
		}
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		b := m.Bounds()
		// Turned clockwise, the red left half is now on top.
		top, bottom := m.At(b.Dx()/2, b.Dy()/4), m.At(b.Dx()/2, 3*b.Dy()/4)
		if r, _, bl, _ := top.RGBA(); r < bl {
			t.Errorf("%s: top is not red: %v", f.Name, top)
		}
		if r, _, bl, _ := bottom.RGBA(); r > bl {
			t.Errorf("%s: bottom is not blue: %v", f.Name, bottom)
		}
		if b.Dx() >= b.Dy() {
			t.Errorf("%s is %v, not portrait", f.Name, b)
		}
	}
}

// TestCache encodes into a cache, then again: the second time every
// output comes from the cache, byte-identical; Prune keeps what was used.
func TestCache(t *testing.T) {
	dir := t.TempDir()
	src := synth.JPEG(synth.Photo(900, 600, 7), 85, 1, synth.GPS{})
	other := synth.JPEG(synth.Photo(500, 400, 8), 85, 1, synth.GPS{})
	c := images.OpenCache(dir)
	img, _ := images.Plan("a.jpg", src, images.Options{}, c)
	img2, _ := images.Plan("b.jpg", other, images.Options{}, c)
	first, _, err := images.Encode(img, src, c)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := images.Encode(img2, other, c); err != nil {
		t.Fatal(err)
	}
	c = images.OpenCache(dir)
	second, _, err := images.Encode(img, src, c)
	if err != nil {
		t.Fatal(err)
	}
	hits, misses := c.Stats()
	if hits != int64(len(first)) || misses != 0 {
		t.Errorf("second encode: %d hits, %d misses, want %d and 0", hits, misses, len(first))
	}
	for i := range first {
		if !bytes.Equal(first[i].Data, second[i].Data) || first[i].Name != second[i].Name {
			t.Errorf("%s differs from the cache", first[i].Name)
		}
	}
	n, _, err := c.Prune()
	if err != nil {
		t.Fatal(err)
	}
	if want := 2 * len(img2.Rungs); n != want {
		t.Errorf("Prune removed %d files, want %d (b.jpg's)", n, want)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*", "*"))
	if len(left) != len(first) {
		t.Errorf("%d entries left, want %d", len(left), len(first))
	}
	if _, err := os.Stat(filepath.Join(dir, "..", "_gen")); err == nil {
		t.Error("cache wrote beside itself")
	}
}

// TestTransparentPNG keeps transparency: the fallback is a PNG.
func TestTransparentPNG(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 640, 400))
	for i := 3; i < len(m.Pix); i += 8 {
		m.Pix[i] = 0xff
	}
	var b bytes.Buffer
	if err := pngEncode(&b, m); err != nil {
		t.Fatal(err)
	}
	img, err := images.Plan("logo.PNG", b.Bytes(), images.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !img.Alpha || !strings.HasSuffix(img.Rungs[0].Fallback, ".png") || !strings.HasPrefix(img.Rungs[0].Fallback, "logo.") {
		t.Errorf("transparent PNG planned as %+v", img.Rungs[0])
	}
}
