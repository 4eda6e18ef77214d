#!/usr/bin/python3
"""https through a saved server's own proxy (issue 16): the Apache share
over https (with-apache --tls) behind an HTTP proxy that only tunnels,
with CONNECT, as proxies in front of https servers do.

The server is saved under a host name that nothing but the proxy knows
(the proxy connects it to 127.0.0.1): a request that went past the proxy
could not reach the share at all. The window lists the share; the
proxy's log has the CONNECT lines for that host and port and nothing
else. Check Server on the folder shown goes the same way (its own
connections are CONNECT tunnels through the proxy too) and its checks
reach the share.

The test CA's server certificate is pinned beforehand for that host and
port (as "Always Accept for This Host" would).

Runs inside tests/ui/run-ui-test --tls (Xvfb, AT-SPI)."""

import os
import re
import socket
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from davscope_ui import App, Tap, pin_certificate  # noqa: E402

URL = os.environ["DAVSCOPE_TEST_URL"]
PORT = os.environ["DAVSCOPE_TEST_PORT"]
CONF = os.path.join(os.environ["DAVSCOPE_TEST_SERVER_ROOT"], "conf")
CONFIG = os.environ["XDG_CONFIG_HOME"]
DATA = os.environ["XDG_DATA_HOME"]
# A name no resolver knows (RFC 6761 .test): only the proxy can reach it.
HOST = "davscope-proxied.test"
VIA_URL = URL.replace(urllib.parse.urlsplit(URL).hostname, HOST, 1)
SERVER_NAME = "Behind a Tunnel"

tap = Tap()


class TunnelProxy:
    """An HTTP proxy that answers CONNECT to HOST (to 127.0.0.1 at the
    port asked) and refuses everything else; it logs every request line."""

    def __init__(self):
        self.lock = threading.Lock()
        self.log = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self.serve, args=(client,), daemon=True).start()

    @staticmethod
    def pump(source, target):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                target.sendall(data)
        except OSError:
            pass
        try:
            target.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def serve(self, client):
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = client.recv(4096)
            if not chunk:
                client.close()
                return
            data += chunk
        head, rest = data.split(b"\r\n\r\n", 1)
        line = head.split(b"\r\n", 1)[0].decode("latin-1")
        with self.lock:
            self.log.append(line)
        parts = line.split(" ")
        target = parts[1] if len(parts) == 3 else ""
        host, _, port = target.rpartition(":")
        if parts[0] != "CONNECT" or host != HOST or not port.isdigit():
            client.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            client.close()
            return
        try:
            upstream = socket.create_connection(("127.0.0.1", int(port)), timeout=30)
            upstream.settimeout(None)
        except OSError:
            client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            client.close()
            return
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        if rest:
            upstream.sendall(rest)
        back = threading.Thread(target=self.pump, args=(upstream, client), daemon=True)
        back.start()
        self.pump(client, upstream)
        back.join()
        client.close()
        upstream.close()

    def lines(self):
        with self.lock:
            return list(self.log)


proxy = TunnelProxy()
PROXY_URL = f"http://127.0.0.1:{proxy.port}"

# The saved server with its own proxy, before the start.
os.makedirs(os.path.join(CONFIG, "davscope"), exist_ok=True)
with open(os.path.join(CONFIG, "davscope", "servers.ini"), "w") as f:
    f.write("[list]\nimported-gtk-bookmarks=true\n\n"
            f"[tunnelled-server]\nkind=server\nname={SERVER_NAME}\nurl={VIA_URL}\nproxy={PROXY_URL}\n")

# Pin the server's certificate for that host and port.
pin_certificate(DATA, os.path.join(CONF, "server.pem"), f"{HOST}:{PORT}")

try:
    socket.getaddrinfo(HOST, int(PORT))
    resolvable = True
except OSError:
    resolvable = False
tap.ok(not resolvable, f"{HOST} resolves nowhere here: only the proxy reaches the share under that name")

CONNECT = f"CONNECT {HOST}:{PORT} HTTP/1.1"

app = App(VIA_URL)
try:
    listed = app.wait_for(lambda: app.row_label("README.txt", 0.5) is not None, 30)
    tap.ok(listed and app.window("Untrusted certificate", 0.5) is None,
           "the https share is listed through the saved server's proxy",
           f"rows: {app.row_names()}; page: {app.error_page()}; toplevels: {app.toplevel_names()}")
    seen = proxy.lines()
    tap.ok(CONNECT in seen and all(line == CONNECT for line in seen),
           "the proxy's log has the CONNECT for the server's host and port, and nothing else",
           "\n".join(seen))

    before = len(seen)
    summary, checks = app.check_server()
    after = proxy.lines()
    tap.ok(summary is not None and re.search(r" in \d+ checks", summary) is not None
           and not summary.startswith("Could not check")
           and checks.get("PROPFIND with Depth: 1") in ("Passed", "Failed"),
           "Check Server on the folder shown reaches the share through the same proxy",
           f"summary: {summary!r}; checks: {checks}")
    # GIO's own proxy code (the doctor's probe socket) says HTTP/1.0.
    tap.ok(len(after) > before and all(line.startswith(f"CONNECT {HOST}:{PORT} HTTP/1.") for line in after),
           "its connections were CONNECT tunnels through the proxy too",
           f"{before} lines before, {len(after)} after:\n" + "\n".join(after[before:]))
    time.sleep(1)
finally:
    app.quit()

tap.done()
