#!/usr/bin/env bash
# End to end: comptoir-cli document check ID [--json] lists the EN 16931 / BR-FR rules a
# validated e-invoice breaks (rule, business term, message), exit 0 when none, 1 otherwise.
# TAP output. Usage: test-cli-rules.sh PATH/TO/comptoir-cli
set -u
CLI=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export COMPTOIR_TODAY=2026-06-15 LC_ALL=C.UTF-8
DB=$work/r.db
n=0
failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "#   $l"; done; }
run () { OUT=$("$CLI" --db "$DB" "$@" 2>"$work/err"); RC=$?; ERR=$(cat "$work/err"); }
json_is () {
  got=$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); print(repr(($2)))" "$OUT" 2>&1)
  if [ "$got" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $3" "got:      $got"; fi
}

run init
run company set name="Atelier Dupont" siren=732829320 vat_number=FR44732829320 address="1 rue Haute" \
  postcode=69001 city=Lyon country=FR
run client add --name "Alpha SARL" --kind company --email compta@alpha.example; C1=$OUT
invoice () { # exemption-code-or-empty -> validated invoice id
  run document new --kind invoice --client "$C1" --date 2026-06-01 --due 2026-07-01; local id=$OUT
  run document add-line "$id" --description Travaux --unit-price 400 --vat 20
  if [ -n "$1" ]; then run document add-line "$id" --description Hors --unit-price 10 --vat 0 --exemption "$1"; fi
  run document validate "$id" --confirm-date; echo "$id"
}
GOOD=$(invoice "")
OUTSIDE=$(invoice VATEX-EU-O)

run document check "$GOOD"
if [ "$RC" = 0 ] && grep -q "No EN 16931" <<<"$OUT"; then ok "a sound invoice breaks no rule"
else not_ok "a sound invoice breaks no rule" "exit $RC" "out: $OUT" "err: $ERR"; fi
run document check "$GOOD" --json
json_is "its JSON is an empty list" 'd' "[]"

run document check "$OUTSIDE"
# (and, beside a taxed line, BR-O-11 and BR-O-12: outside VAT is invoiced alone)
if [ "$RC" = 1 ] && grep -q "^BR-O-02 *BT-31 " <<<"$OUT"; then ok "a line outside VAT with a seller VAT number is BR-O-02 on BT-31"
else not_ok "a line outside VAT with a seller VAT number is BR-O-02 on BT-31" "exit $RC" "out: $OUT" "err: $ERR"; fi
run document check "$OUTSIDE" --json
json_is "the JSON gives rule, field and message" '[(v["rule"], v["field"], bool(v["message"])) for v in d]' \
  "[('BR-O-02', 'BT-31', True), ('BR-O-11', 'BG-23', True), ('BR-O-12', 'BT-151', True)]"

# A draft: what stands between it and its validation, its number aside.
run client add --name "Beta SAS" --kind company; C2=$OUT
run document new --kind invoice --client "$C2" --date 2026-06-01 --due 2026-07-01; DRAFT=$OUT
run document add-line "$DRAFT" --description Travaux --unit-price 400 --vat 20
run document check "$DRAFT" --json
json_is "a draft for a client with neither SIREN nor email: BR-FR-12, and no BR-02 for its number" \
  'sorted(set(v["rule"] for v in d))' "['BR-FR-12']"
json_is "each rule says where it is put right, and how" '[(v["fix"], v["remedy"]) for v in d]' \
  "[('client', 'Enter the client’s email or SIREN on its record.')]"
# Validation checks the same rules: refused, with the remedy, and no number taken.
run document validate "$DRAFT" --confirm-date
if [ "$RC" = 1 ] && grep -q "would refuse" <<<"$ERR" && grep -q "on its record. (BR-FR-12)" <<<"$ERR"; then
  ok "validating the draft is refused with the rule and what to change"
else not_ok "validating the draft is refused with the rule and what to change" "exit $RC" "err: $ERR"; fi
run document show "$DRAFT" --json
json_is "the refused draft has no number" '(d["status"], d["number"])' "('draft', None)"
run client edit "$C2" email=compta@beta.example
run document check "$DRAFT"
if [ "$RC" = 0 ]; then ok "with the client's email, the draft breaks no rule"
else not_ok "with the client's email, the draft breaks no rule" "exit $RC" "out: $OUT" "err: $ERR"; fi

run document new --kind quote --client "$C1"; Q=$OUT
run document check "$Q"
if [ "$RC" = 1 ] && grep -q "e-invoices" <<<"$ERR"; then ok "a quote is refused: not an e-invoice"
else not_ok "a quote is refused: not an e-invoice" "exit $RC" "err: $ERR"; fi
run client add --name "Jeanne Petit" --kind individual; P=$OUT
run document new --kind invoice --client "$P" --date 2026-06-10; PI=$OUT
run document add-line "$PI" --description Travaux --unit-price 120 --vat 20
run document check "$PI" --json
if [ "$RC" = 0 ] && [ "$OUT" = "[]" ]; then
  ok "a consumer's invoice keeps EN 16931, not the network's BR-FR rules: no address asked"
else not_ok "a consumer's invoice keeps EN 16931, not the network's BR-FR rules: no address asked" "exit $RC" "out: $OUT" "err: $ERR"; fi
run document validate "$PI" --confirm-date
if [ "$RC" = 0 ] && grep -q "FA-" <<<"$OUT"; then ok "and it is numbered without an electronic address"
else not_ok "and it is numbered without an electronic address" "exit $RC" "out: $OUT" "err: $ERR"; fi
run document export-xml "$PI" --output "$work/p.xml"
if [ "$RC" = 0 ] && grep -q "Jeanne Petit" "$work/p.xml" && ! grep -q "URIUniversalCommunication" <(sed -n '/BuyerTradeParty/,/\/ram:BuyerTradeParty/p' "$work/p.xml"); then
  ok "its Factur-X names the buyer, with no electronic address"
else not_ok "its Factur-X names the buyer, with no electronic address" "exit $RC" "err: $ERR"; fi
# The public validators: EN 16931 and Factur-X pass; BR-FR-12 (BT-49) is the network's rule.
CHECK=$(dirname "$0")/../../shared/validation/facturx/check-facturx
run document render "$PI" --output "$work/p.pdf"
report=$("$CHECK" "$work/p.pdf" 2>&1)
if grep -q "en16931 schematron: ok" <<<"$report" && grep -q "factur-x schematron: ok" <<<"$report" &&
   grep -q "br-fr schematron: 1 failed rule" <<<"$report" && grep -q "BR-FR-12_BT-49" <<<"$report"; then
  ok "the validators pass its Factur-X on EN 16931; only the network's BT-49 is missing"
else not_ok "the validators pass its Factur-X on EN 16931; only the network's BT-49 is missing" "$report"; fi
run document check
if [ "$RC" = 2 ]; then ok "no id is a usage error"; else not_ok "no id is a usage error" "exit $RC"; fi

OUT=$("$CLI" --version); RC=$?
if [ "$RC" = 0 ] && grep -q "^E-invoice rules: EN 16931 (CEN), BR-FR 1.4.0.01 (FNFE-MPE)$" <<<"$OUT"; then
  ok "--version names the rule sets it implements"
else not_ok "--version names the rule sets it implements" "exit $RC" "out: $OUT"; fi

echo "1..$n"
[ "$failed" = 0 ]
