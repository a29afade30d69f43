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
#   scripts/benchmark.sh --against b797c99
#                                        this tree against another commit, built in a worktree under target/benchmark/,
#                                        the two systems run alternately (this, other, other, this; RUNS=3 adds this,
#                                        other), each run from a fresh start of its own ./run.sh: GET /api/tasks, POST
#                                        /api/tasks and POST /login, then a second fresh start for GET /api/tasks with
#                                        TOKEN_CACHE_SECONDS=0. Prints each load's requests/s per run, the medians and
#                                        their ratio, and each service's resident memory after the run. About an hour.
# Stop ./run.sh first (same ports). Nothing else should run on the machine while it measures.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd -P)
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
# With --against, each run starts the system a second time for GET /api/tasks with TOKEN_CACHE_SECONDS=0;
# WITH_CACHE_ONLY=1 leaves that out, for a quicker first look (GET_ONLY=1 WITH_CACHE_ONLY=1: about 4 minutes a run).
WITH_CACHE_ONLY=${WITH_CACHE_ONLY:-}
THREADS=${THREADS:-2}
# Runs of each system with --against. Figures from different days on one machine differ by 20-40 % for the same build,
# and two runs of one build in one session by up to a third: only medians of runs taken in turn compare.
RUNS=${RUNS:-2}
OUT=$ROOT/target/benchmark
# One client logging in as one user as fast as it can: far beyond what users-service allows one client or one account
# (CredentialLimits), which would answer almost all of it with a quick 429.
export LIMITS_ADDRESS_BURST=1000000 LIMITS_ADDRESS_PER_MINUTE=1000000 LIMITS_ADDRESS_AT_ONCE=1000000
export LIMITS_ACCOUNT_BURST=1000000 LIMITS_ACCOUNT_PER_MINUTE=1000000
UI=http://localhost:8090
SERVICES=auth-service,users-service,tasks-service

