-- wrk script: each request pulls the CERS permissions of a user picked at random from EMAILS (one per line),
-- with the bearer token in TOKEN. Both come from the environment bench/wrk.sh sets.
--
-- The emails are kept as one string of fixed-width slots (and their lengths as one string of bytes), not as a table of strings: with a table of 500,000
-- strings, LuaJIT's collector paused wrk's thread for up to 400 ms now and then, and those pauses showed up as the
-- service's p99 (2% of pulls at 100-400 ms, none with 5,000 emails).
--
-- The request is formatted once, around a placeholder for the email: formatting every request (wrk.format) cost wrk
-- about as much CPU per pull as the service's own HTTP handling, on the same two cores.
local token = os.getenv("TOKEN")
local width, lines = 0, {}
for line in io.lines(os.getenv("EMAILS")) do
  lines[#lines + 1] = line
  if #line > width then width = #line end
end
local count, lengths = #lines, {}
for i = 1, count do
  lengths[i] = string.char(#lines[i])
  lines[i] = lines[i] .. string.rep(" ", width - #lines[i])
end
local slots, sizes = table.concat(lines), table.concat(lengths)
lines, lengths = nil, nil
collectgarbage("collect")
math.randomseed(os.time())
local before, after

init = function(args)
  local template = wrk.format("GET", "/api/v1/cers/users/@EMAIL@/permissions", { ["Authorization"] = "Bearer " .. token })
  local at = string.find(template, "@EMAIL@", 1, true)
  before, after = string.sub(template, 1, at - 1), string.sub(template, at + 7)
end

request = function()
  local i = math.random(count)
  local start = (i - 1) * width + 1
  return before .. string.sub(slots, start, start + string.byte(sizes, i) - 1) .. after
end
