#!/usr/bin/env bash
# Runs auth-service, users-service and tasks-service side by side on this machine, with no containers:
#   ./run.sh          build, start all three, wait until each is ready, print the URLs; Ctrl-C stops them
#   ./run.sh stop     stop a run left in the background (for example after the terminal was closed)
# Data (embedded H2 databases), logs and a signing key go to .run/ (git-ignored), so a second run keeps the
# accounts, tasks and even the login sessions of the first.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
RUN=$ROOT/.run
SERVICES=(auth-service users-service tasks-service)

port_of() {
    case $1 in
        auth-service) echo 8070 ;;
        users-service) echo 8080 ;;
        tasks-service) echo 8000 ;;
    esac
}

server_cmd() {
    echo "$ROOT/$1/target/liberty/wlp/bin/server"
}

stop_all() {
    for service in "${SERVICES[@]}"; do
        if [ -x "$(server_cmd "$service")" ]; then
            LOG_DIR=$RUN/logs/$service "$(server_cmd "$service")" stop defaultServer >/dev/null 2>&1 || true
        fi
    done
    echo "Stopped ${SERVICES[*]}."
}

if [ "${1:-}" = stop ]; then
    stop_all
    exit 0
fi
if [ $# -gt 0 ]; then
    echo "usage: ./run.sh [stop]" >&2
    exit 2
fi

mkdir -p "$RUN/data" "$RUN/logs"
# One signing key per checkout, so a token stays valid across restarts of auth-service.
if [ ! -s "$RUN/jwt-signing-key" ]; then
    (umask 077 && head -c 32 /dev/urandom | base64 > "$RUN/jwt-signing-key")
fi

echo "Building (mvn install -DskipTests -DskipITs)..."
mvn -B -q -ntp -Dstyle.color=never install -DskipTests -DskipITs

trap 'echo; stop_all; exit 0' INT TERM
for service in "${SERVICES[@]}"; do
    echo "Starting $service on port $(port_of "$service")..."
    (
        cd "$service"
        export LOG_DIR=$RUN/logs/$service
        export JWT_SIGNING_KEY_FILE=$RUN/jwt-signing-key
        export USERS_FOLDER=$RUN/data/users
        export TASKS_FOLDER=$RUN/data/tasks
        mvn -B -q -ntp -Dstyle.color=never liberty:create liberty:deploy
        # Liberty's own script, not liberty:start: the plugin looks for start messages in the server's default log
        # folder, and LOG_DIR moves the logs to .run/.
        "$(server_cmd "$service")" start defaultServer >/dev/null
    ) || { echo "$service did not start; see $RUN/logs/$service/messages.log" >&2; stop_all; exit 1; }
done

for service in "${SERVICES[@]}"; do
    url=http://localhost:$(port_of "$service")/health/ready
    for _ in $(seq 1 120); do
        curl -fs "$url" >/dev/null && break
        sleep 0.5
    done
    curl -fs "$url" >/dev/null || { echo "$service is not ready: $url" >&2; stop_all; exit 1; }
done

cat <<INFO

All three services are ready:
  users-service  http://localhost:8080   POST /signup, POST /login
  tasks-service  http://localhost:8000   GET/POST /tasks, DELETE /tasks/{id}
  auth-service   http://localhost:8070   internal: called by the two above
  OpenAPI UIs    http://localhost:8080/openapi/ui  (and :8000, :8070)
Logs: $RUN/logs/<service>/messages.log   Data: $RUN/data

Press Ctrl-C to stop them (or run ./run.sh stop from another terminal).
INFO
while true; do
    sleep 3600 &
    wait $! || true
done
