#!/bin/sh
# Installs the browser test's npm packages (t/browser/package.json and its
# committed package-lock.json: playwright-core and axe-core, exact
# versions) into t/browser/node_modules with "npm ci", unless they are
# there already and newer than the lock file.  Used by "make browser".
# Chromium and Node.js themselves are Debian's: tools/deps.sh browser.

set -eu

cd "$(dirname "$0")/../t/browser"

stamp=node_modules/.package-lock.json

if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ] \
   && [ "$stamp" -nt package.json ]; then
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "browser-deps: npm is missing: run tools/deps.sh browser" >&2
    exit 1
fi

echo "browser-deps: npm ci in t/browser"

# no install scripts: neither package needs one (playwright-core uses
# Debian's chromium, it downloads no browser)
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
