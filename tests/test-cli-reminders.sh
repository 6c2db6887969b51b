#!/usr/bin/env bash
# End to end: payment reminders from the state of the books, as a user drives them from the
# command line against a real SMTP server on 127.0.0.1 (smtp-server.py) and the real keyring.
# "Today" moves with --today (the app closed in between: nothing runs on a timer); a level is
# never sent twice nor skipped; the third is the formal notice, with its letter as a PDF and
# the late-payment penalties of art. L441-10 and D441-5. Its keyring user, marie-reminders,
# is its own. TAP output.
# Usage: test-cli-reminders.sh PATH/TO/comptoir-cli PATH/TO/smtp-server.py
set -u
CLI=$1
SERVER=$2
work=$(mktemp -d)
export LC_ALL=C.UTF-8
DB=$work/r.db
n=0
failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "#   $l"; done; }
run () { OUT=$("$CLI" --db "$DB" "$@" 2>"$work/err"); RC=$?; ERR=$(cat "$work/err"); }
expect () { # description rc pattern-in-out-or-err
  if [ "$RC" = "$2" ] && grep -q -- "$3" <<<"$OUT$ERR"; then ok "$1"
  else not_ok "$1" "expected exit $2 and '$3'" "exit $RC, out: $OUT" "err: $ERR"; fi
}
check () { # description want got
  if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "want: $2" "got:  $3"; fi
}
levels () { # the reminders due on day $1, as "number:level ..."
  run reminder list --today "$1" --json
  python3 -c "import json,sys; print(' '.join('%s:%d' % (r['number'], r['next_level']) for r in json.loads(sys.argv[1])))" "$OUT"
}

mkdir -p "$work/messages"
coproc SMTP { python3 "$SERVER" "$work/messages" --auth marie-reminders:pain-de-mie; }
read -r word PORT <&"${SMTP[0]}"
trap 'exec {SMTP[1]}>&-; wait; rm -rf "$work"' EXIT

run init
run company set "name=Boulangerie Martin" siren=732829320 city=Lyon address="3 rue des Fours" \
  postcode=69002 iban=FR7630006000011234567890189 bic=AGRIFRPP
run mail configure --host 127.0.0.1 --port "$PORT" --security none --from marie@boulangerie-martin.fr \
  --name "Boulangerie Martin" --user marie-reminders
expect "mail configure sets the account" 0 ""
run mail configure --host smtp.example.fr --security none --from marie@boulangerie-martin.fr
expect "mail configure refuses no encryption to another computer" 1 "only allowed to this computer"
run mail configure --host 127.0.0.1
expect "mail configure without a sender is a usage error" 2 "mail configure"
OUT=$(printf 'pain-de-mie\n' | "$CLI" --db "$DB" mail set-password 2>"$work/err"); RC=$?; ERR=$(cat "$work/err")
expect "mail set-password reads standard input" 0 "is in the keyring"

run client add --name "Hôtel du Parc" --email compta@hotel-du-parc.fr; BIZ=$OUT
run client add --name "Jeanne Petit" --kind individual --email jeanne@example.fr; PERSON=$OUT
new_invoice () { # client, amount: a validated invoice dated 2026-01-10, due 30 days later
  run document new --kind invoice --client "$1" --date 2026-01-10; local id=$OUT
  run document add-line "$id" --description "Viennoiseries" --quantity 1 --unit-price "$2" --vat 5.5
  COMPTOIR_TODAY=2026-01-10 run document validate "$id" --date 2026-01-10
  echo "$id"
}
A=$(new_invoice "$BIZ" 1000.00)
run document show "$A" --json
A_NUMBER=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['number'])" "$OUT")
A_DUE=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['due_date'])" "$OUT")
check "the invoice is due 30 days after its date" "2026-02-09" "$A_DUE"
B=$(new_invoice "$PERSON" 200.00)
run document show "$B" --json
B_NUMBER=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['number'])" "$OUT")

# --- which reminder, when
check "nothing is due before the due date" "" "$(levels 2026-02-09)"
check "nor within the first week after it" "" "$(levels 2026-02-15)"
check "a week after the due date, level 1 for both" "$A_NUMBER:1 $B_NUMBER:1" "$(levels 2026-02-16)"
check "months later with the app closed: still level 1, never skipped" "$A_NUMBER:1 $B_NUMBER:1" "$(levels 2026-06-01)"
run reminder send "$A" --today 2026-02-09
expect "a reminder before the invoice is late is refused" 1 "is not late"
run reminder send "$A" --today 2026-02-16
expect "reminder send sends level 1" 0 "^1$"
got=$(python3 - "$work/messages/1.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
text = m["text"].replace("\u202f", " ").replace("\xa0", " ")
print(m["rcpt_tos"], m["subject"], [a["filename"] for a in m["attachments"]],
      "1 055,00 €" in text, "FR76 3000 6000 0112 3456 7890 189" in text)
PY
)
check "level 1 reaches the client with the invoice, the amount owed and how to pay" \
  "['compta@hotel-du-parc.fr'] Rappel : facture $A_NUMBER arrivée à échéance ['$A_NUMBER.pdf'] True True" "$got"
