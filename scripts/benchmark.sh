#!/usr/bin/env bash
# The benchmark: starts the system as ./run.sh does (data and logs in target/benchmark/), seeds a user with 20 tasks,
# drives load with wrk (Debian's package) and prints a Markdown report to paste into BENCHMARKS.md:
#   GET  /api/tasks         through nginx: token verified by auth-service, one indexed query
#   POST /api/tasks         through nginx: the same, plus an insert
#   GET  /api/tasks again   now a page of 100 of the user's many tasks (the POSTs' tasks), no warm-up
#   POST /login             straight to users-service, with its limits per client and per account lifted for the run
#                           (LIMITS_* below): with them, and through nginx, this would measure the limiters; the
#                           password hash is the cost by design
# each with the processor time a request cost each server, then each service's resident memory after the load and its
# start time.
#   scripts/benchmark.sh                 32 connections, 300 s of warm-up, 30 s measured
#   DURATION=60s WARMUP=120 CONNECTIONS=64 scripts/benchmark.sh
#   GET_ONLY=1 SEED_TASKS=2000 WARMUP=60 DURATION=20s scripts/benchmark.sh
#                                        only GET /api/tasks, for a user with 2,000 tasks: a change to the read path
# Stop ./run.sh first (same ports). Nothing else should run on the machine while it measures.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${DURATION:-30s}
# Load before the measured run, in seconds, in slices of 30 s whose throughput the report shows too. The JVMs compile
# their hot paths while they serve: on two cores, GET /api/tasks takes four to five minutes to reach its steady
# throughput (BENCHMARKS.md), and what the warm-up left to compile, POST /api/tasks does after it.
WARMUP=${WARMUP:-300}
WARMUP=${WARMUP%s}
POST_WARMUP=${POST_WARMUP:-60}
POST_WARMUP=${POST_WARMUP%s}
CONNECTIONS=${CONNECTIONS:-32}
# The seeded user's tasks: GET /api/tasks answers the newest 100 of them, so more than 100 measures what grows with a
# user's tasks (a count) rather than with a page.
SEED_TASKS=${SEED_TASKS:-20}
GET_ONLY=${GET_ONLY:-}
THREADS=${THREADS:-2}
OUT=$ROOT/target/benchmark
export KUBENET_RUN_DIR=$OUT/run
# One client logging in as one user as fast as it can: far beyond what users-service allows one client or one account
# (CredentialLimits), which would answer almost all of it with a quick 429.
export LIMITS_ADDRESS_BURST=1000000 LIMITS_ADDRESS_PER_MINUTE=1000000 LIMITS_ADDRESS_AT_ONCE=1000000
export LIMITS_ACCOUNT_BURST=1000000 LIMITS_ACCOUNT_PER_MINUTE=1000000
UI=http://localhost:8090

command -v wrk >/dev/null || { echo "wrk is needed: sudo apt-get install -y wrk" >&2; exit 1; }

rm -rf "$OUT"
mkdir -p "$OUT"
./run.sh > "$OUT/run.log" 2>&1 &
RUN_PID=$!
# run.sh stops everything it started when it gets a TERM.
trap 'kill $RUN_PID 2>/dev/null; wait $RUN_PID 2>/dev/null || true' EXIT
echo "Starting the system (./run.sh, log in $OUT/run.log)..." >&2
for _ in $(seq 1 600); do
    grep -q "The system is ready" "$OUT/run.log" && break
    kill -0 $RUN_PID 2>/dev/null || { cat "$OUT/run.log" >&2; exit 1; }
    sleep 1
done
grep -q "The system is ready" "$OUT/run.log" || { echo "The system did not start" >&2; exit 1; }

json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }

