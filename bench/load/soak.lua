-- The soak: health, the record read and a dose-event write in turn, for a
-- long run whose server memory is sampled. Writes cycle through the given
-- patients so no single history grows long.
-- Arguments: TOKEN READ_PATIENT WRITE_PATIENT [WRITE_PATIENT ...]
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "loadtest.lua")

local headers, read_path, write_paths, sent = nil, nil, {}, 0

function init(args)
  headers = bearer_headers(args[1])
  read_path = "/api/v1/patients/" .. args[2] .. "/dose-events"
  for i = 3, #args do
    table.insert(write_paths, "/api/v1/patients/" .. args[i] .. "/dose-events")
  end
end

function request()
  sent = sent + 1
  local turn = sent % 3
  if turn == 0 then return wrk.format("GET", "/api/v1/health") end
  if turn == 1 then return wrk.format("GET", read_path, headers) end
  local path = write_paths[math.floor(sent / 3) % #write_paths + 1]
  return wrk.format("POST", path, headers, dose_event_body(sent))
end
