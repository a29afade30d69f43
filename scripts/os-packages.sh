#!/usr/bin/env bash
# Makes sure the commands a step needs are installed, from the OS's packages (Debian and Ubuntu names): installs the
# missing ones when this may (as root, or through sudo once the user agrees at a terminal); otherwise prints the one
# command that would, and fails. Used by ./run.sh (nginx) and by the tests' build (./mvnw verify).
#   scripts/os-packages.sh FOR COMMAND[:PACKAGE]...
#   scripts/os-packages.sh "the UI's web server" nginx
#   scripts/os-packages.sh "deploy-checks' validators" node:nodejs npm docker-compose
set -euo pipefail
for=$1
shift
missing=()
for wanted in "$@"; do
    command -v "${wanted%%:*}" >/dev/null || missing+=("${wanted#*:}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
    echo "Needed for $for and not installed: ${missing[*]}. Install with your system's package manager, then try again." >&2
    exit 1
fi
install="apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing[*]}"
answer=n
if [ "$(id -u)" = 0 ]; then
    answer=y
elif [ -t 0 ] && command -v sudo >/dev/null; then
    read -r -p "Needed for $for and not installed: ${missing[*]}. Install with sudo ($install)? [y/N] " answer
fi
case $answer in
    [yY]*)
        echo "Installing ${missing[*]}: $install"
        if [ "$(id -u)" = 0 ]; then sh -c "$install" >/dev/null; else sudo sh -c "$install" >/dev/null; fi ;;
    *)
        echo "Needed for $for and not installed: ${missing[*]}. Install, then try again: sudo sh -c '$install'" >&2
        exit 1 ;;
esac
