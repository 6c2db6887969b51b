#!/usr/bin/env bash
# Runs the test suite headless: a virtual X display (Xvfb), a private D-Bus session with an
# unlocked gnome-keyring (for libsecret), GSETTINGS_BACKEND=memory and throw-away XDG
# folders, so nothing of the person running it is read or written.
# Usage: run-headless.sh BUILD_DIR [meson test arguments...]
# Last line: "N passed, N failed" (", N skipped" when some were); exit 0 when none failed.
set -u
build=$1; shift
here=$(cd "$(dirname "$0")" && pwd)

scratch=$(mktemp -d /tmp/comptoir-tests.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch"/{data,config,cache,runtime}
chmod 700 "$scratch/runtime"
export XDG_DATA_HOME=$scratch/data XDG_CONFIG_HOME=$scratch/config XDG_CACHE_HOME=$scratch/cache
export XDG_RUNTIME_DIR=$scratch/runtime
export GSETTINGS_BACKEND=memory
export NO_AT_BRIDGE=0
unset DISPLAY WAYLAND_DISPLAY
# The tests set LC_ALL=C.UTF-8 (tests/meson.build); a LANGUAGE of the person running them
# would still translate their messages, and their bus is not the tests' one.
unset LANGUAGE DBUS_SESSION_BUS_ADDRESS

inner=$(cat <<'INNER'
eval "$(printf 'comptoir-tests' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)" || true
export GNOME_KEYRING_CONTROL
meson test -C "$0" --print-errorlogs --num-processes 2 "$@"
INNER
)

xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- bash -c "$inner" "$build" "$@"
meson_status=$?

python3 "$here/summarize-tests.py" "$build/meson-logs/testlog.json"
summary_status=$?
if [ $summary_status -ne 0 ] || [ $meson_status -ne 0 ]; then
  exit 1
fi
exit 0
