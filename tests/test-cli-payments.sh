#!/usr/bin/env bash
# End to end: payments, statuses, client balance, deposits tab and dashboard through
# comptoir-cli. TAP output. Usage: test-cli-payments.sh PATH/TO/comptoir-cli
set -u
CLI=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export COMPTOIR_TODAY=2026-06-15 LC_ALL=C.UTF-8
DB=$work/p.db
n=0
failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "#   $l"; done; }

# run CMD...: sets OUT, ERR, RC
run () { OUT=$("$CLI" --db "$DB" "$@" 2>"$work/err"); RC=$?; ERR=$(cat "$work/err"); }
expect_ok () { if [ "$RC" = 0 ]; then ok "$1"; else not_ok "$1" "exit $RC" "stderr: $ERR"; fi; }
expect_refused () {
  if [ "$RC" = 1 ] && [ -z "$OUT" ] && grep -q -- "$2" <<<"$ERR"; then ok "$1"
  else not_ok "$1" "expected exit 1 and a message with '$2'" "got exit $RC, stdout '$OUT', stderr '$ERR'"; fi
}
# jq-like check with python: json_is DESCRIPTION PYTHON-EXPR EXPECTED-REPR
json_is () {
  got=$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); print(repr(($2)))" "$OUT" 2>&1)
  if [ "$got" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $3" "got:      $got"; fi
}

run init; expect_ok "init"
# The seller's identity and the buyers' electronic addresses that validation's e-invoice
# rules ask for (BR-FR-10/12/13).
run company set name="Atelier Test" siren=732829320
run client add --name "Alpha SARL" --kind company --email compta@alpha.example; C1=$OUT
run client add --name "Béa Martin" --kind individual --email bea@example.org; C2=$OUT
invoice () { # client date due unit-price -> validated invoice id
  run document new --kind invoice --client "$1" --date "$2" --due "$3"; local id=$OUT
  run document add-line "$id" --description Travaux --unit-price "$4" --vat 20
  run document validate "$id" --confirm-date; echo "$id"
}
I1=$(invoice "$C1" 2026-02-01 2026-03-03 400)   # 480.00, 104 days late
I2=$(invoice "$C1" 2026-05-01 2026-05-31 100)   # 120.00, 15 days late
I3=$(invoice "$C2" 2026-06-01 2026-07-01 50)    # 60.00, not due

run document show "$I1" --json
json_is "a validated invoice past its due date is overdue" 'd["status"], d["amount_due"]' "('overdue', '480.00')"
run document show "$I3" --json
json_is "before its due date it awaits payment" 'd["status"]' "'awaiting_payment'"
json_is "document show: payment_status, paid, balance, days_late of an invoice not due" \
  '(d["payment_status"], d["paid"], d["balance"], d["days_late"])' "('awaiting', '0.00', '60.00', 0)"
run document show "$I1" --json
json_is "document show: an overdue invoice says how many days late" \
  '(d["payment_status"], d["paid"], d["balance"], d["days_late"])' "('overdue', '0.00', '480.00', 104)"
run document new --kind invoice --client "$C2"; DRAFT=$OUT
run document show "$DRAFT" --json
json_is "document show: a draft is not receivable: payment fields are null" \
  '(d["payment_status"], d["paid"], d["balance"], d["days_late"])' "(None, None, None, None)"
run document delete "$DRAFT"

run payment add --client "$C1" --amount 500 --date 2026-06-10 --mode cheque --reference "CHQ 991" --allocate "$I1:300" --allocate "$I2"
expect_ok "payment add with two allocations prints its id"; P1=$OUT
run document show "$I1" --json
json_is "300 of 480 paid: overdue still (due date passed, balance left)" 'd["status"]' "'overdue'"
run document show "$I2" --json
json_is "the second allocation took the whole 120.00" 'd["status"]' "'paid'"
json_is "document show: a paid invoice has nothing left and is not late" \
  '(d["payment_status"], d["paid"], d["balance"], d["days_late"])' "('paid', '120.00', '0.00', 0)"
