-- The static file nginx serves in place of a pineal answer (path as argument).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "loadtest.lua")

function init(args)
  wrk.method = "GET"
  wrk.path = args[1]
end
