#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster and creates what `mvn verify -Ppostgresql` expects: one database per service,
# users, tasks and auth, each owned by a role of the same name (password: the name again), no superuser and with no
# CONNECT on the others' databases, as scripts/postgres-init.sql makes them for Compose and Kubernetes. Safe to run
# again. Needs root and `apt-get install postgresql`. For tests on your own machine only: the passwords are no secret.
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

for db in users tasks auth; do
    if [ -z "$(psql_as_postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$db'")" ]; then
        psql_as_postgres -c "CREATE ROLE $db LOGIN PASSWORD '$db'"
    fi
    # A database of an older run owned by another role (the one role of before): test data only, made again.
    owner=$(psql_as_postgres -c "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '$db'")
    if [ -n "$owner" ] && [ "$owner" != "$db" ]; then
        psql_as_postgres -c "DROP DATABASE $db"
        owner=""
    fi
    if [ -z "$owner" ]; then
        psql_as_postgres -c "CREATE DATABASE $db OWNER $db"
    fi
    psql_as_postgres -c "REVOKE ALL ON DATABASE $db FROM PUBLIC"
done
echo "PostgreSQL $version/$cluster ready on localhost:5432: databases users, tasks and auth, each owned by its own role"
