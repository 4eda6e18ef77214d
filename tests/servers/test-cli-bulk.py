#!/usr/bin/env python3
"""davscope-cli on a collection of 10,000 files (Apache mod_dav), and the
many-items forms of cp, mv, get and put on each real server.

Run by tests/servers/meson.build as

    with-apache --seed bulk:10000 -- tests/servers/test-cli-bulk.py
    with-server KIND --seed none -- tests/servers/test-cli-bulk.py --items

--items: cp/mv SOURCE… COLLECTION/, get URL… DIR and put FILE… COLLECTION/,
each with one item that cannot be done among others that can: that item
is reported where it was given, the others are done (checked on the
server's disk or the local one, content and all), and the exit status is
2; then the same with every item fine (exit 0), with --json and --csv.

with DAVSCOPE_CLI set to the built davscope-cli.  Prints TAP and exits 1
when any test failed.  Wall time and peak RSS of the listing are reported
as a TAP diagnostic only (no assertion on them).  Python standard library
only.
"""

import csv
import io
import json
import os
import resource
import sys
import tempfile
import urllib.parse

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
import davtest  # noqa: E402

BASE = os.environ.get("DAVSCOPE_TEST_URL")
SEED = os.environ.get("DAVSCOPE_TEST_SEED", "")
TIMEOUT = 240

T = davtest.Tap()


ROOT = os.environ.get("DAVSCOPE_TEST_ROOT", "")
SERVER = os.environ.get("DAVSCOPE_TEST_SERVER", "apache")
# Names a server must keep apart and the CLI must escape.
NAMES = ["a plain.txt", "Grüße – ü.md", "写真 #2.jpg", "100% + more.bin"]


def content(name):
    return (name + "\n").encode() * (NAMES.index(name) + 3)


def seed(folder, names):
    """folder under the share, holding names, the server's to change."""
    path = os.path.join(ROOT, folder)
    os.makedirs(path, exist_ok=True)
    for name in names:
        with open(os.path.join(path, name), "wb") as f:
            f.write(content(name))
    st = os.stat(ROOT)
    for dirpath, dirnames, filenames in os.walk(path):
        os.chown(dirpath, st.st_uid, st.st_gid)
        os.chmod(dirpath, 0o777)
        for n in filenames:
            os.chown(os.path.join(dirpath, n), st.st_uid, st.st_gid)
            os.chmod(os.path.join(dirpath, n), 0o666)
    return BASE + urllib.parse.quote(folder) + "/"


def on_disk(folder, name):
    try:
        with open(os.path.join(ROOT, folder, name), "rb") as f:
            return f.read()
    except OSError:
        return None


def results_of(run):
    return run.json().get("results") or []


def check_report(run, form, given, bad, done_outcome="done"):
    """The --json report: one item per given URL, in order, the bad one
    (an index, or None) not done, every other one done."""
    items = results_of(run)
    urls = [i.get("url") for i in items]
    T.ok(len(items) == len(given) and all(davtest.same_url(u, g) for u, g in zip(urls, given)),
         f"{form}: one report item per item given, in the order given", run.diag() + [f"urls: {urls}"])
    outcomes = [i.get("outcome") for i in items]
    want = ["not done" if k == bad else done_outcome for k in range(len(given))]
    got = ["not done" if o != done_outcome else o for o in outcomes]
    T.ok(got == want, f"{form}: the refused item is reported as not done, every other as done",
         [f"outcomes: {outcomes}", f"wanted: {want}"])


def test_copy_or_move(verb):
    move = verb == "mv"
    src = seed(f"{verb}-src", NAMES)
    dst = seed(f"{verb}-dst", [])
    missing = src + urllib.parse.quote("not here.txt")
    given = [davtest.url_of(src, n) for n in NAMES[:2]] + [missing] + [davtest.url_of(src, n) for n in NAMES[2:]]
    run = davtest.cli(verb, "--json", *given, dst)
    T.check(run.rc == 2, f"{verb} SOURCE… COLLECTION/ with one missing source exits 2", run)
    check_report(run, f"{verb} --json", given, 2)
    bad = results_of(run)[2] if len(results_of(run)) > 2 else {}
    T.ok(bad.get("status") == 404 and bad.get("outcome") == "failed",
         f"{verb}: the missing source is failed with the server's 404", [json.dumps(bad)[:800]])
    dests = [i.get("destination") for i in results_of(run)]
    T.ok(all(davtest.same_url(d, davtest.url_of(dst, n)) for d, n in
             zip(dests[:2] + dests[3:], NAMES)),
         f"{verb}: each item's destination is COLLECTION/its name", [f"{dests}"])
    copied = [n for n in NAMES if on_disk(f"{verb}-dst", n) == content(n)]
    T.ok(copied == NAMES, f"{verb}: every other source is in the collection, content and all",
         [f"there: {copied}"])
    left = [n for n in NAMES if on_disk(f"{verb}-src", n) is not None]
    T.ok(left == ([] if move else NAMES),
         f"{verb}: the sources are {'gone' if move else 'still there'}", [f"left: {left}"])

    # Again without --overwrite: every destination exists now (412 each, or
    # for mv every source is gone: 404 each); exit 2, nothing replaced.
    again = [davtest.url_of(src, n) for n in NAMES[:2]]
    run = davtest.cli(verb, "--csv", *again, dst)
    rows = list(csv.DictReader(io.StringIO(run.out))) if run.out.strip() else []
    T.check(run.rc == 2 and len(rows) == 2 and all(r.get("outcome") == "failed" for r in rows),
            f"{verb} --csv: two items that cannot be done, two failed rows, exit 2", run)

    if not move:
        # With --overwrite every item is done: exit 0 and the text summary.
        run = davtest.cli(verb, "--overwrite", *again, dst)
        T.check(run.rc == 0 and "Resources: 2 copied, 0 failed" in run.out,
                "cp --overwrite of two existing destinations: both done, exit 0", run)


