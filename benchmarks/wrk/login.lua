-- POST /v1/users/login with the right password for the users of users.txt (one username per
-- line, in wrk's working directory), each wrk thread round robin from its own starting point.
local password = "correct-Horse-7-battery"
local counter = 0
local users = {}
local thread_count = 0

function setup(thread)
  thread:set("offset", thread_count * 7919)
  thread_count = thread_count + 1
end

function init(args)
  for line in io.lines("users.txt") do users[#users + 1] = line end
  counter = offset or 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local user = users[(counter % #users) + 1]
  return wrk.format(nil, "/v1/users/login", nil,
    '{"login":"' .. user .. '","password":"' .. password .. '"}')
end
