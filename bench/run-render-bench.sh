#!/usr/bin/env bash
# run-render-bench.sh [COUNT] [WKHTMLTOPDF_RUNS]
#
# The rendering benchmark in one report: Comptoir's renderer (bench-render: COUNT one-page
# invoices to PDF/A-3 with Factur-X in one process, invoices per second, peak and resident
# memory), run in the build environment through ./dev, then wkhtmltopdf (what Odoo uses) on
# an HTML version of one of those invoices, run on the host (Debian 13 has no wkhtmltopdf;
# Debian 12 has: apt-get install wkhtmltopdf). Both figures come from the same run.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-1000}
runs=${2:-20}
dir=$(mktemp -d /tmp/comptoir-bench-render-XXXXXX)
trap 'rm -rf "$dir"' EXIT

echo "== Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "== Comptoir (cairo + Pango + libxml2 + qpdf)"
"$here/dev" exec bench-render --count "$count" --dir "$dir" --html-runs "$runs" 2> >(grep -v '^\[dev\]\|^.\[1m\[dev\]' >&2)

echo "== wkhtmltopdf, the same invoice as HTML"
if ! command -v wkhtmltopdf >/dev/null; then
  echo "  wkhtmltopdf is not installed on this host (apt-get install wkhtmltopdf on Debian 12)"
  exit 0
fi
export QT_QPA_PLATFORM=offscreen
wkhtmltopdf --quiet -s A4 "$dir/invoice.html" "$dir/warm-up.pdf" 2>/dev/null || true
start=$(date +%s.%N)
for i in $(seq 1 "$runs"); do
  wkhtmltopdf --quiet -s A4 "$dir/invoice.html" "$dir/wk-$i.pdf" 2>/dev/null
done
end=$(date +%s.%N)
awk -v n="$runs" -v s="$start" -v e="$end" \
  'BEGIN { t = e - s; printf "  %d conversions in %.2f s: %.2f invoices per second (%.0f ms each)\n", n, t, n / t, 1000 * t / n }'
