#!/usr/bin/env bash
# Says whether plugins built below DIR (default: the working directory) may load: DIR and every
# directory above it must be owned by root or by the user running this, and writable by nobody else
# unless sticky (like /tmp: nobody else can rename an entry in it). The host judges the same way
# (host/plugins/FilePermissions.cpp; docs/security.md). Exit 0 when they may; 1, naming the
# directory at fault, when not.
set -euo pipefail
dir=$(cd -- "${1:-.}" && pwd -P)
self=$(id -u)
while :; do
  read -r owner mode < <(stat -c '%u %a' -- "$dir")
  mode=$((8#$mode))
  if [[ $owner != 0 && $owner != "$self" ]]; then
    echo "trusted-tree: $dir is owned by uid $owner, neither root nor uid $self" >&2
    exit 1
  fi
  if (((mode & 8#022) != 0 && (mode & 8#1000) == 0)); then
    printf 'trusted-tree: %s is writable by its group or others (mode %04o)\n' "$dir" "$mode" >&2
    exit 1
  fi
  [[ $dir == / ]] && exit 0
  dir=$(dirname -- "$dir")
done
