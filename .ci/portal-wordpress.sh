#!/bin/sh
# Unpacks Debian's wordpress package (no install, no database) into
# .ci/node/wordpress (git-ignored), for tests/portal.rs's wp_kses_post check.
# Needs apt-get (download only) and dpkg-deb; php-cli runs the check.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dest="$here/node/wordpress"
if [ -f "$dest/usr/share/wordpress/wp-includes/kses.php" ]; then
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get download wordpress >/dev/null 2>&1)
mkdir -p "$dest"
dpkg-deb -x "$tmp"/wordpress_*.deb "$dest"
echo "$dest"
