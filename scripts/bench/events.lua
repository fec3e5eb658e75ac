-- wrk script for scripts/bench.sh: real step transitions on POST
-- /api/v1/projects/{id}/steps/{key}/events.
--
--   wrk -t2 -c64 -d10s --latency -H 'Authorization: Bearer TOKEN' \
--       -s scripts/bench/events.lua http://127.0.0.1:PORT -- PAIRS_FILE THREADS [GUARD_MS]
--
-- PAIRS_FILE has `project_id step_key` lines, steps currently in review. Each wrk thread
-- takes its own contiguous slice of them and walks it in order: the first pass sends
-- request_materials (in_review -> awaiting_applicant), the second resubmit (back to
-- in_review), and so on alternating.
--
-- A step comes round again after a whole pass over the slice; on a small data set a pass
-- can be shorter than a slow request, and the next action would then overtake the one
-- still in flight (a 409 that is the script's doing, not the server's). So a pair is not
-- sent again until GUARD_MS (default 2000) after its previous send: delay() holds the
-- connection back instead. With thousands of pairs per thread this never triggers; when
-- it does, the number of held-back requests is printed (BENCH_HELD) and the request rate
-- is capped by the data set, not the server.
--
-- wrk calls request() once more than it sends: before starting the first thread it builds
-- one request to check it parses, and throws it away. Consuming a pair for it would skip
-- that step's request_materials, and its resubmit on the next pass would get a 409. Since a
-- script with a delay() hook gets delay() called before every request it really sends, a
-- request() call without a delay() before it is that check, and does not advance the walk.
--
-- Every non-2xx answer is counted; done() prints BENCH_* lines that bench.sh parses.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
   ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
   return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("idx", #threads) -- 1-based, in creation order
end

local mine = {}    -- this thread's slice: { {id, key}, ... }
local sent_at = {} -- slice index -> now_ms() of its last send
local cursor = 0
local granted = 0  -- delay() calls not yet followed by their request()
local guard = 2000
local counts = {}
-- Globals, read from done() through thread:get (strings and numbers cross Lua states).
non2xx = 0
held = 0
statuses = "" -- "409:3,500:1"
sample = ""

function init(args)
   local file, nthreads = args[1], tonumber(args[2])
   if not file or not nthreads then
      error("usage: -s events.lua URL -- PAIRS_FILE THREADS [GUARD_MS]")
   end
   guard = tonumber(args[3] or "") or guard
   local all = {}
   for line in io.lines(file) do
      local p, k = line:match("^%s*(%d+)%s+(%S+)")
      if p then all[#all + 1] = { p, k } end
   end
   local per = math.floor(#all / nthreads)
   local lo = (idx - 1) * per + 1
   local hi = (idx == nthreads) and #all or idx * per
   for i = lo, hi do mine[#mine + 1] = all[i] end
   if #mine == 0 then
      error(string.format("thread %d: no pairs (%d in %s for %d threads)", idx, #all, file, nthreads))
   end
   wrk.headers["Content-Type"] = "application/json"
   io.stderr:write(string.format("events.lua: thread %d walks pairs %d..%d (%d)\n", idx, lo, hi, #mine))
end

function delay()
   granted = granted + 1
   local last = sent_at[cursor % #mine + 1]
   if last then
      local wait = guard - (now_ms() - last)
      if wait > 0 then
         held = held + 1
         return math.ceil(wait)
      end
   end
   return 0
end

function request()
   local n = #mine
   local i = cursor % n + 1
   local pass = math.floor(cursor / n)
   local pair = mine[i]
   if granted == 0 then -- wrk's check, never sent: the same request, the walk unmoved
      return wrk.format("POST", "/api/v1/projects/" .. pair[1] .. "/steps/" .. pair[2] .. "/events",
         nil, '{"action":"request_materials","notice":"请补充：盖章版设计文件"}')
   end
   granted = granted - 1
   cursor = cursor + 1
   sent_at[i] = now_ms()
   -- A 补正 carries its notice (docs/rules.md: one without it is refused).
   local body = (pass % 2 == 0)
      and '{"action":"request_materials","notice":"请补充：盖章版设计文件"}'
      or '{"action":"resubmit"}'
   return wrk.format("POST",
      "/api/v1/projects/" .. pair[1] .. "/steps/" .. pair[2] .. "/events",
      nil, body)
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
      counts[status] = (counts[status] or 0) + 1
      local parts = {}
      for s, c in pairs(counts) do parts[#parts + 1] = s .. ":" .. c end
      table.sort(parts)
      statuses = table.concat(parts, ",")
      if sample == "" and body then
         sample = status .. " " .. string.sub((body:gsub("%s+", " ")), 1, 300)
      end
   end
end

function done(summary, latency, requests)
   local total, heldall, merged, first = 0, 0, {}, ""
   for _, t in ipairs(threads) do
      total = total + (t:get("non2xx") or 0)
      heldall = heldall + (t:get("held") or 0)
      local s = t:get("statuses") or ""
      for code, c in s:gmatch("(%d+):(%d+)") do
         merged[code] = (merged[code] or 0) + tonumber(c)
      end
      if first == "" then first = t:get("sample") or "" end
   end
   local parts = {}
   for code, c in pairs(merged) do parts[#parts + 1] = code .. "=" .. c end
   table.sort(parts)
   io.write(string.format("BENCH_REQUESTS %d\n", summary.requests))
   io.write(string.format("BENCH_NON2XX %d\n", total))
   io.write(string.format("BENCH_HELD %d\n", heldall))
   io.write("BENCH_STATUSES " .. (#parts > 0 and table.concat(parts, " ") or "none") .. "\n")
   if first ~= "" then io.write("BENCH_SAMPLE " .. first .. "\n") end
end
