// Package sitecheck holds whole-site tests: the real showcase built and
// checked link by link and page by page, a hostile story built and searched
// for executable markup, and a fuzz target over the whole story pipeline.
// It has no API; everything is in its tests.
package sitecheck
