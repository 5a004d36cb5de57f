#!/usr/bin/env bash
# Browser tests: Chromium (Debian's, through playwright-core) drives the web
# app served by a real `pineal serve` on a free loopback port.
#   tests/e2e/run.sh PINEAL_BINARY BUILD_DIR [test files...]
# Screenshots go to BUILD_DIR/e2e-screenshots/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="$(realpath "${1:?usage: run.sh PINEAL_BINARY BUILD_DIR}")"
build="$(realpath "${2:?usage: run.sh PINEAL_BINARY BUILD_DIR}")"
shift 2

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x $chromium ]]; then
  echo "e2e: $chromium is missing; run scripts/install-deps --test (Debian package chromium)" >&2
  exit 1
fi
# The app must be built from the current sources; build-web is quick when
# nothing changed.
bash "$root/scripts/build-web" >/dev/null

export PINEAL_BIN="$bin"
export CHROMIUM_PATH="$chromium"
export E2E_SCREENSHOTS="$build/e2e-screenshots"
mkdir -p "$E2E_SCREENSHOTS"

files=("$@")
if ((${#files[@]} == 0)); then
  files=("$here"/*.test.mjs)
  rm -f "$E2E_SCREENSHOTS"/*.png  # a full run leaves only its own screenshots
fi
cd "$root"
# One file at a time: each starts its own server and browser on 2 cores.
opts=()
if node --help | grep -q -- --test-concurrency; then opts+=(--test-concurrency=1); fi
node --test "${opts[@]}" "${files[@]}"
