-- Shared by every load-test script: counts answers that are not 2xx (wrk
-- itself only counts >= 400 and ignores 3xx), keeps the first such answer to
-- print, and ends the run with one machine-readable line for run-loadtest.
-- Arguments after `--` reach init(): the API token, then script-specific ones.

local threads = {}

function setup(thread)
  thread:set("thread_index", #threads)
  table.insert(threads, thread)
end

-- Per-thread state (each wrk thread has its own Lua state).
non2xx = 0
created = 0
first_error = ""

function loadtest_count(status, body)
  if status == 201 then created = created + 1 end
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_error == "" then
      first_error = tostring(status) .. " " .. string.sub(body or "", 1, 300)
    end
  end
end

function response(status, headers, body)
  loadtest_count(status, body)
end

local function json_string(s)
  return '"' .. string.gsub(s, '[%c"\\]', function(c)
    return string.format("\\u%04x", string.byte(c))
  end) .. '"'
end

function done(summary, latency, requests)
  local bad, made, sample = 0, 0, ""
  for _, t in ipairs(threads) do
    bad = bad + t:get("non2xx")
    made = made + t:get("created")
    local e = t:get("first_error")
    if sample == "" and e ~= nil then sample = e end
  end
  local err = summary.errors
  io.write(string.format(
    'LOADTEST_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"latency_us": {"mean": %.1f, "p50": %d, "p90": %d, "p99": %d, "max": %d}, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d, "status_4xx_5xx": %d, ' ..
    '"non_2xx": %d}, "created": %d, "first_error": %s}\n',
    summary.requests, summary.duration, summary.bytes,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, err.connect, err.read, err.write, err.timeout, err.status, bad, made,
    json_string(sample)))
end

-- A dose event that is valid for any adult patient: melatonin taken in the
-- past. `n` makes each request's time distinct, so no two writes of a run are
-- the same dose. The writes are backfilled diary entries from before every
-- alert rule's look-back (HISTORY_START in run-loadtest: 45 days), 4 hours
-- apart going back: thousands of doses logged within the last hour would
-- instead pile into the window each check-in must weigh as recent intake, and
-- a run would measure how fast one patient was made to take doses rather than
-- how the server copes with a long record.
-- Slots wrap after 20 years, which a soak of 43,800 writes per thread reaches.
local history_start, slots = 45 * 86400, 20 * 365 * 6

function dose_event_body(n)
  local slot = (n * 2 + thread_index) % slots
  local seconds_ago = history_start + 17 * 60 + slot * 4 * 3600
  local taken_at = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - seconds_ago)
  return '{"substance": "melatonin", "taken_at": "' .. taken_at ..
         '", "amount": "3 mg", "status": "taken", "note": "load test"}'
end

function bearer_headers(token)
  return {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}
end
