-- One fixed request per workload, configured by bench/load/run through the environment:
--   BENCH_METHOD (GET/POST), BENCH_BODY_FILE (body, optional), BENCH_CONTENT_TYPE,
--   BENCH_AUTHORIZATION (Authorization header, optional), BENCH_HEADER / BENCH_HEADER_VALUE
--   (one extra header, e.g. x-hasura-admin-secret).
wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body_file = os.getenv("BENCH_BODY_FILE")
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = os.getenv("BENCH_CONTENT_TYPE") or "application/json"
end
local auth = os.getenv("BENCH_AUTHORIZATION")
if auth and auth ~= "" then
  wrk.headers["Authorization"] = auth
end
local name = os.getenv("BENCH_HEADER")
if name and name ~= "" then
  wrk.headers[name] = os.getenv("BENCH_HEADER_VALUE")
end
