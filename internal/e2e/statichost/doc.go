// Package statichost holds the deployment tests: the real showcase built
// with --compress, served by Debian's nginx with exactly the configuration
// docs/deploy.md documents and crawled over HTTP; a --relativeURLs build checked
// file by file for browsing from disk; the content-hashed names that long
// cache lifetimes rely on; and the GitHub Pages workflow. It has no API;
// everything is in its tests.
package statichost
