package images

import (
	"fmt"
	"image"
	"strings"
	"sync"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/images/synth"
	"github.com/ningbo-showcase/showcase/internal/testenv"
	"golang.org/x/image/draw"
)

// photo12MP is a 12-megapixel phone photo (4032 × 3024) as JPEG, made once.
var photo12MP = sync.OnceValue(func() []byte {
	return synth.JPEG(synth.Photo(4032, 3024, 42), 88, 1, synth.GPS{Lat: 29.87, Lon: 121.55})
})

// BenchmarkEncode12MP encodes the whole ladder of a 12-megapixel photo
// (decode, scale, 4 rungs × WebP + JPEG) with no cache: the per-photo
// cost of a first build. It reports the ladder's bytes.
func BenchmarkEncode12MP(b *testing.B) {
	data := photo12MP()
	img, err := Plan("photo.jpg", data, Options{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	var files []File
	b.SetBytes(int64(len(data)))
	done := testenv.ReportCPU(b)
	for b.Loop() {
		if files, _, err = Encode(img, data, nil); err != nil {
			b.Fatal(err)
		}
	}
	done()
	for _, f := range files {
		b.ReportMetric(float64(len(f.Data)), f.Name[strings.LastIndex(f.Name, "-")+1:]+"-bytes")
	}
}

// BenchmarkStages times each stage of Encode on the same photo: decode,
// the first (big) scaling step with each kernel, the chain of smaller
// steps, and each rung's encoders.
func BenchmarkStages(b *testing.B) {
	data := photo12MP()
	m, err := decode(JPEG, data)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("decode", func(b *testing.B) {
		done := testenv.ReportCPU(b)
		for b.Loop() {
			decode(JPEG, data)
		}
		done()
	})
	for _, k := range []struct {
		name string
		k    draw.Interpolator
	}{{"CatmullRom", draw.CatmullRom}, {"BiLinear", draw.BiLinear}, {"ApproxBiLinear", draw.ApproxBiLinear}} {
		b.Run("first-step-"+k.name, func(b *testing.B) {
			done := testenv.ReportCPU(b)
			for b.Loop() {
				dst := image.NewRGBA(image.Rect(0, 0, 1600, 1200))
				k.k.Scale(dst, dst.Bounds(), m, m.Bounds(), draw.Src, nil)
			}
			done()
		})
	}
	rungs := scaleDown(m, []image.Point{{1600, 1200}, {1200, 900}, {800, 600}, {480, 360}})
	b.Run("chain-1600-to-480", func(b *testing.B) {
		done := testenv.ReportCPU(b)
		for b.Loop() {
			src := image.Image(rungs[0])
			for _, sz := range []image.Point{{1200, 900}, {800, 600}, {480, 360}} {
				dst := image.NewRGBA(image.Rect(0, 0, sz.X, sz.Y))
				draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
				src = dst
			}
		}
		done()
	})
	for _, r := range rungs {
		w := r.Bounds().Dx()
		b.Run(fmt.Sprintf("webp-%d", w), func(b *testing.B) {
			var out []byte
			done := testenv.ReportCPU(b)
			for b.Loop() {
				out, _ = encodeWebP(r, false)
			}
			done()
			b.ReportMetric(float64(len(out)), "bytes")
		})
		b.Run(fmt.Sprintf("jpeg-%d", w), func(b *testing.B) {
			var out []byte
			done := testenv.ReportCPU(b)
			for b.Loop() {
				out, _ = encodeFallback(r, false)
			}
			done()
			b.ReportMetric(float64(len(out)), "bytes")
		})
	}
}
