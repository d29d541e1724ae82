// Package chart draws the showcase's charts as inline SVG at build time,
// from plain labels, numbers and links. It knows nothing of the site model;
// the caller counts and builds URLs, the package lays out and escapes.
//
// # Charts
//
//   - [StackedBars]: vertical columns, one per category (years), each
//     stacked by series (award levels). Every category given is drawn, so
//     empty years stay visible as gaps.
//   - [Bars]: horizontal bars, one row per item (regions), each optionally
//     a link. Long Chinese labels read well in rows.
//   - [TileMap]: a schematic grid of tiles (districts and counties at rough
//     geographic positions), each tile coloured by its value and linking to
//     its page.
//   - [Sparkline]: a small column sparkline (stories by year for one
//     region) with the first and last labels and the peak value.
//
// # Output
//
// Every function returns one complete, self-contained fragment:
//
//	<figure class="chart chart-KIND">
//	  <figcaption>TITLE</figcaption>
//	  <svg viewBox="0 0 W H" width="100%" role="img|group"
//	       aria-labelledby="ID-title ID-desc"> <title> <desc> … </svg>
//	  <details class="chart-data"><summary>数据表</summary><table>…</table></details>
//	</figure>
//
// The SVG has role="img" unless it contains links; then it has
// role="group", because the children of an img are hidden from assistive
// technology and focusable links must not be. The <desc> starts with
// "图表说明：" and summarises the numbers; the table beneath holds all of
// them, with <th scope> headers, so screen readers and text browsers get
// every figure. The ID prefix given by the caller must be unique on the
// page; characters outside [A-Za-z0-9_-] are replaced by '-'.
//
// # Safety
//
// Every label is untrusted text: it is made valid UTF-8, its control
// characters and runs of white space become single spaces, characters XML
// forbids are dropped, and it is HTML-escaped. Links are given already built and are
// attribute-escaped too; a link is kept only when it is http:, https: or
// relative (no scheme) and free of whitespace and control characters.
// Anything else (javascript:, data:, …) is dropped and the item is drawn
// without a link. Values below zero are treated as zero.
//
// # Styling
//
// The output has no style attributes and no <style> elements, so it runs
// under a strict Content-Security-Policy (default-src 'self'). Colours come
// from class names only; [CSS] is the matching stylesheet, to be served as
// a file. It has a light scheme, a prefers-color-scheme: dark scheme, a
// high-contrast variant under any ancestor with class "high-contrast", and
// a forced-colors block. Text is drawn in currentColor, so it follows the
// page's own text colour.
//
// # Layout
//
// Each SVG has a viewBox 360 units wide (the sparkline 200; the tile map
// 300, or wider when the grid has more than four columns) and width 100%;
// the stylesheet caps its width per kind. Text is at least 12 units high,
// so it renders at 11 px or more when a chart is at least 330 px wide (the
// sparkline: at least 184 px wide), as on a 390 px phone. Coordinates are
// rounded to one decimal. The same input always gives the same bytes.
//
// All functions are safe for concurrent use.
package chart
