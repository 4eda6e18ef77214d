#!/usr/bin/python3
"""What a person sees when a server misbehaves (docs/hostile-servers.md
promises 2 and 3, cases 8-10, 14, 17, 18): a scripted server in this
process answers the listing with a 207 that names entries on another
origin and outside the folder, refuses one entry with 403, and then stops
in the middle of the document. The window shows the banner and keeps Delete off; the foreign
entries are flagged; the 403 badge explains itself and its "Show
Exchange" opens the inspector on that PROPFIND.

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI); the Apache share it
starts is not used here."""

import http.server
import os
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from davscope_ui import (App, ScriptedHandler, Tap, activate, click, find_in, keycombo,  # noqa: E402
                         labels_in, multistatus, multistatus_entry, name_of, point_into,
                         press, report_rows, report_summary, sensitive, serve, served_url,
                         share_url, wait_for, walk)

tap = Tap()
requests = []


BODY = ('<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:">'
        + multistatus_entry("/dav/", collection=True)
        + multistatus_entry("/dav/good.txt")
        + multistatus_entry("http://evil.example/dav/stolen.txt")
        + multistatus_entry("/other/secret.txt")
        + "<D:response><D:href>/dav/denied.txt</D:href><D:status>HTTP/1.1 403 Forbidden</D:status></D:response>"
        + multistatus_entry("/dav/last.txt")
        + "<D:response><D:href>/dav/cut")   # the server stops here


class Hostile(ScriptedHandler):
    protocol_version = "HTTP/1.0"   # close-delimited: the cut is a clean EOF

    def do_OPTIONS(self):
        requests.append(("OPTIONS", self.path))
        self.send_empty(200, [("DAV", "1, 2")])

    def do_PROPFIND(self):
        requests.append(("PROPFIND", self.path))
        self.read_body()
        if self.path.startswith("/moved/"):
            self.send_empty(302, [("Location", ELSEWHERE)])
            return
        self.send_multistatus(BODY, with_length=False)

    def do_DELETE(self):
        requests.append(("DELETE", self.path))
        self.send_response(204)
        self.end_headers()


class Elsewhere(ScriptedHandler):
    """Another origin, which wants a login."""

    def do_PROPFIND(self):
        elsewhere_requests.append((self.path, self.headers.get("Authorization")))
        self.send_empty(401, [("WWW-Authenticate", 'Basic realm="Elsewhere"')])


elsewhere_requests = []
elsewhere = serve(Elsewhere)
ELSEWHERE = served_url(elsewhere)

server = serve(Hostile)
URL = served_url(server)

app = App(URL)
try:
    names = wait_for(lambda: "last.txt" in app.row_names() and app.row_names(), 20) or app.row_names()
    tap.ok("good.txt" in names and "last.txt" in names and "denied.txt" in names,
           "what could be read before the cut is listed, the 403 entry among it", f"listed: {names}")
    banner = wait_for(lambda: next((t for t in labels_in(app.main) if t.startswith("This listing is incomplete")),
                                   None), 10)
    tap.ok(banner is not None and "deleting is disabled" in banner,
           "a banner says the listing is incomplete and deleting is disabled", banner)

    app.select_only("good.txt")
    # The details pane asks the server about good.txt alone; this server
    # answers with the whole folder, the folder itself first.
    details = wait_for(lambda: app.details() is not None and "getcontentlength" in labels_in(app.details())
                       and labels_in(app.details()), 10) or []
    tap.ok(details and not any("collection" in t for t in details),
           "the details of good.txt are good.txt's, not those of the folder the server put first", details)
    delete_button = app.button("Delete Selected Items", within=app.main)
    tap.ok(delete_button is not None and not sensitive(delete_button),
           "with good.txt selected, 'Delete Selected Items' stays insensitive on an incomplete listing")
    point_into(app.main)
    press("Delete")
    wait_for(lambda: any(t.startswith("Deleting waits for a complete listing") for t in labels_in(app.main)), 5)
    tap.ok(not [r for r in requests if r[0] == "DELETE"] and
           not any(name_of(w).startswith("Delete ") for w in app.toplevels()),
           "the Delete key sends nothing and asks nothing", f"requests: {requests}")

    # Entries on another origin or outside the folder: shown, flagged, never members.
    flagged = [n for n in names if "stolen.txt" in n or "secret.txt" in n]
    said = {name_of(n) for n in walk(app.main, only_shown=False) if name_of(n)}
    tap.ok(len(flagged) == 2 and
           "The href “http://evil.example/dav/stolen.txt” points to another server or protocol than the one "
           "you connected to." in said and
           "The href “/other/secret.txt” is not inside the folder that was asked for." in said,
           "the entries on evil.example and /other/ are listed with badges that say why they are not members",
           f"flagged rows: {flagged}\nnames: {sorted(said)}")

    # The 403 badge explains itself, and leads to the exchange.
    badge = wait_for(lambda: next((n for n in walk(app.main, only_shown=False)
                                   if (name_of(n) or "").startswith("403 Forbidden")), None), 5)
    if badge is not None:
        click(badge)
    popover_text = wait_for(lambda: [t for t in labels_in(app.root) if "403 Forbidden" in t] and labels_in(app.root),
                            5) or []
    show = app.button("Show Exchange", timeout=5)
    tap.ok(badge is not None and show is not None,
           "the 403 badge opens a popover that offers 'Show Exchange'",
           f"badge: {badge is not None}\n{popover_text}")
    if show is not None:
        activate(show)
    inspector = app.window("Inspector", timeout=10)
    shown = wait_for(lambda: next((t for t in labels_in(inspector) if t.startswith("PROPFIND ")), None), 10) \
        if inspector is not None else None
    tap.ok(shown is not None and "/dav/" in shown,
           "'Show Exchange' opens the inspector on the PROPFIND of the listing", f"shown: {shown}")
    app.close_window(inspector, "Inspector")
