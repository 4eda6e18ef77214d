#!/usr/bin/python3
"""Certificates in the GUI (docs/hostile-servers.md promise 5, case 39): an
https server in this process with a self-signed certificate made by
openssl here. The untrusted certificate stops the listing and asks,
naming why and showing its fingerprint; "Accept Once" pins exactly that certificate and the
listing comes; when the server's certificate changes, the window asks
again instead of trusting it, and Cancel leaves the folder unlisted.

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI); the Apache share it
starts is not used here."""

import hashlib
import http.server
import os
import ssl
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from davscope_ui import (App, Tap, activate, labels_in, name_of, wait_for)  # noqa: E402

tap = Tap()
work = tempfile.mkdtemp(prefix="davscope-ui-tls-")

def body(name):
    return ('<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:">'
        '<D:response><D:href>/dav/</D:href><D:propstat><D:prop><D:resourcetype><D:collection/>'
        '</D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>'
        f'<D:response><D:href>/dav/{name}</D:href><D:propstat><D:prop><D:resourcetype/>'
        '</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>'
        '</D:multistatus>').encode()


def make_certificate(name):
    key, cert = os.path.join(work, name + ".key"), os.path.join(work, name + ".pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", f"/CN=127.0.0.1/O=Davscope test {name}",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    der = ssl.PEM_cert_to_DER_cert(open(cert).read())
    return key, cert, hashlib.sha256(der).hexdigest()


class Dav(http.server.BaseHTTPRequestHandler):
    # One request per connection: after the switch, the next request makes
    # a new TLS handshake (an old keep-alive connection would rightly keep
    # the certificate it was made with).
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def do_PROPFIND(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(207, "Multi-Status")
        self.send_header("Content-Type", "application/xml; charset=utf-8")
        answer = body(self.server.file_name)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)


def serve(port, key, cert, file_name):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Dav)
    server.file_name = file_name
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def fingerprint_shown(texts, digest):
    """The dialog writes the SHA-256 fingerprint as colon-separated hex."""
    joined = "".join(texts).replace(":", "").replace(" ", "").replace("\n", "").lower()
    return digest in joined


key_a, cert_a, digest_a = make_certificate("a")
key_b, cert_b, digest_b = make_certificate("b")
server = serve(0, key_a, cert_a, "secure.txt")
port = server.server_address[1]
URL = f"https://127.0.0.1:{port}/dav/"

app = App(URL)
try:
    ask = app.window("Untrusted certificate", timeout=20)
    text = labels_in(ask) if ask is not None else []
    tap.ok(ask is not None and not app.row_names(),
           "an untrusted certificate stops the listing and asks", f"rows: {app.row_names()}")
    tap.ok(any("not signed by a certificate authority" in t for t in text) and fingerprint_shown(text, digest_a),
           "the question says why it is not trusted and shows the certificate's SHA-256 fingerprint", text)
    once = app.button("Accept Once", within=ask, timeout=5) if ask is not None else None
    if once is not None:
        activate(once)
    listed = wait_for(lambda: "secure.txt" in app.row_names(), 20)
    tap.ok(listed, "Accept Once: the listing comes", f"rows: {app.row_names()}")

    # The server now shows another certificate (same host and port).
    server.shutdown()
    server.server_close()
    server = serve(port, key_b, cert_b, "from-the-other-certificate.txt")
    reload = app.button("Reload", within=app.main, timeout=5)
    if reload is not None:
        activate(reload)
    ask = app.window("Untrusted certificate", timeout=20)
    if ask is None:
        tap.diag("\n".join(labels_in(app.main)))
    text = labels_in(ask) if ask is not None else []
    tap.ok(ask is not None and fingerprint_shown(text, digest_b) and not fingerprint_shown(text, digest_a),
           "a changed certificate is not trusted because the old one was: the window asks again, "
           "showing the new fingerprint", text)
    cancel = app.button("Cancel", within=ask, timeout=5) if ask is not None else None
    if cancel is not None:
        activate(cancel)
    banner = wait_for(lambda: next((t for t in labels_in(app.main) if t.startswith("Reloading failed")), None), 10)
    tap.ok(app.window_gone("Untrusted certificate", 5) and banner is not None
           and "from-the-other-certificate.txt" not in app.row_names(),
           "Cancel: nothing from the server with the new certificate is listed, and a banner says the "
           "reload failed and what is shown is old",
           f"rows: {app.row_names()}\nbanner: {banner}\ntoplevels: {[name_of(w) for w in app.toplevels()]}")
finally:
    app.quit()
    server.shutdown()
    for f in os.listdir(work):
        os.remove(os.path.join(work, f))
    os.rmdir(work)

tap.done()
