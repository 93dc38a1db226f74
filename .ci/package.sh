#!/usr/bin/env bash
# Builds both release packages with the `dist` profile (release + LTO, one
# codegen unit, stripped). One command:
#
#   .ci/package.sh
#
# Writes to $DIST_DIR (default ./dist):
#   tinxa-VERSION-linux-x86_64.tar.gz     bin/tinxa, share/applications/tinxa.desktop,
#                                         share/icons/hicolor/*/apps/tinxa.{png,svg},
#                                         share/doc/tinxa/ (licences); unpack into ~/.local
#   tinxa-VERSION-windows-x86_64.zip      TinXa/tinxa.exe, TinXa/Đọc trước.txt, licences
#
# Needs: rustup target x86_64-pc-windows-gnu, Debian's gcc-mingw-w64-x86-64,
# python3 (for the zip: it marks the Vietnamese file name as UTF-8, which
# Windows' own unzip needs). The Wine test shim is never packaged.
# Environment: CARGO_TARGET_DIR (default ./target), JOBS (cargo -j, default 2),
# ONLY=linux|windows to build one package.
# Time: on 2 cores each dist build of iced takes long (see
# docs/windows-and-packaging.md); the two builds run one after the other.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
jobs=${JOBS:-2}
dist=${DIST_DIR:-$root/dist}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
triple=x86_64-pc-windows-gnu
only=${ONLY:-}
mkdir -p "$dist"

if [ "$only" != linux ]; then
  echo "== Windows: .ci/windows-build.sh dist"
  exe=$(.ci/windows-build.sh dist | tail -1)
  stage=$(mktemp -d)
  mkdir "$stage/TinXa"
  cp "$exe" "$stage/TinXa/tinxa.exe"
  # Notepad on older Windows 10 needs the BOM and CRLF to show UTF-8 right.
  { printf '\xef\xbb\xbf'; sed 's/$/\r/' "packaging/windows/Đọc trước.txt"; } >"$stage/TinXa/Đọc trước.txt"
  sed 's/$/\r/' LICENSE-MIT >"$stage/TinXa/LICENSE-MIT.txt"
  sed 's/$/\r/' assets/fonts/OFL.txt >"$stage/TinXa/OFL.txt"
  zip_path=$dist/tinxa-$version-windows-x86_64.zip
  rm -f "$zip_path"
  python3 - "$stage" "$zip_path" <<'PY'
import os, sys, zipfile
stage, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for dirpath, _, files in sorted(os.walk(stage)):
        for name in sorted(files):
            full = os.path.join(dirpath, name)
            # Non-ASCII names get the UTF-8 flag (general purpose bit 11).
            z.write(full, os.path.relpath(full, stage))
PY
  rm -rf "$stage"
  ls -l "$exe" "$zip_path"
fi

if [ "$only" != windows ]; then
  echo "== Linux: cargo build --profile dist"
  cargo build -j "$jobs" --profile dist
  bin=$CARGO_TARGET_DIR/dist/tinxa
  stage=$(mktemp -d)
  top=$stage/tinxa-$version
  install -Dm755 "$bin" "$top/bin/tinxa"
  install -Dm644 assets/tinxa.desktop "$top/share/applications/tinxa.desktop"
  install -Dm644 assets/icons/tinxa.svg "$top/share/icons/hicolor/scalable/apps/tinxa.svg"
  for s in 16 32 48 64 128 256; do
    install -Dm644 "assets/icons/tinxa-$s.png" "$top/share/icons/hicolor/${s}x$s/apps/tinxa.png"
  done
  install -Dm644 LICENSE-MIT "$top/share/doc/tinxa/LICENSE-MIT"
  install -Dm644 assets/fonts/OFL.txt "$top/share/doc/tinxa/OFL.txt"
  tar_path=$dist/tinxa-$version-linux-x86_64.tar.gz
  tar -C "$stage" --owner=0 --group=0 --numeric-owner --sort=name -czf "$tar_path" "tinxa-$version"
  rm -rf "$stage"
  ls -l "$bin" "$tar_path"
fi
