-- wrk script: POST the appointment form, each request with its own email address.
-- BENCH_BODY holds a urlencoded body with the marker __N__; BENCH_COOKIE, BENCH_ORIGIN and
-- BENCH_PROTO (optional) are sent as the browser and the proxy would send them.
local template = os.getenv("BENCH_BODY")
local counter = 0
local prefix = "0"
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("prefix", tostring(threads))
end

function init(args)
  prefix = prefix or "0"
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
  wrk.headers["Origin"] = os.getenv("BENCH_ORIGIN")
  wrk.headers["Referer"] = os.getenv("BENCH_ORIGIN") .. "/contact/"
  local proto = os.getenv("BENCH_PROTO")
  if proto and proto ~= "" then
    wrk.headers["X-Forwarded-Proto"] = proto
  end
end

function request()
  counter = counter + 1
  local body = string.gsub(template, "__N__", prefix .. "x" .. tostring(counter))
  return wrk.format(nil, "/contact/", nil, body)
end
