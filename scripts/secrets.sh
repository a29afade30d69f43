#!/usr/bin/env bash
# Makes the system's secrets, once, so that none of them is ever in git:
#   scripts/secrets.sh [FOLDER]                                 writes them into FOLDER, by default secrets/, which
#                                                               compose.yaml mounts (./run.sh: .run/secrets)
#   scripts/secrets.sh --kubernetes [--namespace NS] [FOLDER]   the same, and prints them as Kubernetes Secrets:
#       scripts/secrets.sh --kubernetes | kubectl apply -f -    once, before kubectl apply -f deploy/
# In the folder (relative to the repository's root, or absolute):
#   jwt-signing-key      32 random bytes, base64: auth-service signs and verifies users' tokens with it
#   postgres-password    the password of PostgreSQL's superuser, for an administrator: no service logs in as it
#   users-db-password    the database passwords of the roles users, tasks and auth, one per service, each owning
#   tasks-db-password    only that service's database
#   auth-db-password
#   users-service.key    users-service's private key (EC P-256, PKCS #8 PEM): it signs the assertion by which it
#   tasks-service.key    proves to auth-service who it is; tasks-service's the same
#   caller-keys/         their public keys, users-service.pem and tasks-service.pem: auth-service trusts these
# Existing files are kept, so tokens and the database stay valid. Delete a file to make a new one (a new database
# password only takes effect with a new database volume: docker compose down -v). Changing a service's key without
# refusing a call is in docs/security.md (Changing a caller's key).
# Every folder named secrets/ is git-ignored, and neither is sent into an image build (.dockerignore).
set -euo pipefail
cd "$(dirname "$0")/.."

kubernetes=false
namespace=""
if [ "${1:-}" = --kubernetes ]; then
    kubernetes=true
    shift
    if [ "${1:-}" = --namespace ]; then
        namespace=${2:?--namespace needs a namespace}
        shift 2
    fi
fi
folder=${1:-secrets}
command -v openssl >/dev/null || { echo "openssl is needed to make keys: sudo apt-get install -y openssl" >&2; exit 1; }

# What this script says goes to stderr when it prints Secrets, so that they alone go to kubectl.
say() {
    if $kubernetes; then echo "$@" >&2; else echo "$@"; fi
}

mkdir -p "$folder/caller-keys"
chmod 700 "$folder"
# Readable by all (0644) because Compose mounts each file itself into the containers, where the services run as
# other users (1001, postgres); the folder (0700) keeps them private on this machine.
write_random() {
    local file=$folder/$1
    if [ -s "$file" ]; then
        say "kept    $file"
        return
    fi
    # No trailing newline: the file's content is the value.
    printf '%s' "$(head -c 32 /dev/urandom | base64)" > "$file"
    chmod 644 "$file"
    say "created $file"
}
write_key_pair() {
    local service=$1
    if [ -s "$folder/$service.key" ]; then
        say "kept    $folder/$service.key"
    else
        openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$folder/$service.key" 2>/dev/null
        chmod 644 "$folder/$service.key"
        say "created $folder/$service.key"
    fi
    openssl pkey -in "$folder/$service.key" -pubout -out "$folder/caller-keys/$service.pem"
    chmod 644 "$folder/caller-keys/$service.pem"
}
write_random jwt-signing-key
write_random postgres-password
write_random users-db-password
write_random tasks-db-password
write_random auth-db-password
write_key_pair users-service
write_key_pair tasks-service

if $kubernetes; then
    # A Secret from files: each key of data is a file's name, its value the file's content in base64.
    secret() {
        local name=$1
        shift
        echo "---"
        echo "apiVersion: v1"
        echo "kind: Secret"
        echo "metadata:"
        echo "  name: $name"
        [ -z "$namespace" ] || echo "  namespace: $namespace"
        echo "  labels:"
        echo "    app.kubernetes.io/part-of: kubenet-liberty"
        echo "type: Opaque"
        echo "data:"
        while [ $# -gt 0 ]; do
            echo "  $1: $(base64 -w0 < "$2")"
            shift 2
        done
    }
    secret jwt-signing-key signing-key "$folder/jwt-signing-key"
    secret postgres password "$folder/postgres-password"
    secret users-db password "$folder/users-db-password"
    secret tasks-db password "$folder/tasks-db-password"
    secret auth-db password "$folder/auth-db-password"
    secret users-service-identity private-key.pem "$folder/users-service.key"
    secret tasks-service-identity private-key.pem "$folder/tasks-service.key"
    secret caller-keys users-service.pem "$folder/caller-keys/users-service.pem" \
        tasks-service.pem "$folder/caller-keys/tasks-service.pem"
fi
