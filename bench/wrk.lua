-- wrk script for bench/run.py: every request carries the bearer token of one of the seeded users
-- in turn (one user after the other, so the database serves all the users' rows, not one
-- user's cached pages), and bodies/queries use that user's own application ids. `floor` and
-- `word_count_2019` are bench/views.py's reference endpoints (bench/urls.py).
--
--   wrk ... -s bench/wrk.lua <url> -- <endpoint> <users file> <max requests per thread>
-- users file: one line per user: "<token> <app id>,<app id>,..."
local endpoint, users_file, max_requests
local users = {}
local next_user = 1
local done_requests = 0
bad = 0  -- global: done() reads it from every thread
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  endpoint, users_file, max_requests = args[1], args[2], tonumber(args[3] or "0")
  for line in io.lines(users_file) do
    local token, ids = line:match("^(%S+)%s+(%S+)$")
    local list = {}
    for id in ids:gmatch("%d+") do table.insert(list, id) end
    table.insert(users, {token = token, ids = list})
  end
  -- Threads start at different users.
  next_user = (math.random(1, #users))
  math.randomseed(os.time() + next_user)
end

local function pick(list) return list[math.random(1, #list)] end

function request()
  local user = users[next_user]
  next_user = next_user % #users + 1
  local headers = {["Authorization"] = "Bearer " .. user.token,
                   ["Content-Type"] = "application/json"}
  if endpoint == "add_jobapp" then
    local body = string.format(
      '{"job_title":"Bench Engineer %d","company":"Bench Co %d","application_date":"2026-%02d-%02d","status_id":%d,"source":"LinkedIn"}',
      math.random(1, 50), math.random(1, 300), math.random(1, 11), math.random(1, 28),
      math.random(1, 5))
    return wrk.format("POST", "/api/jobapps/add_jobapp", headers, body)
  elseif endpoint == "update_jobapp" then
    local body = string.format('{"jobapp_id":%s,"status_id":%d}', pick(user.ids),
                               math.random(1, 5))
    return wrk.format("POST", "/api/jobapps/update_jobapp", headers, body)
  elseif endpoint == "get_jobapp_notes" then
    return wrk.format("GET", "/api/jobapps/get_jobapp_notes?jobapp_id=" .. pick(user.ids), headers)
  elseif endpoint == "get_jobapps" or endpoint == "get_statuses" then
    return wrk.format("GET", "/api/jobapps/" .. endpoint, headers)
  elseif endpoint == "get_jobapps_paged" then
    return wrk.format("GET", "/api/jobapps/get_jobapps?page=1&page_size=20", headers)
  elseif endpoint == "floor" or endpoint == "word_count_2019" then
    return wrk.format("GET", "/bench/" .. endpoint, headers)
  else
    return wrk.format("GET", "/api/metrics/" .. endpoint, headers)
  end
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
  done_requests = done_requests + 1
  if max_requests > 0 and done_requests >= max_requests then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local non200 = 0
  for _, thread in ipairs(threads) do non200 = non200 + (thread:get("bad") or 0) end
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,' ..
    '"max_us":%d,"non200":%d,"errors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, non200,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
