#!/usr/bin/python3
"""A proxy that asks for its own login (issue 16): a saved server whose
proxy (its setting, shown in Edit Server) answers 407 until it gets its
credentials. The window asks for the PROXY's login in a dialog that names
the proxy, not the server; Cancel leaves the folder with an error that
says which proxy wants what; Reload asks again, and with the proxy's
login the server's own login dialog comes next, separately; then the
share is listed. The proxy's credentials went only in Proxy-Authorization
to the proxy, which forwarded nothing of them to the server (it consumes
Proxy-Authorization, as proxies do), and the server's only in
Authorization.

A 407 is what no real WebDAV server sends: the proxy is a small scripted
forwarder in this process, in front of the Apache share.

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI, Apache seeded with demo)."""

import base64
import http.client
import os
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from davscope_ui import (App, ScriptedHandler, Tap, activate, click, find_in, labels_in,  # noqa: E402
                         name_of, point_into, press, serve, type_text, wait_for)

URL = os.environ["DAVSCOPE_TEST_BASIC_URL"]
USER = os.environ["DAVSCOPE_TEST_USER"]
PASSWORD = os.environ["DAVSCOPE_TEST_PASSWORD"]
SERVER_HOST = urllib.parse.urlsplit(URL).netloc
CONFIG = os.environ["XDG_CONFIG_HOME"]
MARKER = "reached through the proxy.txt"
PROXY_USER, PROXY_PASSWORD = "bob", "proxy-secret-7"
PROXY_AUTH = "Basic " + base64.b64encode(f"{PROXY_USER}:{PROXY_PASSWORD}".encode()).decode()
SERVER_NAME = "Behind a Proxy"

tap = Tap()

with open(os.path.join(os.environ["DAVSCOPE_TEST_BASIC_ROOT"], MARKER), "w") as f:
    f.write("listed through the proxy\n")


