#!/usr/bin/env bash
# run-window-bench.sh [--runs N] [--in-place] [--only startup|journey] [--set KEY=VALUE]...
#                     [--bare] DATABASE [BENCH-JOURNEY OPTIONS...]
#
# The window's benchmarks (bench-startup, then bench-journey) in its steady state, as on the
# computer of someone who uses Comptoir every day, not on a first run. Run it in the build
# environment: ./dev exec bench/run-window-bench.sh /tmp/big.db
#
#  - Everything happens in throw-away XDG folders, a private D-Bus session with its own
#    unlocked gnome-keyring and a virtual display (xvfb-run), removed afterwards.
#  - Settings go through GSettings' keyfile backend, with automatic-backups=false: the daily
#    backup (20 s after opening, a verified copy of the whole file: minutes at a million
#    documents) would otherwise run during the measures. --set adds a setting (e.g.
#    --set "last-page='invoices'" to start on the Invoices list).
#  - --bare: bench-startup also starts a bare libadwaita window the same way, the reference
#    for first frames, each start of comptoir followed by one of it, and gives the ratio
#    of the medians.
#  - DATABASE is copied first (cp --reflink=auto, beside it in /tmp: the first opening
#    writes the file), unless --in-place.
#  - The copy is opened once before anything is measured (bench-journey --prepare): the
#    window's opening check seals a file from before the seal, with a key put in this
#    keyring, after walking its whole chain (17 s at a million documents on one core). Every
#    opening after that finds the file sealed and its key in the keyring, as a user's does.
set -euo pipefail
runs=9
in_place=
only=
settings=
bare=
while [ $# -gt 0 ]; do
  case $1 in
    --set) settings="$settings$2"$'\n'; shift 2 ;;
    --bare) bare=1; shift ;;
    --runs) runs=$2; shift 2 ;;
    --in-place) in_place=1; shift ;;
    --only) only=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { sed -n '2,3p' "$0" | sed 's/^# //' >&2; exit 2; }
database=$(realpath "$1"); shift
[ -f "$database" ] || { echo "run-window-bench.sh: no file $database" >&2; exit 2; }

scratch=$(mktemp -d /tmp/comptoir-window-bench-XXXXXX)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch"/{data,cache,runtime,config/glib-2.0/settings}
chmod 700 "$scratch/runtime"
cat >"$scratch/config/glib-2.0/settings/keyfile" <<'KEYFILE'
[io/github/comptoir/Comptoir]
automatic-backups=false
KEYFILE
printf '%s' "$settings" >>"$scratch/config/glib-2.0/settings/keyfile"
if [ -n "$in_place" ]; then
  file=$database
else
  file=$scratch/$(basename "$database")
  echo "(copying $database: $(du -h "$database" | cut -f1))"
  cp --reflink=auto "$database" "$file"
fi

export XDG_DATA_HOME=$scratch/data XDG_CONFIG_HOME=$scratch/config XDG_CACHE_HOME=$scratch/cache
export XDG_RUNTIME_DIR=$scratch/runtime GSETTINGS_BACKEND=keyfile
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY

inner=$(cat <<'INNER'
set -e
file=$1 runs=$2 only=$3 bare=$4; shift 4
eval "$(printf 'comptoir-bench' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
export GNOME_KEYRING_CONTROL
echo "== Machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== First opening, not measured (the opening check seals a file from before the seal):"
bench-journey --prepare "$file"
if [ "$only" != journey ]; then
  if [ -n "$bare" ]; then
    echo "== bench-startup --runs $runs, each start followed by one of a bare libadwaita window (the reference)"
    bench-startup --runs "$runs" --reference "$(command -v bench-bare-window)" "$file"
  else
    echo "== bench-startup --runs $runs"
    bench-startup --runs "$runs" "$file"
  fi
fi
if [ "$only" != startup ]; then
  echo "== bench-journey $*"
  bench-journey "$@" "$file"
fi
INNER
)
xvfb-run -a -s "-screen 0 1440x900x24" dbus-run-session -- bash -c "$inner" bash "$file" "$runs" "$only" "$bare" "$@"
