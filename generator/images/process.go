package images

import (
	"fmt"
	"image"
	"sync"
)

// File is one output file of an image, named relative to the story's
// directory.
type File struct {
	Name string
	Data []byte
}

// Files returns the names of every output of img, narrowest rung first,
// WebP before the fallback.
func (img *Image) Files() []string {
	out := make([]string, 0, 2*len(img.Rungs))
	for _, r := range img.Rungs {
		out = append(out, r.WebP, r.Fallback)
	}
	return out
}

// EncodeStats counts what one Encode did.
type EncodeStats struct {
	Encoded int // files encoded
	Cached  int // files read from the cache
}

// Encode returns every output file of img, whose source bytes are data,
// in the order of Files. It reads what c holds and decodes the image only
// when some output is missing; what it encodes it stores in c.
func Encode(img *Image, data []byte, c *Cache) ([]File, EncodeStats, error) {
	var st EncodeStats
	files, err := encode(img, data, c, &st)
	return files, st, err
}

func encode(img *Image, data []byte, c *Cache, st *EncodeStats) ([]File, error) {
	names := img.Files()
	out := make([]File, len(names))
	missing := false
	for i, r := range img.Rungs {
		for j, ext := range []string{".webp", fallbackExt(img)} {
			k := 2*i + j
			out[k].Name = names[k]
			if b, ok := c.get(key(img, r, ext)); ok {
				out[k].Data = b
				st.Cached++
			} else {
				missing = true
			}
		}
	}
	if !missing {
		return out, nil
	}
	f, _, err := checkHeader(data)
	if err != nil {
		return nil, err
	}
	m, err := decode(f, data)
	if err != nil {
		return nil, err
	}
	// Scale the unrotated image to each rung's unrotated size, widest
	// first; rotate the small results.
	sizes := make([]image.Point, len(img.Rungs))
	for i := range img.Rungs {
		r := img.Rungs[len(img.Rungs)-1-i]
		sizes[i] = image.Pt(r.Width, r.Height)
		if img.Orientation >= 5 {
			sizes[i] = image.Pt(r.Height, r.Width)
		}
	}
	scaled := scaleDown(m, sizes)
	m = nil
	var wg sync.WaitGroup
	errs := make([]error, len(out))
	for i := range img.Rungs {
		rgba := orient(scaled[len(scaled)-1-i], img.Orientation)
		for j, ext := range []string{".webp", fallbackExt(img)} {
			k := 2*i + j
			if out[k].Data != nil {
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				var b []byte
				var err error
				if j == 0 {
					b, err = encodeWebP(rgba, img.Alpha)
				} else {
					b, err = encodeFallback(rgba, img.Alpha)
				}
				if err != nil {
					errs[k] = fmt.Errorf("encoding %s: %w", names[k], err)
					return
				}
				out[k].Data = b
				c.put(key(img, img.Rungs[i], ext), b) // a cache that cannot be written only costs time
			}()
		}
	}
	wg.Wait()
	st.Encoded = len(out) - st.Cached
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func fallbackExt(img *Image) string {
	if img.Alpha {
		return ".png"
	}
	return ".jpg"
}

// Cached returns every output file of img, as Encode would, when the
// cache holds them all; it decodes nothing.
func Cached(img *Image, c *Cache) ([]File, bool) {
	names := img.Files()
	out := make([]File, len(names))
	for i, r := range img.Rungs {
		for j, ext := range []string{".webp", fallbackExt(img)} {
			k := 2*i + j
			b, ok := c.get(key(img, r, ext))
			if !ok {
				return nil, false
			}
			out[k] = File{Name: names[k], Data: b}
		}
	}
	return out, true
}
