#!/usr/bin/env python3
"""Every check of `davscope-cli doctor` can fail, and can pass: the fault
proxy (faultlib.py) in front of the real Apache, once per fault of
faults_read.py, faults_write.py and faults_locks.py, and once with no
fault (the clean twin).  Prints TAP.

    tests/servers/with-apache --seed demo -- tests/doctor/test-doctor-faults.py [NAME...]

(DAVSCOPE_CLI: the built davscope-cli; NAME...: only these faults.)

For each fault, `davscope-cli doctor PROXY-URL --json` (with --write when
the fault needs it) must print one JSON document in which the fault's
check ended "failed" with a finding of the fault's catalogue id, and exit
2 when there is an error-severity finding, else 0.  Whatever the fault
did, what the run left in Apache's share must be exactly what its
"leftovers" name (and the test removes it before the next fault).

The clean twin (`doctor --write` through the proxy without a fault, and
read-only straight to Apache): every check "passed", or "skipped" where
APACHE_SKIPS says why Apache cannot do it, or "failed" only with the
warnings of APACHE_WARNINGS (what Apache does that litmus warns about
too); no error finding; exit 0; and the share is as it was: the same
PROPFIND Depth: infinity listing before and after (every href, and each
file's length, ETag and dates, an ETag weak or strong alike: Apache's is
weak within the second its file changed; a folder's own dates and ETag
change when something is made and removed in it, so only its href and
properties other than those are compared), and the same files on disk.

Every check of the doctor's table has at least one fault (a check that
cannot fail is a defect); a check whose module does not exist yet is
skipped with a note.

Apache starts once; the proxy runs in this process and switches faults
between runs.
"""

import http.client
import os
import shutil
import sys
import time
import urllib.parse
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, HERE)
import faultlib  # noqa: E402  (puts tests/ on the path)
import davtest  # noqa: E402

URL = os.environ.get("DAVSCOPE_TEST_URL")
ROOT = os.environ.get("DAVSCOPE_TEST_ROOT")
RUN_TIMEOUT = 300

# Checks that cannot run on Apache mod_dav over plain http, and why.
APACHE_SKIPS = {
}

# What Apache mod_dav does that is allowed but breaks clients: warnings the
# clean twin may have (litmus warns about the first two too; issue 14's table).
APACHE_WARNINGS = {
    ("lock-enforced", "if-bad-token-status"): "a corrupt lock token in If: is answered 400, not 423 "
                                              "(litmus cond_put_corrupt_token)",
    ("lock-unmapped", "lock-unmapped-200"): "LOCK of an unmapped URL makes a lock-null resource and "
                                            "answers 200, not 201 (litmus unmapped_lock)",
    ("move", "copymove-missing-parent-not-409"): "MOVE into a missing folder is answered 500, not 409 "
                                                 "(COPY: 409)",
    ("conditional-put", "if-unmodified-since-clock"): "If-Unmodified-Since on PUT is compared with "
                                                      "the clock: the file's own date is refused "
                                                      "a second later",
}

# A check not written yet (the runner's placeholder) is reported, not failed.
PLACEHOLDER_REASON = faultlib.PLACEHOLDER_REASON

# Which fault module proves the checks of each group.
MODULE_OF_GROUP = {
    "connection": "faults_read", "auth": "faults_read", "options": "faults_read",
    "propfind": "faults_read", "content": "faults_read",
    "folders": "faults_write", "files": "faults_write", "properties": "faults_write",
    "copy-move": "faults_write", "delete": "faults_write",
    "locks": "faults_locks",
}

D = "{DAV:}"
VOLATILE_FOLDER_PROPS = {D + "getlastmodified", D + "getetag", D + "creationdate",
                         "{http://apache.org/dav/props/}executable"}


def listing(port, path):
    """{href: {property: text}} of a PROPFIND Depth: infinity allprop straight
    to Apache; a folder's dates and ETag left out."""
    status, body = apache_request(port, "PROPFIND", path, {"Depth": "infinity"},
                                      b'<?xml version="1.0" encoding="utf-8"?>'
                                      b'<D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>')
    if status != 207:
        raise RuntimeError(f"PROPFIND Depth: infinity on Apache: {status}")
    result = {}
    for response in ET.fromstring(body).iter(D + "response"):
        href = urllib.parse.unquote(response.findtext(D + "href"))
        props = {}
        folder = response.find(f".//{D}resourcetype/{D}collection") is not None
        for propstat in response.iter(D + "propstat"):
            for prop in propstat.find(D + "prop"):
                if folder and prop.tag in VOLATILE_FOLDER_PROPS:
                    continue
                text = ET.tostring(prop, encoding="unicode")
                if prop.tag == D + "getetag":
                    # Apache's ETag is weak while the file's mtime is this second.
                    text = text.replace(">W/", ">")
                props[prop.tag] = text
        result[href] = props
    return result


