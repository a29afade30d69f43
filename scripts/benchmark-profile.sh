#!/usr/bin/env bash
# Where tasks-service's processor time goes under GET /api/tasks: with ./run.sh running (nothing else on the machine),
# seeds a user with 20 tasks, loads GET /api/tasks through nginx with wrk for the warm-up, then records JDK Flight
# Recorder's execution samples of tasks-service for the measured run under the same load. Prints the samples per
# 100,000 requests, grouped by the first frame outside the JDK (the code that was running), so that two builds, each
# profiled after a start of its own ./run.sh in one session, compare request by request.
#   scripts/benchmark-profile.sh                   150 s of warm-up, 30 s recorded
#   WARMUP=60 DURATION=20 scripts/benchmark-profile.sh
# The recording stays in target/benchmark-profile/tasks-service.jfr, for JDK Mission Control or "jfr print".
# The samples cover Java code only: garbage collection and the JIT compilers are not among them (the recording's
# jdk.GarbageCollection events say how long the pauses took).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd -P)
WARMUP=${WARMUP:-150}
DURATION=${DURATION:-30}
OUT=$ROOT/target/benchmark-profile
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is needed: sudo apt-get install -y wrk" >&2; exit 1; }
curl -fs http://localhost:8000/health/ready >/dev/null || { echo "start ./run.sh first" >&2; exit 1; }

# shellcheck source=lib/call.sh
source "$ROOT/scripts/lib/call.sh"
post() { call POST "$1" "$2" "${3:-}" -fsS; } # url json-body [token] -> the answer
email="profile-$RANDOM@example.com" password="benchmark password $RANDOM"
post localhost:8090/api/users/signup "{\"email\":\"$email\",\"password\":\"$password\"}" >/dev/null
TOKEN=$(post localhost:8090/api/users/login "{\"email\":\"$email\",\"password\":\"$password\"}" |
    sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
for i in $(seq 1 20); do
    post localhost:8090/api/tasks "{\"title\":\"Task $i\",\"text\":\"seeded\"}" "$TOKEN" >/dev/null
done
# The token goes to wrk through the environment, never on a command line that ps shows.
cat > "$OUT/request.lua" <<'LUA'
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
LUA
load() { # seconds -> requests/s
    BENCH_TOKEN=$TOKEN wrk -t2 -c32 -d"$1s" -s "$OUT/request.lua" http://localhost:8090/api/tasks |
        awk '/^Requests\/sec/ { print $2 }'
}

echo "Warming up for $WARMUP s: $(load "$WARMUP") requests/s" >&2
pid=$(ss -ltnpH 'sport = :8000' | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1)
rm -f "$OUT/tasks-service.jfr"
jcmd "$pid" JFR.start name=benchmark-profile settings=profile duration="${DURATION}s" \
    filename="$OUT/tasks-service.jfr" >/dev/null
rps=$(load "$((DURATION + 2))")
for _ in $(seq 1 30); do
    [ -s "$OUT/tasks-service.jfr" ] && break
    sleep 1
done
echo "Recorded $DURATION s at $rps requests/s"

# Each sample's stack, leaf first; the group of the first frame outside the JDK.
jfr print --events jdk.ExecutionSample --stack-depth 64 "$OUT/tasks-service.jfr" | awk -v requests="$(awk -v r="$rps" -v d="$DURATION" 'BEGIN { print r * d }')" '
    function group(frame) {
        if (frame ~ /io\.micrometer|io\.smallrye\.metrics|microprofile\.metrics|http\.monitor|ws\.monitor|websphere\.monitor/) return "metrics (MicroProfile Metrics, Liberty'"'"'s HTTP metric)"
        if (frame ~ /io\.opentelemetry|microprofile\.telemetry/) return "traces (OpenTelemetry)"
        if (frame ~ /^dev\.kubenet\./) return "this project'"'"'s code"
        if (frame ~ /com\.ibm\.ws\.(webcontainer|genericbnf|http|tcpchannel|bytebuffer|channel|logging)|com\.ibm\.wsspi\.http/) return "Liberty'"'"'s web container, HTTP channel, access log"
        if (frame ~ /yasson|parsson|jakarta\.json/) return "JSON"
        if (frame ~ /resteasy|com\.ibm\.ws\.jaxrs|restfulWS/) return "JAX-RS"
        if (frame ~ /org\.jboss\.weld/) return "CDI"
        if (frame ~ /org\.eclipse\.persistence|org\.h2|com\.ibm\.tx/) return "JPA, H2, transactions"
        return "other"
    }
    /^jdk\.ExecutionSample/ { inStack = 0; found = 0; next }
    /stackTrace = \[/ { inStack = 1; next }
    inStack && /^[[:space:]]*\]/ { if (!found) counts["the JDK alone"]++; samples++; inStack = 0; next }
    inStack && !found && /\(/ {
        frame = $1
        if (frame ~ /^(java|javax|jdk|sun)\./) next
        counts[group(frame)]++
        found = 1
    }
    END {
        printf "| Samples per 100,000 requests | %.0f |\n|---|---|\n", samples * 100000 / requests
        for (g in counts) printf "| %s | %.0f |\n", g, counts[g] * 100000 / requests | "sort -t\"|\" -k3 -rn"
    }'
