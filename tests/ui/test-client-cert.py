#!/usr/bin/python3
"""A saved server's client certificate (mutual TLS, issue 16) against the
Apache share over https that requires one (with-apache --tls
--client-cert). Without a certificate the folder is not listed and the
page says the server asks for one and where it is set (Client
Certificate, in Add Server / Edit Server). In Add Server, a file that is
no certificate, a certificate without its key and a missing file are
each refused in the dialog, with Save off, before anything is saved; a
PKCS#12 file with a password (made by with-apache with openssl) brings
up a Certificate password field, and Save stays off without the
password or with a wrong one, said as such; the PEM file with its key is
accepted, and so is the PKCS#12 file with its password. Once saved with
the PKCS#12 file, the connection is made again with it and the share is
listed; servers.ini has where the certificate is, neither the key nor
the password. A new process that has connected nowhere yet (so no TLS
session made with the certificate can be resumed) runs Check Server from
the start page for the saved server's address: it reads the server's
secrets and shows the certificate, and its checks reach the share. After
a restart the saved server lists the share from the
sidebar with no question (the password read back from the keyring, a
gnome-keyring of the test's own), and Check Server goes the same way:
with the certificate, its checks reach the share. With the certificate
removed in Edit Server, the next start brings back the explanation,
naming the setting, and Check Server cannot get in either.

The test CA's server certificate is pinned beforehand (as "Always Accept
for This Host" would), so no question about it comes in between.

Runs inside tests/ui/run-ui-test --mutual-tls (Xvfb, AT-SPI)."""

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from davscope_ui import (App, Tap, activate, click, find_in, keycombo, labels_in,  # noqa: E402
                         pin_certificate, point_into, press, scroll_into, sensitive, start_keyring,
                         tolerate, type_text, wait_for)

URL = os.environ["DAVSCOPE_TEST_URL"]
PORT = os.environ["DAVSCOPE_TEST_PORT"]
CONF = os.path.join(os.environ["DAVSCOPE_TEST_SERVER_ROOT"], "conf")
CLIENT_PEM = os.environ["DAVSCOPE_TEST_CLIENT_CERT"]
LOCKED_P12 = os.environ["DAVSCOPE_TEST_CLIENT_P12_LOCKED"]
P12_PASSWORD = os.environ["DAVSCOPE_TEST_CLIENT_P12_PASSWORD"]
CA_PEM = os.environ["DAVSCOPE_TEST_CA_FILE"]
CONFIG = os.environ["XDG_CONFIG_HOME"]
DATA = os.environ["XDG_DATA_HOME"]
SERVER = "Mutual TLS Share"
TITLE = "This server asks for a client certificate"

tap = Tap()
# Without a certificate, Apache's TLS 1.3 refusal closes an HTTP/2
# connection on which libsoup 3.2.3 then puts the request back: it warns
# and never finishes it, and Davscope ends the request itself after a
# while (dav-request.c, on_certificate_wait). It happens in about half of
# the runs.
tolerate("soup_connection_setup_message_io: code should not be reached",
         "libsoup 3.2.3 puts a request back on an HTTP/2 connection a TLS alert closed")

# A keyring of our own, unlocked (an empty password on stdin): the
# certificate's password is read back from it after the restart.
keyring = start_keyring(tap)

# Pin the server's certificate, as "Always Accept for This Host" does.
pin_certificate(DATA, os.path.join(CONF, "server.pem"), f"127.0.0.1:{PORT}")
# Something that is no certificate at all.
NOT_A_CERT = os.path.join(os.environ["DAVSCOPE_UI_WORK"], "notes.pem")
with open(NOT_A_CERT, "w") as f:
    f.write("just some notes\n")


def sidebar_row(app, name, timeout=10):
    def look():
        box = find_in(app.main, "Servers", "list")
        return find_in(box, name, "list item") if box is not None else None
    return wait_for(look, timeout)


def fill(dialog, label, text, role="text"):
    entry = find_in(dialog, label, role)
    if entry is None:
        return False
    # The fields scroll in the dialog: one that just appeared may be below.
    pane = find_in(dialog, None, "scroll pane")
    if pane is not None:
        scroll_into(entry, pane)
    click(entry)
    keycombo("<Control>a")
    if text:
        type_text(text)
    else:
        press("BackSpace")
    return True


