#!/usr/bin/env bash
# Runs the whole test suite: vet, then every package's tests (the
# ../shared-dependent ones skip with a message when ../shared is absent).
# Installs Debian's chromium for the browser test when it can and it is
# missing; without it that one test skips.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "test.sh: could not install chromium; the browser test will skip" >&2
fi
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then echo "gofmt needed: $unformatted" >&2; exit 1; fi
go vet ./...
go run honnef.co/go/tools/cmd/staticcheck@v0.7.0 ./...
go test -count=1 ./...
# The stand-in for go-htmldate is its own module (see third_party/htmldate/README.md).
(cd third_party/htmldate && go vet ./... && go test -count=1 ./...)
