#!/usr/bin/env bash
# check-facturx-batch.sh FILE.xml ...  (CII XML files, all in one folder)
#
# The checks of check-facturx (../shared/validation/facturx) for CII files, with the same
# artifacts and the same report (the file, its failed rules "    ID location: text", then
# PASS or FAIL), made for many files at once: each of the three schematrons is compiled once
# and run over the whole folder by one Saxon process, and xmllint checks every file against
# the XSD in one call, instead of three JVM starts per file (about 15 s a file on two shared
# cores). The differential test of the rule engine runs it on 100 documents and compares its
# verdicts with check-facturx's own on a few of them.
# FACTURX_DIR: the folder of check-facturx (default: beside $COMPTOIR_CHECK_FACTURX).
set -u
here=${FACTURX_DIR:-$(dirname "${COMPTOIR_CHECK_FACTURX:-/nonexistent/check-facturx}")}
saxon=${SAXON_JAR:-/usr/share/java/Saxon-HE.jar}
for tool in xmllint java; do
  command -v "$tool" >/dev/null || { echo "check-facturx-batch: $tool is missing" >&2; exit 2; }
done
[ -f "$saxon" ] || { echo "check-facturx-batch: $saxon is missing" >&2; exit 2; }
[ -d "$here/schematron" ] || { echo "check-facturx-batch: no validation set in $here" >&2; exit 2; }
[ $# -gt 0 ] || { echo "usage: check-facturx-batch.sh FILE.xml ..." >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
for file in "$@"; do
  ln -s "$(cd "$(dirname "$file")" && pwd)/$(basename "$file")" "$work/in/$(basename "$file")"
done

# xmllint prints "FILE validates" or "FILE fails to validate" for each file
xmllint --noout --schema "$here/xsd/Factur-X_EN16931.xsd" "$work"/in/* >"$work/xsd.out" 2>&1

stylesheets=(FACTUR-X_EN16931 EN16931-CII-validation BR-FR-Flux2-Schematron-CII)
labels=("factur-x schematron" "en16931 schematron" "br-fr schematron")
for i in 0 1 2; do
  mkdir -p "$work/out$i"
  if ! java -jar "$saxon" -s:"$work/in" -xsl:"$here/schematron/${stylesheets[$i]}.xslt" \
       -o:"$work/out$i" 2>"$work/saxon$i.err"; then
    echo "check-facturx-batch: ${labels[$i]} could not run: $(tail -n 2 "$work/saxon$i.err" | tr '\n' ' ')" >&2
    exit 2
  fi
done

# The failed asserts of one SVRL report, as check-facturx prints them.
failed_rules() {
  tr '\n' ' ' <"$1" | grep -o '<svrl:failed-assert[^>]*>.*\?</svrl:failed-assert>' |
    sed 's#</svrl:failed-assert>#&\n#g' | grep -v 'flag="warning"' |
    sed -n 's#.*<svrl:failed-assert[^>]*id="\([^"]*\)"[^>]*location="\([^"]*\)".*<svrl:text>\(.*\)</svrl:text>.*#\1 \2: \3#p; s#.*<svrl:failed-assert[^>]*location="\([^"]*\)"[^>]*>.*<svrl:text>\(.*\)</svrl:text>.*#? \1: \2#p' |
    sed "s/\*:\([A-Za-z]*\)\[namespace-uri()='[^']*'\]\[1\]/\1/g; s/\*:\([A-Za-z]*\)\[namespace-uri()='[^']*'\]/\1/g; s/[[:space:]][[:space:]]*/ /g"
}

status=0
for file in "$@"; do
  name=$(basename "$file")
  echo "$file"
  ok=1
  if grep -qF "$work/in/$name validates" "$work/xsd.out"; then
    echo "  xsd (Factur-X 1.09 EN 16931): ok"
  else
    echo "  xsd (Factur-X 1.09 EN 16931): invalid"
    grep -F "$work/in/$name:" "$work/xsd.out" | sed 's/^/    /' | head -n 20
    ok=0
  fi
  for i in 0 1 2; do
    report="$work/out$i/$name"
    if [ ! -s "$report" ]; then
      echo "  ${labels[$i]}: no report"
      ok=0
      continue
    fi
    failed=$(failed_rules "$report")
    count=$(printf '%s\n' "$failed" | sed '/^$/d' | wc -l)
    if [ "$count" -gt 0 ]; then
      echo "  ${labels[$i]}: $count failed rule(s)"
      printf '%s\n' "$failed" | sed '/^$/d; s/^/    /' | head -n 40
      ok=0
    else
      echo "  ${labels[$i]}: ok"
    fi
  done
  if [ $ok = 1 ]; then echo "PASS $file"; else echo "FAIL $file"; status=1; fi
done
exit $status
