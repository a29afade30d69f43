#!/usr/bin/env bash
# A container engine for a machine without Docker: podman from Debian's packages, serving Docker's API on a socket,
# so that Debian's docker-compose and the docker CLI work against it unchanged.
#   container-tests/engine.sh start    install what is missing, start the API service and the healthcheck driver
#   container-tests/engine.sh stop     stop both (containers, images and volumes stay)
#   container-tests/engine.sh env      print the DOCKER_HOST line to use: eval "$(container-tests/engine.sh env)"
# Needs root (apt-get, rootful podman). Idempotent: a second start leaves a running engine alone.
set -euo pipefail

STATE=/run/kubenet-podman
SOCKET=$STATE/podman.sock
export DOCKER_HOST=unix://$SOCKET

engine_answers() {
    curl -fsS --max-time 5 --unix-socket "$SOCKET" http://d/_ping >/dev/null 2>&1
}

install_packages() {
    local missing=()
    command -v podman >/dev/null || missing+=(podman)
    # podman kube play and pods need an init for the pod's infra container.
    command -v catatonit >/dev/null || missing+=(catatonit)
    command -v runc >/dev/null || missing+=(runc)
    command -v docker-compose >/dev/null || missing+=(docker-compose)
    # The stand-in base images start from a Debian root file system (container-tests/base-images).
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "Installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

configure() {
    # These machines lack CAP_SYS_RESOURCE: podman's default ulimits (raised from the host's) fail with "error setting
    # rlimit type 7", and an nproc of 60000 or more fails too. Docker's own defaults are in the same range.
    # Their cgroups are mounted in hybrid mode (v1 controllers beside an empty v2 hierarchy), which podman's default
    # runtime, crun, refuses ("cgroups in hybrid mode not supported"); runc runs there, memory limits included.
    mkdir -p /etc/containers/containers.conf.d
    cat > /etc/containers/containers.conf.d/50-kubenet.conf <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=30000:30000"]

[engine]
runtime = "runc"
CONF
    rm -f /etc/containers/containers.conf.d/50-kubenet-ulimits.conf
}

# Docker runs a container's healthcheck on its own timer; podman asks systemd to, and there is no systemd here, so
# without this loop no container ever turns healthy and "depends_on: condition: service_healthy" waits forever.
# Every few seconds it runs the healthcheck of each running container that has one; podman applies the check's
# retries and start period itself.
drive_healthchecks() {
    while true; do
        for container in $(podman ps -q --filter health=starting --filter health=healthy --filter health=unhealthy 2>/dev/null); do
            podman healthcheck run "$container" >/dev/null 2>&1 || true
        done
        sleep 3
    done
}

start() {
    install_packages
    configure
    mkdir -p "$STATE"
    # The engine outlives this script and serves later runs, so it must not work in the caller's folder: once that
    # folder is deleted (a checkout of an earlier run), it can start no container ("write child: broken pipe").
    cd /
    if ! engine_answers; then
        rm -f "$SOCKET"
        nohup podman system service --time=0 "unix://$SOCKET" > "$STATE/service.log" 2>&1 &
        echo $! > "$STATE/service.pid"
        for _ in $(seq 1 50); do
            engine_answers && break
            sleep 0.2
        done
        engine_answers || { tail -n 20 "$STATE/service.log" >&2; echo "podman's API service did not start" >&2; exit 1; }
    fi
    if ! { [ -s "$STATE/healthchecks.pid" ] && kill -0 "$(cat "$STATE/healthchecks.pid")" 2>/dev/null; }; then
        drive_healthchecks > "$STATE/healthchecks.log" 2>&1 &
        echo $! > "$STATE/healthchecks.pid"
        disown
    fi
    echo "Container engine ready: podman $(podman version --format '{{.Client.Version}}'), DOCKER_HOST=$DOCKER_HOST"
}

stop() {
    for pid_file in "$STATE/healthchecks.pid" "$STATE/service.pid"; do
        if [ -s "$pid_file" ]; then
            kill "$(cat "$pid_file")" 2>/dev/null || true
            rm -f "$pid_file"
        fi
    done
    echo "Container engine stopped (containers, images and volumes are kept)."
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    env) echo "export DOCKER_HOST=$DOCKER_HOST" ;;
    *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
