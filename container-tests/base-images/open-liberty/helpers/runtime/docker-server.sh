#!/usr/bin/env bash
# The container's entrypoint: runs the command it is given (by default "server run defaultServer") as process 1's
# child-less replacement, so that the stop signal reaches the server. The official entrypoint also turns mounted TLS
# certificates into keystores; these services take no TLS, so this stand-in does not.
set -Eeo pipefail
exec "$@"