def apache_request(port, method, path, headers, body):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=dict(headers, **{"Content-Type": "application/xml"}))
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


disk = faultlib.share_snapshot


def remove_new(root, before):
    """Removes what is on disk now and was not before; returns it."""
    new = sorted(set(disk(root)) - set(before))
    for rel in new:
        p = os.path.join(root, rel)
        if os.path.isdir(p):
            shutil.rmtree(p, ignore_errors=True)
        elif os.path.lexists(p):
            os.unlink(p)
    return new


def checks_of(doc):
    return {c.get("id"): c for c in doc.get("checks", [])}


def describe(check):
    if not check:
        return "missing"
    findings = ", ".join(f"{f.get('severity')} {f.get('fault')}" for f in check.get("findings", []))
    reason = f" ({check.get('reason')})" if check.get("reason") else ""
    return f"{check.get('state')}{reason}: [{findings}]"


def clean_twin(tap, proxy, upstream, path):
    """Returns the checks of the run with --write."""
    before_listing = listing(upstream, path)
    before_disk = disk(ROOT)
    run = davtest.cli("doctor", proxy.url, "--write", "--json", timeout=RUN_TIMEOUT)
    doc = run.json()
    tap.check(run.json_error is None and doc, "clean twin: one JSON document", run)
    tap.check(run.rc == 0, "clean twin: exit status 0", run)
    placeholders = {c.get("id") for c in doc.get("checks", []) if c.get("reason") == PLACEHOLDER_REASON}
    for check in doc.get("checks", []):
        cid = check.get("id")
        state = check.get("state")
        if state == "skipped" and check.get("reason") == PLACEHOLDER_REASON:
            tap.skip(f"clean twin: {cid} passes on Apache", "the check is not written yet")
        elif state == "skipped" and check.get("writes") and "mkcol" in placeholders:
            tap.skip(f"clean twin: {cid} passes on Apache", "mkcol is not written yet")
        elif state == "skipped" and cid in APACHE_SKIPS:
            tap.ok(True, f"clean twin: {cid} skipped on Apache ({APACHE_SKIPS[cid]})")
        else:
            known = [APACHE_WARNINGS[(cid, f.get("fault"))] for f in check.get("findings", [])
                     if (cid, f.get("fault")) in APACHE_WARNINGS and f.get("severity") == "warning"]
            others = [f for f in check.get("findings", []) if (cid, f.get("fault")) not in APACHE_WARNINGS
                      and f.get("severity") != "info"]
            if state == "failed" and known and not others:
                tap.ok(True, f"clean twin: {cid} fails on Apache only with what Apache does ({'; '.join(known)})")
            else:
                tap.check(state == "passed", f"clean twin: {cid} passes on Apache", extra=[describe(check)])
    errors = [f"{c['id']}: {f.get('fault')}: {f.get('got')}" for c in doc.get("checks", [])
              for f in c.get("findings", []) if f.get("severity") == "error"]
    tap.ok(not errors, "clean twin: no error finding on Apache", errors)
    warnings = [f"{c['id']}: {f.get('fault')}: {f.get('got')}" for c in doc.get("checks", [])
                for f in c.get("findings", []) if f.get("severity") == "warning"
                and (c["id"], f.get("fault")) not in APACHE_WARNINGS]
    tap.ok(not warnings, "clean twin: no warning on Apache but those of APACHE_WARNINGS", warnings)
    tap.check(doc.get("leftovers") == [], "clean twin: nothing left over", extra=[doc.get("leftovers")])
    if doc.get("checks") and any(c.get("id") == "mkcol" and c.get("state") == "passed"
                                 for c in doc["checks"]):
        tap.ok(doc.get("scratch", "").startswith(proxy.url), "clean twin: the scratch folder was under the URL",
               [doc.get("scratch")])
    after_listing = listing(upstream, path)
    diff = sorted(set(before_listing) ^ set(after_listing)) + sorted(
        h for h in set(before_listing) & set(after_listing) if before_listing[h] != after_listing[h])
    tap.ok(not diff, "clean twin: the PROPFIND Depth: infinity listing is the same before and after",
           diff[:20])
    after_disk = disk(ROOT)
    tap.ok(after_disk == before_disk, "clean twin: the share on disk is the same before and after",
           sorted(set(after_disk) ^ set(before_disk))[:20])
    remove_new(ROOT, before_disk)

    # Read-only straight to Apache: the same checks pass without the proxy.
    run = davtest.cli("doctor", URL, "--json", timeout=RUN_TIMEOUT)
    failed = [describe(c) for c in run.json().get("checks", []) if c.get("state") == "failed"]
    tap.check(run.rc == 0 and not failed, "read-only on Apache itself: exit 0, no check failed", run, failed)
    return doc.get("checks", [])


