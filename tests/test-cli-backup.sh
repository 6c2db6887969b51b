#!/usr/bin/env bash
# End to end: comptoir-cli backup and restore on real files. TAP output.
# Usage: test-cli-backup.sh PATH/TO/comptoir-cli
set -u
CLI=$1
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
unset COMPTOIR_DB
export COMPTOIR_TODAY=2026-06-15 LC_ALL=C.UTF-8
# The default backup folder is under XDG_DATA_HOME: a throw-away one.
export XDG_DATA_HOME=$work/xdg
DB=$work/company/comptoir.db
mkdir -p "$work/company"
n=0
failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "#   $l"; done; }
run () { OUT=$("$CLI" --db "$DB" "$@" 2>"$work/err"); RC=$?; ERR=$(cat "$work/err"); }
expect_ok () { if [ "$RC" = 0 ]; then ok "$1"; else not_ok "$1" "exit $RC" "stderr: $ERR"; fi; }
expect_refused () {
  if [ "$RC" = 1 ] && [ -z "$OUT" ] && grep -q -- "$2" <<<"$ERR"; then ok "$1"
  else not_ok "$1" "expected exit 1 and a message with '$2'" "got exit $RC, stdout '$OUT', stderr '$ERR'"; fi
}
# Names and checksums of every file in a folder: what "nothing changed" means.
state () { (cd "$1" && find . -type f ! -name err -print0 | sort -z | xargs -0 sha256sum); }

run init; expect_ok "init"
run demo --clients 5 --documents 60 --seed 3; expect_ok "demo data"
run client add --name "Dans la sauvegarde"

# ---------------------------------------------------------------- backup
run backup
expect_ok "backup without --output"
AUTO=$(sed -n 's/^Backed up to //p' <<<"$OUT")
case $AUTO in
  "$XDG_DATA_HOME"/comptoir/backups/comptoir-backup-20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9].db)
    ok "it goes to the backup folder under a dated name saying the company file" ;;
  *) not_ok "it goes to the backup folder under a dated name" "printed: $OUT" ;;
esac
if [ -f "$AUTO" ] && [ -z "$(ls -A "$XDG_DATA_HOME/comptoir/backups" | grep -v '^comptoir-backup-')" ]; then
  ok "the file is there, with no temporary file left beside it"
else not_ok "the file is there, alone" "$(ls -la "$XDG_DATA_HOME/comptoir/backups" 2>&1)"; fi
if [ ! -e "$AUTO-wal" ] && [ ! -e "$AUTO-journal" ]; then ok "the backup is one standalone file"
else not_ok "the backup is one standalone file" "$(ls "$AUTO"*)"; fi

"$CLI" --db "$AUTO" check >/dev/null 2>"$work/err"; rc=$?
if [ "$rc" = 0 ]; then ok "the backup passes check"; else not_ok "the backup passes check" "$(cat "$work/err")"; fi
# (check opened it: it must still be a standalone copy for what follows, so it is copied.)

run backup --output "$work/out/copy.db"
expect_refused "a folder that does not exist is refused" "out"
mkdir -p "$work/out"
run backup --output "$work/out/copy.db"
expect_ok "backup --output FILE"
if [ "$OUT" = "Backed up to $work/out/copy.db" ] && [ -s "$work/out/copy.db" ]; then ok "it says where it went"
else not_ok "it says where it went" "$OUT"; fi
run backup --output "$work/out"
case $OUT in "Backed up to $work/out/comptoir-backup-"*.db) ok "a folder as --output gets the dated name" ;;
  *) not_ok "a folder as --output gets the dated name" "$OUT" ;; esac

before=$(state "$work/company")
run backup --output "$DB"
expect_refused "a backup over the company file itself is refused" "company file itself"
after=$(state "$work/company")
if [ "$before" = "$after" ]; then ok "and the company file is as it was"; else not_ok "the company file is as it was"; fi
run backup extra
if [ "$RC" = 2 ]; then ok "backup with a stray argument is a usage error"; else not_ok "usage error" "exit $RC"; fi

# ---------------------------------------------------------------- restore
cp "$work/out/copy.db" "$work/saved.db"
run client add --name "Seulement dans le fichier courant"
run restore "$work/saved.db"
expect_ok "restore FILE (the company file from --db)"
ASIDE=$(sed -n 's/^The former file is kept as //p' <<<"$OUT")
case $ASIDE in
  "$DB".before-restore-20*) ok "the former file is kept aside under a dated name" ;;
  *) not_ok "the former file is kept aside under a dated name" "$OUT" ;;
esac
run client list
if grep -q "Dans la sauvegarde" <<<"$OUT" && ! grep -q "Seulement dans le fichier courant" <<<"$OUT"; then
  ok "the company file is now the backup"
else not_ok "the company file is now the backup" "$OUT"; fi
OUT=$("$CLI" --db "$ASIDE" client list 2>&1)
if grep -q "Seulement dans le fichier courant" <<<"$OUT"; then ok "the newer data is in the file kept aside"
else not_ok "the newer data is in the file kept aside" "$OUT"; fi
run check; expect_ok "the restored file passes check"

# restore --db TARGET, where there is no file yet (a new computer)
OUT=$("$CLI" restore "$work/saved.db" --db "$work/new/comptoir.db" 2>"$work/err"); RC=$?
if [ "$RC" = 1 ] && grep -q "new" "$work/err"; then ok "restore into a folder that does not exist is refused"
else not_ok "restore into a missing folder is refused" "exit $RC $(cat "$work/err")"; fi
mkdir -p "$work/new"
OUT=$("$CLI" restore "$work/saved.db" --db "$work/new/comptoir.db" 2>"$work/err"); RC=$?
if [ "$RC" = 0 ] && [ -s "$work/new/comptoir.db" ] && ! grep -q "kept as" <<<"$OUT"; then
  ok "restore --db TARGET where there was no file puts it there"
else not_ok "restore --db TARGET" "exit $RC $OUT $(cat "$work/err")"; fi

# refused backups change nothing, byte for byte
python3 - "$work/saved.db" "$work/damaged.db" <<'PY'
import sys
data = bytearray(open(sys.argv[1], 'rb').read())
page = 4096
for i in range(3 * page, min(len(data), 6 * page)):
    data[i] = 0x5a
open(sys.argv[2], 'wb').write(data)
PY
printf 'not a database\n' >"$work/notes.db"
sqlite3 "$work/foreign.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1);" 2>/dev/null \
  || python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE t (x)'); c.commit()" "$work/foreign.db"
before=$(state "$work")
run restore "$work/damaged.db"
expect_refused "a damaged backup is refused" "damaged"
run restore "$work/notes.db"
expect_refused "a file that is not a database is refused" "not a Comptoir file"
run restore "$work/foreign.db"
expect_refused "another program's database is refused" "another program"
run restore "$work/missing.db"
expect_refused "a backup that does not exist is refused" "missing.db"
run restore "$DB"
expect_refused "the company file itself is not a backup" "company file itself"
after=$(state "$work")
if [ "$before" = "$after" ]; then ok "every refusal left every file byte for byte"
else not_ok "every refusal left every file byte for byte" "$(diff <(echo "$before") <(echo "$after"))"; fi
run restore
if [ "$RC" = 2 ]; then ok "restore without a file is a usage error"; else not_ok "usage error" "exit $RC"; fi

echo "1..$n"
[ "$failed" = 0 ]
