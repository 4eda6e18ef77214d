#!/usr/bin/env python3
"""davscope-cli through a proxy that asks for its own login (407): the
proxy's credentials (--proxy-user, DAVSCOPE_PROXY_PASSWORD) go to the
proxy, the server's (--user, DAVSCOPE_PASSWORD) to the server, never one
in the other's place; the system's proxy settings (http_proxy, read by
GIO's default resolver) are used without --proxy. Issue 16.

No Apache: a scripted proxy in this process answers for the server too
(requests come to it with the absolute URL). Prints TAP; exits 1 when a
test failed.

    test-cli-proxy.py          (DAVSCOPE_CLI: the built davscope-cli)
"""

import base64
import os
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
import davtest  # noqa: E402

PROXY_AUTH = "Basic " + base64.b64encode(b"bob:proxy-secret-7").decode()
SERVER_AUTH = "Basic " + base64.b64encode(b"alice:server-secret-9").decode()
BODY = b"through the proxy\n"
# Nothing listens there: only the proxy can answer.
ORIGIN = "http://127.0.0.1:9/dav/f.txt"


class Proxy(davtest.ScriptedHandler):
    def do_GET(self):
        self.note({"target": self.path, "proxy_auth": self.headers.get("Proxy-Authorization"),
                   "auth": self.headers.get("Authorization")})
        if not self.path.startswith("http://"):
            self.reply(400, b"not a proxy request", "text/plain")
        elif self.headers.get("Proxy-Authorization") != PROXY_AUTH:
            self.reply(407, b"", "text/plain", headers=[("Proxy-Authenticate", 'Basic realm="Test Proxy"')])
        elif self.headers.get("Authorization") != SERVER_AUTH:
            self.reply(401, b"", "text/plain", headers=[("WWW-Authenticate", 'Basic realm="Test Server"')])
        else:
            self.reply(200, BODY, "text/plain")


def main():
    if davtest.cli_missing():
        return 0
    tap = davtest.Tap()
    folder = tempfile.mkdtemp(prefix="davscope-proxy-")
    target = os.path.join(folder, "f.txt")
    passwords = {"DAVSCOPE_PASSWORD": "server-secret-9", "DAVSCOPE_PROXY_PASSWORD": "proxy-secret-7"}
    try:
        with davtest.serving(Proxy) as port:
            proxy = f"http://127.0.0.1:{port}"

            def get(*options, env=None, system=False):
                Proxy.seen.clear()
                if os.path.exists(target):
                    os.unlink(target)
                if system:
                    # The system's settings, as a desktop session's environment gives them.
                    env = dict(env or {}, http_proxy=proxy)
                    return davtest.cli("get", *options, ORIGIN, target, env=env)
                return davtest.cli("get", "--proxy", proxy, *options, ORIGIN, target, env=env, scripted=True)

            def sent(key):
                return {s.get(key) for s in Proxy.seen} - {None}

            run = get("--user", "alice", env={"DAVSCOPE_PASSWORD": "server-secret-9"})
            tap.check(run.rc != 0 and "the proxy 127.0.0.1" in run.err and "--proxy-user" in run.err,
                      "a 407 without --proxy-user says the proxy asks for a login", run)
            tap.check(sent("proxy_auth") == set(), "the server's password is never offered to the proxy",
                      run, [Proxy.seen])

            run = get("--user", "alice", "--proxy-user", "bob", env=passwords)
            got = open(target, "rb").read() if os.path.exists(target) else b""
            tap.check(run.rc == 0 and got == BODY, "with both logins, the file comes through the proxy", run)
            tap.check(sent("proxy_auth") == {PROXY_AUTH}, "only the proxy's credentials go in Proxy-Authorization",
                      run, [Proxy.seen])
            tap.check(sent("auth") == {SERVER_AUTH}, "only the server's credentials go in Authorization",
                      run, [Proxy.seen])
            tap.check(all(s["target"] == ORIGIN for s in Proxy.seen), "the requests name the server's URL",
                      run, [Proxy.seen])

            run = get("--user", "alice", "--proxy-user", "bob",
                      env=dict(passwords, DAVSCOPE_PROXY_PASSWORD="wrong"))
            tap.check(run.rc != 0 and "did not accept the password for bob" in run.err,
                      "a wrong proxy password is reported as the proxy's", run)

            run = get("--user", "alice", "--proxy-user", "bob", env=passwords, system=True)
            got = open(target, "rb").read() if os.path.exists(target) else b""
            tap.check(run.rc == 0 and got == BODY and Proxy.seen,
                      "without --proxy, the system's proxy (http_proxy through GIO's resolver) is used", run,
                      [Proxy.seen])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
