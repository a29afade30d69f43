#!/usr/bin/env bash
# What each part of tasks-service costs, one part at a time, in one run: with ./run.sh running (stop nothing else on
# the machine while it measures), restarts only tasks-service, once as shipped and once with a part left out or
# changed, in turn (A B B A; ROUNDS=2 does that twice), and loads GET /tasks straight at it with the seeded user's token
# after the same warm-up. Prints each run's requests/s, p99 and resident memory, then each part's median against
# the shipped runs' median.
#   scripts/benchmark-parts.sh                          every part below
#   scripts/benchmark-parts.sh no-percentiles jvm-defaults
#   scripts/benchmark-parts.sh threads-4 threads-8   tasks-service with 4, then 8 request threads
#   scripts/benchmark-parts.sh no-feature-mpOpenAPI-4.0   without one feature of the shared service.xml
#   scripts/benchmark-parts.sh no-trim               without -XX:TrimNativeHeapInterval
#   WARMUP=60 DURATION=10s scripts/benchmark-parts.sh  quicker, and less sure: on 2 cores the JIT compilers are still
#                                                      busy for about 4 minutes of load (BENCHMARKS.md, Warm-up)
# A part is a change to the installed server's configuration (tasks-service/target/liberty/…/defaultServer, and the
# shared service.xml it includes from wlp/usr/shared/config) or to the
# environment it starts with; the shipped files are put back at the end. Leaving out mpMetrics itself is not a part:
# tasks-service does not deploy without it (VerifiedTokens counts its cache's answers with MicroProfile Metrics), and
# a run of 404s would measure nothing. Every run must answer 200 to every request, or it is reported as failed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd -P)
SERVER=$ROOT/tasks-service/target/liberty/wlp/usr/servers/defaultServer
SHARED=$ROOT/tasks-service/target/liberty/wlp/usr/shared/config
WARMUP=${WARMUP:-90}
DURATION=${DURATION:-20s}
ROUNDS=${ROUNDS:-1}
PARTS=("$@")
[ ${#PARTS[@]} -gt 0 ] || PARTS=(no-percentiles no-ft-metrics otel-sdk-off no-access-log no-server-timing jvm-defaults)
OUT=$ROOT/target/benchmark-parts
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is needed: sudo apt-get install -y wrk" >&2; exit 1; }
curl -fs http://localhost:8000/health/ready >/dev/null || { echo "start ./run.sh first" >&2; exit 1; }

cp "$SHARED/service.xml" "$OUT/service.xml.shipped"
cp "$SERVER/jvm.options" "$OUT/jvm.options.shipped"
restore() {
    cp "$OUT/service.xml.shipped" "$SHARED/service.xml"
    cp "$OUT/jvm.options.shipped" "$SERVER/jvm.options"
}
# The shipped files go back however the script ends (the running server keeps what it started with).
trap restore EXIT

# The part's change: files edited in place, and environment variables for the server's start.
apply() { # part -> prints the environment for the start, one NAME=value per line
    restore
    case $1 in
        shipped) ;;
        no-percentiles) # no client-side quantiles for any timer (fault tolerance's): a system property outranks
            # the applications' MicroProfile Config
            echo '-Dmp.metrics.distribution.percentiles=*=' >> "$SERVER/jvm.options" ;;
        no-ft-metrics) echo "MP_Fault_Tolerance_Metrics_Enabled=false" ;;
        otel-sdk-off) echo "OTEL_SDK_DISABLED=true" ;;
        no-access-log) sed -i '/<accessLogging /,/\/>/d' "$SHARED/service.xml" ;;
        no-feature-*) # a feature of the shared service.xml left out, e.g. no-feature-mpTelemetry-2.0; a name it does
            # not list would measure the shipped server under another name
            grep -qF "<feature>${1#no-feature-}</feature>" "$SHARED/service.xml" ||
                { echo "service.xml lists no feature ${1#no-feature-}" >&2; exit 2; }
            sed -i "/<feature>${1#no-feature-}<\/feature>/d" "$SHARED/service.xml" ;;
        no-trim) sed -i '/TrimNativeHeapInterval/d' "$SERVER/jvm.options" ;;
        no-server-timing) echo "NETWORK_DETAILS=false" ;;
        threads-[0-9]*) echo "EXECUTOR_MAX_THREADS=${1#threads-}" ;; # request threads other than server.xml's 16
        jvm-defaults) # the JVM's own heap and collector for the machine
            sed -i -e '/^-Xm[sx]/d' -e '/^-XX:+UseSerialGC/d' -e '/HeapFreeRatio/d' "$SERVER/jvm.options" ;;
        *) echo "unknown part: $1" >&2; exit 2 ;;
    esac
}

