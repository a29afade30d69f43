#!/bin/sh
# Runs each script in /docker-entrypoint.d in order before nginx: *.envsh ones are sourced (they export variables
# for the later ones), *.sh ones are run.
set -eu
if [ "${1:-}" = nginx ]; then
    for script in /docker-entrypoint.d/*; do
        case "$script" in
            *.envsh) . "$script" ;;
            *.sh) "$script" ;;
            *) ;;
        esac
    done
fi
exec "$@"
