#!/bin/sh
# Copies the UI from SRC into OUT, each file but index.html under a name that carries a hash of its content
# (app.js -> app.0123456789ab.js), and index.html pointing at those names. nginx serves such names with a year-long,
# immutable cache and index.html with no-cache: a new release changes the names, so a browser never runs an old
# script against a new page. Used by the image (Dockerfile) and by ./run.sh; POSIX sh, sha256sum and sed only.
#   sh build-assets.sh SRC OUT
set -eu
src=$1
out=$2
[ -f "$src/index.html" ] || { echo "no index.html in $src" >&2; exit 1; }
mkdir -p "$out"
cp "$src/index.html" "$out/index.html"
for path in "$src"/*; do
    file=${path##*/}
    [ "$file" = index.html ] && continue
    hash=$(sha256sum "$path" | cut -c1-12)
    name=${file%.*}.$hash.${file##*.}
    # Earlier builds' copies of this file go; nothing else in OUT is touched.
    rm -f "$out/${file%.*}".????????????".${file##*.}"
    cp "$path" "$out/$name"
    pattern=$(printf '%s' "$file" | sed 's/[.]/[.]/g')
    grep -q "=\"$pattern\"" "$out/index.html" || { echo "index.html does not use $file" >&2; exit 1; }
    sed -i "s|=\"$pattern\"|=\"$name\"|g" "$out/index.html"
done
