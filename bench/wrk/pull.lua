-- wrk script: each request pulls the CERS permissions of a user picked at random from EMAILS (one per line),
-- with the bearer token in TOKEN. Both come from the environment bench/wrk.sh sets.
--
-- The emails are kept as one string of fixed-width slots, not as a table of strings: with a table of 500,000
-- strings, LuaJIT's collector paused wrk's thread for up to 400 ms now and then, and those pauses showed up as the
-- service's p99 (2% of pulls at 100-400 ms, none with 5,000 emails).
local token = os.getenv("TOKEN")
local width, lines = 0, {}
for line in io.lines(os.getenv("EMAILS")) do
  lines[#lines + 1] = line
  if #line > width then width = #line end
end
local count = #lines
for i = 1, count do lines[i] = lines[i] .. string.rep(" ", width - #lines[i]) end
local slots = table.concat(lines)
lines = nil
collectgarbage("collect")
local headers = { ["Authorization"] = "Bearer " .. token }
math.randomseed(os.time())

request = function()
  local start = (math.random(count) - 1) * width + 1
  local email = string.sub(slots, start, start + width - 1):match("^%S+")
  return wrk.format("GET", "/api/v1/cers/users/" .. email .. "/permissions", headers)
end
