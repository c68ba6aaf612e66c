-- Single-use request bodies (authorization codes): BENCH_BODY_FILE holds one form body per line.
-- Thread i of n sends lines i, i+n, i+2n, ... and stops when its share is used up, so wrk's
-- requests/s covers only real exchanges. Headers as in request.lua; POST, form encoded.
local threads = {}
local count = 0

function setup(thread)
  count = count + 1
  thread:set("index", count)
  table.insert(threads, thread)
end

function init(args)
  bodies = {}
  local n = tonumber(os.getenv("BENCH_THREADS") or "2")
  local i = 0
  for line in io.lines(os.getenv("BENCH_BODY_FILE")) do
    if i % n == index - 1 then table.insert(bodies, line) end
    i = i + 1
  end
  next_body = 1
  headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
end

function request()
  local body = bodies[next_body]
  if body == nil then
    wrk.thread:stop()
    body = bodies[#bodies] or ""
  end
  next_body = next_body + 1
  return wrk.format("POST", nil, headers, body)
end
