-- wrk script: each request creates a new person with one role (Educator - Roster) at one of the schools listed in
-- SCHOOLS (one CDS code per line), as the coordinator whose token is in TOKEN. RUN keeps the emails of one run
-- apart from those of the others.
local token, run = os.getenv("TOKEN"), os.getenv("RUN")
local schools = {}
for line in io.lines(os.getenv("SCHOOLS")) do schools[#schools + 1] = line end
local threads = 0
local n = 0

setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end

request = function()
  n = n + 1
  local body = string.format('{"email":"new%s-%d-%d@bench.example","firstName":"New","lastName":"Person",'
    .. '"roles":[{"roleId":"EDUCATOR_ROSTER","orgCode":"%s"}]}', run, id, n, schools[n % #schools + 1])
  return wrk.format("POST", "/api/v1/users",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
