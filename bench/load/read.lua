-- An authenticated record read: one patient's dose-event list.
-- Arguments: TOKEN PATIENT_ID
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "loadtest.lua")

function init(args)
  wrk.method = "GET"
  wrk.path = "/api/v1/patients/" .. args[2] .. "/dose-events"
  wrk.headers["Authorization"] = "Bearer " .. args[1]
end
