#!/bin/sh
# The release build, one script for the container image (Dockerfile) and for CI (.ci/run, on a clean checkout):
# install the locked dependencies, compile the server and build the web apps into dist/ (npm run build), then drop
# the development dependencies. What is left (package.json, node_modules/, dist/, bin/, scripts/) runs with
# `node dist/server/main.js start`; src/ is not needed at run time.
set -eu
cd "$(dirname "$0")/.."

# ATRIUM_RELEASE_DEPS_INSTALLED=1 (set only by .ci/run, whose Node 24 leg ran `npm ci` from the same lock file in
# this very copy minutes before, for its API tests) skips the second install; the image always installs.
if [ "${ATRIUM_RELEASE_DEPS_INSTALLED:-}" = 1 ]; then
  echo "== npm ci skipped: node_modules was installed by npm ci from this package-lock.json (ATRIUM_RELEASE_DEPS_INSTALLED=1)"
  test -f node_modules/.package-lock.json || { echo "no node_modules/.package-lock.json: npm ci did not run here" >&2; exit 1; }
else
  echo "== npm ci"
  npm ci --no-audit --no-fund
fi

# better-sqlite3 downloads a prebuilt binary when it can; otherwise it compiles one (python3, make and g++, and the
# Node headers: npm_config_nodedir when this Node's headers cannot be downloaded), about 2 minutes.
if ! node -e "require('better-sqlite3')" 2>/dev/null; then
  echo "== better-sqlite3 has no usable binary: compiling it from source"
  npm rebuild better-sqlite3
fi
node -e "const D = require('better-sqlite3'); new D(':memory:').prepare('select 1').get()"

echo "== npm run build"
npm run build

echo "== npm prune --omit=dev"
npm prune --omit=dev --no-audit --no-fund
node -e "require('better-sqlite3')"
test -f dist/server/main.js
test -f dist/web/index.html
echo "Release build ready: node dist/server/main.js start"
