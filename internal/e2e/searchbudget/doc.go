// Package searchbudget measures, in headless Chromium, what the search page
// of a real 10,000-story site costs from a cold start: every request the
// browser makes and every byte it receives until the first 10 results show
// with their snippets. The package has only its test:
//
//	go test -run TestColdStart10k -v ./internal/e2e/searchbudget
//
// The test generates the site with cmd/corpusgen (-n 10000 -seed 1), builds
// it with the showcase CLI (compiled without -race), serves it from
// loopback with gzip (level 6) like a static host, and opens
// /search/?q=QUERY in a fresh browser profile per query. The budget is the
// one of issue #5: at most 20 requests and 150 KB in all (page, code and
// data).
package searchbudget
