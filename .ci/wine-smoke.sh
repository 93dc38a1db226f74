#!/usr/bin/env bash
# Smoke test of the Windows build under Wine. Run by hand; CI does not run it.
#
#   .ci/wine-smoke.sh
#
# What it does, in a fresh folder $SMOKE_DIR (default /tmp/tinxa-wine-smoke):
#   1. builds tinxa for Linux and, in debug, for x86_64-pc-windows-gnu
#      (set SKIP_BUILD=1 to use what is already built);
#   2. builds the test-only bcryptprimitives.dll shim (.ci/wine/) beside the
#      test copy of tinxa.exe: Wine 8 lacks ProcessPrng, which Rust's std needs.
#      The shim is never part of a package;
#   3. with the Linux binary: `tinxa import` the sample text into a fresh
#      TINXA_HOME, then `tinxa export ID --format html --force`;
#   4. copies that home folder and, under Wine with TINXA_HOME pointing at the
#      copy (a Z:\ path): `tinxa.exe --version`, `tinxa.exe import SAMPLE`,
#      `tinxa.exe export ID --format html --force` of the Linux-made draft, and
#      compares the two HTML files byte for byte (the HTML has no timestamps);
#      the draft Wine imported itself is exported and compared too;
#   5. checks that without TINXA_HOME a new draft lands in
#      %APPDATA%\TinXa\tinxa\data\drafts (the `directories` crate's choice);
#   6. starts the window (`tinxa.exe`, ICED_BACKEND=tiny-skia, a fresh empty
#      TINXA_HOME so the sample article with its photo is placed and opened)
#      on a private Xvfb display, takes a screenshot ($SMOKE_DIR/wine-shot.png,
#      copied to /tmp/wine-shot.png) and closes it. Look at the picture;
#   7. exports that sample draft (written by the Windows build, with a photo)
#      with both builds and compares the HTML byte for byte: this covers the
#      photo pipeline (resize, JPEG encode, base64) too.
#
# Needs (Debian): rustup target x86_64-pc-windows-gnu, gcc-mingw-w64-x86-64,
# wine64 (and wine), xvfb, imagemagick (for `import`).
# Environment: CARGO_TARGET_DIR (default ./target), JOBS (cargo -j, default 2),
# SMOKE_DIR, SMOKE_DISPLAY (default :98), SAMPLE (default the sample article
# examples/cao-son-2024-01-25.txt), WINDOW_WAIT (seconds before the
# screenshot, default 25).
# Exit status: 0 when every command ran, the window stayed open and every
# pair of HTML files is identical. Takes about a minute once built.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
jobs=${JOBS:-2}
out=${SMOKE_DIR:-/tmp/tinxa-wine-smoke}
disp=${SMOKE_DISPLAY:-:98}
sample=$(realpath "${SAMPLE:-$root/examples/cao-son-2024-01-25.txt}")
wait_window=${WINDOW_WAIT:-25}
triple=x86_64-pc-windows-gnu

for tool in x86_64-w64-mingw32-gcc wine winepath wineserver Xvfb import cmp; do
  command -v "$tool" >/dev/null || { echo "wine-smoke: missing $tool (see the header of $0)" >&2; exit 2; }
done

if [ -z "${SKIP_BUILD:-}" ]; then
  cargo build -j "$jobs"
  cargo build -j "$jobs" --target "$triple"
fi
linux_bin=$CARGO_TARGET_DIR/debug/tinxa
exe=$CARGO_TARGET_DIR/$triple/debug/tinxa.exe

# A wineserver left from an earlier run would keep that run's environment
# (a Wine desktop started without DISPLAY shows no windows at all).
WINEPREFIX=$out/wineprefix wineserver -k 2>/dev/null || true
rm -rf "$out"
mkdir -p "$out/bin" "$out/linux-out" "$out/wine-out" "$out/wine-out-own"
cp "$exe" "$out/bin/tinxa.exe"
x86_64-w64-mingw32-gcc -shared -O2 -o "$out/bin/bcryptprimitives.dll" \
  .ci/wine/bcryptprimitives.c -ladvapi32

step() { printf '\n== %s\n' "$*"; }

