// Package emblem draws the site's bitmap icons — static/favicon.ico and
// static/apple-touch-icon.png — from the theme's emblem,
// themes/showcase/assets/img/favicon.svg, with the standard library alone.
//
// The emblem is a small SVG: one rounded rectangle and stroked straight
// lines with round caps. Parse reads exactly that subset (a rect with width,
// height, rx and fill; paths of M, L, H, V, h, v and l commands with stroke,
// stroke-width and stroke-linecap="round") and refuses anything else, so a
// changed emblem cannot be drawn wrong in silence. Draw renders it at any
// size, anti-aliased by each pixel's signed distance to the shapes. ICO
// packs PNG images into one .ico file.
//
// The icons are committed under static/; TestStaticIcons checks that they
// are what this package draws from today's emblem, and
// `go test ./internal/emblem -update` rewrites them.
package emblem
