#!/usr/bin/env bash
# Regenerates every raster icon from the SVG sources; the outputs are committed, so packaging never needs
# this script (or a download: electron-builder would otherwise fetch a converter toolset from GitHub to
# turn a PNG into .ico/.icns). Needs rsvg-convert (Debian: librsvg2-bin; ImageMagick's own SVG renderer
# draws unfilled arcs wrongly) and ImageMagick `convert` for the .ico.
set -euo pipefail
cd "$(dirname "$0")/../.."

icons=resources/icons
mkdir -p "$icons"
# Linux reads this directory as an icon set (NxN.png), macOS/Windows get the .icns/.ico built from it.
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" resources/icon.svg -o "$icons/${size}x${size}.png"
done
convert "$icons"/{16x16,24x24,32x32,48x48,64x64,128x128,256x256}.png resources/icon.ico
node scripts/packaging/make-icns.mjs resources/icon.icns "$icons"

# Tray: colour images for Windows/Linux, black "Template" images that macOS tints for light/dark menu bars.
# Each state also differs in shape, so it reads in monochrome. name.png is 16 px, name@2x.png 32 px.
declare -A colour=([idle]='#6b7280' [listening]='#e03131' [speaking]='#3b5bdb')
for state in idle listening speaking; do
  for variant in colour template; do
    fill=${colour[$state]}
    name=$state
    if [ "$variant" = template ]; then fill='#000000' name="${state}Template"; fi
    svg=$(sed "s/currentColor/$fill/g" "resources/tray/svg/$state.svg")
    rsvg-convert -w 16 -h 16 -o "resources/tray/$name.png" <<<"$svg"
    rsvg-convert -w 32 -h 32 -o "resources/tray/$name@2x.png" <<<"$svg"
  done
done
