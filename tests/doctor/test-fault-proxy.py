#!/usr/bin/env python3
"""The fault proxy (tests/doctor/faultlib.py) against the real Apache:
without a fault it must be Apache (bodies byte for byte, every method,
kept-alive connections, Expect: 100-continue, chunked uploads, COPY's
Destination and Location), and each hook of the self-test faults
(faults_proxy_selftest.py) must change what it says.  Prints TAP.

    tests/servers/with-apache --seed demo -- tests/doctor/test-fault-proxy.py
"""

import contextlib
import http.client
import os
import select
import socket
import subprocess
import sys
import time
import traceback
import urllib.parse

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, HERE)
import faultlib  # noqa: E402  (puts tests/ on the path)
import davtest  # noqa: E402

URL = os.environ.get("DAVSCOPE_TEST_URL")
ROOT = os.environ.get("DAVSCOPE_TEST_ROOT")
PATH = urllib.parse.urlsplit(URL or "http://x/dav/").path
PROPFIND_ALL = (b'<?xml version="1.0" encoding="utf-8"?>\n'
                b'<D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>\n')
LOCKINFO = (b'<?xml version="1.0" encoding="utf-8"?>\n<D:lockinfo xmlns:D="DAV:">'
            b'<D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>'
            b'<D:owner>fault proxy test</D:owner></D:lockinfo>')


def request(port, method, path, body=None, headers=None, conn=None):
    own = conn is None
    if own:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, r.getheaders(), r.read()
    finally:
        if own:
            conn.close()


def header(headers, name):
    return next((v for k, v in headers if k.lower() == name.lower()), None)


