#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster and creates what `mvn verify -Ppostgresql` expects: a role kubenet
# (password kubenet) owning one database per service, users, tasks and auth. Safe to run again. Needs root and
# `apt-get install postgresql`. For tests on your own machine only: the password is no secret.
set -euo pipefail

if ! command -v pg_lsclusters >/dev/null; then
    echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2
    exit 1
fi

read -r version cluster _ < <(pg_lsclusters --no-header | head -n 1)
if [ -z "${version:-}" ]; then
    echo "No PostgreSQL cluster found (pg_lsclusters shows none)" >&2
    exit 1
fi
pg_ctlcluster "$version" "$cluster" start 2>/dev/null || true
for _ in $(seq 1 30); do
    pg_isready -q -h localhost -p 5432 && break
    sleep 1
done
pg_isready -h localhost -p 5432

psql_as_postgres() {
    runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAt "$@"
}

if [ -z "$(psql_as_postgres -c "SELECT 1 FROM pg_roles WHERE rolname = 'kubenet'")" ]; then
    psql_as_postgres -c "CREATE ROLE kubenet LOGIN PASSWORD 'kubenet'"
fi
for db in users tasks auth; do
    if [ -z "$(psql_as_postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
        psql_as_postgres -c "CREATE DATABASE $db OWNER kubenet"
    fi
done
echo "PostgreSQL $version/$cluster ready on localhost:5432 with databases users, tasks and auth (role kubenet)"
