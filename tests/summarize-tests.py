#!/usr/bin/env python3
"""Counts test cases from meson's testlog.json and prints "N passed, N failed".

GTest programs run with --tap: each "ok"/"not ok" line is one case. Other tests (shell
scripts) count as one case each, or per TAP line when they print TAP too. A program that
crashed or timed out counts as one more failure, so a crash can never pass silently."""
import json
import re
import sys

passed = failed = skipped = 0
failures = []
try:
    with open(sys.argv[1], encoding="utf-8") as log:
        entries = [json.loads(line) for line in log if line.strip()]
except OSError as error:
    print(f"no test log: {error}")
    print("0 passed, 1 failed")
    sys.exit(1)

for entry in entries:
    name = entry.get("name", "?")
    result = entry.get("result", "")
    out = entry.get("stdout", "") or ""
    tap = re.findall(r"^(ok|not ok)\b[^\n#]*(#\s*(SKIP|TODO)[^\n]*)?", out, re.M)
    if tap:
        for status, _directive, kind in tap:
            if kind == "SKIP":
                skipped += 1
            elif status == "ok":
                passed += 1
            else:
                failed += 1
                failures.append(name)
        if result not in ("OK", "EXPECTEDFAIL", "SKIP") and not any(s == "not ok" for s, _, _ in tap):
            failed += 1
            failures.append(f"{name} ({result})")
    elif result == "OK":
        passed += 1
    elif result == "SKIP":
        skipped += 1
    else:
        failed += 1
        failures.append(f"{name} ({result})")

if failures:
    print("failed: " + ", ".join(sorted(set(failures))))
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or not entries else 0)
