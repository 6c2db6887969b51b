#!/usr/bin/env bash
# End to end: the mail account as a user sets it up from the command line. Its settings are
# the company's mail_* fields; its password goes into the keyring from standard input, never
# the command line; `mail test` logs in to a real SMTP server on 127.0.0.1 (aiosmtpd,
# smtp-server.py) and sends nothing. TAP output.
# Usage: test-cli-mail.sh PATH/TO/comptoir-cli PATH/TO/smtp-server.py
set -u
CLI=$1
SERVER=$2
work=$(mktemp -d)
export LC_ALL=C.UTF-8
DB=$work/m.db
n=0
failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "#   $l"; done; }
run () { OUT=$("$CLI" --db "$DB" "$@" 2>"$work/err"); RC=$?; ERR=$(cat "$work/err"); }
expect () { # description rc pattern-in-out-or-err
  if [ "$RC" = "$2" ] && grep -q -- "$3" <<<"$OUT$ERR"; then ok "$1"
  else not_ok "$1" "expected exit $2 and '$3'" "exit $RC, out: $OUT" "err: $ERR"; fi
}

mkdir -p "$work/messages"
coproc SMTP { python3 "$SERVER" "$work/messages" --auth marie:pain-de-mie; }
read -r word PORT <&"${SMTP[0]}"
trap 'exec {SMTP[1]}>&-; wait; rm -rf "$work"' EXIT

run init
run mail test
expect "without an account, mail test says where to set it up" 1 "Preferences, Email"
run company set mail_host=127.0.0.1 mail_security=none "mail_port=$PORT" mail_user=marie \
  mail_from_address=marie@boulangerie-martin.fr "mail_from_name=Boulangerie Martin"
expect "company set takes the mail account" 0 ""
run company show --json
got=$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); print(d['mail_host'], d['mail_port'], d['mail_security'], d['mail_user'])" "$OUT")
if [ "$got" = "127.0.0.1 $PORT none marie" ]; then ok "company show gives the account"
else not_ok "company show gives the account" "got: $got"; fi
run company set mail_host=smtp.example.fr
expect "no encryption to another computer is refused" 1 "only allowed to this computer"
run company set mail_from_address=marie
expect "a sender that is not an address is refused" 1 "email"

run mail test
expect "with no password in the keyring, mail test says so" 1 "No password is stored for marie"
OUT=$(printf 'baguette\n' | "$CLI" --db "$DB" mail password set 2>"$work/err"); RC=$?; ERR=$(cat "$work/err")
expect "mail password set reads standard input" 0 "is in the keyring"
run mail test
expect "a wrong password is refused in words" 1 "refused"
OUT=$(printf 'pain-de-mie\n' | "$CLI" --db "$DB" mail password set 2>"$work/err"); RC=$?; ERR=$(cat "$work/err")
run mail test
expect "mail test logs in" 0 "answers on port $PORT and accepts marie"
if [ -z "$(ls "$work/messages")" ]; then ok "mail test sent nothing"
else not_ok "mail test sent nothing" "$(ls "$work/messages")"; fi
if ! grep -q "pain-de-mie" "$DB"* 2>/dev/null; then ok "the password is nowhere in the company file"
else not_ok "the password is nowhere in the company file"; fi
OUT=$("$CLI" --db "$DB" mail password set </dev/null 2>"$work/err"); RC=$?; ERR=$(cat "$work/err")
expect "no password on standard input is refused" 1 "No password on standard input"
run mail password clear
expect "mail password clear" 0 "no longer in the keyring"
run mail test
expect "after clear, mail test asks for the password again" 1 "No password is stored"
run mail frobnicate
expect "an unknown subcommand is a usage error" 2 "mail password set"

echo "1..$n"
[ "$failed" = 0 ]
