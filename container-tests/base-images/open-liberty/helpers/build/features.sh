#!/usr/bin/env bash
# The official kernel-slim image's features.sh installs the features that /config/server.xml lists (with what it
# includes from the shared configuration folder, and the configuration dropins), downloading
# them with featureUtility. This stand-in already holds the features this repository's servers list (its Dockerfile
# says why), so nothing is downloaded. It checks instead that each listed feature is installed, so that a misspelt
# feature fails the build as it would there (build.sh builds a new stand-in when the servers list another feature).
set -Eeuo pipefail
installed=$(productInfo featureInfo | tr '[:upper:]' '[:lower:]')
listed=$(cat /config/server.xml /opt/ol/wlp/usr/shared/config/*.xml /config/configDropins/*/*.xml 2>/dev/null \
    | sed -n 's:.*<feature>[[:space:]]*\([^<[:space:]]*\)[[:space:]]*</feature>.*:\1:p' | sort -u)
missing=0
for feature in $listed; do
    name=${feature#*:}
    if ! grep -qx "$(echo "$name" | tr '[:upper:]' '[:lower:]')" <<< "$installed"; then
        echo "features.sh: $feature is not a feature of this Open Liberty runtime" >&2
        missing=1
    fi
done
[ "$missing" = 0 ] && echo "features.sh: every feature server.xml lists is installed: $(echo $listed)"
exit "$missing"