def raw_exchange(port, head, body, wait_for_100):
    """Sends @head with Expect: 100-continue; returns (what came before the
    body was sent, within @wait_for_100 s; the final answer)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    try:
        s.sendall(head)
        early = b""
        deadline = time.monotonic() + wait_for_100
        while time.monotonic() < deadline and b"\r\n\r\n" not in early:
            ready, _, _ = select.select([s], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                break
            data = s.recv(4096)
            if not data:
                break
            early += data
        s.sendall(body)
        rest = b""
        while b"\r\n\r\n" not in rest:
            data = s.recv(4096)
            if not data:
                break
            rest += data
        return early, rest
    finally:
        s.close()


class Tap(davtest.Tap):
    """davtest.Tap with groups (an exception in one is a failed check) and eq."""

    @contextlib.contextmanager
    def test(self, title):
        self.prefix = title + ": "
        try:
            yield
        except Exception:
            self.ok(False, "no exception", traceback.format_exc().splitlines())
        finally:
            self.prefix = ""

    def eq(self, got, expected, description=""):
        return self.ok(got == expected, description or f"{expected!r}",
                       [f"expected {expected!r}", f"got      {got!r}"])


def main():
    tap = Tap()
    if faultlib.not_under_apache():
        return 0
    upstream = urllib.parse.urlsplit(URL).port
    selftest = faultlib.load_faults(["faults_proxy_selftest"])

    with faultlib.FaultProxy(URL) as proxy:
        port = proxy.port

        with tap.test("PROPFIND Depth infinity: the same status, type and body, byte for byte"):
            a = request(upstream, "PROPFIND", PATH, PROPFIND_ALL,
                        {"Depth": "infinity", "Content-Type": "application/xml"})
            b = request(port, "PROPFIND", PATH, PROPFIND_ALL,
                        {"Depth": "infinity", "Content-Type": "application/xml"})
            tap.eq(b[0], 207)
            tap.eq(b[0], a[0])
            tap.eq(header(b[1], "Content-Type"), header(a[1], "Content-Type"))
            tap.ok(len(a[2]) > 10000, f"a big listing ({len(a[2])} bytes)")
            # Apache orders a response's namespace declarations differently
            # from one request to the next: compare with what it sent the proxy.
            tap.ok(b[2] == proxy.last_upstream.body, "the body is the one Apache sent, byte for byte")
            tap.eq(header(proxy.last_upstream.headers, "Transfer-Encoding"), "chunked",
                   "(Apache sent it chunked)")

        with tap.test("GET of a binary file and HEAD: Apache's bytes and headers"):
            path = PATH + urllib.parse.quote("Photos/Holiday 2024/IMG_0007.jpg")
            a = request(upstream, "GET", path)
            b = request(port, "GET", path)
            tap.eq(b[0], 200)
            tap.ok(a[2] == b[2], "same bytes")
            for name in ("ETag", "Last-Modified", "Content-Length", "Content-Type"):
                tap.eq(header(b[1], name), header(a[1], name), name)
            h = request(port, "HEAD", path)
            tap.eq(h[0], 200)
            tap.eq(header(h[1], "Content-Length"), str(len(a[2])), "HEAD keeps Content-Length")
            tap.eq(h[2], b"")

        with tap.test("the client's connection is kept alive over several requests"):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                request(port, "OPTIONS", PATH, conn=conn)
                sock = conn.sock
                for _ in range(3):
                    st, hdrs, _ = request(port, "PROPFIND", PATH, PROPFIND_ALL,
                                          {"Depth": "0"}, conn=conn)
                    tap.eq(st, 207)
                    tap.eq(header(hdrs, "Connection"), None, "no Connection: close")
                tap.ok(conn.sock is sock, "one socket for all")
                # Apache closes idle connections after 5 s (KeepAliveTimeout);
                # the proxy reopens its side.
                time.sleep(5.5)
                tap.eq(request(port, "OPTIONS", PATH, conn=conn)[0], 200,
                       "after Apache closed its side")
            finally:
                conn.close()

        with tap.test("a chunked PUT is stored whole; COPY and MOVE with the proxy's Destination"):
            data = bytes(range(256)) * 300
            name = "proxy test \u00e9.bin"
            path = PATH + urllib.parse.quote(name)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                conn.request("PUT", path, body=iter([data[:1000], data[1000:]]),
                             encode_chunked=True)
                r = conn.getresponse()
                r.read()
                tap.eq(r.status, 201)
                # Apache escapes with lower-case hex digits.
                tap.eq((r.getheader("Location") or "").lower(),
                       (proxy.url + urllib.parse.quote(name)).lower(), "Location names the proxy")
            finally:
                conn.close()
            with open(os.path.join(ROOT, name), "rb") as f:
                tap.ok(f.read() == data, "the file on disk is the bytes sent")
            tap.eq(request(port, "GET", path)[2] == data, True, "GET gives them back")
            copy = proxy.url + "copied.bin"
            st, hdrs, _ = request(port, "COPY", path, headers={"Destination": copy})
            tap.eq(st, 201)
            tap.eq(header(hdrs, "Location"), copy)
            st, _, _ = request(port, "COPY", path, headers={"Destination": copy, "Overwrite": "F"})
            tap.eq(st, 412)
            st, _, _ = request(port, "MOVE", PATH + "copied.bin",
                               headers={"Destination": proxy.url + "moved.bin"})
            tap.eq(st, 201)
            tap.ok(os.path.exists(os.path.join(ROOT, "moved.bin")), "moved on disk")
            for p in (path, PATH + "moved.bin"):
                tap.eq(request(port, "DELETE", p)[0], 204)

        with tap.test("MKCOL, PROPPATCH, LOCK, UNLOCK pass through"):
            folder = PATH + "proxy-folder/"
            tap.eq(request(port, "MKCOL", folder)[0], 201)
            tap.eq(request(port, "MKCOL", folder)[0], 405)
            patch = (b'<?xml version="1.0" encoding="utf-8"?>\n<D:propertyupdate xmlns:D="DAV:" '
                     b'xmlns:x="urn:x"><D:set><D:prop><x:k>\xf0\x9f\x8e\x89</x:k></D:prop></D:set>'
                     b'</D:propertyupdate>')
            st, _, body = request(port, "PROPPATCH", folder, patch,
                                  {"Content-Type": "application/xml"})
            tap.eq(st, 207)
            file = folder + "f.txt"
            tap.eq(request(port, "PUT", file, b"x")[0], 201)
            st, hdrs, body = request(port, "LOCK", file, LOCKINFO,
                                     {"Content-Type": "application/xml", "Timeout": "Second-60"})
            tap.eq(st, 200)
            token = (header(hdrs, "Lock-Token") or "").strip("<>")
            tap.ok(token.startswith("opaquelocktoken:"), f"Lock-Token {token}")
            tap.eq(request(port, "PUT", file, b"y")[0], 423, "PUT without the token")
            tap.eq(request(port, "PUT", file, b"y", {"If": f"(<{token}>)"})[0], 204)
            tap.eq(request(port, "UNLOCK", file, headers={"Lock-Token": f"<{token}>"})[0], 204)
            tap.eq(request(port, "DELETE", folder)[0], 204)
            tap.ok(not os.path.exists(os.path.join(ROOT, "proxy-folder")), "gone on disk")

        with tap.test("Expect: 100-continue: the proxy answers 100 before the body"):
            body = b"hello"
            head = (f"PUT {PATH}expect.txt HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                    f"Content-Length: {len(body)}\r\nExpect: 100-continue\r\n\r\n").encode()
            t0 = time.monotonic()
            early, final = raw_exchange(port, head, body, 3.0)
            tap.ok(early.startswith(b"HTTP/1.1 100 Continue\r\n"), f"got {early[:40]!r}")
            tap.ok(time.monotonic() - t0 < 2.0, "at once")
            tap.ok(final.startswith(b"HTTP/1.1 201 "), f"then {final[:40]!r}")
            request(port, "DELETE", PATH + "expect.txt")

        proxy.set_fault(selftest["selftest-no-continue"])
        with tap.test("head hook, req.no_continue: no 100; the body read when it comes"):
            body = b"hello"
            head = (f"PUT {PATH}expect.txt HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                    f"Content-Length: {len(body)}\r\nExpect: 100-continue\r\n\r\n").encode()
            early, final = raw_exchange(port, head, body, 1.5)
            tap.eq(early, b"", "nothing within 1.5 s")
            tap.ok(final.startswith(b"HTTP/1.1 201 "), f"then {final[:40]!r}")
            request(port, "DELETE", PATH + "expect.txt")

        proxy.set_fault(selftest["selftest-dav-2-only"])
        with tap.test("response hook: DAV header replaced, state kept across requests"):
            st, hdrs, _ = request(port, "OPTIONS", PATH)
            tap.eq(st, 200)
            tap.eq([v for k, v in hdrs if k.lower() == "dav"], ["2"])
            st, hdrs, _ = request(port, "OPTIONS", PATH)
            tap.eq(header(hdrs, "X-Fault-Count"), "2")
            tap.eq(request(port, "PROPFIND", PATH, PROPFIND_ALL, {"Depth": "0"})[0], 207,
                   "other requests untouched")

        proxy.set_fault(selftest["selftest-refuse-mkcol"])
        with tap.test("request hook: a Response answers without Apache"):
            st, hdrs, body = request(port, "MKCOL", PATH + "refused/")
            tap.eq(st, 507)
            tap.eq(body, b"full\n")
            tap.eq(header(hdrs, "Content-Length"), "5", "Content-Length from the body")
            tap.ok(not os.path.exists(os.path.join(ROOT, "refused")), "nothing made")

        proxy.set_fault(selftest["selftest-cut-short"])
        with tap.test("resp.fix_length = False, resp.close: a body cut short under its length"):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                conn.request("PROPFIND", PATH, PROPFIND_ALL, {"Depth": "1"})
                r = conn.getresponse()
                tap.eq(r.status, 207)
                try:
                    r.read()
                    tap.ok(False, "the read ends early")
                except http.client.IncompleteRead as e:
                    tap.ok(len(e.partial) > 0, f"the read ends early ({len(e.partial)} bytes)")
            finally:
                conn.close()

        proxy.set_fault(selftest["selftest-chunked"])
        with tap.test("resp.chunked: the same body, chunked"):
            b = request(port, "PROPFIND", PATH, PROPFIND_ALL, {"Depth": "1"})
            tap.eq(header(b[1], "Transfer-Encoding"), "chunked")
            tap.eq(header(b[1], "Content-Length"), None, "no Content-Length")
            tap.ok(b[2] == proxy.last_upstream.body, "the same bytes")

        proxy.set_fault(None)
        with tap.test("without the fault again: Apache's answers"):
            st, hdrs, _ = request(port, "OPTIONS", PATH)
            tap.eq([v for k, v in hdrs if k.lower() == "dav"][0], "1,2")

    with tap.test("fault-proxy.py -- COMMAND: DAVSCOPE_TEST_URL names the proxy"):
        probe = ("import http.client, os, urllib.parse\n"
                 "u = urllib.parse.urlsplit(os.environ['DAVSCOPE_TEST_URL'])\n"
                 "c = http.client.HTTPConnection(u.hostname, u.port)\n"
                 "c.request('OPTIONS', u.path)\n"
                 "r = c.getresponse()\n"
                 "print(r.status, r.getheader('DAV'), u.path, u.port,\n"
                 "      os.environ['DAVSCOPE_TEST_UPSTREAM_URL'], os.environ['DAVSCOPE_TEST_FAULT'])\n")
        out = subprocess.run([sys.executable, os.path.join(HERE, "fault-proxy.py"), "--fault",
                              "selftest-dav-2-only", "--", sys.executable, "-c", probe],
                             stdout=subprocess.PIPE, timeout=60, check=True).stdout.decode().split()
        tap.eq(out[:3], ["200", "2", PATH], "the fault's answer, the same path")
        tap.ok(out[3] != str(upstream), "another port than Apache's", out)
        tap.eq(out[4:], [URL, "selftest-dav-2-only"], "DAVSCOPE_TEST_UPSTREAM_URL, DAVSCOPE_TEST_FAULT")

    with tap.test("fault-proxy.py --port 0: prints its URL, serves until SIGTERM"):
        p = subprocess.Popen([sys.executable, os.path.join(HERE, "fault-proxy.py"), "--upstream", URL,
                              "--port", "0"], stdout=subprocess.PIPE)
        try:
            line = p.stdout.readline().decode().strip()
            u = urllib.parse.urlsplit(line)
            tap.eq(u.path, PATH, f"the URL {line}")
            tap.eq(request(u.port, "OPTIONS", PATH)[0], 200, "it serves")
        finally:
            p.terminate()
        tap.eq(p.wait(timeout=30), 0, "SIGTERM: exit 0")

    with tap.test("fault-proxy.py --list; with-fault-proxy starts a server and the proxy"):
        listed = subprocess.run([sys.executable, os.path.join(HERE, "fault-proxy.py"), "--list"],
                                stdout=subprocess.PIPE, timeout=60, check=True).stdout.decode()
        tap.ok("selftest-no-continue\tfaults_proxy_selftest\tcheck=expect-continue" in listed, "--list",
               [listed[:500]])
        out = subprocess.run([os.path.join(HERE, "with-fault-proxy"), "--fault", "selftest-dav-2-only", "--",
                              sys.executable, "-c", probe], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, timeout=120).stdout.decode().split()
        tap.eq(out[:3], ["200", "2", "/dav/"], "with-fault-proxy: the fault in front of a new Apache")
        tap.ok(len(out) > 4 and out[4] != URL, "not this test's Apache", out)

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
