#!/usr/bin/env bash
# Runs the whole test suite: vet, then every package's tests (the
# ../shared-dependent ones skip with a message when ../shared is absent).
# Installs Debian's chromium for the browser test and postgresql for the
# store and jobs tests when it can and they are missing; without them
# those tests skip.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "test.sh: could not install chromium; the browser test will skip" >&2
fi
# The store and jobs tests start a private PostgreSQL server from Debian's
# binaries; without them those tests skip.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
    || echo "test.sh: could not install postgresql; the PostgreSQL tests will skip" >&2
fi
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then echo "gofmt needed: $unformatted" >&2; exit 1; fi
go vet ./...
go run honnef.co/go/tools/cmd/staticcheck@v0.7.0 ./...
go test -count=1 ./...
# The stand-in for go-htmldate is its own module (see third_party/htmldate/README.md).
(cd third_party/htmldate && go vet ./... && go test -count=1 ./...)
