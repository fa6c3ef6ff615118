-- wrk script: a mixed load of content (200 and 304), checklist and triage requests, read from a file of
-- tab-separated lines "METHOD<TAB>path<TAB>If-None-Match or empty<TAB>JSON body or empty":
--   wrk ... -s bench/mixed.lua URL -- FILE
-- Counts the answers by status; done() prints them as one line "statuses <code>=<count> ..." for bench/run.py.
local threads = {}
local reqs = {}
local i = 0
statuses = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("offset", #threads)
end

function init(args)
  local f = assert(io.open(args[1], "r"))
  for line in f:lines() do
    local method, path, etag, body = line:match("^(%u+)\t([^\t]*)\t([^\t]*)\t(.*)$")
    local headers = {}
    if etag ~= "" then headers["If-None-Match"] = etag end
    if method == "POST" then headers["Content-Type"] = "application/json" end
    reqs[#reqs + 1] = wrk.format(method, path, headers, body ~= "" and body or nil)
  end
  f:close()
  i = (offset or 0) * 7 % #reqs  -- threads start at different places in the list
end

function request()
  i = i % #reqs + 1
  return reqs[i]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do total[status] = (total[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(total) do parts[#parts + 1] = status .. "=" .. n end
  table.sort(parts)
  io.write("statuses " .. table.concat(parts, " ") .. "\n")
end
