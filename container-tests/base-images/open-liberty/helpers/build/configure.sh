#!/usr/bin/env bash
# The official image's configure.sh, as far as these services need it: the server's files belong to group 0 and are
# group-writable, so the server runs as any user of group 0 (OpenShift's arbitrary uids). What the official script
# does besides, this stand-in leaves out: populating OpenJ9's shared class cache (the stand-in runs HotSpot), and
# the default keystore and the SSO and session-cache snippets, which none of these services uses (no TLS: it ends
# outside them).
set -Eeuo pipefail
touch /config/server.xml
find /opt/ol/wlp/usr /opt/ol/wlp/output ! -perm -g=rw -print0 | xargs -0 -r chmod g+rw
