#!/usr/bin/env bash
# Runs the whole system on this machine, with no containers: auth-service, users-service and tasks-service on
# Open Liberty, and nginx (from the OS) serving the UI at http://localhost:8090 and proxying /api/ to the services.
#   ./run.sh          build, start everything, wait until each part is ready, print the URLs; Ctrl-C stops it all
#   ./run.sh stop     stop a run left in the background (for example after the terminal was closed)
#   ./run.sh restart SERVICE   restart one service of a running system as it is installed, with the environment
#                     below plus the caller's (OTEL_SDK_DISABLED=true ./run.sh restart tasks-service); no build
# Data (embedded H2 databases), logs and keys go to .run/ (git-ignored), so a second run keeps the
# accounts, tasks and even the login sessions of the first. KUBENET_RUN_DIR puts them elsewhere (the system tests do).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
RUN=${KUBENET_RUN_DIR:-$ROOT/.run}
# The Java services: every folder with a src/main/kubernetes, the rule by which the root POM's java-service profile
# knows them too (docs/development.md, "Adding a service"). Each listens on its POM's http.port.
SERVICES=()
for manifest_input in "$ROOT"/*/src/main/kubernetes; do
    folder=${manifest_input%/src/main/kubernetes}
    SERVICES+=("${folder##*/}")
done
UI_PORT=8090
NGINX_DIR=$RUN/nginx
# Each API answer tells which hops it took, in its Server-Timing header (services and nginx): this is a course system.
# NETWORK_DETAILS=false ./run.sh runs without.
export NETWORK_DETAILS=${NETWORK_DETAILS:-true}

port_of() { # service -> its port, or nothing for a folder that is not a Java service
    [[ " ${SERVICES[*]} " == *" $1 "* ]] || return 0
    sed -n 's:.*<http\.port>\([0-9]*\)</http\.port>.*:\1:p' "$ROOT/$1/pom.xml" | head -n 1
}

env_name() { # service -> the prefix of its variables: users-service -> USERS (USERS_ADDRESS, USERS_FOLDER)
    local name=${1%-service}
    name=${name^^}
    echo "${name//-/_}"
}

server_cmd() {
    echo "$ROOT/$1/target/liberty/wlp/bin/server"
}

stop_all() {
    if [ -s "$NGINX_DIR/nginx.pid" ]; then
        kill "$(cat "$NGINX_DIR/nginx.pid")" 2>/dev/null || true
        rm -f "$NGINX_DIR/nginx.pid"
    fi
    for service in "${SERVICES[@]}"; do
        if [ -x "$(server_cmd "$service")" ]; then
            LOG_DIR=$RUN/logs/$service "$(server_cmd "$service")" stop defaultServer >/dev/null 2>&1 || true
        fi
    done
    echo "Stopped nginx and ${SERVICES[*]}."
}

start_server() { # service: starts its installed Liberty server with the environment of this run
    (
        export LOG_DIR=$RUN/logs/$1
        export JWT_SIGNING_KEY_FILE=$RUN/secrets/jwt-signing-key
        export CALLER_KEYS_DIR=$RUN/secrets/caller-keys
        export IDENTITY_KEY_FILE=$RUN/secrets/$1.key
        # Each service's embedded database in its folder under .run/data (server.xml: AUTH_FOLDER, USERS_FOLDER, ...).
        local service
        for service in "${SERVICES[@]}"; do
            export "$(env_name "$service")_FOLDER=$RUN/data/${service%-service}"
        done
        # The name its spans carry (OpenTelemetry's service.name), sent where OTEL_EXPORTER_OTLP_ENDPOINT is set.
        export OTEL_SERVICE_NAME=$1
        # The keys are this machine's own (below), as on Compose and Kubernetes: the repository's published
        # development keys (dev mode's) are refused here.
        export INSECURE_DEVELOPMENT_KEYS=false
        cd "$ROOT/$1"
        # Liberty's own script, not liberty:start: the plugin looks for start messages in the server's default log
        # folder, and LOG_DIR moves the logs to .run/.
        "$(server_cmd "$1")" start defaultServer >/dev/null
    )
}

