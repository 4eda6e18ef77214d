#!/usr/bin/env python3
"""davscope-cli doctor: its exit status (0 no error finding, 2 some, 1
could not run), its text, JSON and Markdown, progress on a terminal, and
Ctrl+C, which must still remove the scratch folder.  Against the real
Apache, and through the fault proxy (faultlib.py) with faults of this
file's own.  Prints TAP.

    tests/servers/with-apache --seed demo -- tests/doctor/test-doctor-cli.py

(DAVSCOPE_CLI: the built davscope-cli.)  What needs a check that is not
written yet (the placeholders of the doctor's runner) is skipped.
"""

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
import urllib.parse

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, HERE)
import faultlib  # noqa: E402  (puts tests/ on the path)
import davtest  # noqa: E402

URL = os.environ.get("DAVSCOPE_TEST_URL")
ROOT = os.environ.get("DAVSCOPE_TEST_ROOT")
CLOSED = "http://127.0.0.1:1/dav/"
SUMMARY = re.compile(r"^\d+ errors?, \d+ warnings?, \d+ infos? in \d+ checks?; ", re.M)


def propfind_200(req, resp, state):
    """Every 207 to a PROPFIND comes as 200: an error of the protocol."""
    if req.method == "PROPFIND" and resp.status == 207:
        resp.status, resp.reason = 200, "OK"


def slow(req, resp, state):
    time.sleep(0.3)


EVIL_SERVER = "Evil\x1b[31m `x` ``` | <b>bold</b> *star*"


def evil(req, resp, state):
    """A Server header made to format a terminal and a Markdown report, and a
    DAV header that is a finding."""
    resp.set_header("Server", EVIL_SERVER)
    if req.method == "OPTIONS":
        resp.set_header("DAV", "2")
        resp.body = b"```\n| table | breaker |\n````\n"
        resp.set_header("Content-Type", "text/plain")


EVIL = faultlib.Fault(name="cli-evil", check="options", finds="options-class2-without-1", response=evil)
PROPFIND_200 = faultlib.Fault(name="cli-propfind-200", check="propfind-depth-1",
                              finds="propfind-200-not-207", response=propfind_200)
SLOW = faultlib.Fault(name="cli-slow", check=None, finds=None, response=slow)


def written(doc, check_id):
    check = next((c for c in doc.get("checks", []) if c.get("id") == check_id), None)
    return check is not None and check.get("reason") != faultlib.PLACEHOLDER_REASON


def disk(root):
    return {p.rstrip("/") for p in faultlib.share_snapshot(root)}


