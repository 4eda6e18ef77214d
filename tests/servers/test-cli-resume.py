#!/usr/bin/env python3
"""davscope-cli get against real Apache, its connection cut half-way by a
proxy in this test: the next get continues with Range and If-Range, and
the file ends byte-identical; a file that changed meanwhile comes whole
(Apache answers the stale If-Range with 200). Issue 16, dav-download.c;
the scripted cases (a wrong Content-Range, checksums) are in
tests/core/test-cli-transfer.py.

    with-apache --seed none -- test-cli-resume.py   (DAVSCOPE_CLI set)
"""

import glob
import os
import random
import shutil
import socket
import sys
import tempfile
import threading
import time
import urllib.parse

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
import davtest  # noqa: E402

SIZE = 4 * 1024 * 1024
CUT = 1024 * 1024 + 17   # bytes of the answer (head and body) let through


class CuttingProxy:
    """A TCP proxy on 127.0.0.1 to Apache that, while cut is set, closes
    a connection once CUT bytes of the answer went through; it keeps the
    request heads it forwarded."""

    def __init__(self, upstream_port):
        self.upstream_port = upstream_port
        self.cut = False
        self.heads = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            threading.Thread(target=self.upward, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self.downward, args=(upstream, client), daemon=True).start()

    def upward(self, client, upstream):
        try:
            while (data := client.recv(65536)):
                if b"\r\n\r\n" in data:
                    self.heads.append(data.split(b"\r\n\r\n")[0].decode("latin-1"))
                upstream.sendall(data)
        except OSError:
            pass

    def downward(self, upstream, client):
        budget = CUT if self.cut else None
        try:
            while (data := upstream.recv(65536)):
                if budget is not None:
                    data = data[:budget]
                    budget -= len(data)
                client.sendall(data)
                if budget == 0:
                    break
        except OSError:
            pass
        for s in (client, upstream):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def close(self):
        self.sock.close()


def header(head, name):
    for line in head.split("\r\n")[1:]:
        key, _, value = line.partition(":")
        if key.strip().lower() == name.lower():
            return value.strip()
    return None


def main():
    if davtest.cli_missing():
        return 0
    tap = davtest.Tap()
    base = os.environ["DAVSCOPE_TEST_URL"]
    root = os.environ["DAVSCOPE_TEST_ROOT"]
    port = urllib.parse.urlsplit(base).port
    random.seed(16)
    body = random.randbytes(SIZE)
    with open(os.path.join(root, "big.bin"), "wb") as f:
        f.write(body)
    # Apache's ETag is weak in the second the file was written.
    time.sleep(1.2)

    proxy = CuttingProxy(port)
    folder = tempfile.mkdtemp(prefix="davscope-resume-")
    target = os.path.join(folder, "big.bin")
    url = f"http://127.0.0.1:{proxy.port}/dav/big.bin"

    def get():
        proxy.heads.clear()
        return davtest.cli("get", url, target)

    def parts():
        return glob.glob(os.path.join(folder, ".davscope-*.part"))

    try:
        proxy.cut = True
        run = get()
        partial = parts()
        size = os.path.getsize(partial[0]) if partial else 0
        tap.check(run.rc != 0 and not os.path.exists(target) and 0 < size < SIZE,
                  "a GET cut off by the network fails, and keeps what came in a partial file", run,
                  [f"partial: {size} bytes"])

        proxy.cut = False
        run = get()
        gets = [h for h in proxy.heads if h.startswith("GET ")]
        resumed = gets and header(gets[0], "Range") == f"bytes={size}-" and (header(gets[0], "If-Range") or "").startswith('"')
        tap.check(resumed, "the retry asks Apache for the rest: Range from the partial end, If-Range with its ETag",
                  run, gets)
        got = open(target, "rb").read() if os.path.exists(target) else b""
        tap.check(run.rc == 0 and got == body, "the resumed file is byte-identical to Apache's", run,
                  [f"{len(got)} bytes"])
        tap.check(not glob.glob(os.path.join(folder, ".davscope-*")), "nothing is left beside it", run)
        os.unlink(target)

        # Cut again, then the file changes on the server: Apache answers
        # the stale If-Range with the whole new file (200).
        proxy.cut = True
        get()
        changed = random.randbytes(SIZE + 5)
        with open(os.path.join(root, "big.bin"), "wb") as f:
            f.write(changed)
        time.sleep(1.2)
        proxy.cut = False
        run = get()
        gets = [h for h in proxy.heads if h.startswith("GET ")]
        got = open(target, "rb").read() if os.path.exists(target) else b""
        tap.check(gets and header(gets[0], "If-Range") and run.rc == 0 and got == changed,
                  "a file changed since the cut comes whole (Apache: 200 to a stale If-Range), never spliced",
                  run, gets + [f"{len(got)} bytes"])
    finally:
        proxy.close()
        shutil.rmtree(folder, ignore_errors=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
