#!/usr/bin/env python3
"""Counts test cases in meson test logs (testlog.json, one or more): each
TAP line of a TAP test, one case for any other test. Prints
"N passed, N failed, N skipped". Exits 1 when something failed or
nothing ran."""

import json
import re
import sys

TAP = re.compile(r"^(not )?ok \d+")


def count(test):
    """(passed, failed, skipped) of one test of the log."""
    result = test.get("result")
    tap = [l for l in (test.get("stdout") or "").splitlines() if TAP.match(l)]
    if not tap:
        if result in ("OK", "EXPECTEDFAIL"):
            return 1, 0, 0
        if result == "SKIP":
            return 0, 0, 1
        return 0, 1, 0
    passed = failed = skipped = 0
    for line in tap:
        if re.search(r"#\s*skip", line, re.I):
            skipped += 1
        elif line.startswith("not ok") and not re.search(r"#\s*todo", line, re.I):
            failed += 1
        else:
            passed += 1
    # A crash after the last TAP line still fails the program.
    if result in ("FAIL", "ERROR", "TIMEOUT") and failed == 0:
        failed += 1
    return passed, failed, skipped


totals = [0, 0, 0]
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as log:
        for line in log:
            for i, n in enumerate(count(json.loads(line))):
                totals[i] += n

print(f"{totals[0]} passed, {totals[1]} failed, {totals[2]} skipped")
sys.exit(1 if totals[1] or totals[0] == 0 else 0)