finally:
    app.quit()

# Case 34: a listing redirected to another origin is not followed; the user
# is asked, and the other server gets its own login.
app = App(URL.replace("/dav/", "/moved/"))
try:
    ask = app.window("Open the Other Server?", timeout=15)
    text = labels_in(ask) if ask is not None else []
    tap.ok(ask is not None and any(ELSEWHERE in t for t in text) and not elsewhere_requests,
           "a redirect to another server is not followed: Davscope asks, naming it, and nothing went there",
           f"dialog: {text}\nrequests there: {elsewhere_requests}")
    app.press_button("Open", within=ask)
    login = app.window(lambda n: n.startswith("Log in to "), timeout=15)
    tap.ok(login is not None and elsewhere_requests and all(auth is None for _, auth in elsewhere_requests),
           "Open connects to it without credentials, and its 401 brings a login dialog of its own",
           f"login: {login is not None and name_of(login)}\nrequests there: {elsewhere_requests}")
    said = " ".join(labels_in(login)) if login is not None else ""
    tap.ok(f"127.0.0.1:{elsewhere.server_address[1]}" in said and "Elsewhere" in said
           and "not encrypted" in said and "password in readable form (Basic)" in said,
           "the login names the other server and its realm, and says Basic over http shows the password "
           "(here on this computer)", said)
    app.press_button("Cancel", within=login)
finally:
    app.quit()
    server.shutdown()
    elsewhere.shutdown()

# Case 40: a bulk delete where one item is locked and the server goes away
# half-way: a report item per file, no blanket success.
FILES = [f"file-{i:02d}.txt" for i in range(1, 11)]
deletes = []


class GoesAway(ScriptedHandler):
    protocol_version = "HTTP/1.1"

    def do_PROPFIND(self):
        self.read_body()
        self.send_multistatus(multistatus(multistatus_entry("/dav/", collection=True),
                                          *(multistatus_entry("/dav/" + f) for f in FILES)))

    def do_DELETE(self):
        deletes.append(self.path)
        if len(deletes) > 5:
            # Gone: no answer, and no new connections.
            self.server.socket.close()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.send_empty(423 if self.path.endswith("file-02.txt") else 204)


gone = serve(GoesAway)
app = App(served_url(gone))
try:
    wait_for(lambda: all(f in app.row_names() for f in FILES), 20)
    app.select_only(FILES[0])
    point_into(app.main)
    keycombo("<Control>a")
    wait_for(lambda: len(app.selected_names()) == len(FILES), 5)
    press("Delete")
    confirm = app.window("Delete 10 Items?", timeout=10)
    app.press_button("Delete", within=confirm)
    report = app.window("Delete Report", timeout=15)
    summary = wait_for(lambda: report_summary(report, "deleted"), 30) if report is not None else None
    rows = report_rows(report)
    statuses = [r[1] for r in rows.values() if len(r) > 1]
    tap.ok(summary is not None and "failed" in summary
           and ("not attempted" in summary or "with no answer" in summary)
           and not summary.startswith("10 deleted"),
           "the report sums up what happened, with failures and items never confirmed, not a blanket success",
           f"summary: {summary}\nrows: {rows}\nDELETEs the server saw: {deletes}")
    tap.ok(rows.get("file-02.txt", [None, ""])[1] == "Failed · 423 Locked" and len(rows) == len(FILES)
           and sum(1 for t in statuses if t.startswith("Deleted")) <= 4,
           "one row per file: the locked one 'Failed · 423 Locked', and only what the server confirmed "
           "is 'Deleted'", f"rows: {rows}")
    app.close_window(report, "Delete Report")
