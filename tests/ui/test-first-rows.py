#!/usr/bin/python3
"""The first rows of a big folder while the rest of its listing is on its
way (issue 16): a scripted server in this process sends the head of a
207 and its first 40 entries (fewer than the folder's first batch of 64),
then nothing until the test lets it go on. The rows already sent are in
the window meanwhile; the rest come when the server goes on.

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI); the Apache share it
starts is not used here."""

import os
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from davscope_ui import App, ScriptedHandler, Tap, multistatus_entry, press, serve, served_url, wait_for  # noqa: E402

tap = Tap()
FIRST = 40
ALL = 300
go_on = threading.Event()
HEAD = ('<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:">'
        + multistatus_entry("/dav/", collection=True))
FIRST_PART = (HEAD + "".join(multistatus_entry(f"/dav/f{i:05d}.txt") for i in range(FIRST))).encode()
REST = ("".join(multistatus_entry(f"/dav/f{i:05d}.txt") for i in range(FIRST, ALL))
        + "</D:multistatus>").encode()


class Stalls(ScriptedHandler):
    protocol_version = "HTTP/1.1"

    def do_OPTIONS(self):
        self.send_empty(200, [("DAV", "1, 2")])

    def do_PROPFIND(self):
        self.read_body()
        self.send_response(207, "Multi-Status")
        self.send_header("Content-Type", "application/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(FIRST_PART) + len(REST)))
        self.end_headers()
        self.wfile.write(FIRST_PART)
        self.wfile.flush()
        go_on.wait(120)
        self.wfile.write(REST)


server = serve(Stalls)
app = App(served_url(server))
try:
    early = wait_for(lambda: app.row_names(), 30) or []
    tap.ok(early and not go_on.is_set() and 0 < len(early) <= FIRST and "f00000.txt" in early,
           "the first entries of a listing are rows while the server still holds the rest",
           f"rows before the rest was sent: {early}")
    go_on.set()
    # The last row, at the bottom of the sorted rows: End from a row there.
    app.select_only("f00000.txt")
    done = wait_for(lambda: press("End") or ("f00299.txt" in app.row_names() and app.row_names()), 30) \
        or app.row_names()
    tap.ok("f00299.txt" in done, "the rest of the listing comes when the server goes on",
           f"last rows: {done[-5:]}")
finally:
    go_on.set()
    app.quit()
    server.shutdown()
tap.done()
