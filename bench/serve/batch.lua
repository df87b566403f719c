-- wrk script for batches (bench/serve/single.sh with BATCH_CLIENT=wrk):
--   wrk -t1 -cC -dDs -s bench/serve/batch.lua URL -- FILE FROM COUNT BATCH KEY
-- Each request POSTs BATCH activities (lines FROM.. of FILE, every activity sent once) to /api/activities;
-- each of the C connections sends its next batch as soon as the last is answered (C batches in flight).
-- Activities/s counts answered batches only, so a batch still in flight when the run ends is not counted.
-- If the run outlasts COUNT activities the batches start again from the first (resubmissions are cheaper
-- than new activities); the summary says so, and the run should be shortened.
local bodies = {}
local next_body = 1
batch = 0
wrapped = false
local threads = {}

-- done() runs in wrk's main Lua state, not the thread's: it reads the batch size and the wrap flag there.
function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  local file, from, count, key = args[1], tonumber(args[2]), tonumber(args[3]), args[5]
  batch = tonumber(args[4])
  local n, lines = 0, {}
  for line in io.lines(file) do
    if n >= from + count then break end
    if n >= from then
      lines[#lines + 1] = line
      if #lines == batch then
        bodies[#bodies + 1] = "[" .. table.concat(lines, ",") .. "]"
        lines = {}
      end
    end
    n = n + 1
  end
  wrk.method = "POST"
  wrk.path = "/api/activities"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. key
end

function request()
  local body = bodies[next_body]
  next_body = next_body + 1
  if next_body > #bodies then
    next_body = 1
    wrapped = true
  end
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local batch, wrapped = threads[1]:get("batch"), threads[1]:get("wrapped")
  local seconds = summary.duration / 1e6
  io.write(string.format("wrk batch: %d requests of %d in %.1f s: %.0f activities/s; request p50 %.0f ms, p99 %.0f ms; errors (non-2xx, socket): %d%s\n",
    summary.requests, batch, seconds, summary.requests * batch / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    wrapped and "; WARNING: ran out of new activities and resent some" or ""))
end
