# The two commands of README.md:
#   go run ./cmd/showcase serve    build the showcase and serve it on 127.0.0.1:1313
#   make test                      install what the tests need, then run them all
#
# Plain `go test ./...` works too: the browser, Hugo and nginx tests skip with
# a loud message where those programs are absent (and fail under CI=true).

SHELL := /bin/bash
APT_PACKAGES := hugo chromium nginx libnginx-mod-http-brotli-static nodejs time fonts-noto-cjk
# The S3 server the deploy tests upload to (Versity S3 Gateway, Apache-2.0).
VERSITYGW := github.com/versity/versitygw/cmd/versitygw@v1.8.0

.PHONY: test deps serve build bench-vs-hugo

test: deps
	go vet ./...
	go test -race -timeout 60m ./...

# deps installs Debian's hugo, chromium and nginx (with the brotli_static
# module) and node where any is missing (this needs root or sudo), and
# versitygw into $(go env GOPATH)/bin, where the deploy tests look for it.
deps:
	@missing=""; \
	for p in hugo chromium nginx node; do command -v $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing="$$missing brotli"; \
	if [ -n "$$missing" ]; then \
		echo "Installing test dependencies (missing:$$missing)"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PACKAGES); \
	fi
	@gobin="$$(go env GOPATH)/bin"; \
	if ! command -v versitygw >/dev/null 2>&1 && [ ! -x "$$gobin/versitygw" ]; then \
		echo "Installing versitygw into $$gobin (the S3 server of the deploy tests)"; \
		CGO_ENABLED=0 GOBIN="$$gobin" go install $(VERSITYGW); \
	fi

serve:
	go run ./cmd/showcase serve

build:
	go run ./cmd/showcase build

bench-vs-hugo:
	.ci/bench-vs-hugo