def problem_shown(dialog, words):
    return wait_for(lambda: next((t for t in labels_in(dialog) if words in t), None), 5)


def error_page(app):
    """The page's title and description once it says the server wants a
    certificate."""
    def look():
        if app.error_title() != TITLE:
            return None
        return app.error_page()
    return wait_for(look, 20)


# ------------------------------------------------------------ no certificate

app = App(URL)
try:
    said = error_page(app)
    tap.ok(said is not None and "client certificate" in said and "none is set" in said,
           "without a certificate the folder is not listed: the page says the server asks for a client "
           "certificate and none is set", f"title: {app.error_title()}\n{app.error_page()}")
    tap.ok(said is not None and "Add Server" in said and "Client Certificate" in said,
           "and names where to set one: Client Certificate of a saved server (Add Server)", said)

    point_into(app.main)
    add = app.find("Add Server", "push button", 5, app.main)
    if add is not None:
        click(add)
    dialog = app.window("Add Server", 10)
    tap.ok(dialog is not None and find_in(dialog, "Client certificate", "text") is not None
           and find_in(dialog, "Choose File…", "push button") is not None,
           "Add Server has a Client certificate field with Choose File…",
           f"labels: {labels_in(dialog) if dialog else None}")
    save = app.button("Save", dialog, 5) if dialog is not None else None
    if dialog is not None:
        fill(dialog, "Name", SERVER)
        fill(dialog, "Address", URL)

    cases = [
        (NOT_A_CERT, "cannot be used", "a file that is no certificate"),
        (CA_PEM, "has no private key", "a certificate without its private key"),
        (CLIENT_PEM + ".missing", "is not a file", "a file that is not there"),
        (LOCKED_P12, "protected by a password", "a PKCS 12 file that needs a password, without it,"),
    ]
    for path, words, what in cases:
        if dialog is not None:
            fill(dialog, "Client certificate", path)
        text = problem_shown(dialog, words) if dialog is not None else None
        tap.ok(text is not None and save is not None and not sensitive(save),
               f"{what} is refused in the dialog, with Save off", f"{text!r}; labels: {labels_in(dialog) if dialog else None}")

    tap.screenshot("client-certificate-refused")
    asked = find_in(dialog, "Certificate password", "password text") if dialog is not None else None
    tap.ok(asked is not None, "the PKCS 12 file with a password brings up a Certificate password field",
           f"labels: {labels_in(dialog) if dialog else None}")
    if asked is not None:
        fill(dialog, "Certificate password", "not the password", "password text")
    text = problem_shown(dialog, "is wrong") if dialog is not None else None
    tap.ok(text is not None and save is not None and not sensitive(save),
           "a wrong password is said to be wrong, with Save off", f"{text!r}")

    if dialog is not None:
        fill(dialog, "Client certificate", CLIENT_PEM)
    accepted = wait_for(lambda: save is not None and sensitive(save), 5)
    tap.ok(accepted and not any("cannot be used" in t or "private key" in t for t in labels_in(dialog))
           and find_in(dialog, "Certificate password", "password text") is None,
           "the PEM file with certificate and key is accepted, with no password field",
           f"labels: {labels_in(dialog) if dialog else None}")

    if dialog is not None:
        fill(dialog, "Client certificate", LOCKED_P12)
        fill(dialog, "Certificate password", P12_PASSWORD, "password text")
    accepted = wait_for(lambda: save is not None and sensitive(save), 5)
    tap.ok(accepted and not any("is wrong" in t or "protected by a password" in t for t in labels_in(dialog)),
           "the PKCS 12 file with its password is accepted", f"labels: {labels_in(dialog) if dialog else None}")
    if save is not None and accepted:
        click(save)
    tap.ok(app.window_gone("Add Server", 10) and sidebar_row(app, SERVER) is not None,
           "Save keeps the server in the sidebar")
    listed = wait_for(lambda: app.row_label("README.txt", 0.5) is not None, 20)
    tap.ok(listed, "the connection is made again with the certificate, and the share is listed",
           f"rows: {app.row_names()}; page: {app.error_page()}")
    ini = open(os.path.join(CONFIG, "davscope", "servers.ini")).read()
    kept = ""
    for folder, _, files in os.walk(CONFIG):
        for name in files:
            with open(os.path.join(folder, name), errors="replace") as f:
                kept += f.read()
    tap.ok(f"client-certificate={LOCKED_P12}" in ini and "PRIVATE KEY" not in ini
           and P12_PASSWORD not in kept,
           "servers.ini keeps where the certificate is, neither the key nor its password (nor any file "
           "of the configuration)", ini)
    time.sleep(1)
