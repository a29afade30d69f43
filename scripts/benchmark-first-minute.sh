#!/usr/bin/env bash
# The first minute after a start: with ./run.sh running, restarts the three services (./run.sh restart, each with a
# cold JVM, as after a deploy), and the moment all three are ready sends, every 10 s for a minute, one round of
# password work straight to users-service: RACE signups of one new email at once (exactly one may make the account),
# then PARALLEL signups of new emails at once, then those accounts' logins at once. Prints, per round, the answers
# and the slowest of each kind. A signup or login that waits longer than users-service does for auth-service
# (auth.password.timeout.ms, 5 s) gets a 503: in the first minute there should be none.
#   scripts/benchmark-first-minute.sh
#   RACE=12 PARALLEL=8 ROUNDS=7 scripts/benchmark-first-minute.sh
#   RESTART=auth-service scripts/benchmark-first-minute.sh   only that one cold, the others warm
# Each request comes from its own client address (X-Forwarded-For, which users-service takes from this machine), so
# the per-address limits on password attempts do not answer for auth-service.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd -P)
RACE=${RACE:-12}
PARALLEL=${PARALLEL:-8}
ROUNDS=${ROUNDS:-7}
read -r -a RESTART <<<"${RESTART:-auth-service users-service tasks-service}"
USERS=http://localhost:8080
OUT=$ROOT/target/benchmark-first-minute
mkdir -p "$OUT"
curl -fs $USERS/health/ready >/dev/null || { echo "start ./run.sh first" >&2; exit 1; }
# call: curl without a password or token on its command line.
# shellcheck source=lib/call.sh
source "$ROOT/scripts/lib/call.sh"

password_work() { # kind email password client -> "kind status seconds"
    call POST "$USERS/$1" "{\"email\":\"$2\",\"password\":\"$3\"}" "" -s -o /dev/null \
        -H "X-Forwarded-For: $4" -w "$1 %{http_code} %{time_total}\n"
}

round() { # number: one round's answers, one line per request, in $OUT/round-N
    local n=$1 race_email="race-$1-$RANDOM@example.com" i
    for i in $(seq 1 "$RACE"); do
        password_work signup "$race_email" "race password $i $RANDOM" "10.$n.1.$i" &
    done
    wait
    for i in $(seq 1 "$PARALLEL"); do
        password_work signup "first-$n-$i-$$@example.com" "first minute password $i" "10.$n.2.$i" &
    done
    wait
    for i in $(seq 1 "$PARALLEL"); do
        password_work login "first-$n-$i-$$@example.com" "first minute password $i" "10.$n.3.$i" &
    done
    wait
}

summary() { # round file -> "| n | answers | slowest signup | slowest login |"
    awk -v n="$1" '
        { count[$1 " " $2]++; if ($3 > slowest[$1]) slowest[$1] = $3 }
        END {
            for (k in count) answers = answers (answers ? ", " : "") count[k] " x " k
            printf "| %s | %s | %.2f s | %.2f s |\n", n, answers, slowest["signup"], slowest["login"]
        }' "$2"
}

echo "Restarting ${RESTART[*]} ($(git rev-parse --short HEAD), $(nproc) cores)..."
for service in "${RESTART[@]}"; do
    "$ROOT/run.sh" restart "$service" >/dev/null &
done
wait
ready=$(date +%s)
echo
echo "| Round began (s after ready) | Answers | Slowest signup | Slowest login |"
echo "|---|---|---|---|"
for n in $(seq 0 $((ROUNDS - 1))); do
    sleep $((ready + 10 * n - $(date +%s) > 0 ? ready + 10 * n - $(date +%s) : 0))
    started=$(($(date +%s) - ready))
    round "$n" | sort > "$OUT/round-$n"
    summary "$started" "$OUT/round-$n"
done
