#!/usr/bin/python3
"""Tabs and windows against the real Apache share: Ctrl+T opens the folder
shown again in a tab, each tab keeps its own location and history, Open in
New Tab and a middle-click open a folder beside; items dragged onto a tab
are copied there on the server (COPY; with Shift, MOVE) with the usual
toast, or for several items the report; items of another server are
refused with nothing sent to either; the location entry completes from
the history;
Ctrl+W closes a tab, Ctrl+N opens a window, and the tabs come back after a
restart.

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI, Apache seeded with demo).
libadwaita 1.2's tabs are "filler 'AdwTab'" nodes on the AT-SPI bus, with
the tab's title as a label inside."""

import http.server
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from davscope_ui import (FOLDER, App, Tap, activate, center, children, click, extents, find_in,  # noqa: E402
                         keycombo, name_of, point_into, press, report_rows, report_summary, role_of, serve, served_url,
                         share_exists, text_of,
                         share_url, toast_said, tr, type_text, wait_for, walk)
from dogtail import rawinput  # noqa: E402

URL = os.environ["DAVSCOPE_TEST_URL"]
HOLIDAY = "Photos/Holiday 2024/"

tap = Tap()


def tabs(app):
    """[(title, node)] of the tab bar's tabs, left to right."""
    found = []
    for node in walk(app.main):
        if role_of(node) == "filler" and name_of(node) == "AdwTab":
            label = find_in(node, role="label", only_shown=False)
            found.append((extents(node)[0], name_of(label) if label is not None else None, node))
    found.sort(key=lambda entry: entry[0])
    return [(title, node) for _, title, node in found]


def titles(app):
    return [title for title, _ in tabs(app)]


def location(app, window=None):
    return text_of(app.find(tr("Location"), "text", within=window or app.main, timeout=5))


def select_tab(app, title):
    """Clicks the tab called title; the view shows it once the location
    entry says its folder."""
    node = dict(tabs(app)).get(title)
    if node is not None:
        x, y = center(node)
        rawinput.click(x - 60, y)     # off the close button at its end
    return node is not None


def visible_table(app, name):
    """The folder listing that shows a row called name: each tab has its
    own, and the tab not shown keeps the extents it had."""
    app._table = None
    for table in app.find_all(tr("Folder contents"), "tree table", within=app.main):
        app._table = table
        if name in app.row_names():
            return table
    app._table = None
    return None


def drag_to(source, target, shift=False):
    (x0, y0), (x1, y1) = source, target
    if shift:
        rawinput.holdKey("Shift_L")
    try:
        rawinput.press(x0, y0)
        steps = 8
        for i in range(1, steps + 1):
            rawinput.absoluteMotion(int(x0 + (x1 - x0) * i / steps), int(y0 + (y1 - y0) * i / steps))
            time.sleep(0.15)
        time.sleep(1.0)     # over the tab: the tab bar switches to it after a moment
        rawinput.release(x1, y1)
    finally:
        if shift:
            rawinput.releaseKey("Shift_L")


def drag_from_share(app, name, tab, shift=False):
    """Drags the item called name from the share's tab ('dav') onto the
    tab called tab."""
    select_tab(app, "dav")
    wait_for(lambda: location(app) == URL, 10)
    visible_table(app, name)
    app.select_only(name)
    label = app.row_label(name)
    target = dict(tabs(app)).get(tab)
    if label is not None and target is not None:
        drag_to(center(label), center(target), shift)


