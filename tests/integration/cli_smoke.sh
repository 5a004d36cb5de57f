#!/usr/bin/env bash
# Drives the pineal binary as a user would: version, db, demo, serve.
set -euo pipefail
PINEAL="$1"
SOURCE_ROOT="$2"
WORK="$(mktemp -d)"
# Only a server this script started is stopped (`kill 0` would end ctest itself).
trap 'if [[ -n ${SERVER_PID:-} ]]; then kill "$SERVER_PID" 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$PINEAL" version | grep -q '^pineal [0-9]' || fail "version"

"$PINEAL" db status --db "$WORK/a.db" | grep -q 'pending' || fail "db status on a new file"
"$PINEAL" db migrate --db "$WORK/a.db" | grep -q 'up to date' || fail "db migrate"
"$PINEAL" db status --db "$WORK/a.db" | grep -q '^0 pending' || fail "nothing pending after migrate"

"$PINEAL" demo --db "$WORK/a.db" >"$WORK/demo"
grep -q '5 patients' "$WORK/demo" || fail "demo load"
grep -q 'dr.demo' "$WORK/demo" || fail "demo prints its logins"

# The demo month (Helen M., patient 5) through the monitoring loop: the PHQ-9
# item-9 alert, the stalled ISI, the overdue routine review, and the step up
# the protocol would propose, held while the item-9 alert is not resolved.
"$PINEAL" monitor --db "$WORK/a.db" --patient 5 >"$WORK/monitor"
grep -q '\[urgent\] PHQ-9 item 9 positive' "$WORK/monitor" || fail "monitor: PHQ-9 item 9 alert"
grep -q 'No meaningful ISI improvement' "$WORK/monitor" || fail "monitor: ISI alert"
grep -q 'Routine review - OVERDUE by 7 days' "$WORK/monitor" || fail "monitor: overdue review"
grep -q 'hold 1 mg -> 1 mg per dose (awaiting' "$WORK/monitor" || fail "monitor: titration proposal"
grep -q 'Held: the protocol would step up to 2 mg, but an urgent alert is not resolved: PHQ-9 item 9' \
  "$WORK/monitor" || fail "monitor: the proposal says which alert holds it"
grep -q 'protocol: Melatonin for insomnia' "$WORK/monitor" || fail "monitor: the protocol by its title"
grep -q '^Questionnaires$' "$WORK/monitor" || fail "monitor: the questionnaire schedule"
grep -Eq '^  [0-9]{4}-[0-9]{2}-[0-9]{2}  ISI +(due|overdue|upcoming).*Insomnia severity during melatonin titration' \
  "$WORK/monitor" || fail "monitor: the ISI of the titration schedule"
"$PINEAL" monitor --db "$WORK/a.db" --patient 5 --format json >"$WORK/monitor.json"
grep -q '"rule_id": "alert.phq9.item9"' "$WORK/monitor.json" || fail "monitor json"
set +e
"$PINEAL" monitor --db "$WORK/a.db" --patient 99 2>"$WORK/err"; code=$?
set -e
[[ $code -eq 2 ]] && grep -q 'patient 99 not found' "$WORK/err" || fail "monitor: unknown patient"

# A regimen simulated for a patient in the database: Robert S. (patient 4)
# takes fluvoxamine, which the prediction must name.
"$PINEAL" simulate --db "$WORK/a.db" --patient 4 --substance melatonin --dose "3 mg" \
  --subjects 0 --format json >"$WORK/sim.json" || fail "simulate --patient ID"
grep -q '"title": *"Robert S.: ' "$WORK/sim.json" || fail "simulate: the patient's name in the title"
grep -q 'fluvoxamine' "$WORK/sim.json" || fail "simulate: the record's fluvoxamine"
set +e
"$PINEAL" simulate --db "$WORK/a.db" --patient 99 --substance melatonin --dose "3 mg" \
  2>"$WORK/err"; code=$?
[[ $code -eq 2 ]] && grep -q 'no patient 99' "$WORK/err" || fail "simulate: unknown patient"
"$PINEAL" simulate --db "$WORK/none.db" --patient 1 --substance melatonin --dose "3 mg" \
  2>"$WORK/err"; code=$?
