#!/usr/bin/env bash
# The test command: from a fresh clone, installs what the tests need and runs every quality gate.
#   apt packages (Debian/Ubuntu, when root): Chromium for e2e, Xvfb + xdotool for hotkeys,
#   espeak-ng + sox for speech fixtures, PulseAudio + ALSA plugins for the audio rigs;
#   Node 24 when the machine's node is older; npm packages from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(chromium xvfb xauth xdotool dbus-daemon espeak-ng sox pulseaudio pulseaudio-utils libasound2-plugins)
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing apt packages: ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
else
  echo "Not root or no apt-get: make sure these are installed: ${APT_PACKAGES[*]}" >&2
fi

# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh

# The Electron binary is not needed by the tests, and cannot be downloaded where only the npm registry is
# reachable (CI). Users' machines download it as usual through scripts/start.sh.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci --no-fund --no-audit
npm run check
# The echo canceller's figures (issue 13), printed as JSON lines: about 20 s. The other suites are run by hand.
npm run bench -- aec
# One plain summary line. A test file that fails before its tests run (a failing beforeAll, an import
# error) reports its tests as skipped, so the verdict comes from the run's own success flag.
node -e '
const r = require("./test-results/vitest.json");
const skipped = r.numPendingTests + r.numTodoTests;
console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
if (r.numFailedTestSuites) console.log(`${r.numFailedTestSuites} test file(s) failed`);
process.exit(r.success && r.numFailedTestSuites === 0 && r.numPassedTests > 0 ? 0 : 1);
'
