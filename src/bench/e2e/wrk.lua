-- wrk script of the end-to-end benchmark (src/bench/e2e.sh). Every request is a GET with
-- "Authorization: Bearer <token>", the tokens taken in turn from a slice of a token file.
--
-- Arguments after "--": <file> <first> <count> <threads>
--   file     one token per line, all lines the same length (E2eIssuer writes them so), so a slice is one read
--   first    0-based line number where the slice starts
--   count    tokens in the slice; 1 sends the same token with every request
--   threads  the -t given to wrk: each thread sends its own share of the slice, so threads never share a token
--
-- When a thread has sent all its tokens it starts again from its first one.
--
-- done() prints one line for the calling script:
--   RESULT requests=N seconds=S p50_us=.. p90_us=.. p99_us=.. non2xx=N socket_errors=N distinct=N
-- where distinct is the number of different tokens sent.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

-- Per thread: its tokens as one string of fixed-length lines, how many, and how many requests it made.
local tokens, length
count, sent = 0, 0
local headers = {}

function init(args)
  local file, first, slice, thread_count = args[1], tonumber(args[2]), tonumber(args[3]), tonumber(args[4])
  count = math.max(1, math.floor(slice / thread_count))
  if slice > 1 then
    first = first + id * count
  end
  local f = assert(io.open(file, "rb"))
  length = #f:read("*l") + 1
  f:seek("set", first * length)
  tokens = f:read(count * length)
  f:close()
  assert(tokens and #tokens == count * length, "the token file is shorter than the slice")
  if count == 1 then
    -- One token: the request becomes wrk's static one (wrk.headers, and no request function once init is done),
    -- which wrk formats once and sends without calling Lua, as with "wrk -H". (wrk's CPU time per request, which
    -- e2e.sh prints, is mostly system calls: it was no lower than with a Lua request formatted once.)
    wrk.headers["Authorization"] = "Bearer " .. tokens:sub(1, length - 1)
    request = nil
  end
end

function request()
  sent = sent + 1
  local start = ((sent - 1) % count) * length
  headers["Authorization"] = "Bearer " .. tokens:sub(start + 1, start + length - 1)
  return wrk.format("GET", nil, headers)
end

function done(summary, latency, requests)
  local distinct = 0
  for _, thread in ipairs(threads) do
    distinct = distinct + math.min(thread:get("count"), thread:get("sent"))
  end
  if threads[1]:get("count") == 1 then
    distinct = 1 -- every thread sent the one token
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f p50_us=%d p90_us=%d p99_us=%d non2xx=%d socket_errors=%d distinct=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout, distinct))
end
