-- POST /v1/keys/verify with the API keys of keys.txt, round robin per connection
local keys = {}
for line in io.lines("keys.txt") do keys[#keys + 1] = line end
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer service-token-for-the-wrk-benchmark-0123456789"
request = function()
  counter = counter + 1
  local key = keys[(counter % #keys) + 1]
  return wrk.format(nil, "/v1/keys/verify", nil, '{"key":"' .. key .. '"}')
end
done = function(summary, latency, requests)
  io.write(string.format("non-2xx: %d\n", summary.errors.status))
end