# call: curl without a password or token on its command line.
# shellcheck source=lib/call.sh
source "$ROOT/scripts/lib/call.sh"
post() { call POST "$1" "$2" "${3:-}" -fsS; } # url json-body [token] -> the answer
seed() { # -> TOKEN of a new user with 20 tasks
    local email="parts-$RANDOM@example.com" password="benchmark password $RANDOM" i
    post localhost:8090/api/users/signup "{\"email\":\"$email\",\"password\":\"$password\"}" >/dev/null
    TOKEN=$(post localhost:8090/api/users/login "{\"email\":\"$email\",\"password\":\"$password\"}" |
        sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
    for i in $(seq 1 20); do
        post localhost:8000/tasks "{\"title\":\"Task $i\",\"text\":\"seeded\"}" "$TOKEN" >/dev/null
    done
}
seed
# The token goes to wrk through the environment, never on a command line that ps shows.
cat > "$OUT/request.lua" <<'LUA'
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
LUA

start_tasks() { # environment lines on stdin: ./run.sh restarts tasks-service with them on top of its own
    local assignments=()
    while IFS= read -r assignment; do
        [ -n "$assignment" ] && assignments+=("$assignment")
    done
    env "${assignments[@]}" "$ROOT/run.sh" restart tasks-service >/dev/null
}

declare -A RESULTS
measure() { # part
    apply "$1" | start_tasks
    BENCH_TOKEN=$TOKEN wrk -t2 -c32 -d"${WARMUP}s" -s "$OUT/request.lua" http://localhost:8000/tasks >/dev/null
    local report rps p99 failed pid rss
    report=$(BENCH_TOKEN=$TOKEN wrk -t2 -c32 -d"$DURATION" --latency -s "$OUT/request.lua" http://localhost:8000/tasks)
    rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$report")
    p99=$(awk '$1 == "99%" { print $2 }' <<<"$report")
    failed=$(awk '/Non-2xx or 3xx responses:/ { n += $5 } /Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' <<<"$report")
    pid=$(ss -ltnpH 'sport = :8000' | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
    rss=$(($(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status") / 1024))
    if [ "$failed" != 0 ]; then
        echo "| $1 | FAILED: $failed answers not 200 | | |"
        return
    fi
    echo "| $1 | $rps | $p99 | $rss MiB |"
    RESULTS[$1]="${RESULTS[$1]:-} $rps"
}

median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "tasks-service, GET /tasks direct, 32 connections, ${WARMUP} s warm-up, $DURATION measured, $(nproc) cores, $(git rev-parse --short HEAD)"
echo
echo "| Run | Requests/s | p99 | Resident |"
echo "|---|---|---|---|"
for part in "${PARTS[@]}"; do
    for _ in $(seq 1 "$ROUNDS"); do
        for variant in shipped "$part" "$part" shipped; do
            measure "$variant"
        done
    done
done
restore
start_tasks </dev/null
echo
echo "| Part | Median requests/s | Against shipped |"
echo "|---|---|---|"
shipped=$(median <<<"${RESULTS[shipped]:-}")
for part in "${PARTS[@]}"; do
    m=$(median <<<"${RESULTS[$part]:-}")
    echo "| $part | $m | $(awk -v a="$m" -v b="$shipped" 'BEGIN { if (a != "" && b > 0) printf "%.0f %%", 100 * a / b }') |"
done
echo "| shipped | $shipped | 100 % |"