await_ready() { # service
    local url=http://localhost:$(port_of "$1")/health/ready
    for _ in $(seq 1 120); do
        curl -fs "$url" >/dev/null && return
        sleep 0.5
    done
    echo "$1 is not ready: $url" >&2
    return 1
}

if [ "${1:-}" = restart ] && [ $# = 2 ] && [ -n "$(port_of "$2")" ]; then
    [ -x "$(server_cmd "$2")" ] || { echo "$2 is not installed: run ./run.sh first" >&2; exit 1; }
    LOG_DIR=$RUN/logs/$2 "$(server_cmd "$2")" stop defaultServer >/dev/null 2>&1 || true
    start_server "$2" && await_ready "$2"
    exit
fi
if [ "${1:-}" = stop ]; then
    stop_all
    exit 0
fi
if [ $# -gt 0 ]; then
    echo "usage: ./run.sh [stop | restart $(IFS='|'; echo "${SERVICES[*]}")]" >&2
    exit 2
fi

# nginx comes from the OS's packages: installed when this may (as root, or through sudo once the user agrees),
# otherwise the one command to run is printed.
bash "$ROOT/scripts/os-packages.sh" "the UI's web server" nginx || exit 1

# A port that is already taken would make a server fail to bind while another process answered its health checks.
for port in $(for service in "${SERVICES[@]}"; do port_of "$service"; done) $UI_PORT; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "Port $port is already in use. Is the system already running? Stop it with ./run.sh stop" >&2
        echo "(the tests, ./mvnw verify, use the same ports)." >&2
        exit 1
    fi
done

mkdir -p "$RUN/data" "$RUN/logs"
# The keys of this checkout, made once and kept, so a token stays valid across restarts of auth-service: the token
# signing key, and the key pair by which users-service and tasks-service each prove to auth-service who they are.
# They are this machine's own, as on Compose and Kubernetes.
bash "$ROOT/scripts/secrets.sh" "$RUN/secrets" > /dev/null

echo "Building the services (./mvnw install -DskipTests -DskipITs)..."
# No formatting check here (./mvnw verify has it): a stray space must not keep the system from running.
"$ROOT/mvnw" -B -ntp install -DskipTests -DskipITs -Dspotless.check.skip -pl "$(IFS=,; echo "${SERVICES[*]}")" -am > "$RUN/logs/build.log" 2>&1 \
    || { tail -n 40 "$RUN/logs/build.log" >&2; echo "The build failed; see $RUN/logs/build.log" >&2; exit 1; }

# The sleeper below is ended too: a leftover child would hold on to whatever this script inherited (a lock, a pipe).
trap 'echo; stop_all; kill "${sleeper:-}" 2>/dev/null; exit 0' INT TERM
for service in "${SERVICES[@]}"; do
    echo "Starting $service on port $(port_of "$service")..."
    { (cd "$service" && "$ROOT/mvnw" -B -ntp liberty:create liberty:deploy >> "$RUN/logs/build.log" 2>&1) \
        && start_server "$service"; } \
        || { echo "$service did not start; see $RUN/logs/$service/messages.log" >&2; stop_all; exit 1; }
done

for service in "${SERVICES[@]}"; do
    await_ready "$service" || { stop_all; exit 1; }
done

start_nginx() {
    local conf_dir
    conf_dir=$(dirname "$(nginx -V 2>&1 | tr ' ' '\n' | sed -n 's/^--conf-path=//p')")
    mkdir -p "$NGINX_DIR/conf.d" "$NGINX_DIR/tmp" "$RUN/logs/nginx"
    # The UI as the image has it: its files under names that change with their content (web-frontend/build-assets.sh).
    sh "$ROOT/web-frontend/build-assets.sh" "$ROOT/web-frontend/public" "$NGINX_DIR/html"
    # The same template as in the container image, rendered the same way: envsubst limited to its variables, among
    # them each service's address (USERS_ADDRESS, TASKS_ADDRESS, ...: the template's upstream groups).
    local service addresses=() variables='${NGINX_PORT} ${WEB_ROOT} ${NGINX_LOCAL_RESOLVERS} ${NETWORK_DETAILS}'
    local address
    for service in "${SERVICES[@]}"; do
        address=$(env_name "$service")_ADDRESS
        addresses+=("$address=127.0.0.1:$(port_of "$service")")
        variables+=" \${$address}"
    done
    env NGINX_PORT=$UI_PORT WEB_ROOT="$NGINX_DIR/html" "${addresses[@]}" \
        NGINX_LOCAL_RESOLVERS="$(awk '/^nameserver/ { print $2; exit }' /etc/resolv.conf 2>/dev/null || true)" \
        envsubst "$variables" < "$ROOT/web-frontend/nginx/templates/default.conf.template" > "$NGINX_DIR/conf.d/default.conf"
    # Debian's nginx (1.22) predates the upstream servers' "resolve" (1.27.3): the addresses here are IP addresses,
    # with nothing to look up again, so the local run leaves it out. The access log goes to .run/ with the others,
    # written in batches (at most a second late): one write per request costs nginx a good part of its time under load.
    sed -i -e 's/resolver  *valid=/resolver 127.0.0.1 valid=/' -e 's/^\( *server .*\) resolve;$/\1;/' \
        -e "s#^\\( *access_log \\)/var/log/nginx/access.log \\(.*\\);#\\1$RUN/logs/nginx/access.log \\2 buffer=32k flush=1s;#" \
        "$NGINX_DIR/conf.d/default.conf"
    local user_line=""
    if [ "$(id -u)" = 0 ]; then
        # nginx started as root runs its workers as an unprivileged user, who must be able to write temp files.
        user_line="user nobody nogroup;"
        chown nobody:nogroup "$NGINX_DIR/tmp"
    fi
    cat > "$NGINX_DIR/nginx.conf" <<CONF
$user_line
worker_processes 1;
pid $NGINX_DIR/nginx.pid;
error_log $RUN/logs/nginx/error.log;
events {}
http {
    include $conf_dir/mime.types;
    default_type application/octet-stream;
    client_body_temp_path $NGINX_DIR/tmp/body;
    proxy_temp_path $NGINX_DIR/tmp/proxy;
    fastcgi_temp_path $NGINX_DIR/tmp/fastcgi;
    uwsgi_temp_path $NGINX_DIR/tmp/uwsgi;
    scgi_temp_path $NGINX_DIR/tmp/scgi;
    include $NGINX_DIR/conf.d/*.conf;
}
CONF
    nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf"
}

echo "Starting nginx on port $UI_PORT..."
start_nginx || { echo "nginx did not start; see $RUN/logs/nginx/error.log" >&2; stop_all; exit 1; }
for _ in $(seq 1 20); do
    curl -fs "http://localhost:$UI_PORT/" >/dev/null && break
    sleep 0.5
done

cat <<INFO

The system is ready. Open the UI:  http://localhost:$UI_PORT

  users-service  http://localhost:8080   POST /signup, POST /login, POST /logout
  tasks-service  http://localhost:8000   GET/POST /tasks, DELETE /tasks/{id}
  auth-service   http://localhost:8070   internal: called by the two above
  OpenAPI UIs    http://localhost:8080/openapi/ui  (and :8000, :8070)
Logs: $RUN/logs/<part>/   Data: $RUN/data

Press Ctrl-C to stop everything (or run ./run.sh stop from another terminal).
INFO
while true; do
    sleep 3600 &
    sleeper=$!
    wait $sleeper || true
done