set -e
[[ $code -eq 2 && ! -e "$WORK/none.db" ]] && grep -q 'no database at' "$WORK/err" ||
  fail "simulate: missing database is not created"

# Accounts from the command line: the first admin, listing, disabling, a reset.
echo 'a fine admin passphrase' | "$PINEAL" user add --db "$WORK/a.db" root.admin --role admin \
  | grep -q 'added root.admin (admin)' || fail "user add"
set +e
echo 'short' | "$PINEAL" user add --db "$WORK/a.db" weak.admin --role admin 2>"$WORK/err"; code=$?
set -e
[[ $code -eq 2 ]] && grep -q 'password must have at least 12' "$WORK/err" || fail "weak password refused"
"$PINEAL" user list --db "$WORK/a.db" | grep -q 'root.admin *admin *active' || fail "user list"
"$PINEAL" user disable --db "$WORK/a.db" root.admin | grep -q 'disabled root.admin' || fail "disable"
"$PINEAL" user list --db "$WORK/a.db" | grep -q 'root.admin *admin *disabled' || fail "disabled listed"
echo 'another fine passphrase' | "$PINEAL" user reset-password --db "$WORK/a.db" root.admin \
  | grep -q 'reset' || fail "reset-password"
"$PINEAL" audit --db "$WORK/a.db" --limit 5 | grep -q 'user.reset_password' || fail "audit"
"$PINEAL" audit --db "$WORK/a.db" --limit 5 | grep -Eq 'user\.reset_password .*records=user:[0-9]+ ' \
  || fail "audit names the record written"
next=$("$PINEAL" audit --db "$WORK/a.db" --limit 1 | sed -n 's/^more: --cursor //p')
[[ -n $next ]] || fail "audit shows the cursor of the next page"
# Each read of the log is logged: the page after the newest entry is the read before it.
"$PINEAL" audit --db "$WORK/a.db" --limit 1 --cursor "$next" | grep -q 'audit.read .*records=audit_event:' \
  || fail "audit --cursor continues after the first page"
if "$PINEAL" audit --db "$WORK/a.db" --cursor v1.audit.x 2>"$WORK/err"; then fail "bad cursor"; fi
grep -q -- '--cursor is damaged' "$WORK/err" || fail "a bad cursor is named"
set +e
"$PINEAL" demo --db "$WORK/a.db" 2>"$WORK/err"; code=$?
set -e
[[ $code -eq 2 ]] || fail "second demo load should exit 2, got $code"
grep -q 'already holds 5 patients' "$WORK/err" || fail "second demo load message"

# Backup and restore from the command line.
"$PINEAL" backup --db "$WORK/a.db" "$WORK/copy.db" | grep -q 'integrity ok' || fail "backup"
[[ $(stat -c %a "$WORK/copy.db") == 600 ]] || fail "a backup is readable by its owner only"
[[ $(stat -c %a "$WORK/a.db") == 600 ]] || fail "the database is readable by its owner only"
"$PINEAL" restore --db "$WORK/c.db" "$WORK/copy.db" | grep -q 'restored' || fail "restore"
set +e
"$PINEAL" restore --db "$WORK/c.db" "$WORK/copy.db" 2>/dev/null; code=$?
set -e
[[ $code -eq 2 ]] || fail "restore over an existing database needs --force"
"$PINEAL" restore --db "$WORK/c.db" "$WORK/copy.db" --force | grep -q 'restored' || fail "restore --force"
"$PINEAL" user list --db "$WORK/c.db" | grep -q 'root.admin' || fail "restored accounts"

set +e
"$PINEAL" serve --port 70000 2>/dev/null; code=$?
set -e
[[ $code -ne 0 ]] || fail "an invalid port must be refused"
set +e
"$PINEAL" serve --port 0 --trusted-proxy proxy.example 2>"$WORK/err"; code=$?
set -e
[[ $code -ne 0 ]] && grep -q "proxy.example' is not an IPv4 or IPv6 address" "$WORK/err" ||
  fail "a --trusted-proxy that is not an IP address must be refused, naming it"