def main():
    tap = davtest.Tap()
    if davtest.cli_missing() or faultlib.not_under_apache():
        return 0

    # ---- could not run: 1
    run = davtest.cli("doctor")
    tap.check(run.rc == 1 and "Usage" in run.err, "no URL: exit 1 and the usage", run)
    run = davtest.cli("doctor", "--json")
    tap.check(run.rc == 1 and run.json().get("usage_error"), "no URL, --json: exit 1, a usage_error document", run)
    run = davtest.cli("doctor", "ftp://example.com/x", "--json")
    tap.check(run.rc == 1 and run.json().get("usage_error"), "an ftp:// URL: exit 1, usage_error", run)
    run = davtest.cli("doctor", URL, "--json", "--markdown")
    tap.check(run.rc == 1 and run.json().get("usage_error"), "--json with --markdown: exit 1", run)
    run = davtest.cli("doctor", "--no-such-option", URL)
    tap.check(run.rc == 1, "an unknown option: exit 1", run)
    run = davtest.cli("--help")
    tap.check(run.rc == 0 and re.search(r"^  doctor ", run.out, re.M), "davscope-cli --help lists doctor", run)
    run = davtest.cli("doctor", "--help")
    tap.check(run.rc == 0 and "--write" in run.out and "--markdown" in run.out and "Exit status" in run.out,
              "doctor --help: the options and the exit status", run)

    run = davtest.cli("doctor", CLOSED, "--json")
    if not written(run.json(), "connection") and run.rc == 0:
        tap.skip("a closed port: exit 1", "the connection check is not written yet")
    else:
        tap.check(run.rc == 1 and run.json().get("transport_error"),
                  "a closed port, --json: exit 1, one document with transport_error", run)
        run = davtest.cli("doctor", CLOSED)
        tap.check(run.rc == 1 and "davscope-cli doctor:" in run.err, "a closed port: exit 1, why on stderr", run)

    # ---- logging in: the password from DAVSCOPE_PASSWORD, never a prompt without a terminal
    basic = os.environ.get("DAVSCOPE_TEST_BASIC_URL")
    user, password = os.environ.get("DAVSCOPE_TEST_USER"), os.environ.get("DAVSCOPE_TEST_PASSWORD")
    run = davtest.cli("doctor", "--user", user, basic, "--json")
    tap.check(run.rc == 1 and "DAVSCOPE_PASSWORD" in run.json().get("usage_error", ""),
              "--user without DAVSCOPE_PASSWORD nor a terminal: exit 1, says how", run)
    run = davtest.cli("doctor", "--user", user, "http://192.0.2.1/dav/", "--json", env={"DAVSCOPE_PASSWORD": password})
    tap.check(run.rc == 1 and "--allow-insecure-auth" in run.json().get("usage_error", ""),
              "--user over plain http to another host: refused before anything is sent", run)
    run = davtest.cli("doctor", "--user", user, basic, "--json", env={"DAVSCOPE_PASSWORD": password})
    auth = next((c for c in run.json().get("checks", []) if c.get("id") == "propfind-depth-1"), {})
    if not written(run.json(), "propfind-depth-1"):
        tap.skip("--user with DAVSCOPE_PASSWORD on a Basic share", "the PROPFIND checks are not written yet")
    else:
        tap.check(run.rc == 0 and auth.get("state") == "passed",
                  "--user with DAVSCOPE_PASSWORD on a Basic share: logged in, the listing passes", run,
                  [json.dumps(auth)[:800]])

    # ---- clean Apache: 0
    run = davtest.cli("doctor", URL)
    tap.check(run.rc == 0, "Apache, read-only: exit 0", run)
    tap.check(run.out.startswith("URL:      " + URL) and "\nServer:   " in run.out, "the header names URL and server", run)
    tap.check("read-only" in run.out and "Listing and Properties" in run.out and "PROPFIND with Depth: 1" in run.out,
              "what was checked; groups and checks by title", run)
    tap.check(SUMMARY.search(run.out) and "read-only, nothing written" in run.out, "the summary line", run)
    tap.check("\033[" not in run.out and "\r" not in run.err, "no colour, no progress when not a terminal", run)

    before = disk(ROOT)
    run = davtest.cli("doctor", URL, "--write", "--json", timeout=300)
    doc = run.json()
    tap.check(run.rc == 0 and doc.get("write") is True, "Apache, --write --json: exit 0", run)
    tap.check(isinstance(doc.get("started"), str) and isinstance(doc.get("duration_ms"), int) and
              doc.get("finished") is True and isinstance(doc.get("summary"), dict) and
              doc.get("leftovers") == [] and len(doc.get("checks", [])) >= 20,
              "the JSON: started, duration_ms, finished, summary, leftovers, the checks", run)
    keys = {"id", "group", "group_title", "title", "summary", "writes", "state", "reason", "findings"}
    tap.check(all(keys <= set(c) for c in doc.get("checks", [])), "each check has " + ", ".join(sorted(keys)), run)
    tap.ok(disk(ROOT) == before, "--write left the share as it was", sorted(disk(ROOT) ^ before)[:10])

    # ---- an error finding: 2
    with faultlib.FaultProxy(URL, PROPFIND_200) as proxy:
        run = davtest.cli("doctor", proxy.url, "--json")
        doc = run.json()
        if not written(doc, PROPFIND_200.check):
            tap.skip("a PROPFIND answered 200: exit 2", "the PROPFIND checks are not written yet")
        else:
            tap.check(run.rc == 2 and doc.get("summary", {}).get("errors", 0) > 0,
                      "PROPFIND answered 200 instead of 207: exit 2, errors counted", run)
            finding = next((f for c in doc.get("checks", []) for f in c.get("findings", [])
                            if f.get("severity") == "error"), {})
            fkeys = {"fault", "severity", "title", "rfc", "expected", "got", "detail", "clients",
                     "method", "url", "status", "request", "response", "curl"}
            tap.ok(fkeys <= set(finding), "a finding has " + ", ".join(sorted(fkeys)),
                   [json.dumps(finding)[:1500]])
            tap.ok(str(finding.get("curl", "")).startswith("curl "), "its curl command", [finding.get("curl")])
            run = davtest.cli("doctor", proxy.url)
            tap.check(run.rc == 2 and "Expected: " in run.out and "Got:      " in run.out and
                      "Reproduce:" in run.out and "ERROR" in run.out, "the text: expected, got, reproduce", run)
            run = davtest.cli("doctor", proxy.url, "--markdown")
            tap.check(run.rc == 2 and run.out.startswith("# ") and "| # | severity |" in run.out and
                      "```http" in run.out and "```sh" in run.out, "Markdown: title, table, exchange, curl", run)

    # ---- the server's text cannot format the terminal or the report
    with faultlib.FaultProxy(URL, EVIL) as proxy:
        run = davtest.cli("doctor", proxy.url)
        if not written(run.json() if run.doc else {"checks": [{"id": "options"}]}, "options") or \
                "options-class2-without-1" not in run.out:
            tap.skip("a server's text escaped", "the OPTIONS check is not written yet")
        else:
            tap.check("\x1b" not in run.out and "evil\\x1b[31m" in run.out.lower(),
                      "text: the server's control characters escaped (\\x1b)", run)
            run = davtest.cli("doctor", proxy.url, "--markdown")
            md = run.out
            tap.check("\x1b" not in md and "Server: ````Evil\\x1b[31m `x` ``` | <b>bold</b> *star*````" in md,
                      "Markdown: the Server header escaped, in a code span longer than its backticks", run)
            blocks = re.findall(r"^(`{3,})http\n(.*?)^\1$", md, re.M | re.S)
            tap.ok(any(fence == "````" and "Server: Evil" in body for fence, body in blocks),
                   "Markdown: an answer holding ``` fenced with ````", [repr(b)[:300] for b in blocks[:4]])
            outside = re.sub(r"^(`{3,}).*?^\1$", "", md, flags=re.M | re.S)
            outside = re.sub(r"(`+).*?\1", "", outside)
            tap.ok("<b>" not in outside and "| table |" not in outside,
                   "Markdown: no server HTML or table outside code", [outside[:1500]])

    # ---- progress on a terminal
    master, slave = pty.openpty()
    p = subprocess.Popen([davtest.CLI, "doctor", URL], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=slave, env=davtest.cli_env({"TERM": "xterm"}))
    os.close(slave)
    err = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        err += data
    out = p.communicate(timeout=60)[0]
    os.close(master)
    tap.ok(p.returncode == 0 and re.search(rb"\r\x1b\[K\[1/\d+\] ", err) and b"\n" not in err.strip(b"\r\x1b[K"),
           "stderr a terminal: progress lines, erased at the end", [repr(err[:300]), f"exit {p.returncode}"])
    tap.ok(SUMMARY.search(out.decode()), "stdout not a terminal: the report all the same", [out[-300:]])

    # ---- Ctrl+C: cancelled, the scratch folder removed all the same
    with faultlib.FaultProxy(URL, SLOW) as proxy:
        before = disk(ROOT)
        p = subprocess.Popen([davtest.CLI, "doctor", proxy.url, "--write", "--json"], stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=davtest.cli_env())
        deadline = time.monotonic() + 60
        made = None
        while time.monotonic() < deadline and p.poll() is None and not made:
            made = [n for n in disk(ROOT) - before if "/" not in n]
            time.sleep(0.05)
        if not made:
            p.kill()
            p.communicate()
            tap.skip("Ctrl+C during --write", "no scratch folder appeared (mkcol not written yet)")
        else:
            time.sleep(1.0)
            p.send_signal(signal.SIGINT)
            out, err = p.communicate(timeout=120)
            try:
                doc = json.loads(out)
            except ValueError:
                doc = {}
            tap.ok(p.returncode == 1 and doc.get("cancelled") is True,
                   "Ctrl+C: exit 1, the document says cancelled",
                   [f"exit {p.returncode}", err.decode()[-500:], out.decode()[-500:]])
            tap.ok(any(c.get("state") == "cancelled" for c in doc.get("checks", [])),
                   "the checks not run are cancelled")
            tap.ok(disk(ROOT) == before and doc.get("leftovers") == [],
                   f"the scratch folder {made[0]} was removed after the Ctrl+C",
                   [sorted(disk(ROOT) - before), doc.get("leftovers")])
            tap.ok(urllib.parse.unquote(doc.get("scratch") or "").rstrip("/").endswith(made[0]),
                   "the document names it", [doc.get("scratch")])

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
