#!/usr/bin/env python3
"""`davscope-cli doctor --write` against the four real servers, beside litmus.

Run by tests/servers/meson.build (doctor-apache, -nginx, -lighttpd,
-sabre) as

    with-server KIND --seed demo -- tests/servers/test-doctor-servers.py

with DAVSCOPE_CLI set to the built davscope-cli.  Prints TAP (the plan at
the end) and exits 1 when any test failed.  Python standard library only.

What issue 14 asks of the doctor on these servers ("Done when"), asserted
per server:

- every server: one JSON document, the run finished, nothing left over,
  and the share on disk the same before and after (names, kinds, sizes,
  contents);
- Apache: no error finding, and a PROPFIND Depth: infinity listing the
  same before and after; litmus's two warnings there are found;
- nginx and sabre: every litmus test that fails there is among the
  findings: LITMUS below maps a litmus test to the faults that explain it;
- lighttpd: the doctor explains why litmus fails (litmus sends its
  PROPFIND and PROPPATCH bodies without a Content-Type:
  body-without-content-type-refused) and finds what litmus does not: the
  undeclared DAV: prefix in its error and PROPPATCH bodies, a folder
  deleted under a locked member.

The failing litmus tests measured on each server (SERVERS, "litmus") are
asserted without litmus.  When `litmus` is installed (Debian package
litmus) it also runs here, each suite on its own (litmus stops at the
first failing suite), and every test it fails must map to a fault the
doctor found.
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
from davtest import Tap, cli, cli_missing  # noqa: E402

BASE = os.environ.get("DAVSCOPE_TEST_URL")
ROOT = os.environ.get("DAVSCOPE_TEST_ROOT")
SERVER = os.environ.get("DAVSCOPE_TEST_SERVER", "")
DOCTOR_TIMEOUT = 240
LITMUS_SUITES = ("basic", "copymove", "props", "locks", "http")
LITMUS_TIMEOUT = 120

# --------------------------------------------------------------- litmus → faults
#
# A litmus test (litmus 0.13, Debian 12) and the catalogue faults
# (src/core/dav-doctor-faults.c) of which any one, found, explains its
# failure.  A litmus test that fails and is not here fails this test: map
# it (and make the doctor find it).

LITMUS = {
    # basic
    "options": ["options-class2-without-1", "options-no-dav-header", "options-failed"],
    "put_get": ["put-failed", "put-get-mismatch"],
    "put_get_utf8_segment": ["put-failed", "put-get-mismatch"],
    "mkcol_over_plain": ["mkcol-existing-not-405"],
    "delete": ["delete-status"],
    "delete_null": ["delete-missing-not-404"],
    "mkcol": ["mkcol-failed"],
    "mkcol_again": ["mkcol-existing-not-405"],
    "delete_coll": ["delete-status", "delete-tree-incomplete"],
    "mkcol_no_parent": ["mkcol-missing-parent-not-409"],
    "mkcol_with_body": ["mkcol-body-not-415"],
    # copymove: overwriting a collection answered 409 (nginx)
    "copy_simple": ["copy-status"],
    "copy_overwrite": ["copymove-overwrite-collection-409", "overwrite-f-ignored", "overwrite-t-status"],
    "copy_coll": ["copy-collection-incomplete", "copymove-overwrite-collection-409"],
    "move": ["copymove-overwrite-collection-409", "move-source-kept", "overwrite-f-ignored",
             "overwrite-t-status"],
    "move_coll": ["copymove-overwrite-collection-409", "copy-collection-incomplete", "move-source-kept"],
    # props: nginx has no PROPPATCH; lighttpd refuses litmus's bodies,
    # which come without a Content-Type
    "propfind_invalid": ["propfind-invalid-accepted", "propfind-invalid-status",
                         "body-without-content-type-refused"],
    "propfind_invalid2": ["propfind-invalid-accepted", "propfind-invalid-status",
                          "body-without-content-type-refused"],
    "propfind_d0": ["propfind-failed", "propfind-200-not-207"],
    "propset": ["proppatch-unsupported", "proppatch-value-changed", "body-without-content-type-refused"],
    "propget": ["proppatch-unsupported", "proppatch-value-changed", "proppatch-namespace-lost",
                "proppatch-unicode", "proppatch-null-namespace", "proppatch-set-remove-order",
                "body-without-content-type-refused"],
    "propmove": ["copy-properties-lost"],
    "propdeletes": ["proppatch-remove-failed", "proppatch-unsupported"],
    "propreplace": ["proppatch-value-changed", "proppatch-unsupported"],
    "propnullns": ["proppatch-null-namespace", "body-without-content-type-refused"],
    "prophighunicode": ["proppatch-unicode", "body-without-content-type-refused"],
    "propremoveset": ["proppatch-set-remove-order", "body-without-content-type-refused"],
    "propsetremove": ["proppatch-set-remove-order", "body-without-content-type-refused"],
    "propvalnspace": ["proppatch-namespace-lost", "body-without-content-type-refused"],
    "propwformed": ["proppatch-value-changed", "body-without-content-type-refused"],
    "propmanyns": ["proppatch-unsupported", "proppatch-namespace-lost", "body-without-content-type-refused"],
    # locks (src/core/dav-doctor-locks.c)
    "lock_excl": ["lock-unsupported", "lock-response-incomplete"],
    "discover": ["lockdiscovery-incomplete"],
    "refresh": ["lock-refresh-failed"],
    "indirect_refresh": ["lock-refresh-failed"],
    "notowner_modify": ["lock-not-enforced"],
    "notowner_lock": ["lock-exclusive-over-shared"],
    "owner_modify": ["lock-token-refused"],
    "cond_put": ["lock-token-refused"],
    "complex_cond_put": ["lock-token-refused"],
    "fail_cond_put": ["lock-not-enforced"],
    "fail_complex_cond_put": ["lock-not-enforced"],
    "cond_put_corrupt_token": ["if-bad-token-status", "lock-not-enforced"],
    "unlock": ["unlock-failed"],
    "fail_cond_put_unlocked": ["unlock-failed"],
    "lock_shared": ["lock-shared-unsupported"],
    "double_sharedlock": ["lock-shared-unsupported"],
    "unmapped_lock": ["lock-unmapped-200", "lock-unmapped-no-resource", "lock-unsupported"],
    # http
    "expect100": ["expect-100-unanswered"],
}

# --------------------------------------------------------------- the servers
#
# As measured (Debian 12; issue 14's litmus table; with-server's
# docstring).  "litmus": the litmus tests that fail there, and "warns":
# those passed with a warning the doctor also reports.  "finds": faults
# the doctor must report there, each the server's own (the comment says
# what it does); "lacks": faults it must not report there.  "errors":
# whether error findings are expected.

SERVERS = {
    "apache": {
        "litmus": [],
        # cond_put_corrupt_token: a PUT with a corrupt lock token 400, not
        # 423; unmapped_lock: LOCK of an unmapped URL 200, not 201.
        "warns": ["cond_put_corrupt_token", "unmapped_lock"],
        "finds": {
            "if-bad-token-status": None, "lock-unmapped-200": None,
            # Not in litmus: a MOVE into a missing folder 500 (mod_dav_fs's
            # rename fails), where COPY rightly answers 409.
            "copymove-missing-parent-not-409": "move",
            # Not in litmus: If-Unmodified-Since on PUT compared with the
            # clock, so the file's own date is refused a second later.
            "if-unmodified-since-clock": "conditional-put",
        },
        "lacks": ["copymove-made-parents"],
        "errors": False,
    },
    "nginx": {
        # DAV: 2 without 1 (litmus then skips every lock test); 409 when
        # COPY or MOVE overwrite a collection; 207 for a PROPFIND with a bad
        # namespace declaration; no PROPPATCH (405).
        "litmus": ["options", "copy_overwrite", "move", "move_coll", "propfind_invalid2",
                   "propset", "propmanyns", "propget"],
        "warns": [],
        "finds": {
            "options-class2-without-1": None,
            "copymove-overwrite-collection-409": None,
            "propfind-invalid-accepted": None,
            "proppatch-unsupported": None,
            # Not in litmus: a DELETE of a folder removes its locked file;
            # UNLOCK with any token answers 204 (the lock stays).
            "delete-locked-member": "lock-member",
            "unlock-wrong-token-accepted": "lock",
            # Not in litmus (it skips locks here): If-None-Match: * ignored.
            "if-none-match-ignored": None,
            # Not in litmus: COPY into a missing folder 500; MOVE 204, and
            # the missing folder is made (create_full_put_path).
            "copymove-missing-parent-not-409": "copy",
            "copymove-made-parents": "move",
        },
        "lacks": ["if-unmodified-since-clock"],
        "errors": True,
    },
    "lighttpd": {
        # litmus's PROPFIND and PROPPATCH bodies come without a
        # Content-Type; lighttpd answers 415, so these fail.
        "litmus": ["propfind_invalid", "propfind_invalid2", "propnullns", "prophighunicode",
                   "propremoveset", "propsetremove", "propvalnspace", "propget"],
        "warns": [],
        "finds": {
            "body-without-content-type-refused": None,
            # Not in litmus: undeclared DAV: prefixes in the 403 to
            # Depth: infinity and in PROPPATCH's 207 (with getetag), and a
            # DELETE of a folder that removes its locked file.
            "multistatus-undeclared-prefix": ("propfind", "properties"),
            "delete-locked-member": "lock-member",
        },
        # COPY and MOVE into a missing folder: 409, as RFC 4918 says.
        "lacks": ["copymove-missing-parent-not-409", "copymove-made-parents", "if-unmodified-since-clock"],
        "errors": True,
    },
    "sabre": {
        # php -S never answers Expect: 100-continue.
        "litmus": ["expect100"],
        "warns": [],
        "finds": {
            "expect-100-unanswered": None,
            # Not in litmus: lockdiscovery without DAV:locktoken, and a lock
            # that outlives the file it was on (sabre/dav 1.8).
            "lockdiscovery-incomplete": "lock",
            "delete-keeps-lock": "lock-enforced",
        },
        "lacks": ["copymove-missing-parent-not-409", "copymove-made-parents", "if-unmodified-since-clock"],
        "errors": True,
    },
}

# --------------------------------------------------------------- the share before and after


def disk_listing(root):
    """{relative path: ("dir",) or ("file", size, sha256)} of the share on
    disk; modification times left out (a folder's changes when the
    scratch folder comes and goes)."""
    listing = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames:
            listing[os.path.relpath(os.path.join(dirpath, name), root)] = ("dir",)
        for name in filenames:
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()
            listing[os.path.relpath(path, root)] = ("file", os.path.getsize(path), digest)
    return listing


def propfind_infinity(url):
    """{href: (getetag, getcontentlength, getlastmodified)} of a PROPFIND
    Depth: infinity (Apache honours it); for a folder only that it is one:
    its ETag changes with the scratch folder coming and going. An ETag is
    compared without its weak mark: Apache marks a file's ETag weak for the
    first second after it changed, so a listing taken right after the seed
    has W/ where the one after the run has none."""
    body = (b'<?xml version="1.0" encoding="utf-8"?>\n<D:propfind xmlns:D="DAV:"><D:prop>'
            b'<D:getetag/><D:getcontentlength/><D:getlastmodified/><D:resourcetype/>'
            b'</D:prop></D:propfind>')
    req = urllib.request.Request(url, data=body, method="PROPFIND",
                                 headers={"Depth": "infinity", "Content-Type": "application/xml"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        tree = ET.fromstring(resp.read())
    listing = {}
    for response in tree.iter("{DAV:}response"):
        href = urllib.parse.unquote(response.findtext("{DAV:}href", ""))
        if response.find(".//{DAV:}resourcetype/{DAV:}collection") is not None:
            listing[href] = ("folder",)
            continue
        etag, length, modified = (response.findtext(f".//{{DAV:}}{name}", "")
                                  for name in ("getetag", "getcontentlength", "getlastmodified"))
        listing[href] = (etag.removeprefix("W/"), length, modified)
    return listing


def differences(before, after):
    lines = []
    for key in sorted(set(before) | set(after)):
        if before.get(key) != after.get(key):
            lines.append(f"{key}: {before.get(key)} -> {after.get(key)}")
    return lines


# --------------------------------------------------------------- litmus


def parse_litmus(out):
    """(failed, warned): the tests litmus's output says FAIL or WARNING
    for.  A test starts with "N. name....." (printed twice: progress, then
    the result); a warning ends its line, so the result comes on the next:
    "    ...... FAIL (...)" belongs to the test named last."""
    failed, warned = set(), set()
    current = None
    for line in out.splitlines():
        names = re.findall(r"\d+\. ([A-Za-z0-9_]+)\.*", line)
        if names:
            current = names[-1]
        if current is None:
            continue
        if re.search(r"\bFAIL\b", line):
            failed.add(current)
        if "WARNING:" in line:
            warned.add(current)
    return failed, warned


def run_litmus(url):
    """{suite: (failed tests, warned tests, output)}, each suite run on its
    own in a folder of its own (litmus writes debug.log and child.log)."""
    results = {}
    with tempfile.TemporaryDirectory(prefix="litmus-") as cwd:
        for suite in LITMUS_SUITES:
            env = dict(os.environ, TESTS=suite)
            try:
                p = subprocess.run(["litmus", url], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   timeout=LITMUS_TIMEOUT)
                out = p.stdout.decode("utf-8", "replace")
            except subprocess.TimeoutExpired as e:
                out = (e.stdout or b"").decode("utf-8", "replace") + "\n[killed: timeout]"
            results[suite] = parse_litmus(out) + (out,)
    return results


# --------------------------------------------------------------- the test


def findings_of(doc):
    """[(check id, check group, finding)] of a doctor --json document."""
    return [(c.get("id"), c.get("group"), f) for c in doc.get("checks", []) for f in c.get("findings", [])]


def explained(tap, what, test, found_faults):
    faults = LITMUS.get(test)
    if faults is None:
        tap.ok(False, f"{what} {test}: mapped to faults in LITMUS",
               [f"litmus test {test} is not in the LITMUS table of this test"])
        return
    hit = sorted(set(faults) & found_faults)
    tap.ok(hit, f"{what} {test}: among the findings ({', '.join(hit) or 'none of ' + ', '.join(faults)})",
           [f"the doctor found: {', '.join(sorted(found_faults))}"])


def main():
    if cli_missing():
        return 0
    if not BASE or not ROOT or SERVER not in SERVERS:
        print(f"1..0 # SKIP run under tests/servers/with-server KIND (not {SERVER!r})")
        return 0

    help_run = cli("--help")
    if "doctor" not in help_run.out + help_run.err:
        print("1..0 # SKIP this davscope-cli has no doctor command")
        return 0

    tap = Tap(prefix=f"{SERVER}: ")
    expect = SERVERS[SERVER]

    disk_before = disk_listing(ROOT)
    dav_before = propfind_infinity(BASE) if SERVER == "apache" else None

    run = cli("doctor", BASE, "--write", "--json", timeout=DOCTOR_TIMEOUT)
    doc = run.json()
    tap.check(run.json_error is None and doc, "doctor --write --json prints one JSON document", run)
    tap.check(doc.get("finished") is True and doc.get("cancelled") is False, "the run finished", run)
    tap.check(doc.get("write") is True and doc.get("scratch", "").startswith(BASE),
              "the write checks ran in a scratch folder under the URL", extra=[doc.get("scratch")])
    tap.check(doc.get("leftovers") == [], "nothing left over", extra=[doc.get("leftovers")])

    findings = findings_of(doc)
    found = {f.get("fault") for _, _, f in findings}
    errors = [f"{cid}: {f.get('fault')} – {f.get('got')}" for cid, _, f in findings if f.get("severity") == "error"]
    if expect["errors"]:
        tap.check(run.rc == 2 and errors, "error findings, and exit status 2", run)
    else:
        tap.check(run.rc == 0, "exit status 0", run)
        tap.ok(not errors, "no error finding", errors)

    # Every finding says what it is about, in the catalogue's words.
    incomplete = [f"{cid}: {f.get('fault')}" for cid, _, f in findings
                  if not f.get("title") or not f.get("expected") or not f.get("got")
                  or f.get("severity") not in ("error", "warning", "info")]
    tap.ok(not incomplete, "every finding has a title, expected, got and a severity", incomplete)
    unexplained = [f"{cid}: {f.get('fault')}" for cid, _, f in findings
                   if f.get("method") and not (f.get("request") and f.get("curl"))]
    tap.ok(not unexplained, "every finding from a request quotes it and has a curl command", unexplained)

    # The share: the same before and after.
    disk_after = disk_listing(ROOT)
    tap.ok(disk_after == disk_before, "the share on disk is the same before and after",
           differences(disk_before, disk_after)[:40])
    if dav_before is not None:
        dav_after = propfind_infinity(BASE)
        tap.ok(dav_after == dav_before, "a PROPFIND Depth: infinity listing is the same before and after",
               differences(dav_before, dav_after)[:40])

    # What the doctor must find on this server.
    for fault, where in expect["finds"].items():
        places = [w for w in ((where,) if isinstance(where, str) else (where or ()))]
        if not places:
            tap.ok(fault in found, f"finds {fault}", [f"found: {', '.join(sorted(found))}"])
            continue
        for place in places:
            hit = any(f.get("fault") == fault and place in (cid, group) for cid, group, f in findings)
            tap.ok(hit, f"finds {fault} in {place}",
                   [f"{cid}: {f.get('fault')}" for cid, _, f in findings if f.get("fault") == fault]
                   or [f"found: {', '.join(sorted(found))}"])

    for fault in expect.get("lacks", []):
        tap.ok(fault not in found, f"does not find {fault}",
               [f"{cid}: {f.get('got')}" for cid, _, f in findings if f.get("fault") == fault])

    # litmus, as measured: every failure and warning explained.
    for test in expect["litmus"]:
        explained(tap, "litmus (as measured) fails", test, found)
    for test in expect["warns"]:
        explained(tap, "litmus (as measured) warns about", test, found)

    # litmus, live.
    if shutil.which("litmus") is None:
        tap.skip("litmus agrees", "litmus is not installed (Debian package litmus)")
    else:
        results = run_litmus(BASE)
        failed = set().union(*(r[0] for r in results.values()))
        warned = set().union(*(r[1] for r in results.values()))
        tap.ok(failed == set(expect["litmus"]),
               f"litmus (run here) fails {', '.join(sorted(failed)) or 'nothing'}, as measured",
               [f"measured: {', '.join(sorted(expect['litmus'])) or 'nothing'}"]
               + [line for r in results.values() for line in r[2].splitlines() if "FAIL" in line])
        for test in sorted(failed):
            explained(tap, "litmus (run here) fails", test, found)
        for test in sorted(warned & set(LITMUS)):
            if test in expect["warns"]:
                explained(tap, "litmus (run here) warns about", test, found)

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
