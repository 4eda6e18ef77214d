#!/usr/bin/env python3
"""Counts test cases in a meson test log: each TAP line of a TAP test,
one case for any other test. Prints "N passed, N failed, N skipped".
Exits 1 when something failed or nothing ran."""

import json
import re
import sys

passed = failed = skipped = 0
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        test = json.loads(line)
        result = test.get("result")
        tap = [l for l in (test.get("stdout") or "").splitlines()
               if re.match(r"^(not )?ok \d+", l)]
        if tap and result not in ("TIMEOUT", "ERROR"):
            for l in tap:
                if re.search(r"#\s*skip", l, re.I):
                    skipped += 1
                elif l.startswith("not ok") and not re.search(r"#\s*todo", l, re.I):
                    failed += 1
                else:
                    passed += 1
            # A crash after the last TAP line still fails the program.
            if result == "FAIL" and not any(l.startswith("not ok") for l in tap):
                failed += 1
        elif result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1

print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
