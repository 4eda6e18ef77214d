#!/usr/bin/env python3
"""davscope-cli against Apache over https and HTTP/2 requiring a client
certificate (with-apache --tls --client-cert, SSLVerifyClient require):
without one, every run ends in a few seconds saying the server asks for a
client certificate, never hangs (libsoup 3.2.3 leaves a request on the
HTTP/2 connection the refusal closed; dav-request.c ends it); with the
PEM file or the PKCS#12 file of the test CA's client, the share is
listed. Issue 16. The scripted cases (another CA, a wrong password) are
in tests/core/test-cli-client-cert.py.

    with-apache --tls --client-cert --seed demo -- test-cli-mtls.py
"""

import json
import os
import sys

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
import davtest  # noqa: E402

URL = os.environ["DAVSCOPE_TEST_URL"]
RUNS = 6     # the refusal races libsoup: about half the runs meet the hang
LIBSOUP_RACE = "soup_connection_setup_message_io: code should not be reached"


def main():
    if davtest.cli_missing():
        return 0
    tap = davtest.Tap()
    # The CLI has no option for a CA file: the test CA's server is taken as is.
    options = ["--insecure"]
    # libsoup 3.2.3 warns when it puts the request back on the closed
    # HTTP/2 connection; with the suite's fatal-warnings that would kill
    # the CLI before Davscope's own handling is seen. Counted instead.
    lenient = {"G_DEBUG": "gc-friendly"}
    warned = 0
    for i in range(RUNS):
        run = davtest.cli("ls", *options, URL, env=lenient, timeout=30)
        others = [line for line in run.err.splitlines()
                  if ("WARNING" in line or "CRITICAL" in line) and LIBSOUP_RACE not in line]
        warned += LIBSOUP_RACE in run.err
        tap.check(run.rc == 1 and "client certificate" in run.err and run.seconds < 15 and not others,
                  f"without a certificate, run {i + 1}: refused within 15 s, saying a client certificate is asked for",
                  run)
    print(f"# libsoup's warning about the closed HTTP/2 connection came in {warned} of {RUNS} runs")
    for name in ("DAVSCOPE_TEST_CLIENT_CERT", "DAVSCOPE_TEST_CLIENT_P12"):
        run = davtest.cli("ls", *options, "--client-cert", os.environ[name], URL, timeout=30)
        tap.check(run.rc == 0 and "README.txt" in run.out,
                  f"with {os.path.basename(os.environ[name])}: the share is listed", run)

    # The doctor goes the same way: with the certificate its checks reach
    # the share; without it, it cannot run at all.
    run = davtest.cli("doctor", "--json", *options, "--client-cert", os.environ["DAVSCOPE_TEST_CLIENT_CERT"], URL,
                      env=lenient, timeout=120)
    states = {}
    try:
        states = {c["id"]: c["state"] for c in json.loads(run.out)["checks"]}
    except (ValueError, KeyError, TypeError):
        pass
    tap.check(run.rc in (0, 2) and states.get("propfind-depth-1") in ("passed", "failed"),
              f"doctor --client-cert: the checks reach the share (propfind-depth-1: {states.get('propfind-depth-1')})",
              run)
    run = davtest.cli("doctor", "--json", *options, URL, env=lenient, timeout=120)
    tap.check(run.rc == 1, "doctor without --client-cert could not check the server", run)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
