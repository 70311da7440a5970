#!/usr/bin/env bash
# From a fresh clone: make sure Node >= 22.12 is there, install the packages (Electron downloads its
# binary here, as usual), build, and start the desktop app.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh
[ -d node_modules ] || npm ci --no-fund --no-audit
npm run build
npm start