step "Linux: import and export"
home_linux=$out/home-linux
id=$(TINXA_HOME=$home_linux "$linux_bin" import "$sample")
echo "import -> $id"
linux_html=$(cd "$out/linux-out" && TINXA_HOME=$home_linux "$linux_bin" export "$id" --format html --force)
linux_html=$out/linux-out/${linux_html#./}
echo "export -> $linux_html"
cp -a "$home_linux" "$out/home-wine"

# Wine: a private prefix, no Mono/Gecko install prompts, our shim first.
export WINEPREFIX=$out/wineprefix
export WINEDEBUG=${WINEDEBUG:--all}
export WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n"
export DISPLAY=$disp
if ! xdpyinfo -display "$disp" >/dev/null 2>&1 && [ ! -e "/tmp/.X11-unix/X${disp#:}" ]; then
  Xvfb "$disp" -screen 0 1366x768x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
  xvfb_pid=$!
  sleep 2
fi
cleanup() {
  wineserver -k 2>/dev/null || true
  if [ -n "${xvfb_pid:-}" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

step "Wine: first start of the prefix (wineboot)"
wine wineboot --init >"$out/wineboot.log" 2>&1 || true
wineserver -w

win_home=$(winepath -w "$out/home-wine")
win_sample=$(winepath -w "$sample")
wexe=$out/bin/tinxa.exe
export TINXA_HOME=$win_home
echo "TINXA_HOME=$TINXA_HOME"

step "Wine: tinxa.exe --version"
wine "$wexe" --version

step "Wine: tinxa.exe import $win_sample"
own_id=$(wine "$wexe" import "$win_sample" | tr -d '\r')
echo "import -> $own_id"
wine "$wexe" list

step "Wine: tinxa.exe export $id --format html --force (the Linux-made draft)"
wine_html=$(cd "$out/wine-out" && wine "$wexe" export "$id" --format html --force | tr -d '\r')
echo "export -> $wine_html"
wine_html=$out/wine-out/$(basename "$linux_html")

step "Wine: export of the draft Wine imported itself"
own_html=$(cd "$out/wine-out-own" && wine "$wexe" export "$own_id" --format html --force | tr -d '\r')
echo "export -> $own_html"
own_html=$out/wine-out-own/$(basename "$linux_html")

step "Wine: where drafts go without TINXA_HOME (directories' ProjectDirs on Windows)"
new_id=$(env -u TINXA_HOME wine "$wexe" new --title "Thử thư mục dữ liệu" | tr -d '\r')
echo "new -> $new_id"
appdata_drafts=$(ls -d "$WINEPREFIX"/drive_c/users/*/AppData/Roaming/TinXa/tinxa/data/drafts/"$new_id" 2>/dev/null || true)
if [ -n "$appdata_drafts" ]; then
  echo "found: $appdata_drafts  (= %APPDATA%\\TinXa\\tinxa\\data\\drafts\\$new_id)"
else
  echo "NOT found under %APPDATA%\\TinXa\\tinxa\\data\\drafts"
  find "$WINEPREFIX/drive_c/users" -path '*TinXa*' -maxdepth 6 2>/dev/null | head
fi

status=0
step "Compare HTML (Linux export vs Wine export)"
ls -l "$linux_html" "$wine_html" "$own_html"
sha256sum "$linux_html" "$wine_html" "$own_html"
for f in "$wine_html" "$own_html"; do
  if cmp "$linux_html" "$f"; then
    echo "identical: $f"
  else
    status=1
    echo "DIFFERENT: $f (first differing bytes below)"
    cmp -l "$linux_html" "$f" | head -20 || true
  fi
done

step "Wine: the window (ICED_BACKEND=tiny-skia) on $disp, fresh home: the sample article is placed"
home_window=$out/home-window
mkdir -p "$home_window"
TINXA_HOME=$(winepath -w "$home_window") ICED_BACKEND=tiny-skia RUST_BACKTRACE=1 \
  wine "$wexe" >"$out/window.log" 2>&1 &
win_pid=$!
sleep "$wait_window"
import -display "$disp" -window root "$out/wine-shot.png"
cp "$out/wine-shot.png" /tmp/wine-shot.png
if kill -0 "$win_pid" 2>/dev/null; then
  echo "window still open after ${wait_window}s; screenshot: $out/wine-shot.png (look at it)"
  kill "$win_pid" 2>/dev/null || true
  wait "$win_pid" 2>/dev/null || true
else
  wait "$win_pid" && rc=0 || rc=$?
  echo "WINDOW EXITED EARLY with status $rc"
  status=1
fi
wineserver -w
echo "window output:"
cat "$out/window.log"

step "Photo pipeline: the sample draft (with its photo) the window placed, exported on both sides"
sample_id=$(TINXA_HOME=$home_window "$linux_bin" list | awk 'NR==1 {print $1}')
echo "sample draft: ${sample_id:-none}"
if [ -n "$sample_id" ]; then
  mkdir -p "$out/sample-linux" "$out/sample-wine"
  (cd "$out/sample-wine" && TINXA_HOME=$(winepath -w "$home_window") wine "$wexe" export "$sample_id" --format html --force | tr -d '\r')
  (cd "$out/sample-linux" && TINXA_HOME=$home_window "$linux_bin" export "$sample_id" --format html --force)
  a=$(ls "$out"/sample-linux/*.html) b=$(ls "$out"/sample-wine/*.html)
  ls -l "$a" "$b"
  if cmp "$a" "$b"; then echo "identical: $b"; else status=1; echo "DIFFERENT: $b"; cmp -l "$a" "$b" | head -20 || true; fi
else
  status=1
  echo "NO SAMPLE DRAFT: the window did not place it"
fi

exit $status