"$PINEAL" serve --db "$WORK/b.db" --port 0 --demo-if-empty >"$WORK/out" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  grep -q 'serving http://' "$WORK/out" && break
  sleep 0.1
done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/out" | head -1)
[[ -n "$URL" ]] || fail "serve did not print its URL: $(cat "$WORK/out")"
curl -sf "$URL/api/v1/health" | grep -q '"status":"ok"' || fail "health"
grep -q 'clinician  dr.demo' "$WORK/out" || fail "serve prints the demo logins"
curl -s "$URL/api/v1/patients" | grep -q '"code":"unauthenticated"' || fail "the API needs a login"
CSRF=$(curl -sf -c "$WORK/jar" -X POST "$URL/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"dr.demo","password":"demo-clinician-pass"}' | sed -E 's/.*"csrf_token":"([0-9a-f]+)".*/\1/')
curl -sf -b "$WORK/jar" "$URL/api/v1/patients" | grep -q '"total":5' || fail "demo patients served"
# The README's tour runs against it, every step answering as documented.
bash "$SOURCE_ROOT/scripts/tour.sh" "$URL" >"$WORK/tour" 2>&1 || fail "tour: $(tail -5 "$WORK/tour")"
grep -q '"current_version":2' "$WORK/tour" || fail "tour: the regimen's new version"
grep -q '"field":"amount"' "$WORK/tour" || fail "tour: the bad dose is refused with its field"
curl -sf -b "$WORK/jar" "$URL/api/v1/patients" | grep -q '"total":6' || fail "tour patient stored"
# Restoring over the database the server has open is refused and changes nothing.
set +e
"$PINEAL" restore --db "$WORK/b.db" "$WORK/copy.db" --force 2>"$WORK/err"; code=$?
set -e
[[ $code -eq 2 ]] || fail "restore over a served database must be refused, got $code"
grep -q "has '.*b.db' open; stop it first" "$WORK/err" || fail "restore refusal: $(cat "$WORK/err")"
curl -sf -b "$WORK/jar" "$URL/api/v1/patients" | grep -q '"total":6' || fail "a refused restore changed nothing"
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || true
grep -q 'stopped' "$WORK/out" || fail "graceful stop on SIGTERM"
"$PINEAL" restore --db "$WORK/b.db" "$WORK/copy.db" --force | grep -q 'restored' ||
  fail "restore once the server has stopped"
# HTTPS when given a certificate and key.
if command -v openssl >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >/dev/null 2>&1
  mkdir -p "$WORK/dist" && echo '<!doctype html>' >"$WORK/dist/index.html"
  "$PINEAL" serve --db "$WORK/tls.db" --port 0 --tls-cert "$WORK/cert.pem" \
    --tls-key "$WORK/key.pem" --static "$WORK/dist" >"$WORK/tls.out" 2>&1 &
  TLS_PID=$!
  for _ in $(seq 1 100); do grep -q 'serving https://' "$WORK/tls.out" && break; sleep 0.1; done
  TLS_URL=$(grep -o 'https://127.0.0.1:[0-9]*' "$WORK/tls.out" | head -1)
  [[ -n "$TLS_URL" ]] || fail "serve --tls-cert did not start: $(cat "$WORK/tls.out")"
  curl -sfk "$TLS_URL/api/v1/health" | grep -q '"status":"ok"' || fail "health over TLS"
  # Kept alive over TLS: curl reuses the connection for the second URL.
  curl -sfk -v "$TLS_URL/api/v1/health" "$TLS_URL/api/v1/health" 2>"$WORK/tls.trace" >/dev/null ||
    fail "two requests over TLS"
  grep -q 'Re-using existing connection' "$WORK/tls.trace" || fail "TLS keep-alive"
  curl -sfk "$TLS_URL/" | grep -q 'doctype' || fail "the web app over TLS"
  code=$(curl -sk -o /dev/null -w '%{http_code}' "$TLS_URL/assets%2Fx.js")
  [[ $code == 400 ]] || fail "an encoded '/' in a static path over TLS: $code"
  kill -TERM "$TLS_PID"; wait "$TLS_PID" || true
fi
echo "cli smoke: ok"
