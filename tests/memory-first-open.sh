#!/usr/bin/env bash
# Memory of the window with the sample article and ten 12 MP photos, on the
# first open (preview copies being made) and on a reopen (copies cached).
# Prints both PSS figures; fails when the first open settles above the
# limit. Needs a release build and xvfb:
#   cargo build --release --example ten_photos && cargo build --release
#   bash tests/memory-first-open.sh [../shared/photos] [limit-MB]
set -euo pipefail
cd "$(dirname "$0")/.."
photos=${1:-../shared/photos}
limit=${2:-60}
bin=target/release/tinxa
example=target/release/examples/ten_photos
[ -x "$bin" ] && [ -x "$example" ] || { echo "build first: cargo build --release --example ten_photos && cargo build --release" >&2; exit 2; }

work=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
Xvfb :97 -screen 0 1366x768x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
export DISPLAY=:97 ICED_BACKEND=tiny-skia TINXA_HOME="$work/home"
id=$("$example" "$TINXA_HOME" "$photos")
draft="$TINXA_HOME/drafts/$id"

pss_after_settling() {
  "$bin" open "$id" >/dev/null 2>&1 &
  local pid=$!
  # The previews are done when ten preview copies are in the cache.
  for _ in $(seq 1 600); do
    n=$(ls "$draft/.cache" 2>/dev/null | grep -c '^preview' || true)
    [ "$n" -ge 10 ] && break
    sleep 0.1
  done
  sleep 15 # "long after": idle workers gone, memory handed back
  local kb
  kb=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo $((kb / 1024))
}

first=$(pss_after_settling)
again=$(pss_after_settling)
echo "first open (previews made): PSS ${first} MB"
echo "reopen (previews cached):   PSS ${again} MB"
if [ "$first" -gt "$limit" ]; then
  echo "FAIL: first open settles above ${limit} MB" >&2
  exit 1
fi
echo "PASS: first open settles at or below ${limit} MB"
