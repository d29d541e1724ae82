package emblem

import (
	"fmt"
	"image"
)

// Favicon sizes are the pixel sizes of the images in favicon.ico: browser
// tabs, bookmarks and Windows' taskbar.
var FaviconSizes = []int{16, 32, 48}

// TouchIconSize is the side of apple-touch-icon.png, the size iPhones ask
// for.
const TouchIconSize = 180

// Icons returns the files the site serves from its root, by name:
// favicon.ico and apple-touch-icon.png, drawn from the emblem's SVG.
func Icons(svg []byte) (map[string][]byte, error) {
	e, err := Parse(svg)
	if err != nil {
		return nil, err
	}
	var favs []image.Image
	for _, s := range FaviconSizes {
		favs = append(favs, Draw(e, s, Rounded))
	}
	ico, err := ICO(favs...)
	if err != nil {
		return nil, fmt.Errorf("favicon.ico: %w", err)
	}
	touch, err := PNG(Draw(e, TouchIconSize, Square))
	if err != nil {
		return nil, fmt.Errorf("apple-touch-icon.png: %w", err)
	}
	return map[string][]byte{"favicon.ico": ico, "apple-touch-icon.png": touch}, nil
}
