-- Durable writes: POST a new dose event, cycling through the given patients.
-- Arguments: TOKEN PATIENT_ID [PATIENT_ID ...]
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "loadtest.lua")

local headers, paths, sent = nil, {}, 0

function init(args)
  headers = bearer_headers(args[1])
  for i = 2, #args do
    table.insert(paths, "/api/v1/patients/" .. args[i] .. "/dose-events")
  end
end

function request()
  sent = sent + 1
  return wrk.format("POST", paths[sent % #paths + 1], headers, dose_event_body(sent))
end
