package corpus

import (
	"fmt"
	"slices"
	"sync"

	"github.com/ningbo-showcase/showcase/generator/images/synth"
)

// DefaultPhotoWidth is the width of a photo cover (Options.Photos): a
// 12-megapixel phone photo, 4032 × 3024.
const DefaultPhotoWidth = 4032

// photoName is the file name of a photo cover, as a chat app names it.
const photoName = "微信图片_现场.jpg"

// usePhoto makes s a bundle whose cover is a synthetic photo of width w
// (height three quarters of it).
func (s *story) usePhoto(w int) {
	s.bundle, s.setSlug = true, false
	s.file = s.slug + "/index"
	s.cover = photoName
	s.coverAlt = s.title + "活动现场（示意图，合成照片）"
	s.photoWidth = w
}

// distinctPhotos is how many different scenes the photos show: drawing
// a 12-megapixel scene costs seconds, so story i shows scene i mod
// distinctPhotos, its file made unique by a trailer after the JPEG's end
// (which decoders ignore). Every photo still has its own hash, so a build
// encodes each one.
const distinctPhotos = 8

var scenes sync.Map // [3]int64{seed, width, scene} → func() []byte

// photo returns the JPEG of s's photo cover: a scene drawn from the seed,
// with a phone's EXIF block (orientation 1, camera serial, a GPS position
// in Ningbo), which the generator must strip.
func (s *story) photo(seed int64) []byte {
	k := [3]int64{seed, int64(s.photoWidth), int64(s.index % distinctPhotos)}
	f, _ := scenes.LoadOrStore(k, sync.OnceValue(func() []byte {
		m := synth.Photo(s.photoWidth, s.photoWidth*3/4, uint64(seed)*1_000_003+uint64(k[2]))
		return synth.JPEG(m, 88, 1, synth.GPS{Lat: 29.87, Lon: 121.55})
	}))
	base := f.(func() []byte)()
	if s.index < distinctPhotos {
		return base
	}
	return fmt.Appendf(slices.Clip(base), "corpus photo %d", s.index)
}
