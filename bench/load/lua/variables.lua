-- A GraphQL query whose variables change on every request (the plan cache must hit): the body in
-- BENCH_BODY_FILE holds the placeholder __ID__, replaced by a pseudo-random id in 1..BENCH_MAX_ID.
-- Headers as in request.lua.
local f = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
local template = f:read("*a")
f:close()
local max_id = tonumber(os.getenv("BENCH_MAX_ID") or "100000")
local headers = { ["Content-Type"] = "application/json" }
local auth = os.getenv("BENCH_AUTHORIZATION")
if auth and auth ~= "" then headers["Authorization"] = auth end
local name = os.getenv("BENCH_HEADER")
if name and name ~= "" then headers[name] = os.getenv("BENCH_HEADER_VALUE") end
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  math.randomseed(seed or 1)
end

function request()
  local body = template:gsub("__ID__", tostring(math.random(1, max_id)))
  return wrk.format("POST", nil, headers, body)
end
