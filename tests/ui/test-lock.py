#!/usr/bin/python3
"""Locking in the GUI against the real Apache share: lock a file and read
the lock's details; from a new session (which does not hold the token) a
delete of it fails with 423 Locked in the report; the lock dialog then
shows the lock as someone else's, and removing it (after a warning) lets
the delete through.

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI, Apache seeded with demo)."""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from davscope_ui import (App, Tap, click, close_toast, find_in, find_toast, keycombo,  # noqa: E402
                         labels_in, point_into, report_rows, report_summary, share_exists,
                         type_text, wait_for)

URL = os.environ["DAVSCOPE_TEST_URL"]
FILE = "Tom & Jerry.txt"
OWNER = "Dana Tester"
DIALOG = f"Locks of “{FILE}”"

tap = Tap()


def open_lock_dialog(app):
    app.select_only(FILE)
    point_into(app.main)
    keycombo("<Control>k")
    return app.window(DIALOG, timeout=10)


def dialog_texts(dialog, needle, timeout=15):
    return wait_for(lambda: needle in "\n".join(labels_in(dialog)) and labels_in(dialog), timeout) or \
        (labels_in(dialog) if dialog is not None else [])


def delete_and_report(app):
    app.select_only(FILE)
    confirm = app.press_delete()
    app.press_button("Delete", within=confirm)
    report = app.window("Delete Report", timeout=15)
    summary = wait_for(lambda: report_summary(report, "deleted"), 20)
    rows = report_rows(report)
    return report, summary, rows


# ---- session 1: take the lock
app = App(URL)
try:
    wait_for(lambda: FILE in app.row_names(), 20)
    dialog = open_lock_dialog(app)
    tap.ok(dialog is not None, "Ctrl+K opens the lock dialog of the selected file",
           f"toplevels: {app.toplevel_names()}")
    texts = dialog_texts(dialog, "Not Locked")
    tap.ok("Not Locked" in texts, "it reads the locks first: 'Not Locked'", texts)

    owner = find_in(dialog, "Owner", "text") if dialog is not None else None
    if owner is not None:
        click(owner)
        keycombo("<Control>a")
        type_text(OWNER)
    app.press_button("Lock", within=dialog)
    texts = dialog_texts(dialog, "Locked by This Window")
    joined = "\n".join(texts)
    tap.ok(any(re.match(r"^Locked · 20[01] ", t) for t in texts), "the LOCK succeeded: 'Locked · 200 OK'", texts)
    tap.ok("Locked by This Window" in texts and OWNER in texts and "Exclusive" in texts
           and "This item only" in texts,
           "the lock's details in words: held by this window, the owner typed, exclusive scope, depth 0", texts)
    tap.ok(re.search(r"opaquelocktoken:[0-9a-f-]+", joined) is not None and
           re.search(r"minutes? left|hours? left", joined) is not None,
           "… with its token and the time left", texts)
    app.close_window(dialog, DIALOG)
finally:
    app.quit()

# ---- session 2: the token is not ours any more
app = App(URL)
try:
    wait_for(lambda: FILE in app.row_names(), 20)
    report, summary, rows = delete_and_report(app)
    status = rows.get(FILE, [None, ""])[1]
    tap.ok(summary == "0 deleted, 1 failed", "deleting the locked file from a new session: '0 deleted, 1 failed'",
           f"summary: {summary}\nrows: {rows}")
    tap.ok(status == "Failed · 423 Locked" and "locked" in " ".join(rows.get(FILE, [])).lower(),
           "its row: Failed · 423 Locked, explained", rows.get(FILE))
    tap.ok(share_exists(FILE), "the file is still on the server")

    # "Show Exchange" on the row: the inspector, with that DELETE selected.
    show = app.press_button("Show Exchange", within=report)
    inspector = app.window("Inspector", timeout=10)
    exchanges = app.find("Exchanges", "list", within=inspector, timeout=10) if inspector is not None else None

    # The list rows carry no selected state under GTK 4.8; the details
    # pane's title and summary say which exchange is shown.
    def shown_exchange():
        texts = labels_in(inspector) if inspector is not None else []
        title = next((t for t in texts if t.startswith("DELETE ")), None)
        status = next((t for t in texts if t.startswith("423 Locked ·")), None)
        return title and status and (title, status)

    chosen = wait_for(shown_exchange, 10)
    tap.ok(show is not None and chosen and FILE in chosen[0],
           "the row's 'Show Exchange' opens the inspector on that DELETE and its 423",
           f"button: {show is not None}, inspector: {inspector is not None}, shown: {chosen}\n"
           f"{inspector is not None and labels_in(inspector)}")
    app.close_window(inspector, "Inspector")
    app.close_window(report, "Delete Report")

    dialog = open_lock_dialog(app)
    texts = dialog_texts(dialog, f"Locked by {OWNER}")
    tap.ok(f"Locked by {OWNER}" in texts, f"the lock dialog shows 'Locked by {OWNER}'", texts)
    app.press_button("Remove Lock", within=dialog)
    warning = app.window("Remove Someone Else’s Lock?", timeout=10)
    tap.ok(warning is not None, "removing someone else's lock asks first",
           f"toplevels: {app.toplevel_names()}")
    app.press_button("Remove Lock", within=warning)
    texts = dialog_texts(dialog, "Not Locked")
    tap.ok(any(t.startswith("Unlocked · 204") for t in texts) and "Not Locked" in texts,
           "UNLOCK: 'Unlocked · 204 No Content', and the item is no longer locked", texts)
    app.close_window(dialog, DIALOG)

    app.select_only(FILE)
    confirm = app.press_delete()
    app.press_button("Delete", within=confirm)
    said = find_toast(app.main, f"“{FILE}” deleted")
    close_toast(said)
    tap.ok(said is not None and wait_for(lambda: not share_exists(FILE), 10),
           "now the delete goes through, said in a toast, and the file is gone from the server",
           f"toplevels: {app.toplevel_names()}")
finally:
    app.quit()

tap.done()
