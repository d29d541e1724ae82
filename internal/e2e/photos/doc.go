// Package photos holds the browser test of responsive photos: a story
// with three 12-megapixel phone photos (a cover and two in its text),
// built and served, opened in headless Chromium as a phone (390 CSS px,
// device pixel ratio 2) and as a desktop (1280 px, ratio 1). It checks
// which file of each ladder the browser picks (currentSrc), how many bytes
// of images each downloads (the phone at most 250 KB), and that no image
// lacks width, height or alt text. It has no API; the test skips when
// /usr/bin/chromium is absent (and fails under CI=true).
package photos
