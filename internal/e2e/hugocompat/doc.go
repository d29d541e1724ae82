// Package hugocompat checks the project's promise that content is never
// locked in: the same content tree builds with the external hugo binary
// (with the theme themes/hugo-showcase) and with the showcase generator, and
// both put every story, region, category and standalone page at the same URL
// with the same title, metrics and awards.
//
// The package has no code outside its tests. The tests build the repository
// root and the fixture site under testdata/site with both tools, read the
// story data back out of the HTML (the <h1>, the rows of table.metrics and
// the items of ul.awards, as the content contract marks them up) and compare.
// They skip with a loud message where hugo is not installed, and fail
// instead when the environment variable CI is "true".
package hugocompat
