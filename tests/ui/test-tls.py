#!/usr/bin/python3
"""Certificates in the GUI (docs/hostile-servers.md promise 5, case 39): an
https server in this process with a self-signed certificate made by
openssl here. The untrusted certificate stops the listing and asks,
naming why and showing its fingerprint; "Accept Once" pins exactly that certificate and the
listing comes; when the server's certificate changes, the window asks
again instead of trusting it, and Cancel leaves the folder unlisted.
Check Server on the folder shown, after Accept Once, takes that
certificate too (its checks reach the server).

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI); the Apache share it
starts is not used here."""

import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from davscope_ui import (App, ScriptedHandler, Tap, activate, labels_in,  # noqa: E402
                         make_certificate, multistatus, multistatus_entry, serve, wait_for)

tap = Tap()
work = tempfile.mkdtemp(prefix="davscope-ui-tls-")


def body(name):
    return multistatus(multistatus_entry("/dav/", collection=True, length=None),
                       multistatus_entry(f"/dav/{name}", length=None))


class Dav(ScriptedHandler):
    # One request per connection: after the switch, the next request makes
    # a new TLS handshake (an old keep-alive connection would rightly keep
    # the certificate it was made with).
    protocol_version = "HTTP/1.0"

    def do_PROPFIND(self):
        self.read_body()
        self.send_multistatus(body(self.server.file_name))


def fingerprint_shown(texts, digest):
    """The dialog writes the SHA-256 fingerprint as colon-separated hex."""
    joined = "".join(texts).replace(":", "").replace(" ", "").replace("\n", "").lower()
    return digest in joined


key_a, cert_a, digest_a = make_certificate(work, "a")
key_b, cert_b, digest_b = make_certificate(work, "b")
server = serve(Dav, 0, key_a, cert_a, file_name="secure.txt")
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
    app.press_button("Accept Once", within=ask)
    listed = wait_for(lambda: "secure.txt" in app.row_names(), 20)
    tap.ok(listed, "Accept Once: the listing comes", f"rows: {app.row_names()}")

    # Check Server on the folder shown goes its way: the certificate
    # accepted once for it is accepted for the checks too (it is
    # remembered nowhere, so only the folder's own client knows it).
    # glib-networking may also resume the tab's TLS session for the
    # doctor's connections, which skips the check of the certificate:
    # this guards what the person sees, not which of the two let it in.
    summary, checks = app.check_server()
    tap.ok(summary is not None and re.search(r" in \d+ checks", summary) is not None
           and not summary.startswith("Could not check") and checks.get("OPTIONS") not in (None, "Skipped"),
           "Check Server accepts the certificate accepted once for the folder shown: its checks reach the server",
           f"summary: {summary!r}; checks: {checks}")

    # The server now shows another certificate (same host and port).
    server.shutdown()
    server.server_close()
    server = serve(Dav, port, key_b, cert_b, file_name="from-the-other-certificate.txt")
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
    app.press_button("Cancel", within=ask)
    banner = wait_for(lambda: next((t for t in labels_in(app.main) if t.startswith("Reloading failed")), None), 10)
    tap.ok(app.window_gone("Untrusted certificate", 5) and banner is not None
           and "from-the-other-certificate.txt" not in app.row_names(),
           "Cancel: nothing from the server with the new certificate is listed, and a banner says the "
           "reload failed and what is shown is old",
           f"rows: {app.row_names()}\nbanner: {banner}\ntoplevels: {app.toplevel_names()}")
finally:
    app.quit()
    server.shutdown()
    for f in os.listdir(work):
        os.remove(os.path.join(work, f))
    os.rmdir(work)

tap.done()
