// Package a11y holds the showcase's browser tests: the real showcase,
// built and served under a strict Content-Security-Policy, checked in
// headless Chromium with axe-core (WCAG 2.1 A and AA), by keyboard alone,
// with the reading preferences (text size, high contrast) at narrow widths
// and 200% zoom, and with JavaScript off. It has no API; everything is in
// its tests, which skip when /usr/bin/chromium is absent (and fail under
// CI=true).
//
// axe-core is vendored in testdata/axe-core (MPL-2.0), so the tests need
// no npm.
package a11y
