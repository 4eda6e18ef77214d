#!/usr/bin/python3
"""Search Below Here (issue 18, item 2): Ctrl+Shift+F opens the search
window for the folder shown; a search by name finds a file three levels
down, and the folder Apache refuses to list is a row of its own saying so
(403, with its exchange one click away in the inspector), never a silent
"nothing found"; a search by a dead property's value finds the file that
has it; Show in Folder takes the main window to the file's folder; a
search that finds nothing below a folder says what was searched.

The share is seeded with `search` (tests/servers/davservers.py):
Archive/2019/Deep/needle-report.txt, Archive/colour-sample.txt with the
dead property {DEMO_NS}colour = "Ultramarine Blue", and Sealed/ (mode 000,
holding needle-hidden.txt, which must not be found). Apache offers no DASL,
so the search walks the folders.

Usage: test-search.py [LANGUAGE]; with "de" it runs in German (the build's
catalogs). Either way it leaves screenshots search-<language>.png and
search-empty-<language>.png and find-bar-<language>.png (no match) in the test's
screenshot folder.

Runs inside tests/ui/run-ui-test --seed search (Xvfb, AT-SPI, Apache)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

LANGUAGE = sys.argv[1] if len(sys.argv) > 1 else "en"
if LANGUAGE != "en":
    BUILD = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(os.environ["DAVSCOPE_APP"]))))
    os.environ.update(LANGUAGE=LANGUAGE, LANG="C.UTF-8", DAVSCOPE_LOCALEDIR=os.path.join(BUILD, "po"))

from davscope_ui import (App, Tap, activate, center, click, extents, find_in, keycombo, labels_in,  # noqa: E402
                         name_of, point_into, press, rawinput, role_of, toast_said, tr, type_text,
                         wait_for, walk)

URL = os.environ["DAVSCOPE_TEST_URL"]
# tests/davtest.py's DEMO_NS, which the search seed uses.
DEMO_NS = "http://example.com/ns/davscope-demo"
PROPERTY = "{" + DEMO_NS + "}colour"

tap = Tap()


def search_window(app, timeout=10):
    return app.window(tr("Search Below Here"), timeout)


def entry(window, label):
    """The text node of the entry with that accessible label."""
    box = find_in(window, tr(label))
    if box is None:
        return None
    if role_of(box) == "text":
        return box
    return next((n for n in walk(box) if role_of(n) == "text"), box)


def set_entry(window, label, text):
    node = entry(window, label)
    if node is not None:
        click(node)
        keycombo("<Control>a")
        press("BackSpace")
        if text:
            type_text(text)
    return node is not None


def search(window):
    press("Return")
    # Done when the progress line says so.
    return wait_for(lambda: any(t.startswith(tr("Done.")) for t in labels_in(window)), 30)


def has_label(window, text):
    return text in labels_in(window)


def row_of(window, text):
    """The label node showing text in the results."""
    return find_in(window, text, "label")


app = App(URL)
try:
    if LANGUAGE != "en":
        app._table = app.find(None, "tree table", 15, app.main)
    tap.ok(wait_for(lambda: any(n.startswith("Archive") for n in app.row_names()), 30), "the share is listed",
           f"rows: {app.row_names()}")

    # Ctrl+Shift+F: the search window, for the folder shown.
    point_into(app.main)
    keycombo("<Control><Shift>f")
    win = search_window(app)
    tap.ok(win is not None, "Ctrl+Shift+F opens the search window", f"toplevels: {app.toplevel_names()}")

    # By name: three levels down, and the folder Apache refuses is a row.
    type_text("NEEDLE")
    done = search(win)
    labels = labels_in(win)
    tap.ok(done and "needle-report.txt" in labels and "Archive/2019/Deep/needle-report.txt" in labels,
           "'NEEDLE' finds Archive/2019/Deep/needle-report.txt, three levels down (any case)",
           f"labels: {labels[-30:]}")
    tap.ok("needle-hidden.txt" not in labels, "nothing in the sealed folder is shown as found")
    sealed_reason = next((t for t in labels if t.startswith(tr("Not searched: %s").replace("%s", ""))), None)
    tap.ok("Sealed" in labels and "403 Forbidden" in labels and sealed_reason is not None,
           "the folder the server refused is a row: Sealed, 403 Forbidden, 'Not searched: …' in plain words",
           f"labels: {labels[-30:]}")
    method = tr("Method: walk, one PROPFIND per folder")
    tap.ok(any(method in t for t in labels), "the progress line says the folders were walked (no DASL on Apache)",
           f"labels: {labels[:12]}")
    tap.screenshot(f"search-{LANGUAGE}")

    # A right-click on a result offers its actions: Copy Location.
    label = row_of(win, "needle-report.txt")
    if label is not None:
        x, y = center(label)
        rawinput.click(x, y, button=3)
    copy = app.find(lambda n: n == tr("Copy _Location").replace("_", ""), "menu item", 5)
    if copy is not None:
        activate(copy)
    tap.ok(copy is not None and toast_said(win, tr("Location copied"), 10) is not None,
           "right-click on a result: its menu's Copy Location copies it (a toast says so)")

    # The refused folder's exchange, one click away.
    click(row_of(win, "Sealed"))
    show = app.button(tr("Show E_xchange").replace("_", ""), within=win, timeout=5)
    if show is not None:
        activate(show)
    inspector = app.window(tr("Inspector"), timeout=10)
    shown = wait_for(lambda: next((t for t in labels_in(inspector) if t.startswith("PROPFIND ")
                                   and "Sealed" in t), None), 10) if inspector is not None else None
    tap.ok(shown is not None, "Show Exchange on that row opens the inspector on its PROPFIND", f"shown: {shown}")
    if inspector is not None:
        app.close_window(inspector, tr("Inspector"))

    # By a dead property's value (the name left empty).
    set_entry(win, "Name contains", "")
    set_entry(win, "Property", PROPERTY)
    set_entry(win, "Value contains", "ultramarine")
    done = search(win)
    labels = labels_in(win)
    tap.ok(done and "colour-sample.txt" in labels and "needle-report.txt" not in labels,
           f"{PROPERTY} containing 'ultramarine' finds Archive/colour-sample.txt only",
           f"labels: {labels[-30:]}")

    # Show in Folder: the main window goes to the file's folder.
    click(row_of(win, "colour-sample.txt"))
    show = app.button(tr("Show in _Folder").replace("_", ""), within=win, timeout=5)
    if show is not None:
        activate(show)
    ok = wait_for(lambda: "colour-sample.txt" in app.row_names() and
                  not any(n.startswith("Archive") for n in app.row_names()), 15)
    tap.ok(ok, "Show in Folder shows Archive/ in the main window, with the file",
           f"rows: {app.row_names()}")

    # Below Archive/ nothing is sealed: a search that finds nothing says
    # what was searched, not just "0".
    # Find (Ctrl+F) finding nothing in the folder offers it on its "No
    # Items Match" page. (The first search window stays open, behind:
    # this is a second one.)
    point_into(app.main)
    keycombo("<Control>f")
    wait_for(lambda: find_in(app.main, tr("Find in this folder")) is not None, 5)
    type_text("zzz")
    below = app.button(tr("_Search Below Here…").replace("_", ""), within=app.main, timeout=5)
    tap.screenshot(f"find-bar-{LANGUAGE}")
    if below is not None:
        activate(below)
    title = tr("Search Below Here")
    win = wait_for(lambda: ([w for w in app.toplevels() if name_of(w) == title][1:] or [None])[-1], 10)
    tap.ok(win is not None, "Find's 'No Items Match' page offers Search Below Here…, which opens a search window",
           f"button: {below is not None}, toplevels: {app.toplevel_names()}")
    if win is not None:
        click(entry(win, "Name contains"))
    type_text("zzz")
    done = search(win)
    labels = labels_in(win)
    wanted = tr("Nothing below “%s” has a name containing “%s”.") % ("/dav/Archive/", "zzz")
    tap.ok(done and tr("No Results") in labels and any(t.startswith(wanted) for t in labels),
           "a search finding nothing shows 'No Results' and says what was searched where",
           f"labels: {labels[-12:]}")
    tap.screenshot(f"search-empty-{LANGUAGE}")

    # Escape closes it (no search running).
    press("Escape")
    tap.ok(wait_for(lambda: len([w for w in app.toplevels() if name_of(w) == title]) == 1, 10),
           "Escape closes the search window when no search runs", f"toplevels: {app.toplevel_names()}")

    # The folder's menu (a right-click below the rows) offers it too.
    box = extents(app.table())
    if box is not None:
        rawinput.click(box[0] + box[2] // 2, box[1] + box[3] - 20, button=3)
    item = app.find(lambda n: n == tr("_Search Below Here…").replace("_", ""), "menu item", 5)
    if item is not None:
        activate(item)
    tap.ok(item is not None and wait_for(lambda: len([w for w in app.toplevels() if name_of(w) == title]) == 2, 10),
           "the folder's menu offers Search Below Here…, which opens a search window",
           f"item: {item is not None}, toplevels: {app.toplevel_names()}")
finally:
    app.quit()

tap.done()
