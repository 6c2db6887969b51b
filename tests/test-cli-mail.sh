#!/usr/bin/env bash
# End to end: the mail account as a user sets it up from the command line. Its settings are
# the company's mail_* fields; its password goes into the keyring from standard input, never
# the command line; `mail test` logs in to a real SMTP server on 127.0.0.1 (aiosmtpd,
# smtp-server.py) and sends nothing. Its user, marie-cli, is its own: the tests share the
# session's keyring and run side by side. TAP output.
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
coproc SMTP { python3 "$SERVER" "$work/messages" --auth marie-cli:pain-de-mie; }
read -r word PORT <&"${SMTP[0]}"
trap 'exec {SMTP[1]}>&-; wait; rm -rf "$work"' EXIT

run init
run mail test
expect "without an account, mail test says where to set it up" 1 "Preferences, Email"
run company set mail_host=127.0.0.1 mail_security=none "mail_port=$PORT" mail_user=marie-cli \
  mail_from_address=marie@boulangerie-martin.fr "mail_from_name=Boulangerie Martin"
expect "company set takes the mail account" 0 ""
run company show --json
got=$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); print(d['mail_host'], d['mail_port'], d['mail_security'], d['mail_user'])" "$OUT")
if [ "$got" = "127.0.0.1 $PORT none marie-cli" ]; then ok "company show gives the account"
else not_ok "company show gives the account" "got: $got"; fi
run company set mail_host=smtp.example.fr
expect "no encryption to another computer is refused" 1 "only allowed to this computer"
run company set mail_from_address=marie
expect "a sender that is not an address is refused" 1 "email"

run mail test
expect "with no password in the keyring, mail test says so" 1 "No password is stored for marie-cli"
OUT=$(printf 'baguette\n' | "$CLI" --db "$DB" mail password set 2>"$work/err"); RC=$?; ERR=$(cat "$work/err")
expect "mail password set reads standard input" 0 "is in the keyring"
run mail test
expect "a wrong password is refused in words" 1 "refused"
OUT=$(printf 'pain-de-mie\n' | "$CLI" --db "$DB" mail password set 2>"$work/err"); RC=$?; ERR=$(cat "$work/err")
run mail test
expect "mail test logs in" 0 "answers on port $PORT and accepts marie-cli"
if [ -z "$(ls "$work/messages")" ]; then ok "mail test sent nothing"
else not_ok "mail test sent nothing" "$(ls "$work/messages")"; fi
if ! grep -q "pain-de-mie" "$DB"* 2>/dev/null; then ok "the password is nowhere in the company file"
else not_ok "the password is nowhere in the company file"; fi
OUT=$("$CLI" --db "$DB" mail password set </dev/null 2>"$work/err"); RC=$?; ERR=$(cat "$work/err")
expect "no password on standard input is refused" 1 "No password on standard input"
# --- a document sent by email: its PDF (Factur-X), recorded beside it
run company set "name=Boulangerie Martin" siren=732829320
run client add --name "Hôtel du Parc" --email "compta@hotel-du-parc.fr, direction@hotel-du-parc.fr"; C=$OUT
run document new --kind invoice --client "$C"; INV=$OUT
run document add-line "$INV" --description "Pains" --quantity 10 --unit-price 12.50 --vat 5.5
run document email "$INV"
expect "a draft is not sent: it has no number" 1 "validate it before sending"
run document validate "$INV"; NUMBER=$OUT
run document email "$INV"
expect "document email sends the invoice and prints the message's id" 0 "^1$"
got=$(python3 - "$work/messages/1.json" <<'PY'
import json, sys, base64
m = json.load(open(sys.argv[1]))
a = m["attachments"][0]
print(sorted(m["rcpt_tos"]), a["filename"], a["content_type"], base64.b64decode(a["data"])[:5], "131,88" in m["text"], m["subject"])
PY
)
want="['compta@hotel-du-parc.fr', 'direction@hotel-du-parc.fr'] $NUMBER.pdf application/pdf b'%PDF-' True Facture $NUMBER – Boulangerie Martin"
if [ "$got" = "$want" ]; then ok "the client's addresses get the PDF under its number, with the amount in the letter"
else not_ok "the client's addresses get the PDF under its number, with the amount in the letter" "want: $want" "got:  $got"; fi
run document emails "$INV" --json
got=$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); print([(m['state'], m['to'], m['attachment'], m['sent_at'] is not None) for m in d])" "$OUT")
if [ "$got" = "[('sent', 'compta@hotel-du-parc.fr, direction@hotel-du-parc.fr', '$NUMBER.pdf', True)]" ]; then ok "document emails records it as sent"
else not_ok "document emails records it as sent" "got: $got"; fi
# Garbage for a recipient: refused before anything is recorded or sent.
run document email "$INV" --to "pas une adresse"
expect "a recipient that is not an address is refused in words" 1 "is not an email address"
run document emails "$INV" --json
got=$(python3 -c "import json,sys; print(len(json.loads(sys.argv[1])))" "$OUT")
if [ "$got" = 1 ]; then ok "the refused recipient recorded nothing"; else not_ok "the refused recipient recorded nothing" "got $got messages"; fi
# A mailbox the server refuses: recorded failed, with why.
run document email "$INV" --to nobody@example.fr
expect "a refused mailbox is said in words" 1 "refused"
# Refused again, and the file refuses to note it (a trigger, as a full disk would): both said.
sqlite3 "$DB" "CREATE TRIGGER refuse_failed BEFORE UPDATE OF state ON mail_messages WHEN new.state = 'failed'
  BEGIN SELECT RAISE (ABORT, 'the disk is full'); END"