# curl with the body and the token in its config, read from standard input: the password and the token never appear
# on a command line, where ps would show them to anyone on the machine.
call() { # method url body token [more curl options] -> curl's output
    local method=$1 url=$2 body=$3 token=$4
    shift 4
    {
        if [ -n "$token" ]; then
            printf 'header = "Authorization: Bearer %s"\n' "$token"
        fi
        if [ -n "$body" ]; then
            body=${body//\\/\\\\}
            printf 'header = "Content-Type: application/json"\ndata-binary = "%s"\n' "${body//\"/\\\"}"
        fi
    } | curl -K - -X "$method" "$@" "$url"
}

EMAIL="bench-$RANDOM@example.com"
PASSWORD="benchmark password $RANDOM"
call POST "$UI/api/users/signup" "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "" -fsS -o /dev/null
TOKEN=$(call POST "$UI/api/users/login" "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "" -fsS | json_field token)
for i in $(seq 1 "$SEED_TASKS"); do
    call POST "$UI/api/tasks" "{\"title\":\"Task $i\",\"text\":\"Seeded for the benchmark\"}" "$TOKEN" -fsS -o /dev/null
done
[ "$(call GET "$UI/api/tasks" "" "$TOKEN" -fsS | grep -o '"id"' | wc -l)" = $((SEED_TASKS < 100 ? SEED_TASKS : 100)) ] \
    || { echo "seeding failed" >&2; exit 1; }

# wrk's Lua hooks: the token and bodies go in through the environment, never on a command line that ps would show.
cat > "$OUT/request.lua" <<'LUA'
wrk.method = os.getenv("BENCH_METHOD")
local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
    wrk.body = body
    wrk.headers["Content-Type"] = "application/json"
end
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
end
LUA

# wrk with one load's request; the method, body and token go in through the environment (request.lua above).
load() { # method url body token duration [more wrk options] -> wrk's report
    local method=$1 url=$2 body=$3 token=$4 duration=$5
    shift 5
    BENCH_METHOD=$method BENCH_BODY=$body BENCH_TOKEN=$token \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" "$@" -s "$OUT/request.lua" "$url"
}
requests_per_second() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }'; }

# Processor time the system spends per request: each server's user + system time (/proc/<pid>/stat) over the measured
# run, divided by the requests it answered. Where a request's time goes, hop by hop; and a second view, beside
# requests/s, of whether a change made requests dearer.
pid_on_port() { # port -> the process listening on it
    ss -ltnpH "sport = :$1" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1
}
cpu_ticks() { # pids... -> their user + system time together, in clock ticks
    local total=0 pid
    for pid in "$@"; do
        total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
    done
    echo "$total"
}
cpu_snapshot() { # -> the clock ticks of nginx (master and workers), users-service, tasks-service, auth-service
    local master
    master=$(cat "$KUBENET_RUN_DIR/nginx/nginx.pid")
    # shellcheck disable=SC2046 # one pid per word
    echo "$(cpu_ticks "$master" $(pgrep -P "$master")) $(cpu_ticks "$(pid_on_port 8080)")" \
        "$(cpu_ticks "$(pid_on_port 8000)") $(cpu_ticks "$(pid_on_port 8070)")"
}

declare -A rows warmups
measure() { # name method url body token warm-up-seconds
    local name=$1 report
    echo "Running $name for $DURATION at $CONNECTIONS connections..." >&2
    # One request first, as wrk will send it: a load that only measures error answers is no measurement.
    local status
    status=$(call "$2" "$3" "$4" "$5" -s -o /dev/null -w '%{http_code}')
    case $status in 2??) ;; *) echo "$name answers $status before any load; not measuring it" >&2; exit 1 ;; esac
    local slice=0 curve=""
    while [ $((slice * 30)) -lt "$6" ]; do
        slice=$((slice + 1))
        curve+="${curve:+ → }$(load "$2" "$3" "$4" "$5" 30s | requests_per_second)"
    done
    warmups[$name]=$curve
    local before after
    read -r -a before <<< "$(cpu_snapshot)"
    report=$(load "$2" "$3" "$4" "$5" "$DURATION" --latency)
    read -r -a after <<< "$(cpu_snapshot)"
    echo "$report" > "$OUT/$(echo "$name" | tr ' /' '__').txt"
    local rps p50 p99 non2xx errors requests tick cpu="" total=0 i spent
    requests=$(awk '/ requests in / { print $1 }' <<< "$report")
    tick=$(getconf CLK_TCK)
    for i in 0 1 2 3; do
        spent=$(( (after[i] - before[i]) * 1000000 / tick / requests ))
        total=$((total + spent))
        cpu+="${cpu:+ / }$spent"
    done
    rps=$(requests_per_second <<< "$report")
    p50=$(awk '$1 == "50%" { print $2 }' <<< "$report")
    p99=$(awk '$1 == "99%" { print $2 }' <<< "$report")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' <<< "$report")
    errors=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' <<< "$report")
    rows[$name]="| $name | $rps | $p50 | $p99 | ${non2xx:-0} | ${errors:-0} | $total ($cpu) |"
}
measure "GET /api/tasks" GET "$UI/api/tasks" "" "$TOKEN" "$WARMUP"
after_posts=""
if [ -z "$GET_ONLY" ]; then
    measure "POST /api/tasks" POST "$UI/api/tasks" '{"title":"Load","text":"Written by the benchmark"}' "$TOKEN" \
        "$POST_WARMUP"
    # The POST runs left the user with a great many tasks; GET /api/tasks answers a page of the newest 100 of them.
    first_page=$(call GET "$UI/api/tasks" "" "$TOKEN" -fsS)
    page_tasks=$(grep -o '"id"' <<< "$first_page" | wc -l)
    newest_id=$(sed -n 's/^.*"tasks":\[{[^}]*"id":\([0-9]*\).*/\1/p' <<< "$first_page")
    after_posts="After the POST runs, the user's newest task has id $newest_id (ids count the tasks of this run, which has one
