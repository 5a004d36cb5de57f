#!/usr/bin/env bash
# Drives the pineal binary as a user would: version, db, demo, serve.
set -euo pipefail
PINEAL="$1"
SOURCE_ROOT="$2"
WORK="$(mktemp -d)"
trap 'kill "${SERVER_PID:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$PINEAL" version | grep -q '^pineal [0-9]' || fail "version"

"$PINEAL" db status --db "$WORK/a.db" | grep -q 'pending' || fail "db status on a new file"
"$PINEAL" db migrate --db "$WORK/a.db" | grep -q 'up to date' || fail "db migrate"
"$PINEAL" db status --db "$WORK/a.db" | grep -q '^0 pending' || fail "nothing pending after migrate"

"$PINEAL" demo --db "$WORK/a.db" | grep -q '4 patients' || fail "demo load"
set +e
"$PINEAL" demo --db "$WORK/a.db" 2>"$WORK/err"; code=$?
set -e
[[ $code -eq 2 ]] || fail "second demo load should exit 2, got $code"
grep -q 'already holds 4 patients' "$WORK/err" || fail "second demo load message"

set +e
"$PINEAL" serve --port 70000 2>/dev/null; code=$?
set -e
[[ $code -ne 0 ]] || fail "an invalid port must be refused"

"$PINEAL" serve --db "$WORK/b.db" --port 0 --demo-if-empty >"$WORK/out" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  grep -q 'serving http://' "$WORK/out" && break
  sleep 0.1
done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/out" | head -1)
[[ -n "$URL" ]] || fail "serve did not print its URL: $(cat "$WORK/out")"
curl -sf "$URL/api/v1/health" | grep -q '"status":"ok"' || fail "health"
curl -sf "$URL/api/v1/patients" | grep -q '"total":4' || fail "demo patients served"
# The README's tour runs against it, every step answering as documented.
bash "$SOURCE_ROOT/scripts/tour.sh" "$URL" >"$WORK/tour" 2>&1 || fail "tour: $(tail -5 "$WORK/tour")"
grep -q '"current_version":2' "$WORK/tour" || fail "tour: the regimen's new version"
grep -q '"field":"amount"' "$WORK/tour" || fail "tour: the bad dose is refused with its field"
curl -sf "$URL/api/v1/patients" | grep -q '"total":5' || fail "tour patient stored"
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || true
grep -q 'stopped' "$WORK/out" || fail "graceful stop on SIGTERM"
echo "cli smoke: ok"
