#!/usr/bin/env bash
# bench-check.sh [--reference CHECKOUT] [--full] FILE...
#
# Times `comptoir-cli check` on each company file (10k, 100k, 1M documents: make them with
# `comptoir-cli demo`), wall and CPU seconds, with the load average, run in the build
# environment through ./dev. Each file is copied first (the check opens it for writing; a
# shared file stays untouched) and read once into the kernel's cache (warm, as after any use). --reference runs the same on another checkout's build (main's, in a
# worktree: `git worktree add --detach /tmp/ref main && /tmp/ref/dev build`), side by side.
# --full times `check --full` (SQLite's integrity_check) too.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
reference=
full=
while [ $# -gt 0 ]; do
  case $1 in
    --reference) reference=$(cd "$2" && pwd); shift 2 ;;
    --full) full=1; shift ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: $0 [--reference CHECKOUT] [--full] FILE..." >&2; exit 2; }

dir=$(mktemp -d /tmp/comptoir-bench-check-XXXXXX)
trap 'rm -rf "$dir"' EXIT

# checkout label file [args]: one line of figures.
time_check() {
  local checkout=$1 label=$2 file=$3; shift 3
  local out
  out=$("$checkout/dev" exec bash -c 'TIMEFORMAT="%R %U %S"; { time comptoir-cli --db "$0" check "$@" >/dev/null 2>&1; } 2>&1 | tail -1' \
        "$file" "$@" 2>/dev/null | tail -1)
  read -r wall user sys <<<"$out"
  printf '  %-34s wall %7.2f s  cpu %7.2f s (user %6.2f, sys %6.2f)  load %s\n' "$label" "$wall" \
    "$(echo "$user + $sys" | bc)" "$user" "$sys" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

echo "== Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
for file in "$@"; do
  docs=$("$here/dev" exec sqlite3 "$file" "SELECT count(*) FROM documents" 2>/dev/null | tail -1 || echo "?")
  echo "== $file: $docs documents, $(du -h "$file" | cut -f1)"
  copy=$dir/check.db
  cp --reflink=auto "$file" "$copy"
  for checkout in "$here" $reference; do
    name=$(git -C "$checkout" rev-parse --short HEAD)
    [ "$checkout" = "$here" ] && name="this build ($name)" || name="reference ($name)"
    cat "$copy" >/dev/null   # warm: the file in the kernel's cache, as after any use
    time_check "$checkout" "$name" "$copy"
    if [ -n "$full" ] && [ "$checkout" = "$here" ]; then
      time_check "$checkout" "$name, --full" "$copy" --full
    fi
  done
  rm -f "$copy" "$copy-wal" "$copy-shm"
done
