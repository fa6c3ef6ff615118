-- wrk script: a mixed load of content (200 and 304), checklist and triage requests, read from a file of
-- tab-separated lines "METHOD<TAB>path<TAB>If-None-Match or empty<TAB>JSON body or empty".
local reqs = {}
local i = 0

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
end

function request()
  i = i % #reqs + 1
  return reqs[i]
end
