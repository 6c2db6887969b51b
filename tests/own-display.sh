#!/usr/bin/env bash
# Runs a test on an X display of its own. The suite runs two tests side by side on one
# virtual display (run-headless.sh), where a window that appears takes the input focus from
# the other test's window; a test that types with the keyboard needs its window to stay
# active. Xvfb picks a free display itself (-displayfd), so tests started together cannot
# take the same one.
# Usage: own-display.sh COMMAND [ARGS...]
set -u
command -v Xvfb >/dev/null || exec "$@"
fifo=$(mktemp -u /tmp/comptoir-display.XXXXXX)
mkfifo "$fifo"
Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$fifo" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$fifo"' EXIT
read -r number <"$fifo" || { echo "own-display.sh: Xvfb did not start" >&2; exit 1; }
DISPLAY=:$number "$@"
