// Package printpdf checks the printable dossiers in a real browser: it
// builds a generated site with dossiers of several parts, prints them to
// PDF in headless Chromium (A4, the page's own @page size) and checks the
// page count and that nothing is cut off or left over from the screen
// layout.
//
// The package has no code outside its tests. They skip with a loud message
// where Chromium is not installed, and fail instead when the environment
// variable CI is "true". With -screenshots DIR they also write a picture
// of a printed dossier page to DIR (themes/showcase/images/ in the repo).
package printpdf