user): \`GET /api/tasks after the POSTs\` answers each time with the newest $page_tasks of them."
    measure "GET /api/tasks after the POSTs" GET "$UI/api/tasks" "" "$TOKEN" 0
    measure "POST /login (users-service)" POST "http://localhost:8080/login" \
        "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "" 0
fi

resident() { # port -> MiB resident of the process listening on it
    awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$(pid_on_port "$1")/status"
}
started_in() { # service -> Liberty's own "server started in" seconds
    sed -n 's/.*CWWKF0011I.*started in \([0-9.]*\) seconds.*/\1/p' "$KUBENET_RUN_DIR/logs/$1/messages.log" | tail -n 1
}

cat <<REPORT
### $(date -u +%Y-%m-%d): $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)

\`THREADS=$THREADS CONNECTIONS=$CONNECTIONS WARMUP=$WARMUP POST_WARMUP=$POST_WARMUP DURATION=$DURATION SEED_TASKS=$SEED_TASKS${GET_ONLY:+ GET_ONLY=$GET_ONLY} scripts/benchmark.sh\`; $(java -version 2>&1 | head -n 1)

Warm-up, requests/s in each 30 s slice before the measured run:
- GET /api/tasks: ${warmups["GET /api/tasks"]}
- POST /api/tasks: ${warmups["POST /api/tasks"]:-not run}

| Load | Requests/s | p50 | p99 | Non-2xx | Socket errors | Processor µs per request (nginx / users / tasks / auth) |
|---|---|---|---|---|---|---|
$(for load in "GET /api/tasks" "POST /api/tasks" "GET /api/tasks after the POSTs" "POST /login (users-service)"; do
    [ -n "${rows[$load]:-}" ] && echo "${rows[$load]}"
done)
${after_posts:+
$after_posts
}

| Service | Resident memory after the load | Start (Liberty's "server started in") |
|---|---|---|
| auth-service | $(resident 8070) MiB | $(started_in auth-service) s |
| users-service | $(resident 8080) MiB | $(started_in users-service) s |
| tasks-service | $(resident 8000) MiB | $(started_in tasks-service) s |
REPORT
