#!/usr/bin/env bash
# Renders the PNG icons and the Windows .ico from the hand-drawn SVG.
# Run by hand after editing assets/icons/tinxa.svg; the results are committed,
# so a build needs neither tool.
# Needs: rsvg-convert (Debian: librsvg2-bin) and ImageMagick (imagemagick).
set -euo pipefail
cd "$(dirname "$0")/../assets/icons"
sizes=(16 32 48 64 128 256)
for s in "${sizes[@]}"; do
  rsvg-convert -w "$s" -h "$s" tinxa.svg -o "tinxa-$s.png"
done
# ImageMagick's own `convert` (a stand-in may come first on PATH).
magick=/usr/bin/convert
[ -x "$magick" ] || magick=convert
"$magick" $(printf 'tinxa-%s.png ' "${sizes[@]}") tinxa.ico
ls -l tinxa.svg tinxa-*.png tinxa.ico