class Proxy(ScriptedHandler):
    """Answers 407 without the right Proxy-Authorization; else forwards
    the request to the server named in its absolute URL, without the
    proxy's own headers, and notes what it got and what it sent on."""
    protocol_version = "HTTP/1.1"
    lock = threading.Lock()
    got = []          # (method, target, Proxy-Authorization, Authorization)
    forwarded = []    # the headers sent on to the server, as a dict

    def any_method(self):
        body = self.read_body()
        proxy_auth = self.headers.get("Proxy-Authorization")
        with Proxy.lock:
            Proxy.got.append((self.command, self.path, proxy_auth, self.headers.get("Authorization")))
        if not self.path.startswith("http://"):
            self.send_empty(400)
            return
        if proxy_auth != PROXY_AUTH:
            self.send_empty(407, [("Proxy-Authenticate", 'Basic realm="Test Proxy"')])
            return
        target = urllib.parse.urlsplit(self.path)
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() not in ("proxy-authorization", "proxy-connection", "connection", "keep-alive")}
        with Proxy.lock:
            Proxy.forwarded.append(headers)
        conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        path = target.path + ("?" + target.query if target.query else "")
        conn.request(self.command, path, body=body or None, headers=headers)
        answer = conn.getresponse()
        data = answer.read()
        conn.close()
        self.send_response(answer.status, answer.reason)
        for name, value in answer.getheaders():
            if name.lower() not in ("transfer-encoding", "connection", "keep-alive", "content-length"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


for method in ("GET", "HEAD", "OPTIONS", "PROPFIND", "PROPPATCH", "PUT", "DELETE", "MKCOL", "COPY", "MOVE",
               "LOCK", "UNLOCK"):
    setattr(Proxy, "do_" + method, Proxy.any_method)

proxy = serve(Proxy)
PROXY_HOST = f"127.0.0.1:{proxy.server_address[1]}"
PROXY_URL = f"http://{PROXY_HOST}"

# The saved server with its own proxy, before the start.
os.makedirs(os.path.join(CONFIG, "davscope"), exist_ok=True)
with open(os.path.join(CONFIG, "davscope", "servers.ini"), "w") as f:
    f.write("[list]\nimported-gtk-bookmarks=true\n\n"
            f"[proxied-server]\nkind=server\nname={SERVER_NAME}\nurl={URL}\nproxy={PROXY_URL}\n")


def proxy_dialog(app, timeout=15):
    return app.window(lambda n: n.startswith("Log in to the Proxy"), timeout)


def server_dialog(app, timeout=15):
    return app.window(lambda n: n.startswith("Log in to ") and "Proxy" not in n, timeout)


def body(dialog):
    return "\n".join(labels_in(dialog)) if dialog is not None else ""


def log_in(app, dialog, user, password):
    point_into(dialog)
    type_text(user)
    press("Tab")
    type_text(password)
    button = app.button("Log In", within=dialog, timeout=5)
    if button is not None:
        activate(button)


app = App(URL)
try:
    dialog = proxy_dialog(app)
    text = body(dialog)
    tap.ok(dialog is not None and name_of(dialog) == f"Log in to the Proxy {PROXY_HOST}",
           "a 407 opens a login dialog for the proxy, named by its host and port",
           f"toplevels: {app.toplevel_names()}")
    tap.ok(f"The proxy {PROXY_HOST} asks for its own login (“Test Proxy”)" in text and SERVER_HOST in text
           and "not the server’s" in text,
           "it says the proxy asks, with its realm, before passing requests on to the server, and that "
           "this is not the server's login", text)
    tap.ok(app.find("Remember password", "check box", within=dialog, timeout=2) is not None,
           "it offers to remember the proxy's password", text)
    tap.ok(server_dialog(app, 1) is None, "no login dialog for the server yet")

    # Cancel: the folder is not listed and says why.
    if dialog is not None:
        app.press_button("Cancel", within=dialog)
    said = wait_for(lambda: app.error_page(), 15) or ""
    tap.ok("407" in said and PROXY_HOST in said and "Basic" in said
           and "Test Proxy" in said and MARKER not in app.row_names(),
           "Cancel: the folder is not listed, and the error names the proxy, the login it wants and its realm",
           f"{said}\ntoplevels: {app.toplevel_names()}")

    # Reload: asked again; the proxy's login, then the server's.
    reload = app.button("Reload", within=app.main, timeout=5)
    if reload is not None:
        activate(reload)
    dialog = proxy_dialog(app)
    tap.ok(dialog is not None, "Reload asks for the proxy's login again", f"toplevels: {app.toplevel_names()}")
    if dialog is not None:
        log_in(app, dialog, PROXY_USER, PROXY_PASSWORD)
    dialog = server_dialog(app)
    tap.ok(dialog is not None and name_of(dialog) == f"Log in to {SERVER_HOST}" and "Proxy" not in body(dialog),
           "then the server asks for its own login, in a dialog of its own naming the server",
           f"toplevels: {app.toplevel_names()}\n{body(dialog)}")
    if dialog is not None:
        log_in(app, dialog, USER, PASSWORD)
    listed = wait_for(lambda: app.row_label(MARKER, 0.5) is not None, 20)
    tap.ok(listed, "the share is listed through the proxy", f"rows: {app.row_names()}")

    with Proxy.lock:
        got, forwarded = list(Proxy.got), list(Proxy.forwarded)
    server_auth = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    tap.ok(any(p == PROXY_AUTH for _, _, p, _ in got)
           and all(p in (None, PROXY_AUTH) for _, _, p, _ in got),
           "the proxy got its own credentials in Proxy-Authorization, and never others",
           "\n".join(map(str, got)))
    tap.ok(all(a in (None, server_auth) for _, _, _, a in got) and any(a == server_auth for _, _, _, a in got),
           "Authorization carried only the server's credentials", "\n".join(map(str, got)))
    leaked = [h for h in forwarded
              if any(PROXY_PASSWORD in v or PROXY_AUTH.split()[1] in v for v in h.values())
              or any(k.lower() == "proxy-authorization" for k in h)]
    tap.ok(forwarded and not leaked,
           "nothing that reached the server carried the proxy's credentials or a Proxy-Authorization header",
           "\n".join(map(str, leaked or forwarded[:3])))
    tap.ok(all(t.startswith(URL.split("/basic/")[0]) for _, t, _, _ in got),
           "every request went to the proxy naming the server's URL", "\n".join(map(str, got)))

    # The proxy setting is in the server's dialog.
    point_into(app.main)
    menu = app.find(f"Actions for {SERVER_NAME}", None, 5, app.main)
    if menu is not None:
        click(menu)
        item = app.find(lambda n: n == "Edit…", None, 5)
        if item is not None:
            activate(item)
    edit = app.window("Edit Server", 10)
    entry = find_in(edit, "Proxy", "text") if edit is not None else None
    shown_proxy = None
    if entry is not None:
        t = entry.queryText()
        shown_proxy = t.getText(0, t.characterCount)
    tap.ok(shown_proxy == PROXY_URL, "Edit Server shows the server's proxy in its Proxy field",
           f"proxy field: {shown_proxy!r}; labels: {labels_in(edit) if edit else None}")
    if edit is not None:
        press("Escape")
        app.window_gone("Edit Server", 5)
finally:
    app.quit()
    proxy.shutdown()

tap.done()