AGAINST=""
if [ $# = 2 ] && [ "$1" = --against ]; then
    AGAINST=$2
elif [ $# != 0 ]; then
    echo "usage: scripts/benchmark.sh [--against <commit>]" >&2
    exit 2
fi

command -v wrk >/dev/null || { echo "wrk is needed: sudo apt-get install -y wrk" >&2; exit 1; }

# A fresh start for each benchmark, but the worktrees of --against stay: building one takes minutes.
mkdir -p "$OUT"
find "$OUT" -mindepth 1 -maxdepth 1 ! -name 'against-*' -exec rm -rf {} +

start_system() { # tree run-dir [VAR=value...] -> that tree's ./run.sh running in the background (RUN_PID), ready
    local tree=$1 run_dir=$2
    shift 2
    # run.sh keeps its data, logs and keys there; a new folder is a new system: no accounts, no tasks.
    export KUBENET_RUN_DIR=$run_dir
    mkdir -p "$run_dir"
    echo "Starting the system of $tree${*:+ with $*} (./run.sh, log in $run_dir.log)..." >&2
    env "$@" "$tree/run.sh" > "$run_dir.log" 2>&1 &
    RUN_PID=$!
    for _ in $(seq 1 600); do
        grep -q "The system is ready" "$run_dir.log" && return 0
        kill -0 "$RUN_PID" 2>/dev/null || { cat "$run_dir.log" >&2; exit 1; }
        sleep 1
    done
    echo "The system did not start" >&2
    exit 1
}

stop_system() { # -> the system of start_system stopped, and its ports free for the next one
    [ -n "${RUN_PID:-}" ] || return 0
    # run.sh stops everything it started when it gets a TERM.
    kill "$RUN_PID" 2>/dev/null || true
    wait "$RUN_PID" 2>/dev/null || true
    RUN_PID=""
    # nginx's master leaves a moment after its TERM, and the next ./run.sh refuses to start while a port is taken.
    local port
    for port in 8070 8080 8000 8090; do
        for _ in $(seq 1 60); do
            (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
            sleep 1
        done
    done
}
trap stop_system EXIT

json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }

# call: curl without a password or token on its command line.
# shellcheck source=lib/call.sh
source "$ROOT/scripts/lib/call.sh"

seed() { # -> EMAIL, PASSWORD and TOKEN of a new user with SEED_TASKS tasks, signed up and logged in through nginx
    EMAIL="bench-$RANDOM@example.com"
    PASSWORD="benchmark password $RANDOM"
    call POST "$UI/api/users/signup" "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "" -fsS -o /dev/null
    TOKEN=$(call POST "$UI/api/users/login" "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "" -fsS |
        json_field token)
    local i
    for i in $(seq 1 "$SEED_TASKS"); do
        call POST "$UI/api/tasks" "{\"title\":\"Task $i\",\"text\":\"Seeded for the benchmark\"}" "$TOKEN" \
            -fsS -o /dev/null
    done
    [ "$(call GET "$UI/api/tasks" "" "$TOKEN" -fsS | grep -o '"id"' | wc -l)" = $((SEED_TASKS < 100 ? SEED_TASKS : 100)) ] \
        || { echo "seeding failed" >&2; exit 1; }
}

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

measure_load() { # name method url body token warm-up-seconds report-file -> wrk's report of the measured run in the
    # file; WARMUP_CURVE: the warm-up's requests/s per 30 s slice; CPU_PER_REQUEST: "total (nginx / users / tasks / auth)"
    local name=$1 method=$2 url=$3 body=$4 token=$5 warmup=$6 file=$7
    echo "Running $name for $DURATION at $CONNECTIONS connections..." >&2
    # One request first, as wrk will send it: a load that only measures error answers is no measurement.
    local status
    status=$(call "$method" "$url" "$body" "$token" -s -o /dev/null -w '%{http_code}')
    case $status in 2??) ;; *) echo "$name answers $status before any load; not measuring it" >&2; exit 1 ;; esac
    local slice=0
    WARMUP_CURVE=""
    while [ $((slice * 30)) -lt "$warmup" ]; do
        slice=$((slice + 1))
        WARMUP_CURVE+="${WARMUP_CURVE:+ → }$(load "$method" "$url" "$body" "$token" 30s | requests_per_second)"
    done
    local before after
    read -r -a before <<< "$(cpu_snapshot)"
    load "$method" "$url" "$body" "$token" "$DURATION" --latency > "$file"
    read -r -a after <<< "$(cpu_snapshot)"
    local requests tick i spent total=0 cpu=""
    requests=$(awk '/ requests in / { print $1 }' "$file")
    # A load that got no answer in its time (logins on a cold JVM, under a short DURATION) costs nothing per request.
    if [ "${requests:-0}" = 0 ]; then
        CPU_PER_REQUEST="no answers"
        return 0
    fi
    tick=$(getconf CLK_TCK)
    for i in 0 1 2 3; do
        spent=$(( (after[i] - before[i]) * 1000000 / tick / requests ))
        total=$((total + spent))
        cpu+="${cpu:+ / }$spent"
    done
    CPU_PER_REQUEST="$total ($cpu)"
}

resident() { # port -> MiB resident of the process listening on it
    awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$(pid_on_port "$1")/status"
}
started_in() { # service -> Liberty's own "server started in" seconds
    sed -n 's/.*CWWKF0011I.*started in \([0-9.]*\) seconds.*/\1/p' "$KUBENET_RUN_DIR/logs/$1/messages.log" | tail -n 1
}
machine() { # -> the date and the machine, as a report's heading has them
    echo "$(date -u +%Y-%m-%d): $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
        "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
}
settings() { # -> the variables that shape a run, as a command line to repeat it
    echo "THREADS=$THREADS CONNECTIONS=$CONNECTIONS WARMUP=$WARMUP POST_WARMUP=$POST_WARMUP DURATION=$DURATION" \
        "SEED_TASKS=$SEED_TASKS${GET_ONLY:+ GET_ONLY=$GET_ONLY}${WITH_CACHE_ONLY:+ WITH_CACHE_ONLY=$WITH_CACHE_ONLY}"
}

declare -A ROWS WARMUPS
measure() { # name method url body token warm-up-seconds -> its row of benchmark_this's report in ROWS, WARMUPS
    local name=$1 file
    file=$OUT/$(echo "$name" | tr ' /' '__').txt
    measure_load "$@" "$file"
    WARMUPS[$name]=$WARMUP_CURVE
    local rps p50 p99 non2xx errors
    rps=$(requests_per_second < "$file")
    p50=$(awk '$1 == "50%" { print $2 }' "$file")
    p99=$(awk '$1 == "99%" { print $2 }' "$file")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' "$file")
    errors=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$file")
    ROWS[$name]="| $name | $rps | $p50 | $p99 | ${non2xx:-0} | ${errors:-0} | $CPU_PER_REQUEST |"
}

