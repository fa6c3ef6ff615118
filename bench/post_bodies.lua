-- wrk script: POST JSON bodies to the URL's path, one per line of the file bench/loads.py passes in:
--   wrk ... -s bench/post_bodies.lua URL -- FILE THREADS
-- Each of the THREADS threads takes its own share of the lines (line n goes to thread n mod THREADS), so two
-- threads never send the same body: with a file of distinct answer sets, no request repeats another's.
local counter = 0
local bodies = {}
local i = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  local threads = tonumber(args[2] or "1")
  local f = assert(io.open(args[1], "r"))
  local n = 0
  for line in f:lines() do
    if n % threads == (id or 0) then bodies[#bodies + 1] = line end
    n = n + 1
  end
  f:close()
  if #bodies == 0 then error("no bodies for this thread") end
end

function request()
  i = i % #bodies + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, bodies[i])
end
