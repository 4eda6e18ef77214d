#!/usr/bin/env python3
"""The doctor's fault proxy: an HTTP/1.1 proxy on 127.0.0.1 in front of a
WebDAV server that lets one named fault rewrite a request or an answer
(tests/doctor/faultlib.py says how, docs/doctor.md why).

    fault-proxy.py [--fault NAME] [--upstream URL] [--port N] [-v] -- COMMAND [ARGS...]
    fault-proxy.py [--fault NAME] [--upstream URL] [--port N] [-v]
    fault-proxy.py --list

NAME is a fault of a FAULTS list in tests/doctor/faults_*.py; without it
the proxy passes everything through (the clean twin).  URL defaults to
$DAVSCOPE_TEST_URL (as exported by tests/servers/with-apache).  --port 0
(the default) takes a free port.

With COMMAND, the proxy serves while COMMAND runs with DAVSCOPE_TEST_URL
(and _BASIC_URL, _DIGEST_URL) pointing at the proxy, the same paths as
upstream; DAVSCOPE_TEST_UPSTREAM_URL is the server's own URL,
DAVSCOPE_TEST_FAULT the fault.  The exit status is COMMAND's.  Without
COMMAND it prints the proxy's URL (the upstream URL with the proxy's
origin) on one line of stdout, then serves until SIGINT or SIGTERM.

tests/doctor/with-fault-proxy starts Apache and this in one go.

Only the Python standard library is used.
"""

import argparse
import os
import signal
import subprocess
import sys

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import faultlib  # noqa: E402


def main():
    argv = sys.argv[1:]
    command = []
    if "--" in argv:
        command = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    ap = argparse.ArgumentParser(prog="fault-proxy.py",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("--fault", metavar="NAME", help="the fault (default: none, pass through)")
    ap.add_argument("--upstream", metavar="URL", default=os.environ.get("DAVSCOPE_TEST_URL"),
                    help="the server's URL (default: $DAVSCOPE_TEST_URL)")
    ap.add_argument("--port", type=int, default=0, help="port to listen on (0: a free one)")
    ap.add_argument("--list", action="store_true", help="list the faults and exit")
    ap.add_argument("-v", "--verbose", action="store_true", help="log each exchange on stderr")
    args = ap.parse_args(argv)

    faults = faultlib.load_faults(faultlib.all_fault_modules())
    if args.list:
        for f in faults.values():
            print("\t".join([f.name, f.module, f"check={f.check}", f"finds={f.finds}"]
                            + (["write"] if f.write else [])))
        return 0
    fault = None
    if args.fault:
        fault = faults.get(args.fault)
        if fault is None:
            ap.error(f"no fault {args.fault!r} in {', '.join(faultlib.all_fault_modules())}")
    if not args.upstream:
        ap.error("no --upstream URL and no DAVSCOPE_TEST_URL")

    proxy = faultlib.FaultProxy(args.upstream, fault, args.port, args.verbose)
    proxy.start()
    if not command:
        print(proxy.url, flush=True)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            signal.pause()
        except (KeyboardInterrupt, SystemExit):
            pass
        proxy.stop()
        return 0

    env = dict(os.environ)
    env["DAVSCOPE_TEST_UPSTREAM_URL"] = args.upstream
    env["DAVSCOPE_TEST_URL"] = proxy.url
    for share in ("BASIC", "DIGEST"):
        key = f"DAVSCOPE_TEST_{share}_URL"
        if key in env:
            env[key] = proxy.proxy_url(env[key])
    env["DAVSCOPE_TEST_FAULT"] = args.fault or ""
    try:
        rc = subprocess.call(command, env=env)
    except OSError as e:
        print(f"fault-proxy.py: cannot run {command[0]}: {e.strerror}", file=sys.stderr)
        rc = 127
    except KeyboardInterrupt:
        rc = 130
    proxy.stop()
    return 128 - rc if rc < 0 else rc


if __name__ == "__main__":
    sys.exit(main())