check "once level 1 is sent, A waits; B still needs its level 1" "$B_NUMBER:1" "$(levels 2026-02-17)"
run reminder send "$A" --today 2026-02-17
expect "the next level can be sent early on purpose" 0 "^2$"
run document emails "$A" --json
got=$(python3 -c "import json,sys; print([(m['state'], m['reminder_level'], m['server_answer'][:3]) for m in json.loads(sys.argv[1])])" "$OUT")
check "both reminders are in the invoice's messages, with their level and the server's answer" \
  "[('sent', 1, '250'), ('sent', 2, '250')]" "$got"
run reminder show "$A" --today 2026-02-20 --json
got=$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); print(d['level_sent'], d['last_sent_on'], d['next_level'], d['next_on'], d['due'])" "$OUT")
check "level 3 is planned 14 days after level 2" "2 2026-02-17 3 2026-03-03 False" "$got"
check "and is due on that day" "$A_NUMBER:3 $B_NUMBER:1" "$(levels 2026-03-03)"

# --- the penalties (art. L441-10, D441-5): ECB rate in force on 1 January 2026 (2.15 %)
# + 10 points = 12.15 % a year, on 1 055.00 for 22 days: 1055 * 0.1215 * 22 / 365 = 7.73
run reminder show "$A" --today 2026-03-03 --json
got=$(python3 -c "import json,sys; p=json.loads(sys.argv[1])['penalties']; print(p['interest'], p['rate'], p['days_late'], p['recovery_indemnity'])" "$OUT")
check "the penalties to date: legal rate, days late, 40 € indemnity" "7.73 12.15 22 40.00" "$got"
run reminder show "$B" --today 2026-03-03 --json
got=$(python3 -c "import json,sys; p=json.loads(sys.argv[1])['penalties']; print(p['interest'], p['recovery_indemnity'])" "$OUT")
check "a consumer owes no commercial penalties" "0.00 0.00" "$got"
run company set late_interest_rate=15
run reminder show "$A" --today 2026-03-03 --json
got=$(python3 -c "import json,sys; p=json.loads(sys.argv[1])['penalties']; print(p['interest'], p['rate'], p['agreed_rate'])" "$OUT")
# 1055 * 0.15 * 22 / 365 = 9.538 -> 9.54
check "the rate agreed in the terms replaces the legal one" "9.54 15 True" "$got"
run company set late_interest_rate=0

# --- level 3: the formal notice, with its letter
run reminder send "$A" --today 2026-03-03
expect "reminder send sends level 3" 0 "^3$"
python3 - "$work/messages/3.json" "$work" <<'PY'
import json, sys, base64
m = json.load(open(sys.argv[1]))
for a in m["attachments"]:
    open(sys.argv[2] + "/" + a["filename"], "wb").write(base64.b64decode(a["data"]))
print(m["subject"], file=open(sys.argv[2] + "/subject", "w"))
print(m["text"], file=open(sys.argv[2] + "/text", "w"))
PY
check "level 3 is the formal notice" "Mise en demeure de payer – facture $A_NUMBER" "$(cat "$work/subject")"
if [ -f "$work/$A_NUMBER.pdf" ] && [ -f "$work/mise-en-demeure-$A_NUMBER.pdf" ]; then
  ok "it carries the invoice and the letter"
else not_ok "it carries the invoice and the letter" "$(ls "$work")"; fi
letter=$(pdftotext -layout "$work/mise-en-demeure-$A_NUMBER.pdf" - 2>/dev/null | tr -s ' ')
for want in "Mise en demeure\|mise en demeure" "$A_NUMBER" "1 055,00" "7,73" "40,00" "1 102,73" "11/03/2026" "L441-10" "D441-5"; do
  if grep -q -- "$want" <<<"$letter"; then ok "the letter states $want"
  else not_ok "the letter states $want" "$letter"; fi
done
if grep -q "L441-10" "$work/text" && grep -q "7,73" "$work/text"; then ok "the message states the penalties too"
else not_ok "the message states the penalties too" "$(cat "$work/text")"; fi
run document show "$A" --json
got=$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); print(d.get('total') or d.get('gross') or d.get('amount_due'))" "$OUT")
check "the penalties are never added to the invoice" "1055.00" "$got"
run reminder send "$A" --today 2026-04-01
expect "after the formal notice there is no reminder left" 1 "formal notice for $A_NUMBER has been sent already"
check "A is no longer listed" "$B_NUMBER:1" "$(levels 2026-04-01)"