run document email "$INV" --to nobody@example.fr
expect "a refusal that cannot be noted is said with why it was not noted" 1 "refused.*could not be noted in the file.*the disk is full.*outbox"
sqlite3 "$DB" "DROP TRIGGER refuse_failed; DELETE FROM mail_messages WHERE id = (SELECT max (id) FROM mail_messages)"
# The server down: the message waits in the outbox, and leaves once the server is back.
run company set "mail_port=$((PORT + 1))"
run document email "$INV" --to autre@example.fr --subject "Relance"
expect "a server that does not answer: the message waits in the outbox" 1 "waits in the outbox.*cannot be reached"
run document emails "$INV" --json
got=$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); print([(m['state'], m['to'], m['subject'], bool(m['error'])) for m in d][1:])" "$OUT")
if [ "$got" = "[('failed', 'nobody@example.fr', 'Facture $NUMBER – Boulangerie Martin', True), ('queued', 'autre@example.fr', 'Relance', True)]" ]; then ok "the refused message is failed, the unsent one queued, each with why"
else not_ok "the refused message is failed, the unsent one queued, each with why" "got: $got"; fi
if [ ! -e "$work/messages/2.json" ]; then ok "nothing else reached the server"; else not_ok "nothing else reached the server"; fi
run mail outbox
expect "mail outbox lists what waits" 0 "autre@example.fr  Relance"
run mail flush
expect "mail flush while the server is still down sends nothing and says why" 1 "0 messages sent"
run company set "mail_port=$PORT"
run mail flush
expect "mail flush sends what waited once the server is back" 0 "1 message sent from the outbox"
got=$(python3 -c "import json; m=json.load(open('$work/messages/2.json')); print(m['rcpt_tos'], m['subject'], m['attachments'][0]['filename'])")
if [ "$got" = "['autre@example.fr'] Relance $NUMBER.pdf" ]; then ok "the server received the waiting message, with its PDF"
else not_ok "the server received the waiting message, with its PDF" "got: $got"; fi
run mail outbox
if [ "$RC" = 0 ] && [ -z "$OUT" ]; then ok "the outbox is empty"; else not_ok "the outbox is empty" "out: $OUT"; fi

run mail password clear
expect "mail password clear" 0 "no longer in the keyring"
run mail test
expect "after clear, mail test asks for the password again" 1 "No password is stored"
run mail frobnicate
expect "an unknown subcommand is a usage error" 2 "mail password set"

echo "1..$n"
[ "$failed" = 0 ]
