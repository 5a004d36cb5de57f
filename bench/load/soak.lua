-- The soak: health, the record read and a dose-event write in turn, for a
-- long run whose server memory is sampled. Arguments: TOKEN READ_PATIENT WRITE_PATIENT
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "loadtest.lua")

local headers, read_path, write_path, sent = nil, nil, nil, 0

function init(args)
  headers = bearer_headers(args[1])
  read_path = "/api/v1/patients/" .. args[2] .. "/dose-events"
  write_path = "/api/v1/patients/" .. args[3] .. "/dose-events"
end

function request()
  sent = sent + 1
  local turn = sent % 3
  if turn == 0 then return wrk.format("GET", "/api/v1/health") end
  if turn == 1 then return wrk.format("GET", read_path, headers) end
  return wrk.format("POST", write_path, headers, dose_event_body(sent))
end
