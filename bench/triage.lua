-- wrk script: POST the public cases to /api/v1/triage in turn (bodies are passed in by bench/run.py).
local bodies = {}
local i = 0

function init(args)
  local f = assert(io.open(args[1], "r"))
  for line in f:lines() do bodies[#bodies + 1] = line end
  f:close()
end

function request()
  i = i % #bodies + 1
  return wrk.format("POST", "/api/v1/triage", {["Content-Type"] = "application/json"}, bodies[i])
end
