#!/usr/bin/env bash
# Writes the system's three secrets into a folder, once:
#   scripts/compose-secrets.sh                                            secrets/, which compose.yaml mounts
#   scripts/compose-secrets.sh deploy-patterns/5-dev-and-prod/prod/secrets   what the prod overlay generates its
#                                                                            Kubernetes Secrets from
# In the folder (relative to the repository's root, or absolute):
#   jwt-signing-key     32 random bytes, base64: auth-service signs and verifies tokens with it
#   postgres-password   the database password of the role kubenet
#   auth-db-password    the database password of the role auth (auth-service's own database)
# Existing files are kept, so tokens and the database stay valid. Delete a file to make a new one (a new database
# password only takes effect with a new database volume: docker compose down -v).
# Every folder named secrets/ is git-ignored, and neither is sent into an image build (.dockerignore): nothing secret
# is committed or baked into an image.
set -euo pipefail
cd "$(dirname "$0")/.."

folder=${1:-secrets}
mkdir -p "$folder"
chmod 700 "$folder"
write_secret() {
    local file=$folder/$1
    if [ -s "$file" ]; then
        echo "kept    $file"
        return
    fi
    # No trailing newline: the file's content is the value. Readable by all (0644) because Compose mounts the file
    # itself into the containers, where the services run as other users (1001, postgres); the folder (0700) keeps
    # it private on this machine.
    printf '%s' "$(head -c 32 /dev/urandom | base64)" > "$file"
    chmod 644 "$file"
    echo "created $file"
}
write_secret jwt-signing-key
write_secret postgres-password
write_secret auth-db-password
