-- wrk script: a walker pages through the user list of the coordinator whose token is in TOKEN, 50 at a time,
-- following nextCursor, and starts again at the first page after the last. Run it with one connection per
-- thread (-t8 -c8), so that each thread's cursor is its own connection's.
local token = os.getenv("TOKEN")
local cursor = nil

request = function()
  local path = "/api/v1/users?limit=50"
  if cursor then path = path .. "&cursor=" .. cursor end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

response = function(status, headers, body)
  cursor = body:match('"nextCursor":"([^"]+)"')
end
