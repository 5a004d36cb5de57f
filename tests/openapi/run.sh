#!/usr/bin/env bash
# The OpenAPI checks of src/pineal/http/openapi.json:
#   run.sh lint             redocly lint (recommended rules, see redocly.yaml)
#   run.sh clean DIR        empties DIR, where the API tests record responses
#   run.sh responses DIR    validates the responses recorded in DIR
# Node packages come from the committed lock file: npm ci runs only when
# node_modules is missing or older than the lock (as scripts/build-web does).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
doc="$root/src/pineal/http/openapi.json"

install() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "openapi: node and npm are needed; run scripts/install-deps --test" >&2
    exit 1
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if ((major < 18)); then
    echo "openapi: node $(node --version) is too old; 18 or newer is needed" >&2
    exit 1
  fi
  cd "$here"
  # Both ctests may start at once; one installs while the other waits.
  exec 9>"${TMPDIR:-/tmp}/pineal-openapi-npm-ci.lock"
  flock 9
  local stamp=node_modules/.package-lock.json
  if [[ ! -f $stamp || package-lock.json -nt $stamp ]]; then
    echo "openapi: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  flock -u 9
}

case "${1:-}" in
  lint)
    install
    exec node_modules/.bin/redocly lint --config "$here/redocly.yaml" "$doc"
    ;;
  clean)
    dir="${2:?usage: run.sh clean DIR}"
    rm -rf "$dir"
    mkdir -p "$dir"
    ;;
  responses)
    dir="$(realpath -m "${2:?usage: run.sh responses DIR}")"
    install
    exec node "$here/validate-responses.mjs" "$doc" "$dir"
    ;;
  *)
    echo "usage: run.sh lint | clean DIR | responses DIR" >&2
    exit 2
    ;;
esac
