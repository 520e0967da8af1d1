-- wrk script of the overhead harness (benchmarks/README.md).
--
-- Sends GET requests rotating through the paths given after "--" on the wrk command line, in
-- order. "{id}" in a path becomes 1..50 in turn (the sample app seeds 50 owners).
-- done() prints one line the harness parses: completed requests, errors and client-side latency
-- percentiles in microseconds (wrk's own latency histogram).

local paths = {}
local sent = 0

function init(args)
  for i, path in ipairs(args) do
    paths[i] = path
  end
  if #paths == 0 then
    paths[1] = "/"
  end
end

function request()
  local path = paths[sent % #paths + 1]
  local id = math.floor(sent / #paths) % 50 + 1
  sent = sent + 1
  path = (path:gsub("{id}", tostring(id)))
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "HARNESS requests=%d duration_us=%d errors=%d non2xx=%d p50=%d p95=%d p99=%d p999=%d max=%d\n",
    summary.requests, summary.duration,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency:percentile(99.9), latency.max))
end