run document show "$I1" --json
json_is "document show: partly paid and late" \
  '(d["payment_status"], d["paid"], d["balance"], d["days_late"])' "('overdue', '300.00', '180.00', 104)"
run document list --status paid --json
json_is "document list --status takes a derived status (paid)" '[x["id"] for x in d]' "[$I2]"
run document list --status overdue --kind invoice --json
json_is "document list --status overdue" '[x["id"] for x in d]' "[$I1]"
run document list --status awaiting-payment --json
json_is "document list --status accepts the dashed spelling" '[x["id"] for x in d]' "[$I3]"
run document list --status draft --json
json_is "document list --status draft still works" 'len(d)' "0"
run document list --status bogus
if [ "$RC" = 2 ] && grep -q "overdue" <<<"$ERR"; then ok "an unknown --status is a usage error naming the statuses"
else not_ok "an unknown --status is a usage error naming the statuses" "exit $RC" "stderr: $ERR"; fi
run payment list --json
json_is "payment list: amount, allocated, unallocated, allocations" \
  '(d[0]["amount"], d[0]["allocated"], d[0]["unallocated"], d[0]["mode"], d[0]["reference"], len(d[0]["allocations"]))' \
  "('500.00', '420.00', '80.00', 'cheque', 'CHQ 991', 2)"

before=$("$CLI" --db "$DB" payment list --json)
run payment allocate "$P1" "$I1" 200
expect_refused "allocating more than what is left of the payment is refused" "80.00"
run payment allocate "$P1" "$I3"
expect_refused "allocating to another client's invoice is refused" "client"
run payment add --client "$C1" --amount 12,3.4
expect_refused "a malformed amount is refused" "12,3.4"
run payment add --client "$C1" --amount 10 --mode bitcoin
expect_refused "an unknown mode is refused" "bitcoin"
run payment add --client "$C1" --amount 10 --allocate "$I1:500"
expect_refused "an allocation beyond the balance is refused, payment and all" "left to pay"
after=$("$CLI" --db "$DB" payment list --json)
if [ "$before" = "$after" ]; then ok "refusals changed nothing"; else not_ok "refusals changed nothing"; fi
run payment add --client "$C1"
if [ "$RC" = 2 ]; then ok "payment add without --amount is a usage error"; else not_ok "usage error" "exit $RC"; fi

run payment allocate "$P1" "$I1"
expect_ok "allocating the rest of the payment"
run client balance "$C1" --json
json_is "client balance: invoiced, paid, receivable, overdue, unallocated" \
  '(d["invoiced"], d["paid"], d["receivable"], d["overdue"], d["unallocated"])' \
  "('600.00', '500.00', '100.00', '100.00', '0.00')"

run document mark-paid "$I1" --date 2026-06-14 --mode transfer
expect_ok "mark-paid records a payment of the balance"
run document show "$I1" --json
json_is "marked paid" 'd["status"]' "'paid'"
run document mark-unpaid "$I1"
expect_ok "mark-unpaid"
run document show "$I1" --json
json_is "unpaid again: overdue, and the payments stay as the client's credit" 'd["status"]' "'overdue'"
run client balance "$C1" --json
json_is "the removed allocations are unallocated credit now" '(d["receivable"], d["unallocated"])' "('480.00', '480.00')"
run payment unallocate "$P1" "$I2"
expect_ok "payment unallocate (reverse settlement)"
run payment unallocate "$P1" "$I2"
expect_refused "unallocating twice is refused" "not allocated"

run payment add --client "$C1" --amount -1000
expect_refused "a refund beyond the client's credit is refused" "credit"
run payment add --client "$C1" --amount -100 --date 2026-06-15
expect_ok "a refund within the credit"

