-- wrk script: every request carries the bearer token in TOKEN (the path is wrk's own argument).
local token = os.getenv("TOKEN")
request = function()
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. token })
end
