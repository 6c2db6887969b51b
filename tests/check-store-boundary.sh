#!/bin/sh
# Only the store (src/core/store/) may talk to SQLite (issue 11): a file outside it that
# names sqlite3 fails. tests/store-boundary-allowed.txt would list a file whose SQL is still
# moving in (none any more: keep it empty); a listed file that no longer reaches SQLite fails
# too (take it off the list). This test is the guard: SQLite is the store's private
# dependency in meson, but its header and library would be found from anywhere all the same
# (src/core/meson.build).
# The build runs it too (src/core/meson.build), with STAMP: a file outside the store that
# names sqlite3 fails the build, not only the tests.
# Usage: check-store-boundary.sh SOURCE_ROOT [STAMP]
root=$1
stamp=$2
allowed=$root/tests/store-boundary-allowed.txt
now=$(cd "$root" && grep -rl "sqlite3" src --include='*.c' --include='*.h' | grep -v '^src/core/store/' | sort)
status=0
for f in $now; do
  grep -qx "$f" "$allowed" || { echo "$f reaches SQLite outside src/core/store/: move its SQL into the store"; status=1; }
done
for f in $(cat "$allowed"); do
  echo "$now" | grep -qx "$f" || { echo "$f no longer reaches SQLite: take it off tests/store-boundary-allowed.txt"; status=1; }
done
[ $status -eq 0 ] && echo "ok: $(echo "$now" | grep -c .) files outside the store still reach SQLite"
[ $status -eq 0 ] && [ -n "$stamp" ] && : > "$stamp"
exit $status