def test_get():
    src = seed("get-src", NAMES)
    given = [davtest.url_of(src, n) for n in NAMES[:1]] + [src + "gone.txt"] + \
            [davtest.url_of(src, n) for n in NAMES[1:]]
    with tempfile.TemporaryDirectory() as out:
        run = davtest.cli("get", "--json", *given, out)
        T.check(run.rc == 2, "get URL… DIR with one missing URL exits 2", run)
        check_report(run, "get --json", given, 1)
        got = [n for n in NAMES if os.path.isfile(os.path.join(out, n))
               and open(os.path.join(out, n), "rb").read() == content(n)]
        T.ok(got == NAMES and sorted(os.listdir(out)) == sorted(NAMES),
             "get: every other file is in DIR under its name, content and all, and nothing else",
             [f"in DIR: {sorted(os.listdir(out))}"])
        # Again: the files exist, and get does not replace without --force.
        run = davtest.cli("get", *given[:1], *given[2:], out)
        # Nothing was sent: exit 1, as rm when no item got an answer.
        T.check(run.rc == 1 and f"0 downloaded, 0 failed, 0 with no answer, {len(NAMES)} not attempted" in run.out,
                "get again without --force: nothing sent, every item not attempted, exit 1", run)
        run = davtest.cli("get", "--force", "--csv", *given[:1], *given[2:], out)
        rows = list(csv.DictReader(io.StringIO(run.out))) if run.out.strip() else []
        T.check(run.rc == 0 and len(rows) == len(NAMES) and all(r.get("outcome") == "done" for r in rows),
                "get --force --csv: every file again, one done row each, exit 0", run)


def test_put():
    dst = seed("put-dst", [])
    with tempfile.TemporaryDirectory() as local:
        files = []
        for n in NAMES:
            with open(os.path.join(local, n), "wb") as f:
                f.write(content(n))
            files.append(os.path.join(local, n))
        given = files[:3] + [os.path.join(local, "no such file")] + files[3:]
        run = davtest.cli("put", "--json", *given, dst)
        T.check(run.rc == 2, "put FILE… COLLECTION/ with one missing local file exits 2", run)
        items = results_of(run)
        T.ok(len(items) == len(given) and items[3].get("outcome") == "not-attempted"
             and all(i.get("outcome") == "done" for k, i in enumerate(items) if k != 3),
             "put: the missing file is not attempted, in its place; every other is done",
             [f"outcomes: {[i.get('outcome') for i in items]}"])
        T.ok(all(davtest.same_url(i.get("url"), davtest.url_of(dst, n))
                 for i, n in zip(items[:3] + items[4:], NAMES)),
             "put: each item's URL is COLLECTION/its name", [f"{[i.get('url') for i in items]}"])
        there = [n for n in NAMES if on_disk("put-dst", n) == content(n)]
        T.ok(there == NAMES, "put: every other file is on the server, content and all", [f"there: {there}"])
        run = davtest.cli("put", "--overwrite", *files, dst)
        T.check(run.rc == 0 and f"Resources: {len(NAMES)} uploaded, 0 failed" in run.out,
                "put --overwrite of the same files: all done, exit 0", run)
    # The single-item form is what it was.
    with tempfile.TemporaryDirectory() as local:
        one = os.path.join(local, "single.txt")
        with open(one, "wb") as f:
            f.write(b"one\n")
        run = davtest.cli("put", one, dst)
        T.check(run.rc == 0 and "Uploaded (new file)." in run.out and on_disk("put-dst", "single.txt") == b"one\n",
                "put FILE COLLECTION/ (one file) is the single form: uploaded, its own message", run)


def items():
    if not BASE or not ROOT:
        print("1..0 # SKIP DAVSCOPE_TEST_URL and _ROOT are not set (run under tests/servers/with-server)")
        return 0
    print(f"# many-items forms against {SERVER}", flush=True)
    for name, fn in (("cp", lambda: test_copy_or_move("cp")), ("mv", lambda: test_copy_or_move("mv")),
                     ("get", test_get), ("put", test_put)):
        T.guarded(fn, f"{name}: many-items form")
    return T.finish()


def main():
    if davtest.cli_missing():
        return 0
    if "--items" in sys.argv[1:]:
        return items()
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
