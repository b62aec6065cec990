-- POST /v1/keys/verify (cost 1 of the default meter) with the API keys of keys.txt (one per
-- line, in wrk's working directory); each wrk thread walks the keys round robin from its own
-- starting point, so calls spread evenly over all seeded keys and users.
-- BENCH_HOT_KEY=1 in the environment: every call uses the first key (one key, one balance).
local token = "service-token-for-the-wrk-benchmark-0123456789"
local counter = 0
local keys = {}
local thread_count = 0

function setup(thread)
  thread:set("offset", thread_count * 7919)
  thread_count = thread_count + 1
end

function init(args)
  for line in io.lines("keys.txt") do keys[#keys + 1] = line end
  if os.getenv("BENCH_HOT_KEY") == "1" then keys = { keys[1] } end
  counter = offset or 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
  counter = counter + 1
  local key = keys[(counter % #keys) + 1]
  return wrk.format(nil, "/v1/keys/verify", nil, '{"key":"' .. key .. '"}')
end
