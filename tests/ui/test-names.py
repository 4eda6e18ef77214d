#!/usr/bin/python3
"""Hostile names in the GUI (docs/hostile-servers.md cases 23, 24, 25),
against the real Apache share: files whose names hold a right-to-left
override, a zero-width space, terminal escapes, invalid UTF-8 and a
backslash, and a file whose displayname pretends to be another. The listing and the delete confirmation
show escaped names, never the raw characters; the identity is the href's
name; a copy keeps the name's exact bytes.

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI, Apache seeded with demo)."""

import os
import sys
import urllib.error

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from davscope_ui import (FOLDER, App, Tap, close_toast, find_toast, keycombo, labels_in,  # noqa: E402
                         name_of, point_into, share_request, wait_for, walk)

URL = os.environ["DAVSCOPE_TEST_URL"]

# encoded name on the server -> the name the GUI must show
NAMES = {
    "invoice%E2%80%AEfdp.exe": "invoice\\u{202E}fdp.exe",
    "zero%E2%80%8Bwidth.txt": "zero\\u{200B}width.txt",
    "esc%1B%5B2J%07bell.txt": "esc\\x1b[2J\\x07bell.txt",
    "%FF%FE%20bytes.txt": "\\xff\\xfe bytes.txt",
    # A backslash shows as sent, doubled only where it could be read as the
    # start of an escape (dav_text_escape): before "x", "u", an escaped
    # character or the end.
    "back%5Cslash.txt": "back\\slash.txt",
    "not%5Cx41an%20escape.txt": "not\\\\x41an escape.txt",
}
RAW = ["\u202e", "\u200b", "\x1b", "\x07", "\ufffd"]

tap = Tap()


def exists(encoded):
    try:
        return share_request("HEAD", encoded, encoded=True)[0] == 200
    except urllib.error.HTTPError:
        return False


def raw_in(texts):
    return [t for t in texts if any(c in t for c in RAW)]


for encoded in NAMES:
    share_request("PUT", encoded, b"hostile\n", encoded=True)
share_request("PUT", "payload.exe", b"MZ\n", encoded=True)
share_request("PROPPATCH", "payload.exe",
              b'<?xml version="1.0"?><D:propertyupdate xmlns:D="DAV:"><D:set><D:prop>'
              b'<D:displayname>report.pdf</D:displayname></D:prop></D:set></D:propertyupdate>',
              {"Content-Type": "application/xml"}, encoded=True)

app = App(URL)
try:
    shown = wait_for(lambda: all(n in app.row_names() for n in NAMES.values()) and app.row_names(), 20) \
        or app.row_names()
    missing = [n for n in NAMES.values() if n not in shown]
    tap.ok(not missing, "each hostile name is listed in its escaped form (\\u{202E}, \\x1B, \\xFF, \\\\)",
           f"missing: {missing}\nlisted: {shown}")
    texts = [name_of(n) for n in walk(app.main, only_shown=False)] + labels_in(app.main, only_shown=False)
    tap.ok(not raw_in(texts), "no label or accessible name in the window holds a raw bidi, zero-width or "
           "control character, or U+FFFD", raw_in(texts))
    tap.ok("payload.exe" in shown and "report.pdf" not in shown,
           "the file whose displayname says 'report.pdf' is listed by its href name, 'payload.exe'",
           f"listed: {shown}")

    # The delete confirmation names it escaped too.
    app.select_only(NAMES["invoice%E2%80%AEfdp.exe"])
    confirm = app.press_delete()
    text = labels_in(confirm) if confirm is not None else []
    tap.ok(confirm is not None and any(NAMES["invoice%E2%80%AEfdp.exe"] in t for t in text)
           and not raw_in(text),
           "the delete confirmation shows 'invoice\\u{202E}fdp.exe', not a reversed name", text)
    app.press_button("Cancel", within=confirm)
    app.window_gone("Delete 1 Item?", 10)
    tap.ok(exists("invoice%E2%80%AEfdp.exe"), "Cancel deletes nothing")

    # A copy keeps the exact bytes of a name that is not UTF-8 (case 25).
    app.select_only(NAMES["%FF%FE%20bytes.txt"])
    point_into(app.main)
    keycombo("<Control>c")
    app.select_only("Documents" + FOLDER)
    point_into(app.main)
    keycombo("<Control>v")
    said = find_toast(app.main, f"“{NAMES['%FF%FE%20bytes.txt']}” copied to “Documents”")
    close_toast(said)
    tap.ok(said is not None and wait_for(lambda: exists("Documents/%FF%FE%20bytes.txt"), 10),
           "copying '\\xFF\\xFE bytes.txt' into Documents creates Documents/%FF%FE%20bytes.txt, byte for byte, "
           "said escaped in a toast", f"toplevels: {app.toplevel_names()}")
finally:
    app.quit()

tap.done()
