package corpus

import (
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

// photo returns the JPEG of s's photo cover: drawn from the story's seed,
// with a phone's EXIF block (orientation 1, camera serial, a GPS position
// in Ningbo), which the generator must strip.
func (s *story) photo(seed int64) []byte {
	m := synth.Photo(s.photoWidth, s.photoWidth*3/4, uint64(seed)*1_000_003+uint64(s.index))
	return synth.JPEG(m, 88, 1, synth.GPS{Lat: 29.87, Lon: 121.55})
}
