-- wrk script: each request pulls the CERS permissions of a user picked at random from EMAILS (one per line),
-- with the bearer token in TOKEN. Both come from the environment bench/wrk.sh sets.
local emails = {}
for line in io.lines(os.getenv("EMAILS")) do emails[#emails + 1] = line end
local token = os.getenv("TOKEN")
math.randomseed(os.time())

request = function()
  local email = emails[math.random(#emails)]
  return wrk.format("GET", "/api/v1/cers/users/" .. email .. "/permissions",
    { ["Authorization"] = "Bearer " .. token })
end