# --- the wording is the user's: templates per purpose and language
run mail template set reminder-1 --subject "Petit rappel : {number}" --body "Bonjour {cliente},"
expect "a template naming an unknown placeholder is refused in words" 1 "{cliente} is not a placeholder"
run mail template show reminder-1
expect "and nothing changed" 0 "^Rappel : facture {number} arrivée à échéance"
run mail template set reminder-1 --subject "Petit rappel : {number}" --body "Bonjour {client},
il reste {balance} à régler sur la facture {number}.
{payment_details}
{signature}"
expect "mail template set takes the user's wording" 0 ""
run mail template show reminder-1 --preview
expect "show --preview fills it for a made-up invoice" 0 "Petit rappel : FA-2026-0042"
run mail template list
expect "list says which wording is the user's" 0 "reminder-1   fr  own"
run mail template show reminder-1 --language en
expect "the English one is still Comptoir's" 0 "^Reminder: invoice {number} is past due"
run mail template set reminder-9 --subject x
expect "an unknown purpose is a usage error" 2 "is not a purpose"

# --- nothing is sent twice, and failures keep nothing
run company set "mail_port=$((PORT + 1))"
run reminder send "$B" --today 2026-03-03
expect "the server down: the reminder waits in the outbox" 1 "waits in the outbox"
check "a reminder waiting in the outbox is not due again" "" "$(levels 2026-03-04)"
run reminder send "$B" --today 2026-03-04
expect "no further reminder while the last one waits in the outbox" 1 "waits in the outbox"
run company set "mail_port=$PORT"
run outbox send
expect "outbox send delivers it once the server answers" 0 "1 message sent from the outbox"
got=$(python3 -c "import json; m=json.load(open('$work/messages/4.json')); print(m['rcpt_tos'], m['subject'])")
check "the consumer gets level 1, in the user's wording" "['jeanne@example.fr'] Petit rappel : $B_NUMBER" "$got"
got=$(python3 -c "import json; m=json.load(open('$work/messages/4.json')); t=m['text'].replace('\u202f',' ').replace('\xa0',' '); print(t.splitlines()[0], '|', t.splitlines()[1])")
check "its letter is the user's, filled in" "Bonjour Jeanne Petit, | il reste 211,00 € à régler sur la facture $B_NUMBER." "$got"
run mail template reset reminder-1
run mail template show reminder-1
expect "reset brings Comptoir's wording back" 0 "^Rappel : facture {number} arrivée à échéance"
# Written while the server was down, paid before it came back: it never leaves.
run company set "mail_port=$((PORT + 1))"
run reminder send "$B" --today 2026-03-20
expect "level 2 waits in the outbox" 1 "waits in the outbox"
run payment add --client "$PERSON" --amount 211.00 --date 2026-03-21 --allocate "$B"
expect "the client pays" 0 ""
run company set "mail_port=$PORT"
run outbox send
expect "the outbox does not send a reminder of a paid invoice" 0 "0 messages sent"
if [ ! -e "$work/messages/5.json" ]; then ok "nothing reached the client"; else not_ok "nothing reached the client"; fi
run document emails "$B" --json
got=$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); print([(m['state'], 'paid since' in (m['error'] or '')) for m in d])" "$OUT")
check "the reminder is failed, with why" "[('sent', False), ('failed', True)]" "$got"
check "a paid invoice needs no reminder" "" "$(levels 2026-06-01)"
run reminder send "$B" --today 2026-06-01
expect "nor can one be sent" 1 "is paid"
run document email "$A" --template reminder-1
expect "a reminder's wording is not a document's template" 1 "is not a document’s message"
run document email "$A" --template credit_note --to archives@boulangerie-martin.fr
expect "document email --template takes another document's wording" 0 ""
last=$(ls "$work/messages" | sort -n | tail -1)
got=$(python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print(m['text'].splitlines()[2][:40])" "$work/messages/$last")
check "the message says what the template says" "Veuillez trouver ci-joint notre avoir FA" "$got"

# Garbage at each new entry point: said in words, nothing written.
run reminder list --today 31/02/2026
expect "a date that does not exist is refused" 2 "is not a date"
run company set late_interest_rate=abc
expect "a late-payment rate that is not a number is refused" 1 "is not a percentage"
run company set late_interest_rate=150
expect "a rate over 100 % is refused" 1 "between 0 and 100"
run mail configure --host 127.0.0.1 --port 99999 --from marie@boulangerie-martin.fr
expect "a port that is not one is a usage error" 2 "0 to 65535"
run mail configure --host 127.0.0.1 --security ftp --from marie@boulangerie-martin.fr
expect "an unknown security is refused" 1 "is not one of tls, starttls or none"
run mail template set invoice --subject ""
expect "an empty subject is refused" 1 "The subject is empty"
run mail template set invoice --body "Bonjour {client"
expect "an open brace is refused" 1 "A brace is left open"
run mail template set invoice --language de --subject x
expect "a language without messages is refused" 1 "not a language of the messages"
run company show --json
got=$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); print(d['late_interest_rate'], d['mail_host'], d['mail_security'])" "$OUT")
check "none of it changed the company" "0 127.0.0.1 none" "$got"
run mail template list
expect "nor the templates" 0 "invoice      fr  built-in"
run reminder send 999
expect "a document that does not exist is said so" 1 "999"
run reminder frobnicate
expect "an unknown subcommand is a usage error" 2 "reminder list"

echo "1..$n"
[ "$failed" = 0 ]