# This tree alone: one start, every load, the processor time per request, memory and start times.
benchmark_this() {
    start_system "$ROOT" "$OUT/run"
    seed
    measure "GET /api/tasks" GET "$UI/api/tasks" "" "$TOKEN" "$WARMUP"
    local after_posts=""
    if [ -z "$GET_ONLY" ]; then
        measure "POST /api/tasks" POST "$UI/api/tasks" '{"title":"Load","text":"Written by the benchmark"}' "$TOKEN" \
            "$POST_WARMUP"
        # The POST runs left the user with a great many tasks; GET /api/tasks answers a page of the newest 100 of them.
        local first_page page_tasks newest_id
        first_page=$(call GET "$UI/api/tasks" "" "$TOKEN" -fsS)
        page_tasks=$(grep -o '"id"' <<< "$first_page" | wc -l)
        newest_id=$(sed -n 's/^.*"tasks":\[{[^}]*"id":\([0-9]*\).*/\1/p' <<< "$first_page")
        after_posts="After the POST runs, the user's newest task has id $newest_id (ids count the tasks of this run, which has one
user): \`GET /api/tasks after the POSTs\` answers each time with the newest $page_tasks of them."
        measure "GET /api/tasks after the POSTs" GET "$UI/api/tasks" "" "$TOKEN" 0
        measure "POST /login (users-service)" POST "http://localhost:8080/login" \
            "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "" 0
    fi

    cat <<REPORT
### $(machine)

\`$(settings) scripts/benchmark.sh\`; $(java -version 2>&1 | head -n 1)

Warm-up, requests/s in each 30 s slice before the measured run:
- GET /api/tasks: ${WARMUPS["GET /api/tasks"]}
- POST /api/tasks: ${WARMUPS["POST /api/tasks"]:-not run}

| Load | Requests/s | p50 | p99 | Non-2xx | Socket errors | Processor µs per request (nginx / users / tasks / auth) |
|---|---|---|---|---|---|---|
$(for load in "GET /api/tasks" "POST /api/tasks" "GET /api/tasks after the POSTs" "POST /login (users-service)"; do
    [ -n "${ROWS[$load]:-}" ] && echo "${ROWS[$load]}"
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
}

# --against: the loads of the comparison, by the name of their files in each run's folder.
LOADS=(get get-no-token-cache post login)
declare -A LOAD_TITLES=(
    [get]="\`GET /api/tasks\`"
    [get-no-token-cache]="\`GET /api/tasks\`, \`TOKEN_CACHE_SECONDS=0\`"
    [post]="\`POST /api/tasks\`"
    [login]="\`POST /login\` (users-service)"
)

prepare_other_tree() { # commit -> OTHER_TREE: a clean worktree of it under target/benchmark, kept for later runs
    local sha=$1
    OTHER_TREE=$OUT/against-$(git rev-parse --short "$sha")
    # One other tree at a time: each holds three Liberty installs, about a gigabyte.
    find "$OUT" -mindepth 1 -maxdepth 1 -name 'against-*' ! -path "$OTHER_TREE" -exec rm -rf {} +
    if [ "$(git -C "$OTHER_TREE" rev-parse --show-toplevel 2>/dev/null)" != "$OTHER_TREE" ] ||
        [ "$(git -C "$OTHER_TREE" rev-parse HEAD)" != "$sha" ] ||
        [ -n "$(git -C "$OTHER_TREE" status --porcelain)" ]; then
        rm -rf "$OTHER_TREE"
        git worktree prune
        git worktree add --detach "$OTHER_TREE" "$sha" >&2
    fi
    git worktree prune
}

build_tree() { # tree name -> the tree's three services built, each tree in its own reactor
    # Its run.sh builds again at each start (install, incremental by then). Building first finds a tree that does not
    # build before any server starts, and keeps the minutes of a first build out of start_system's wait. -am builds the
    # shared modules from this tree's sources in the same reactor: the SNAPSHOTs in ~/.m2 are whichever tree last
    # installed them.
    local tree=$1 name=$2 mvn=mvn
    if [ -x "$tree/mvnw" ]; then
        mvn=./mvnw
    fi
    echo "Building $name ($tree: $mvn package)..." >&2
    (cd "$tree" && $mvn -B -ntp -q package -DskipTests -DskipITs -Dspotless.check.skip -pl "$SERVICES" -am) \
        > "$OUT/build-$name.log" 2>&1 \
        || { tail -n 40 "$OUT/build-$name.log" >&2; echo "$name does not build; see $OUT/build-$name.log" >&2; exit 1; }
}

run_one() { # tree run-folder -> the folder holds each load's wrk report, warm-up and processor time, and memory
    local tree=$1 dir=$2
    mkdir -p "$dir"
    start_system "$tree" "$dir/run"
    seed
    measure_load "GET /api/tasks" GET "$UI/api/tasks" "" "$TOKEN" "$WARMUP" "$dir/get.txt"
    echo "$WARMUP_CURVE" > "$dir/get.warmup"
    echo "$CPU_PER_REQUEST" > "$dir/get.cpu"
    if [ -z "$GET_ONLY" ]; then
        measure_load "POST /api/tasks" POST "$UI/api/tasks" '{"title":"Load","text":"Written by the benchmark"}' \
            "$TOKEN" "$POST_WARMUP" "$dir/post.txt"
        echo "$CPU_PER_REQUEST" > "$dir/post.cpu"
        measure_load "POST /login (users-service)" POST "http://localhost:8080/login" \
            "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "" 0 "$dir/login.txt"
        echo "$CPU_PER_REQUEST" > "$dir/login.cpu"
    fi
    echo "$(resident 8070) $(resident 8080) $(resident 8000)" > "$dir/resident"
    stop_system
    [ -z "$WITH_CACHE_ONLY" ] || return 0
    # The token cache is read at start, so the system without it is a second start, with the same warm-up.
    start_system "$tree" "$dir/run-no-token-cache" TOKEN_CACHE_SECONDS=0
    seed
    measure_load "GET /api/tasks, TOKEN_CACHE_SECONDS=0" GET "$UI/api/tasks" "" "$TOKEN" "$WARMUP" \
        "$dir/get-no-token-cache.txt"
    echo "$WARMUP_CURVE" > "$dir/get-no-token-cache.warmup"
    echo "$CPU_PER_REQUEST" > "$dir/get-no-token-cache.cpu"
    stop_system
}

median() { # numbers, one a line -> their median; nothing for none
    sort -g | awk 'NF { v[++n] = $1 } END { if (n % 2) print v[(n + 1) / 2]; else if (n) print (v[n / 2] + v[n / 2 + 1]) / 2 }'
}
thousands() { # number -> rounded, with thousands separators, as BENCHMARKS.md writes them
    local n out=""
    n=$(printf '%.0f' "$1")
    while [ ${#n} -gt 3 ]; do
        out=",${n: -3}$out"
        n=${n:0:${#n}-3}
    done
    echo "$n$out"
}
p99_ms() { # wrk's report -> its p99 in milliseconds (wrk writes 850.00us, 12.34ms or 1.02s); nothing without answers
    awk '$1 == "99%" { v = $2; p99 = v + 0
            if (v ~ /us$/) p99 /= 1000; else if (v ~ /[0-9]s$/) p99 *= 1000; else if (v ~ /[0-9]m$/) p99 *= 60000 }
        / requests in / { answers = $1 }
        END { if (answers > 0) print p99 }' "$1"
}
flaws_of() { # wrk's report -> what makes it no measurement: non-2xx answers, socket errors, no answer at all
    awk '/Non-2xx or 3xx responses:/ { n += $5 } /Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 }
        / requests in / { answers = $1 }
        END { if (answers == 0) print "no answer in its time"; else if (n) print n " non-2xx answers or socket errors" }' "$1"
}
ratio() { # this other -> this as a percentage of other
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "-" }'
}

# The Markdown report of --against, from the runs' folders.
report_against() { # this-name other-name order... (this or other, in the order run)
    local -A names=([this]="$1" [other]="$2")
    shift 2
    local order=("$@") system n
    declare -A runs
    for n in "${!order[@]}"; do
        runs[${order[n]}]+="${runs[${order[n]}]:+ }$((n + 1))"
    done
    local column_this="${names[this]}, runs ${runs[this]// / \/ }"
    local column_other="${names[other]}, runs ${runs[other]// / \/ }"
    cat <<HEAD
### $(machine)

\`RUNS=$RUNS $(settings) scripts/benchmark.sh --against ${names[other]}\`; $(java -version 2>&1 | head -n 1)

Runs in the order $(for system in "${order[@]}"; do printf '%s, ' "${names[$system]}"; done | sed 's/, $//').
Each run is a fresh start of that commit's own \`./run.sh\` for the loads with the token cache, then a second fresh
start with \`TOKEN_CACHE_SECONDS=0\`; each \`GET\` load after $WARMUP s of warm-up, \`POST\` after $POST_WARMUP s, login
after them. p99: the median of the runs' p99.

| Load | $column_this: requests/s | median | p99 | $column_other: requests/s | median | p99 | ${names[this]} / ${names[other]} |
|---|---|---|---|---|---|---|---|
HEAD
    local load file errors=""
    for load in "${LOADS[@]}"; do
        [ -e "$OUT/runs/1/$load.txt" ] || continue
        local row="| ${LOAD_TITLES[$load]} |" medians=()
        for system in this other; do
            local values="" rps p99s="" p99 flaws
            for n in ${runs[$system]}; do
                file=$OUT/runs/$n/$load.txt
                rps=$(requests_per_second < "$file")
                values+="${values:+ / }$(thousands "$rps")"
                p99s+="$(p99_ms "$file")"$'\n'
                flaws=$(flaws_of "$file")
                if [ -n "$flaws" ]; then
                    errors+="- run $n (${names[$system]}), ${LOAD_TITLES[$load]}: $flaws"$'\n'
                fi
            done
            medians+=("$(for n in ${runs[$system]}; do requests_per_second < "$OUT/runs/$n/$load.txt"; echo; done | median)")
            p99=$(printf '%s' "$p99s" | median)
            if [ -n "$p99" ]; then
                p99="$(printf '%.1f' "$p99") ms"
            fi
            row+=" $values | $(thousands "${medians[-1]}") | ${p99:--} |"
        done
        echo "$row $(ratio "${medians[0]}" "${medians[1]}") |"
    done
    if [ -n "$errors" ]; then
        printf '\nNot clean, so not comparable:\n%s' "$errors"
    fi
    cat <<HEAD

| Resident after the run (MiB) | $column_this | median | $column_other | median | ${names[this]} / ${names[other]} |
|---|---|---|---|---|---|
HEAD
    local service i=0
    for service in ${SERVICES//,/ }; do
        i=$((i + 1))
        local row="| $service |" medians=()
        for system in this other; do
            local values=""
            for n in ${runs[$system]}; do
                values+="${values:+ / }$(cut -d ' ' -f $i "$OUT/runs/$n/resident")"
            done
            medians+=("$(tr -d ' ' <<< "${values//\//$'\n'}" | median)")
            row+=" $values | $(thousands "${medians[-1]}") |"
        done
        echo "$row $(ratio "${medians[0]}" "${medians[1]}") |"
    done
    echo
    echo "Warm-up of \`GET /api/tasks\`, requests/s in each 30 s slice (with the token cache; with \`TOKEN_CACHE_SECONDS=0\`):"
    for n in "${!order[@]}"; do
        echo "- run $((n + 1)), ${names[${order[n]}]}: $(cat "$OUT/runs/$((n + 1))/get.warmup");" \
            "$(cat "$OUT/runs/$((n + 1))/get-no-token-cache.warmup" 2>/dev/null || echo -)"
    done
}

# This tree against another commit: both built, then run in turns, this, other, other, this, so that a drift of the
# machine over the hour weighs on both alike.
benchmark_against() {
    local sha this_name other_name
    sha=$(git rev-parse --verify "$AGAINST^{commit}")
    other_name=$(git rev-parse --short "$sha")
    this_name=$(git rev-parse --short HEAD)
    # The system of this tree is what run.sh builds from its files, uncommitted changes included.
    if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
        this_name+="+changes"
    fi
    prepare_other_tree "$sha"
    build_tree "$ROOT" this
    build_tree "$OTHER_TREE" other
    local order=() n
    for n in $(seq 1 "$RUNS"); do
        if [ $((n % 2)) = 1 ]; then order+=(this other); else order+=(other this); fi
    done
    for n in "${!order[@]}"; do
        echo "Run $((n + 1)) of ${#order[@]}: ${order[n]}" >&2
        if [ "${order[n]}" = this ]; then
            run_one "$ROOT" "$OUT/runs/$((n + 1))"
        else
            run_one "$OTHER_TREE" "$OUT/runs/$((n + 1))"
        fi
    done
    report_against "$this_name" "$other_name" "${order[@]}"
}

if [ -n "$AGAINST" ]; then
    benchmark_against
else
    benchmark_this
fi