run document credit "$I2"; AV=$OUT
run document validate "$AV"
run document show "$I2" --json
json_is "a credited invoice is settled by its credit note" '(d["status"], d["credited_amount"])' "('credited', '120.00')"

run dashboard --json --today 2026-06-15 --from 2026-06-01 --to 2026-06-30
json_is "dashboard: not yet due, overdue, aging over 90 days" \
  '(d["not_yet_due"]["count"], d["not_yet_due"]["amount"], d["overdue"]["count"], d["overdue"]["amount"], d["aging"][3])' \
  "(1, '60.00', 1, '480.00', {'bucket': '90+', 'amount': '480.00'})"
json_is "dashboard: aging is a list of {bucket, amount}" \
  '[(a["bucket"], a["amount"]) for a in d["aging"]]' \
  "[('1-30', '0.00'), ('31-60', '0.00'), ('61-90', '0.00'), ('90+', '480.00')]"
json_is "dashboard: collected {count, amount} and invoiced in the period (credit notes deducted)" \
  '(d["collected"], d["invoiced"]["net"], d["invoiced"]["gross"])' \
  "({'count': 3, 'amount': '500.00'}, '-50.00', '-60.00')"
json_is "dashboard: partially_paid {count, amount}" 'sorted(d["partially_paid"])' "['amount', 'count']"
json_is "dashboard: top_debtors {client_id, name, amount} and the overdue list" \
  '(d["top_debtors"][0]["client_id"], d["top_debtors"][0]["name"], d["top_debtors"][0]["amount"], d["overdue_invoices"][0]["days_late"])' \
  "($C1, 'Alpha SARL', '480.00', 104)"
json_is "dashboard: monthly {month, net}, twelve of them" \
  '(len(d["monthly"]), d["monthly"][-1]["month"], d["monthly"][-1]["net"])' "(12, '2026-06', '-50.00')"
json_is "dashboard: no key outside the contract's names for these figures" \
  '[k for k in ("not_due", "revenue") if k in d]' "[]"
run dashboard --today 2026-06-15 --from 2026-06-01 --to 2026-06-30
got=$(python3 -c '
import sys, unicodedata
lines = [l for l in sys.argv[1].splitlines() if l.lstrip()[:3] in ("1. ", "2. ")]
print(len(lines), len({len(l) for l in lines}), any("Béa Martin" in l for l in lines))' "$OUT")
if [ "$got" = "2 1 True" ]; then ok "dashboard text: columns line up after an accented name"
else not_ok "dashboard text: columns line up after an accented name" "got: $got" "$OUT"; fi
run dashboard --from 2026-07-01 --to 2026-06-01
expect_refused "a period that ends before it starts is refused" "starts after"

run client deposits "$C1" --json
json_is "client deposits: empty with zero totals" '(d["deposits"], d["total"]["gross"])' "([], '0.00')"
run check
expect_ok "check is clean after all of it"

# A mistyped or refused command on a file that did not exist leaves no file behind.
"$CLI" --db "$work/fresh.db" demo --documents abc 2>/dev/null; rc=$?
if [ "$rc" = 2 ] && [ ! -e "$work/fresh.db" ]; then ok "a usage error creates no database file"
else not_ok "a usage error creates no database file" "exit $rc, file: $(ls "$work"/fresh.db* 2>&1)"; fi
"$CLI" --db "$work/fresh2.db" client add --name X --siren 123 2>/dev/null; rc=$?
if [ "$rc" = 1 ] && [ ! -e "$work/fresh2.db" ]; then ok "a refused command creates no database file"
else not_ok "a refused command creates no database file" "exit $rc"; fi
"$CLI" --db "$work/fresh3.db" init >/dev/null; rc=$?
if [ "$rc" = 0 ] && [ -s "$work/fresh3.db" ]; then ok "init still creates the file"
else not_ok "init still creates the file" "exit $rc"; fi

echo "1..$n"
[ "$failed" = 0 ]