class Elsewhere(http.server.BaseHTTPRequestHandler):
    """Another WebDAV server: lists one file, records what it was sent."""
    seen = []

    def log_message(self, *args):
        pass

    def _answer(self):
        Elsewhere.seen.append(self.command)
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if self.command == "OPTIONS":
            self.send_response(200)
            self.send_header("DAV", "1")
            self.send_header("Allow", "OPTIONS, PROPFIND")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.command != "PROPFIND":
            self.send_response(405)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = ('<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:">'
                '<D:response><D:href>/other/</D:href><D:propstat><D:prop><D:resourcetype><D:collection/>'
                '</D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>'
                '<D:response><D:href>/other/elsewhere.txt</D:href><D:propstat><D:prop><D:resourcetype/>'
                '<D:getcontentlength>3</D:getcontentlength></D:prop><D:status>HTTP/1.1 200 OK</D:status>'
                '</D:propstat></D:response></D:multistatus>').encode()
        self.send_response(207)
        self.send_header("Content-Type", 'application/xml; charset="utf-8"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_OPTIONS = do_PROPFIND = do_COPY = do_MOVE = do_PUT = do_DELETE = do_GET = _answer


elsewhere = serve(Elsewhere)
OTHER = served_url(elsewhere) + "/other/"

app = App(URL, settings="keyfile")
try:
    wait_for(lambda: "README.txt" in app.row_names(), 20)
    point_into(app.main)
    tap.ok(titles(app) == [], "one tab: no tab bar", f"tabs: {titles(app)}")

    # ---- Ctrl+T: the folder shown again, in a second tab
    keycombo("<Control>t")
    tap.ok(wait_for(lambda: titles(app) == ["dav", "dav"], 10),
           "Ctrl+T opens the folder shown in a second tab, and the tab bar shows both",
           f"tabs: {titles(app)}")

    # ---- each tab its own location and history
    keycombo("<Control>l")
    keycombo("<Control>a")
    type_text(share_url(HOLIDAY))
    press("Return")
    went = wait_for(lambda: titles(app) == ["dav", "Holiday 2024"], 15)
    listed = wait_for(lambda: visible_table(app, "IMG_0001.jpg") is not None, 15)
    tap.ok(went and listed, "the second tab goes to 'Holiday 2024' and lists it; the first stays 'dav'",
           f"tabs: {titles(app)}, location: {location(app)}")
    point_into(app.main)
    keycombo("<Alt>Left")
    back = wait_for(lambda: titles(app) == ["dav", "dav"] and location(app) == URL, 15)
    tap.ok(back, "Alt+Left in the second tab goes back to where that tab was", f"tabs: {titles(app)}, location: {location(app)}")
    keycombo("<Control>l")
    keycombo("<Control>a")
    type_text(share_url(HOLIDAY))
    press("Return")
    wait_for(lambda: titles(app) == ["dav", "Holiday 2024"], 15)

    select_tab(app, "dav")
    first_shown = wait_for(lambda: location(app) == URL, 10)
    back_button = app.button(tr("Back"), within=app.main, timeout=5)
    tap.ok(first_shown and visible_table(app, "README.txt") is not None,
           "clicking the first tab shows its own folder again", f"location: {location(app)}")
    tap.ok(back_button is None or not back_button.sensitive,
           "the first tab has no history of the second: Back is off there",
           f"back: {back_button is not None and back_button.sensitive}")

    # ---- Open in New Tab (the folder's menu) and a middle-click
    visible_table(app, "README.txt")
    label = app.row_label("Documents" + FOLDER)
    if label is not None:
        x, y = center(label)
        rawinput.click(x, y, button=3)
    item = app.find(tr("Open in New _Tab").replace("_", ""), "menu item", timeout=5)
    if item is not None:
        activate(item)     # GTK 4.8 reports a popover's items where its button is
    # libadwaita puts a tab opened from another after that one's other
    # tabs, as browsers do: here after 'Holiday 2024', opened from 'dav'.
    opened = wait_for(lambda: titles(app) == ["dav", "Holiday 2024", "Documents"]
                      and location(app) == share_url("Documents/"), 15)
    tap.ok(item is not None and opened,
           "'Open in New Tab' on a folder opens it in a tab after this one's, and shows it",
           f"menu item: {item is not None}, tabs: {titles(app)}, location: {location(app)}")
    tap.ok(wait_for(lambda: visible_table(app, "Letters" + FOLDER) is not None, 15),
           "the new tab lists 'Documents'")

    select_tab(app, "dav")
    wait_for(lambda: location(app) == URL, 10)
    visible_table(app, "README.txt")
    label = app.row_label("Projects" + FOLDER)
    if label is not None:
        x, y = center(label)
        rawinput.click(x, y, button=2)
    tap.ok(wait_for(lambda: "Projects" in titles(app) and location(app) == share_url("Projects/"), 15),
           "a middle-click on 'Projects' opens it in a tab", f"tabs: {titles(app)}, location: {location(app)}")

    # ---- drag onto another tab: a COPY on the server, then with Shift a MOVE
    drag_from_share(app, "README.txt", "Holiday 2024")
    copied = toast_said(app.main, f"“README.txt” copied to “Holiday 2024”", 15)
    tap.ok(copied is not None, "README.txt dragged onto the 'Holiday 2024' tab ends in 'copied to' toast",
           f"tabs: {titles(app)}")
    tap.ok(wait_for(lambda: share_exists(HOLIDAY + "README.txt"), 10) and share_exists("README.txt"),
           "the server has README.txt in 'Holiday 2024' and still in /dav/ (COPY)")
    tap.ok(wait_for(lambda: visible_table(app, "README.txt") is not None and location(app) == share_url(HOLIDAY), 10),
           "the tab it was dropped on is shown, and lists the copy", f"location: {location(app)}")

    drag_from_share(app, "Grüße.txt", "Holiday 2024", shift=True)
    moved = toast_said(app.main, f"“Grüße.txt” moved to “Holiday 2024”", 15)
    tap.ok(moved is not None, "with Shift held, the drop is a move: 'moved to' toast")
    tap.ok(wait_for(lambda: share_exists(HOLIDAY + "Grüße.txt"), 10) and not share_exists("Grüße.txt"),
           "the server has Grüße.txt in 'Holiday 2024' and no longer in /dav/ (MOVE)")

    # The tab it was dragged from lists it no more, with no reload asked
    # for: the end of the batch lists the folders it changed again in
    # every tab that shows them.
    select_tab(app, "dav")
    wait_for(lambda: location(app) == URL, 10)

    def source_rows():
        # The share's own listing: 'a+b=c.txt' is only there yet.
        return app.row_names() if visible_table(app, "a+b=c.txt") is not None else None
    left = wait_for(lambda: (source_rows() or []) and "Grüße.txt" not in source_rows()
                    and "README.txt" in source_rows(), 10)
    tap.ok(left, "the tab the item was moved out of no longer lists it, without a reload",
           f"rows: {source_rows()}")

    # ---- several items: the copy's report, a row for each
    both = ["a+b=c.txt", "issue #42.txt"]
    select_tab(app, "dav")
    wait_for(lambda: location(app) == URL, 10)
    visible_table(app, both[0])
    app.select_only(both[0])
    second_label = app.row_label(both[1])
    if second_label is not None:
        click(second_label, modifier="Control_L")
    chosen = wait_for(lambda: sorted(app.selected_names()) == sorted(both), 5)
    target = dict(tabs(app)).get("Holiday 2024")
    if chosen and target is not None:
        drag_to(center(app.row_label(both[1])), center(target))
    report = app.window(tr("Copy Report"), timeout=15)
    summary = wait_for(lambda: report_summary(report, "copied"), 20)
    rows = report_rows(report)
    tap.ok(summary == "2 copied" and all(name in rows for name in both)
           and all(share_exists(HOLIDAY + name) and share_exists(name) for name in both),
           "two items dragged onto a tab: the Copy Report says '2 copied', a row each, and the server has both copies",
           f"selected: {app.selected_names()}, summary: {summary}, rows: {list(rows)}")
    app.close_window(report, tr("Copy Report"))

    # ---- another server's tab: refused, nothing sent
    keycombo("<Control>t")
    wait_for(lambda: len(titles(app)) == 6, 10)
    keycombo("<Control>l")
    keycombo("<Control>a")
    type_text(OTHER)
    press("Return")
    tap.ok(wait_for(lambda: "other" in titles(app) and visible_table(app, "elsewhere.txt") is not None, 15),
           "a tab on another server lists it", f"tabs: {titles(app)}")
    before = list(Elsewhere.seen)
    drag_from_share(app, "README.txt", "other")
    refused = toast_said(app.main, tr("The items are on another server than this folder: nothing was copied. "
                                      "Download them, then upload them here."), 15)
    time.sleep(1)
    sent = [m for m in Elsewhere.seen[len(before):] if m not in ("PROPFIND", "OPTIONS")]
    tap.ok(refused is not None and sent == [],
           "items dragged onto another server's tab are refused, and nothing but listings reached that server",
           f"sent: {sent}")

    # ---- Ctrl+W closes the tab shown; Ctrl+N opens a window at the same folder
    n = len(titles(app))
    shown = location(app)
    point_into(app.main)
    keycombo("<Control>w")
    tap.ok(wait_for(lambda: len(titles(app)) == n - 1, 10) and location(app) != shown,
           "Ctrl+W closes the tab shown", f"tabs: {titles(app)}, location: {location(app)}")
    shown_now = location(app)
    frames = [w for w in app.toplevels() if name_of(w) == "Davscope"]
    keycombo("<Control>n")
    # The newest toplevel comes last on the bus.
    second = wait_for(lambda: (lambda f: f[-1] if len(f) == len(frames) + 1 else None)(
        [w for w in app.toplevels() if name_of(w) == "Davscope"]), 10)
    tap.ok(second is not None and wait_for(lambda: location(app, second) == shown_now, 10),
           "Ctrl+N opens a second window, at the folder shown",
           f"toplevels: {app.toplevel_names()}, shown: {shown_now}, there: {second is not None and location(app, second)}")
    # Its only tab closed with Ctrl+W: the window goes, the first stays.
    if second is not None:
        point_into(second)
        keycombo("<Control>w")
    tap.ok(wait_for(lambda: len([w for w in app.toplevels() if name_of(w) == "Davscope"]) == len(frames), 10),
           "Ctrl+W on a window's last tab closes that window", f"toplevels: {app.toplevel_names()}")
    point_into(app.main)
    remaining = titles(app)
finally:
    app.quit()

# ------------------------------------------------------------ after a restart

app = App(settings="keyfile")
try:
    restored = wait_for(lambda: titles(app) == remaining, 20)
    saved = ""
    try:
        with open(os.path.join(os.environ.get("XDG_CONFIG_HOME", os.path.expanduser("~/.config")), "glib-2.0", "settings", "keyfile")) as f:
            saved = "".join(line for line in f if line.startswith("open-tabs"))
    except OSError as e:
        saved = str(e)
    tap.ok(restored, "after a restart the tabs open at the end come back, in order",
           f"before: {remaining}, after: {titles(app)}\n{saved}")

    # The location entry completes from the history: a part of the name
    # typed, the address offered, Down and Return open it.
    point_into(app.main)
    keycombo("<Control>t")
    time.sleep(1)
    keycombo("<Control>l")
    keycombo("<Control>a")
    type_text("Holiday")
    offered = wait_for(lambda: next((n for n in walk(app.main, False)
                                     if role_of(n) in ("label", "table cell") and name_of(n) == share_url(HOLIDAY)), None), 10)
    press("Down")
    press("Return")
    went = wait_for(lambda: location(app) == share_url(HOLIDAY) and titles(app).count("Holiday 2024") == 2, 15)
    tap.ok(offered is not None and went,
           "typing 'Holiday' in the location offers the address visited before; choosing it opens it",
           f"offered: {offered is not None}, location: {location(app)}, tabs: {titles(app)}")
finally:
    app.quit()

elsewhere.shutdown()
tap.done()
