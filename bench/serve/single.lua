-- wrk script for single-activity requests (bench/serve/single.sh with CLIENT=wrk):
--   wrk -t1 -cC -dDs --latency -s bench/serve/single.lua URL -- FILE FROM COUNT KEY DELAY_MS
-- Each request POSTs one activity (lines FROM.. of FILE, each sent once, wrapping round if the run outlasts
-- COUNT) to /api/activities. wrk is closed-loop: each of the C connections sends, waits for the answer, then
-- waits DELAY_MS before the next, so the rate is about C * 1000 / (DELAY_MS + latency); wrk prints the rate
-- achieved, and single.sh picks C and DELAY_MS for the target. A C client uses a fraction of the CPU the .NET
-- load client takes from the server on a 2-core machine, which is why this mode exists.
local bodies = {}
local next_body = 1
local delay_ms = 0

function init(args)
  local file, from, count, key = args[1], tonumber(args[2]), tonumber(args[3]), args[4]
  delay_ms = tonumber(args[5] or "0")
  local n = 0
  for line in io.lines(file) do
    if n >= from + count then break end
    if n >= from then bodies[#bodies + 1] = "[" .. line .. "]" end
    n = n + 1
  end
  wrk.method = "POST"
  wrk.path = "/api/activities"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. key
end

function request()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format(nil, nil, nil, body)
end

function delay()
  return delay_ms
end

function done(summary, latency, requests)
  io.write(string.format("wrk: %d requests in %.1f s (%.0f/s achieved); latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.1f ms, max %.1f ms; errors (non-2xx, socket): %d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
