#!/usr/bin/env bash
# Writes the two secrets that compose.yaml mounts into the containers, once per checkout:
#   secrets/jwt-signing-key     32 random bytes, base64: auth-service signs and verifies tokens with it
#   secrets/postgres-password   the database password of the role kubenet
# Existing files are kept, so tokens and the database stay valid. Delete a file to make a new one (a new database
# password only takes effect with a new database volume: docker compose down -v).
# secrets/ is git-ignored and in .dockerignore: nothing secret is committed or baked into an image.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p secrets
chmod 700 secrets
write_secret() {
    local file=secrets/$1
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
