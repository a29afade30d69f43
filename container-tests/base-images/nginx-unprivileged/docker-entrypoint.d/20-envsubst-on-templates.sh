#!/bin/sh
# Renders /etc/nginx/templates/NAME.template into /etc/nginx/conf.d/NAME with envsubst, replacing only the variables
# that are set and whose names match NGINX_ENVSUBST_FILTER (all set variables when it is empty): every other $name
# in a template is nginx's own.
set -eu
templates=/etc/nginx/templates
[ -d "$templates" ] || exit 0
names=$(env | cut -d= -f1 | grep -E "${NGINX_ENVSUBST_FILTER:-.*}" || true)
defined=$(for name in $names; do printf '${%s} ' "$name"; done)
for template in "$templates"/*.template; do
    [ -e "$template" ] || continue
    output=/etc/nginx/conf.d/$(basename "$template" .template)
    echo "$0: rendering $template to $output"
    envsubst "$defined" < "$template" > "$output"
done
