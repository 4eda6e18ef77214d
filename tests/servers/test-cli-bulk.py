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
import shlex
import subprocess
import sys
import time
import urllib.parse

CLI = os.environ.get("DAVSCOPE_CLI")
BASE = os.environ.get("DAVSCOPE_TEST_URL")
SEED = os.environ.get("DAVSCOPE_TEST_SEED", "")
TIMEOUT = 240

n_tests = 0
n_failed = 0


def result(ok, description, diag=()):
    global n_tests, n_failed
    n_tests += 1
    print(f"{'ok' if ok else 'not ok'} {n_tests} - {description}", flush=True)
    if not ok:
        n_failed += 1
        for line in diag:
            for sub in str(line).splitlines() or [""]:
                print("# " + sub, flush=True)


def env():
    e = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    e["LANG"] = "C.UTF-8"
    return e


def run(*args):
    argv = [CLI] + list(args)
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env(), timeout=TIMEOUT,
                           start_new_session=True)
        return argv, p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return argv, "timeout", e.stdout or b"", (e.stderr or b"") + f"\n[killed after {TIMEOUT} s]".encode()


def diag(argv, rc, out, err, limit=2000):
    lines = ["command: " + " ".join(shlex.quote(a) for a in argv), f"exit code: {rc}"]
    for label, data in (("stderr", err), ("stdout", out)):
        text = data.decode("utf-8", "replace").strip()
        if text:
            if len(text) > limit:
                text = text[:limit] + f"... [{len(text) - limit} more characters]"
            lines.append(f"{label}: {text}")
    return lines


def main():
    if not CLI or not os.access(CLI, os.X_OK):
        print("1..0 # SKIP DAVSCOPE_CLI is not set to an executable davscope-cli")
        return 0
    if not BASE:
        print("1..0 # SKIP DAVSCOPE_TEST_URL is not set (run under tests/servers/with-apache)")
        return 0
    n = 10000
    if SEED.startswith("bulk:"):
        n = int(SEED.split(":", 1)[1])
    url = BASE + "bulk/"
    expected = {f"f{i:05d}.txt" for i in range(n)}

    t0 = time.monotonic()
    argv, rc, out, err = run("ls", "--json", url)
    wall = time.monotonic() - t0
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    print(f"# ls --json of {n} files: wall time {wall:.2f} s, peak RSS {peak_kib / 1024:.1f} MiB, "
          f"{len(out) / 1048576:.1f} MiB of JSON", flush=True)

    result(rc == 0, f"ls --json of a collection of {n} files exits 0", diag(argv, rc, out, err))
    try:
        d = json.loads(out)
    except ValueError as e:
        result(False, "ls --json prints valid JSON", [str(e)] + diag(argv, rc, out, err))
        print(f"1..{n_tests}")
        return 1
    resources = d.get("resources") or []
    result(d.get("complete") is True and d.get("status") == 207,
           'ls --json: "complete" true, "status" 207',
           [json.dumps({k: v for k, v in d.items() if k != "resources"})])
    result(len(resources) == n + 1, f"ls --json: {n + 1} resources ({n} members + the collection itself)",
           [f"got {len(resources)}"])
    selves = [r for r in resources if r.get("relation") == "self"]
    members = [r for r in resources if r.get("relation") == "member"]
    result(len(selves) == 1 and selves[0].get("collection") is True
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
    result(not missing and not extra and not dups and len(members) == n,
           f"every name f00000.txt..f{n - 1:05d}.txt is listed exactly once as a member",
           [f"members: {len(members)}", f"missing ({len(missing)}): {missing[:10]}",
            f"unexpected ({len(extra)}): {extra[:10]}", f"duplicated ({len(dups)}): {dups[:10]}"])
    bad = [r.get("name") for r in members
           if r.get("collection") is not False or r.get("status") not in (200, None)
           or urllib.parse.unquote(r.get("href", "")).rsplit("/", 1)[-1] != r.get("name")]
    result(not bad, "every member is a file whose href matches its name", [f"{len(bad)} bad: {bad[:10]}"])

    # The human listing: one line per member.
    t0 = time.monotonic()
    argv, rc, out, err = run("ls", url)
    wall = time.monotonic() - t0
    print(f"# human ls of {n} files: wall time {wall:.2f} s", flush=True)
    text = out.decode("utf-8", "replace")
    lines = [line for line in text.splitlines() if line.strip()]
    shown = {line.split()[-1] for line in lines if line.split()}
    result(rc == 0 and len(lines) == n and shown == expected,
           f"human ls exits 0 and prints one line per file ({n} lines)",
           [f"{len(lines)} lines"] + diag(argv, rc, out[:2000], err))

    print(f"1..{n_tests}", flush=True)
    return 1 if n_failed else 0


if __name__ == "__main__":
    sys.exit(main())
