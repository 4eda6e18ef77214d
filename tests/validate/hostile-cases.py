#!/usr/bin/env python3
"""tests/hostile-cases.tsv maps every case of docs/hostile-servers.md to its tests.

Fails (TAP) when a case 1..40 has no row or no test, or when a listed test
does not exist: a GTest path must be registered by a test program under
tests/ (g_test_add*, or one of the families registered in a loop), a
python test must be a file under tests/, and FILE.py:NAME a function
defined in it. Also fails when docs/hostile-servers.md does not have the
forty cases in order, each under "### Case N. TITLE" with the title of the
table, and a "Tests:" paragraph naming exactly the tests of its row.

    hostile-cases.py SOURCE_ROOT
"""

import glob
import os
import re
import sys

N_CASES = 40


def gtest_paths(top):
    """Every GTest path the C tests register, literal or generated."""
    paths = set()
    literal = re.compile(r'\b(?:g_test_add_func|g_test_add_data_func|g_test_add|ADD)\s*\(\s*"([^"]+)"')
    for source in glob.glob(os.path.join(top, "tests", "**", "*.c"), recursive=True):
        with open(source, encoding="utf-8", errors="replace") as f:
            text = f.read()
        paths.update(literal.findall(text))

    # Families registered in a loop over a table or a directory.
    href = os.path.join(top, "tests", "core", "test-href.c")
    if os.path.exists(href):
        with open(href, encoding="utf-8") as f:
            text = f.read()
        table = text[text.find("cases[] = {"):]
        table = table[:table.find("\n};")]
        for label in re.findall(r'^\s*\{\s*"([^"]+)"', table, re.M):
            paths.add("/href/resolve/" + label)
    multistatus = os.path.join(top, "tests", "core", "test-multistatus.c")
    if os.path.exists(multistatus):
        with open(multistatus, encoding="utf-8") as f:
            for name in re.findall(r'^\s*\.fixture = "([^"]+)"', f.read(), re.M):
                paths.add("/multistatus/" + name)
    for fixture in glob.glob(os.path.join(top, "tests", "fixtures", "207", "*.xml")):
        name = os.path.basename(fixture)[:-len(".xml")]
        paths.add("/multistatus/chunking/" + name)
        paths.add("/multistatus/streaming/" + name)
    return paths


def python_test_exists(top, ident):
    path, _, func = ident.partition(":")
    full = os.path.join(top, path)
    if not os.path.isfile(full):
        return False, f"{path} does not exist"
    if func:
        with open(full, encoding="utf-8") as f:
            if not re.search(r"^\s*def\s+" + re.escape(func) + r"\s*\(", f.read(), re.M):
                return False, f"{path} defines no function {func}"
    return True, ""


def doc_cases(path):
    """{case: (title, [tests])} from the "### Case N. TITLE" sections of the
    doc, the tests being the `quoted` words of the paragraph that starts
    with "Tests:"; and the case numbers in the order they appear."""
    cases = {}
    order = []
    heading = re.compile(r"^### Case (\d+)\. (.+?)\s*$")
    current = None
    in_tests = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            m = heading.match(line)
            if m:
                current = int(m.group(1))
                order.append(current)
                cases[current] = (m.group(2), [])
                in_tests = False
                continue
            if line.startswith("#"):
                current = None
                in_tests = False
                continue
            if current is None:
                continue
            if line.startswith("Tests:"):
                in_tests = True
            elif not line.strip():
                in_tests = False
            if in_tests:
                cases[current][1].extend(re.findall(r"`([^`]+)`", line))
    return cases, order


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    table = os.path.join(top, "tests", "hostile-cases.tsv")
    rows = {}
    problems = []
    with open(table, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#") or line.startswith("case\t"):
                continue
            fields = line.split("\t")
            if len(fields) != 3 or not fields[0].isdigit():
                problems.append(f"line {number}: expected CASE<TAB>TITLE<TAB>TESTS: {line!r}")
                continue
            case = int(fields[0])
            if case in rows:
                problems.append(f"line {number}: case {case} appears twice")
            rows[case] = (fields[1], fields[2].split())

    known = gtest_paths(top)
    n = 0
    failed = 0

    def result(ok, text, diag=()):
        nonlocal n, failed
        n += 1
        print(("ok" if ok else "not ok") + f" {n} - {text}")
        for d in diag:
            print(f"#   {d}")
        if not ok:
            failed += 1

    result(not problems, "the table is well formed", problems)
    extra = sorted(c for c in rows if not 1 <= c <= N_CASES)
    result(not extra, f"only cases 1..{N_CASES}", [f"unknown case {c}" for c in extra])

    for case in range(1, N_CASES + 1):
        if case not in rows:
            result(False, f"case {case} has a row")
            continue
        title, tests = rows[case]
        missing = []
        for ident in tests:
            if ident.startswith("/"):
                if ident not in known:
                    missing.append(f"{ident}: no test program registers this path")
            else:
                ok, why = python_test_exists(top, ident)
                if not ok:
                    missing.append(why)
        if not tests:
            result(False, f"case {case} ({title}) has a test", ["no test listed: a gap"])
        else:
            result(not missing, f"case {case} ({title}): {len(tests)} tests, all exist", missing)

    doc = os.path.join(top, "docs", "hostile-servers.md")
    if not os.path.isfile(doc):
        result(False, "docs/hostile-servers.md exists")
    else:
        cases, order = doc_cases(doc)
        result(order == list(range(1, N_CASES + 1)),
               f"docs/hostile-servers.md has cases 1..{N_CASES}, in order, once each",
               [f"found: {order}"] if order != list(range(1, N_CASES + 1)) else [])
        diag = []
        for case in range(1, N_CASES + 1):
            if case not in cases or case not in rows:
                continue
            title, tests = cases[case]
            want_title, want_tests = rows[case]
            if title != want_title:
                diag.append(f"case {case}: the doc says \"{title}\", the table \"{want_title}\"")
            if sorted(set(tests)) != sorted(set(want_tests)):
                only_doc = sorted(set(tests) - set(want_tests))
                only_table = sorted(set(want_tests) - set(tests))
                diag.append(f"case {case}: tests only in the doc {only_doc}, only in the table {only_table}")
        result(not diag, "docs/hostile-servers.md gives each case the title and the tests of the table", diag)

    print(f"1..{n}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
