#!/usr/bin/env bash
# Builds local stand-ins for the official base images that the Dockerfiles and compose.yaml name, from Debian's
# packages, for a machine that reaches no image registry (this project's CI). Each keeps the contract the project's
# Dockerfiles and compose.yaml rely on; what differs is said in the stand-in's Dockerfile and in docs/containers.md.
#   container-tests/base-images/build.sh          build the ones that are missing (once per machine)
#   container-tests/base-images/build.sh --env    print the variables that make compose.yaml use them (and
#                                                 DEBIAN_IMAGE, which the tests' own images start from)
# Needs the engine: container-tests/engine.sh start.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

# Debian 13: OpenJDK 21 (the official Liberty image's Java version), Maven 3.9 and PostgreSQL 17, as in the images
# they stand in for.
SUITE=trixie
PREFIX=localhost/kubenet-standin
LIBERTY_VERSION=$(sed -n 's:.*<liberty.runtime.version>\(.*\)</liberty.runtime.version>.*:\1:p' "$ROOT/pom.xml")
# The features of every Java service's server (server.xml and the shared service.xml it includes), which the Liberty
# stand-in holds.
FEATURES=$(cat "$ROOT"/*/src/main/liberty/config/server.xml "$ROOT/common/liberty/service.xml" \
    | sed -n 's:.*<feature>[[:space:]]*\([^<[:space:]]*\)[[:space:]]*</feature>.*:\1:p' | sort -u)
# Each tag ends with a digest of what the stand-in is built from (this script, its folder, for Liberty the features):
# a change to any of them makes a new stand-in on the next run instead of reusing a stale one.
revision() { # folder -> 8 hex digits
    { cat "$HERE/build.sh"; [ -z "${1:-}" ] || find "$HERE/$1" -type f -print0 | sort -z | xargs -0 cat; echo "${2:-}"; } \
        | sha256sum | cut -c1-8
}
DEBIAN=$PREFIX/debian:$SUITE-$(revision)
MAVEN=$PREFIX/maven:3.9-openjdk-21-$(revision maven)
LIBERTY=$PREFIX/open-liberty:$LIBERTY_VERSION-openjdk-21-$(revision open-liberty "$FEATURES")
POSTGRES=$PREFIX/postgres:17-$(revision postgres)
NGINX=$PREFIX/nginx-unprivileged:debian-$(revision nginx-unprivileged)

if [ "${1:-}" = --env ]; then
    echo "export BUILD_IMAGE=$MAVEN LIBERTY_IMAGE=$LIBERTY POSTGRES_IMAGE=$POSTGRES NGINX_IMAGE=$NGINX DEBIAN_IMAGE=$DEBIAN"
    exit 0
fi

exists() { podman image exists "$1"; }

if ! exists "$DEBIAN"; then
    echo "== $DEBIAN: debootstrap --variant=minbase $SUITE (a few minutes)"
    rootfs=$(mktemp -d /var/tmp/kubenet-rootfs.XXXXXX)
    trap 'rm -rf "$rootfs"' EXIT
    debootstrap --variant=minbase "$SUITE" "$rootfs" > "$rootfs.log" 2>&1 \
        || { tail -n 20 "$rootfs.log" >&2; echo "debootstrap failed" >&2; exit 1; }
    rm -f "$rootfs.log"
    # As Debian's official image: apt keeps no downloaded package after installing it, and no package lists.
    cat > "$rootfs/etc/apt/apt.conf.d/docker-clean" <<'APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
APT
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/*
    # An imported file system has no environment: PATH as Debian's official image sets it.
    tar -C "$rootfs" -c . | podman import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["bash"]' - "$DEBIAN" >/dev/null
    rm -rf "$rootfs"
    trap - EXIT
fi

build() {
    local image=$1 context=$2
    shift 2
    if exists "$image"; then
        echo "== $image: present"
        return
    fi
    echo "== $image"
    podman build --build-arg "DEBIAN_IMAGE=$DEBIAN" "$@" -t "$image" "$context" > "/tmp/standin-build.log" 2>&1 \
        || { tail -n 30 /tmp/standin-build.log >&2; echo "building $image failed (log: /tmp/standin-build.log)" >&2; exit 1; }
}

if ! exists "$MAVEN"; then
    context=$(mktemp -d)
    cp -r "$HERE/maven/." "$context/"
    mkdir -p "$context/extra-ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$context/extra-ca-certificates/" 2>/dev/null || true
    build "$MAVEN" "$context"
    rm -rf "$context"
fi
build "$POSTGRES" "$HERE/postgres"
build "$NGINX" "$HERE/nginx-unprivileged"
if ! exists "$LIBERTY"; then
    # The same Open Liberty release the Maven build uses, from the Maven repository rather than downloaded anew.
    context=$(mktemp -d)
    cp -r "$HERE/open-liberty/." "$context/"
    echo "$FEATURES" > "$context/features.txt"
    mvn -B -q -ntp dependency:copy -Dartifact="io.openliberty:openliberty-runtime:$LIBERTY_VERSION:zip" \
        -DoutputDirectory="$context" -Dmdep.stripVersion=true
    build "$LIBERTY" "$context"
    rm -rf "$context"
fi
