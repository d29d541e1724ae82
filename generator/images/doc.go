// Package images turns the raster images of a story bundle (JPEG, PNG and
// WebP) into a ladder of widths for responsive pages.
//
// # Ladder
//
// An image becomes one rung per width of [Widths] (480, 800, 1200 and 1600
// pixels) that is narrower than the image, plus one at the image's own
// width when that is under 1,600: nothing is ever upscaled. A cover also
// gets a [ThumbWidth] rung for the story cards of list pages. Each rung is
// written twice: as WebP (lossy, quality [WebPQuality]) and as a fallback
// for browsers without WebP, JPEG (quality [JPEGQuality]) or PNG when the
// image has transparent pixels. Heights keep the aspect ratio, rounded.
//
// Output names are safe ASCII URLs whatever the source file is called:
// the file name's stem reduced to lower-case letters, digits and hyphens
// (微信图片_20161001.JPG → 20161001), then the first 8 hex digits of the
// SHA-256 of the source bytes, the width and the format's extension:
// 20161001.3fa2b9c1-800.webp. A replaced image therefore gets new URLs, so
// caches never show the old one.
//
// # Processing
//
// [Plan] reads only an image's header: it checks the format and the
// declared size, reads the EXIF orientation, and returns the rungs with
// their final sizes, so pages can be rendered before any pixel is decoded.
// [Encoder.Encode] then decodes the image once, scales it down in steps (each
// rung from the next larger one, with golang.org/x/image/draw's CatmullRom
// kernel), applies the EXIF orientation to each small rung (rotating the
// small images is cheaper than rotating the big one), and encodes every
// rung. WebP is written by github.com/gen2brain/webp, libwebp compiled to
// WebAssembly and run by wazero: no cgo.
//
// Outputs carry no metadata at all: the encoders write pixels only, so the
// EXIF block (camera serial, GPS position), XMP and ICC profiles of the
// source never reach the site.
//
// # Guards
//
// Untrusted images must neither exhaust memory nor hang a build. [Plan]
// reads the header with image.DecodeConfig (a few bytes) and refuses an
// image of more than [MaxPixels] (100 megapixels; a 50-megapixel phone
// photo is fine) or with a side over [MaxSide] before anything is decoded,
// so a valid 60000 × 60000 PNG header over a few bytes of data is refused
// at once. HEIC and HEIF (iPhone photos), AVIF, GIF, BMP and TIFF are
// refused with a message saying to convert the photo to JPEG. Errors are
// [*Error] values with an English and a Chinese message.
//
// # Cache
//
// A [Cache] keeps each encoded rung in a directory that survives builds
// (resources/_showcase/ by default), under the SHA-256 of the source bytes,
// the rung's parameters and [EncoderVersion]. A second build of the same
// images reads them back instead of encoding. Entries no build used are
// removed only on request ([Cache.Prune]), so switching between builds
// with and without drafts throws no work away.
//
// Plan, Encode and the Cache are safe for concurrent use.
package images
