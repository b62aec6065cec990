-- POST /v1/keys/verify (cost 1 of the default meter) with the API keys of keys.txt (one per
-- line, in wrk's working directory); each wrk thread walks the keys round robin from its own
-- starting point, so calls spread evenly over all seeded keys and users.
-- BENCH_HOT_KEY=1 in the environment: every call uses the first key (one key, one balance).
-- Every answer must be a granted verification: a 200 with "valid":false (a refusal the route
-- answers as a verdict) is counted and printed as "Denied responses: N", which wrk_summary.py
-- counts as failed, so a run that measured refusals instead of verifications cannot pass as one.
local token = "service-token-for-the-wrk-benchmark-0123456789"
local counter = 0
local keys = {}
local thread_count = 0

local threads = {}

function setup(thread)
  thread:set("offset", thread_count * 7919)
  thread_count = thread_count + 1
  table.insert(threads, thread)
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

function response(status, headers, body)
  if status == 200 and not string.find(body, '"valid":true', 1, true) then
    denied = (denied or 0) + 1
    if not denial then denial = string.sub(body, 1, 200) end
  end
end

function done(summary, latency, requests)
  local total, example = 0, nil
  for _, thread in ipairs(threads) do
    total = total + (thread:get("denied") or 0)
    example = example or thread:get("denial")
  end
  if total > 0 then
    io.write("Denied responses: ", total, "\n", "First denial: ", example, "\n")
  end
end