def main():
    tap = davtest.Tap()
    if davtest.cli_missing() or faultlib.not_under_apache():
        return 0
    u = urllib.parse.urlsplit(URL)
    upstream, path = u.port, u.path
    modules = [m for m in faultlib.DOCTOR_MODULES if os.path.exists(os.path.join(HERE, m + ".py"))]
    faults = faultlib.load_faults(modules)
    wanted = sys.argv[1:]
    unknown = [w for w in wanted if w not in faults]
    if unknown:
        print(f"Bail out! no such fault: {', '.join(unknown)}")
        return 1

    with faultlib.FaultProxy(URL) as proxy:
        checks = []
        if not wanted:
            t0 = time.monotonic()
            checks = clean_twin(tap, proxy, upstream, path)
            print(f"# clean twin: {time.monotonic() - t0:.1f} s", flush=True)

        for fault in faults.values():
            if wanted and fault.name not in wanted:
                continue
            proxy.set_fault(fault)
            before = disk(ROOT)
            args = ["doctor", proxy.url, "--json"] + (["--write"] if fault.write else [])
            run = davtest.cli(*args, timeout=RUN_TIMEOUT)
            proxy.set_fault(None)
            doc = run.json()
            check = checks_of(doc).get(fault.check)
            name = f"{fault.name} ({fault.module})"
            if not tap.check(run.json_error is None and doc, f"{name}: one JSON document", run):
                remove_new(ROOT, before)
                continue
            mkcol = checks_of(doc).get("mkcol") or {}
            if check and check.get("state") == "skipped" and (
                    check.get("reason") == PLACEHOLDER_REASON or
                    check.get("writes") and mkcol.get("reason") == PLACEHOLDER_REASON):
                tap.skip(f"{name}: check {fault.check} failed with {fault.finds}",
                         "the check is not written yet")
                remove_new(ROOT, before)
                continue
            found = [f for f in (check or {}).get("findings", []) if f.get("fault") == fault.finds]
            tap.check(check is not None and check.get("state") == "failed" and found,
                      f"{name}: check {fault.check} failed with {fault.finds}",
                      extra=[f"{fault.check}: {describe(check)}", f"{run.seconds:.1f} s"])
            errors = doc.get("summary", {}).get("errors", 0)
            tap.check(run.rc == (2 if errors else 0),
                      f"{name}: exit status {2 if errors else 0} ({errors} errors)", run if run.rc not in (0, 2) else None,
                      [f"exit status {run.rc}"])
            left = remove_new(ROOT, before)
            named = {urllib.parse.unquote(urllib.parse.urlsplit(x).path)[len(path):]
                     for x in doc.get("leftovers", [])}
            unnamed = [x for x in left if x not in named and x.rstrip("/") not in
                       {n.rstrip("/") for n in named} and not any(x.startswith(n.rstrip("/") + "/")
                                                                  for n in named)]
            tap.ok(not unnamed, f"{name}: what is left in the share is named in leftovers",
                   [f"left: {unnamed}", f"leftovers: {doc.get('leftovers')}"])

        # Every check has a fault that makes it fail, and every fault a check.
        if not wanted:
            by_check = {}
            for fault in faults.values():
                by_check.setdefault(fault.check, []).append(fault.name)
            for check in checks:
                module = MODULE_OF_GROUP.get(check.get("group"), "?")
                cid = check.get("id")
                if cid in by_check:
                    tap.ok(True, f"check {cid} has a fault: {', '.join(by_check[cid])}")
                elif module not in modules:
                    tap.skip(f"check {cid} has a fault", f"no tests/doctor/{module}.py yet")
                else:
                    tap.ok(False, f"check {cid} has a fault in tests/doctor/{module}.py",
                           ["a check that cannot fail is a defect (docs/doctor.md)"])
            unknown_checks = sorted(set(by_check) - {c.get("id") for c in checks})
            tap.ok(not unknown_checks, "every fault names a check of the doctor", unknown_checks)

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
