#!/usr/bin/env python3
"""davscope-cli on a collection of 10,000 files (Apache mod_dav).

Run by tests/servers/meson.build as

    with-apache --seed bulk:10000 -- tests/servers/test-cli-bulk.py

with DAVSCOPE_CLI set to the built davscope-cli.  Prints TAP and exits 1
when any test failed.  Wall time and peak RSS of the listing are reported
as a TAP diagnostic only (no assertion on them).  Python standard library
only.
"""

import json
import os
import resource
import sys
import urllib.parse

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
import davtest  # noqa: E402

BASE = os.environ.get("DAVSCOPE_TEST_URL")
SEED = os.environ.get("DAVSCOPE_TEST_SEED", "")
TIMEOUT = 240

T = davtest.Tap()


def main():
    if davtest.cli_missing():
        return 0
    if not BASE:
        print("1..0 # SKIP DAVSCOPE_TEST_URL is not set (run under tests/servers/with-apache)")
        return 0
    n = 10000
    if SEED.startswith("bulk:"):
        n = int(SEED.split(":", 1)[1])
    url = BASE + "bulk/"
    expected = {f"f{i:05d}.txt" for i in range(n)}

    run = davtest.cli("ls", "--json", url, timeout=TIMEOUT)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    print(f"# ls --json of {n} files: wall time {run.seconds:.2f} s, peak RSS {peak_kib / 1024:.1f} MiB, "
          f"{len(run.out_bytes) / 1048576:.1f} MiB of JSON", flush=True)

    T.check(run.rc == 0, f"ls --json of a collection of {n} files exits 0", run)
    if run.json_error is not None:
        T.check(False, "ls --json prints valid JSON", run)
        return T.finish()
    d = run.json()
    resources = d.get("resources") or []
    T.ok(d.get("complete") is True and d.get("status") == 207,
         'ls --json: "complete" true, "status" 207',
         [json.dumps({k: v for k, v in d.items() if k != "resources"})])
    T.ok(len(resources) == n + 1, f"ls --json: {n + 1} resources ({n} members + the collection itself)",
         [f"got {len(resources)}"])
    selves = [r for r in resources if r.get("relation") == "self"]
    members = [r for r in resources if r.get("relation") == "member"]
    T.ok(len(selves) == 1 and selves[0].get("collection") is True
         and urllib.parse.unquote(selves[0].get("path", "")).rstrip("/").endswith("/bulk"),
         'exactly one resource is the collection itself (relation "self")',
         [json.dumps(selves)[:2000]])
    names = [r.get("name") for r in members]
    counts = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    missing = sorted(expected - set(counts))
    extra = sorted(set(counts) - expected)
    dups = sorted(k for k, v in counts.items() if v > 1)
    T.ok(not missing and not extra and not dups and len(members) == n,
         f"every name f00000.txt..f{n - 1:05d}.txt is listed exactly once as a member",
         [f"members: {len(members)}", f"missing ({len(missing)}): {missing[:10]}",
          f"unexpected ({len(extra)}): {extra[:10]}", f"duplicated ({len(dups)}): {dups[:10]}"])
    bad = [r.get("name") for r in members
           if r.get("collection") is not False or r.get("status") not in (200, None)
           or urllib.parse.unquote(r.get("href", "")).rsplit("/", 1)[-1] != r.get("name")]
    T.ok(not bad, "every member is a file whose href matches its name", [f"{len(bad)} bad: {bad[:10]}"])

    # The human listing: one line per member.
    run = davtest.cli("ls", url, timeout=TIMEOUT)
    print(f"# human ls of {n} files: wall time {run.seconds:.2f} s", flush=True)
    lines = [line for line in run.out.splitlines() if line.strip()]
    shown = {line.split()[-1] for line in lines if line.split()}
    T.check(run.rc == 0 and len(lines) == n and shown == expected,
            f"human ls exits 0 and prints one line per file ({n} lines)", run, [f"{len(lines)} lines"])
    return T.finish()


if __name__ == "__main__":
    sys.exit(main())
