#!/usr/bin/env bash
# The README's five-minute tour, runnable: ./scripts/tour.sh [http://127.0.0.1:8080]
# Each step prints the request and pineal's answer. Exits non-zero if a step fails.
set -euo pipefail
API="${1:-http://127.0.0.1:8080}/api/v1"
JSON='Content-Type: application/json'
JAR="$(mktemp)"
trap 'rm -f "$JAR"' EXIT

step() { printf '\n== %s\n' "$*" >&2; }
call() { curl -sS --fail-with-body "$@"; echo; }
# The top-level "id" of a JSON answer.
id_of() { sed -E 's/.*"id":([0-9]+).*/\1/' <<<"$1"; }

step "Is pineal up?"
call "$API/health"

step "Log in as the demo clinician (a browser keeps the cookie and sends the CSRF token)"
LOGIN=$(call -c "$JAR" -X POST "$API/auth/login" -H "$JSON" \
  -d '{"username": "dr.demo", "password": "demo-clinician-pass"}')
echo "$LOGIN"
CSRF=$(sed -E 's/.*"csrf_token":"([0-9a-f]+)".*/\1/' <<<"$LOGIN")

step "Scripts use an API token instead"
T=$(call -b "$JAR" -X POST "$API/auth/tokens" -H "$JSON" -H "X-CSRF-Token: $CSRF" \
  -d '{"name": "tour"}')
TOKEN=$(sed -E 's/.*"token":"([0-9a-f]+)".*/\1/' <<<"$T")
AUTH="Authorization: Bearer $TOKEN"
call() { curl -sS --fail-with-body -H "$AUTH" "$@"; echo; }

step "Search the patients of my care team"
call "$API/patients?q=a&limit=5"

step "A new patient"
P=$(call -X POST "$API/patients" -H "$JSON" -d '{
  "display_name": "Ada L.", "birth_date": "1960-05-04", "sex": "female",
  "weight": "64.5 kg", "conditions": ["insomnia"], "time_zone": "Europe/Paris"}')
echo "$P"
PID=$(id_of "$P")

step "What she already takes"
call -X POST "$API/patients/$PID/medications" -H "$JSON" -d '{
  "name": "nifedipine", "dose": "30 mg", "schedule": "once daily", "source": "prescribed"}'

step "A regimen: 0.5 mg melatonin at 21:00, stepping up to 1 mg after a week"
R=$(call -X POST "$API/patients/$PID/regimens" -H "$JSON" -d '{
  "substance": "melatonin", "formulation": "ir", "dose": "0.5 mg",
  "times_of_day": ["21:00"], "frequency": "daily", "indication": "insomnia",
  "start_date": "2026-11-01", "titration": [{"after_days": 7, "dose": "1 mg"}]}')
echo "$R"
RID=$(id_of "$R")

step "A change is a new version, never an edit"
call -X POST "$API/patients/$PID/regimens/$RID/versions" -H "$JSON" \
  -d '{"base_version": 1, "dose": "1 mg", "reason": "no effect after a week"}'

step "A dose taken, then corrected by a new entry"
D=$(call -X POST "$API/patients/$PID/dose-events" -H "$JSON" -d "{
  \"regimen_id\": $RID, \"planned_at\": \"2026-11-10T20:00:00Z\",
  \"taken_at\": \"2026-11-10T20:20:00Z\", \"amount\": \"1 mg\", \"status\": \"taken\"}")
echo "$D"
call -X POST "$API/patients/$PID/dose-events" -H "$JSON" -d "{
  \"regimen_id\": $RID, \"planned_at\": \"2026-11-10T20:00:00Z\",
  \"taken_at\": \"2026-11-10T20:35:00Z\", \"amount\": \"1 mg\", \"status\": \"taken\",
  \"corrects\": $(id_of "$D")}"

step "An Insomnia Severity Index score"
call -X POST "$API/patients/$PID/observations" -H "$JSON" -d '{
  "kind": "instrument", "code": "ISI", "value": 16, "unit": "{score}",
  "observed_at": "2026-11-11T08:00:00Z"}'

step "Bad input is refused with the field and what is allowed"
curl -sS -H "$AUTH" -X POST "$API/patients/$PID/dose-events" -H "$JSON" \
  -d '{"substance": "melatonin", "status": "taken", "amount": "10 kg",
       "taken_at": "2026-11-10T20:00:00Z"}'
echo

step "Stop the regimen"
call -X POST "$API/patients/$PID/regimens/$RID/stop" -H "$JSON" \
  -d '{"base_version": 2, "reason": "sleep onset normalised"}'

step "Everything in time order"
call "$API/patients/$PID/timeline?from=2026-11-01T00:00:00Z"

step "Who did what (the audit log of this patient)"
call "$API/audit?patient_id=$PID&limit=5"
