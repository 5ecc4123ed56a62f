-- wrk: every request carries a new tracking parameter, as ad clicks do (?fbclid=<unique>). Path from BENCH_PATH.
local path = os.getenv("BENCH_PATH") or "/"
local threads = 0
local counter = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function request()
  counter = counter + 1
  return wrk.format(nil, path .. "?fbclid=" .. id .. "-" .. counter)
end