finally:
    app.quit()

# A new process that has made no connection (no TLS session made with the
# certificate to resume): Check Server from the start page, for the saved
# server's address, reads the server's secrets and shows the certificate
# itself.
app = App()
try:
    description = ("Check Server from the start page, for the saved server's address, shows its certificate "
                   "(PKCS 12, its password from the keyring): the checks reach the share")
    if keyring:
        summary, checks = app.check_server(start_page=URL)
        tap.ok(summary is not None and re.search(r" in \d+ checks", summary) is not None
               and not summary.startswith("Could not check")
               and checks.get("PROPFIND with Depth: 1") in ("Passed", "Failed"),
               description, f"summary: {summary!r}; checks: {checks}")
    else:
        tap.ok(True, f"{description} # SKIP gnome-keyring is not installed")
finally:
    app.quit()

# ------------------------------------------------------------ after a restart

app = App()
try:
    row = sidebar_row(app, SERVER)
    if row is not None:
        click(row)
    listed = wait_for(lambda: app.row_label("README.txt", 0.5) is not None, 20)
    description = ("after a restart the saved server lists the share with its certificate, its password "
                   "read from the keyring, no question asked")
    if keyring:
        tap.ok(listed and app.window("Untrusted certificate", 0.5) is None, description,
               f"rows: {app.row_names()}; page: {app.error_page()}; toplevels: {app.toplevel_names()}")
    else:
        tap.ok(True, f"{description} # SKIP gnome-keyring is not installed")

    # Check Server goes the way browsing goes: the saved certificate
    # shown, the remembered server certificate accepted.
    description = "Check Server on the saved server shows its client certificate: the checks reach the share"
    if keyring:
        summary, checks = app.check_server()
        tap.ok(summary is not None and re.search(r" in \d+ checks", summary) is not None
               and not summary.startswith("Could not check")
               and checks.get("PROPFIND with Depth: 1") in ("Passed", "Failed"),
               description, f"summary: {summary!r}; checks: {checks}")
    else:
        tap.ok(True, f"{description} # SKIP gnome-keyring is not installed")

    # Without it again: Edit Server, the field emptied.
    menu = app.find(f"Actions for {SERVER}", None, 5, app.main)
    if menu is not None:
        click(menu)
        item = app.find(lambda n: n == "Edit…", None, 5)
        if item is not None:
            activate(item)
    dialog = app.window("Edit Server", 10)
    entry = find_in(dialog, "Client certificate", "text") if dialog is not None else None
    shown = None
    if entry is not None:
        t = entry.queryText()
        shown = t.getText(0, t.characterCount)
    tap.ok(shown == LOCKED_P12 and find_in(dialog, "Certificate password", "password text") is not None,
           "Edit Server shows the certificate's file, and its password field", f"{shown!r}")
    if dialog is not None:
        fill(dialog, "Client certificate", "")
        save = app.button("Save", dialog, 5)
        if save is not None:
            click(save)
        app.window_gone("Edit Server", 10)
    time.sleep(1)
finally:
    app.quit()

# A new process: this one's TLS session cache could let the server take a
# resumed session, made with the certificate, for a new connection.
app = App()
try:
    row = sidebar_row(app, SERVER)
    if row is not None:
        click(row)
    said = error_page(app)
    tap.ok(said is not None and "Client Certificate" in said and "Edit Server" in said,
           "without it the server's refusal is explained, naming the server's Client Certificate setting",
           f"title: {app.error_title()}\n{app.error_page()}\nrows: {app.row_names()}")

    # And Check Server, without the certificate, cannot get in either:
    # what made the run above pass was the certificate.
    summary, checks = app.check_server()
    tap.ok(summary is not None and summary.startswith("Could not check the server")
           and checks.get("PROPFIND with Depth: 1") == "Skipped",
           "without the certificate Check Server could not check the server",
           f"summary: {summary!r}; checks: {checks}")
finally:
    app.quit()

tap.done()
