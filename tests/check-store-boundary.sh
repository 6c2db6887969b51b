#!/bin/sh
# Only the store (src/core/store/) may talk to SQLite (issue 11). The files outside it that
# still do are listed in tests/store-boundary-allowed.txt while they move; the list only
# shrinks: a new file that reaches SQLite fails, and so does a listed file that no longer
# does (take it off the list).
# Usage: check-store-boundary.sh SOURCE_ROOT
root=$1
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
exit $status
