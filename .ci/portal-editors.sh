#!/bin/sh
# Installs the pinned editors tests/portal.rs drives (TinyMCE, CKEditor 5) and
# puppeteer-core into .ci/node/portal (git-ignored). Needs node and npm.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dest="$here/node/portal"
mkdir -p "$dest"
cp "$here/portal/package.json" "$dest/package.json"
cd "$dest"
if [ -f "$dest/.installed" ] && cmp -s "$dest/package.json" "$dest/.installed"; then
    exit 0
fi
# No browser download: the test uses Debian's chromium.
PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --no-package-lock --save-exact >/dev/null
cp "$dest/package.json" "$dest/.installed"
echo "$dest"
