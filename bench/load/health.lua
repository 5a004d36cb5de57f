-- GET /api/v1/health, no login: the server's floor.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "loadtest.lua")

wrk.method = "GET"
wrk.path = "/api/v1/health"