finally:
    app.quit()
    gone.shutdown()

# Issue 15: what the error page says fits the request that got it.

# A plain web server, not WebDAV (python's http.server): GET works,
# PROPFIND and OPTIONS get 501, and no answer has a DAV header.
options_asked = []


class PlainWeb(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_OPTIONS(self):
        # What http.server answers to a method it lacks, as to PROPFIND.
        options_asked.append(self.path)
        self.send_error(501, f"Unsupported method ({self.command!r})")


plain = serve(PlainWeb)
app = App(served_url(plain))
try:
    reason = wait_for(app.error_page, 20)
    tap.ok(reason is not None and "does not speak WebDAV" in reason and "locking or copying" not in reason,
           "a plain web server (501 to PROPFIND) gets a page that says it does not speak WebDAV",
           f"page: {reason!r}")
    tap.ok(reason is not None and options_asked and "DAV header" in reason and "URL" in reason,
           "the page says what OPTIONS showed (no DAV header) and what to check (the URL)",
           f"page: {reason!r}\nOPTIONS asked: {options_asked}")
    tap.ok(app.error_title() == "This server does not speak WebDAV",
           "its title says 'This server does not speak WebDAV', not that a folder could not be listed",
           f"title: {app.error_title()!r}")
    hint = "Select one item to see its properties, each with the status the server gave it."
    tap.ok(find_in(app.main, hint, "label") is None,
           "no details pane beside the page asks to select an item (there is nothing to select)",
           "the details pane's hint is shown")
    tap.diag(f"screenshot of the page: {tap.screenshot('not-webdav')}")
finally:
    app.quit()
    plain.shutdown()

# A WebDAV server at the wrong path: 405 to PROPFIND here, yet OPTIONS
# announces DAV. The page says so, rather than "no WebDAV".
class WrongPath(ScriptedHandler):
    def do_OPTIONS(self):
        self.send_empty(200, [("DAV", "1, 2"), ("Allow", "OPTIONS, GET, HEAD")])

    def do_PROPFIND(self):
        self.read_body()
        self.send_empty(405, [("Allow", "OPTIONS, GET, HEAD")])


wrong = serve(WrongPath)
app = App(served_url(wrong))
try:
    reason = wait_for(app.error_page, 20)
    tap.ok(reason is not None and "405 Method Not Allowed" in reason and "(DAV: 1, 2)" in reason
           and "another address" in reason and "folder cannot be created" not in reason,
           "a 405 to PROPFIND where OPTIONS announces DAV: the page says WebDAV is there, maybe at another address",
           f"page: {reason!r}")
    tap.ok(app.error_title() == "This folder could not be listed",
           "there, the title is 'This folder could not be listed' (the server does speak WebDAV)",
           f"title: {app.error_title()!r}")
finally:
    app.quit()
    wrong.shutdown()

# Up from the share's root: Apache refuses to list / with 403.
app = App(share_url())
try:
    wait_for(lambda: app.row_names(), 20)
    up = app.button("Enclosing Folder", within=app.main, timeout=5)
    if up is not None:
        activate(up)
    reason = wait_for(app.error_page, 20)
    tap.ok(reason is not None and "does not let you list this folder" in reason
           and "cop" not in reason.lower() and "creat" not in reason.lower(),
           "Up from the share's root: the 403 page has a listing's words, none about creating or copying",
           f"page: {reason!r}")
finally:
    app.quit()

# A server that is down: the page names host and port.
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
app = App(f"http://127.0.0.1:{port}/dav/")
try:
    reason = wait_for(app.error_page, 20)
    tap.ok(reason is not None and f"127.0.0.1:{port}" in reason,
           "a server that is down: the page names host:port", f"page: {reason!r}")
finally:
    app.quit()

tap.done()
