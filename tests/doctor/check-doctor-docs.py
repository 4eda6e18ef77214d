#!/usr/bin/env python3
"""docs/doctor.md's table of checks is the code's: the same ids, in the
order of src/core/dav-doctor-checks.c, with the same group and writes, and
each line's text the check's summary.  Prints TAP.

    check-doctor-docs.py SOURCE_ROOT
"""

import os
import re
import sys

GROUPS = {"CONNECTION": "connection", "AUTH": "auth", "OPTIONS": "options", "PROPFIND": "propfind",
          "CONTENT": "content", "FOLDERS": "folders", "FILES": "files", "PROPERTIES": "properties",
          "COPY_MOVE": "copy-move", "DELETE": "delete", "LOCKS": "locks"}


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(
        os.path.dirname(os.path.realpath(__file__))))
    with open(os.path.join(root, "src/core/dav-doctor-checks.c"), encoding="utf-8") as f:
        code = f.read()
    with open(os.path.join(root, "docs/doctor.md"), encoding="utf-8") as f:
        doc = f.read()
    in_code = [(m.group(1), GROUPS[m.group(2)], m.group(3) == "TRUE", m.group(4))
               for m in re.finditer(r'\{ "([^"]+)", DAV_DOCTOR_GROUP_(\w+), (TRUE|FALSE),\s*'
                                    r'N_\("[^"]*"\),\s*N_\("([^"]*)"\)', code)]
    in_doc = [(m.group(1), m.group(2), m.group(3) == "yes", m.group(4))
              for m in re.finditer(r"^\| `([a-z0-9-]+)` \| ([a-z-]+) \| (yes|) ?\| (.*) \|$", doc, re.M)]
    n = 0
    failed = 0

    def ok(cond, text, diag=()):
        nonlocal n, failed
        n += 1
        print(f"{'ok' if cond else 'not ok'} {n} - {text}")
        if not cond:
            failed += 1
            for line in diag:
                print(f"# {line}")

    ok(len(in_code) > 20, f"the table of checks read from the code ({len(in_code)} checks)")
    ok([c[0] for c in in_doc] == [c[0] for c in in_code], "docs/doctor.md lists the same checks in the same order",
       [f"code: {[c[0] for c in in_code]}", f"docs: {[c[0] for c in in_doc]}"])
    for code_row, doc_row in zip(in_code, in_doc):
        ok(code_row == doc_row, f"{code_row[0]}: group, writes and summary as in the code",
           [f"code: {code_row}", f"docs: {doc_row}"])
    print(f"1..{n}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
