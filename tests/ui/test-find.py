#!/usr/bin/python3
"""Find in the folder shown (issue 18, item 2): Ctrl+F opens the search
bar and the rows are narrowed by name as it is typed (case and accents
ignored); Backspace widens it again; a name matching nothing shows "No
Items Match"; Select All then counts only what is shown; Escape clears
and closes it and gives back every row; typing a letter in the list opens
Find with that letter (type-ahead); another folder starts without it,
the keyboard focus still in the list.

The folder has 300 files: file-000.txt ... file-295.txt and four names
with accents and cases. A GtkColumnView only has row widgets around what
is on screen, so the fragments typed leave fewer rows than fit, and the
whole folder is counted through Select All's "300 items selected".

Usage: test-find.py [LANGUAGE]; with "de" it runs in German (the build's
catalogs). Either way it leaves a screenshot of the filtered list,
find-<language>.png, in the test's screenshot folder.

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI, Apache seeded with demo)."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

LANGUAGE = sys.argv[1] if len(sys.argv) > 1 else "en"
if LANGUAGE != "en":
    BUILD = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(os.environ["DAVSCOPE_APP"]))))
    os.environ.update(LANGUAGE=LANGUAGE, LANG="C.UTF-8", DAVSCOPE_LOCALEDIR=os.path.join(BUILD, "po"))

from davscope_ui import (App, Tap, click, find_in, keycombo, labels_in,  # noqa: E402
                         name_of, ntr, point_into, press, role_of, share_request, shown, text_of, tr, type_text,
                         wait_for, walk)

URL = os.environ["DAVSCOPE_TEST_URL"]
FOLDER_PATH = "find-test/"
SPECIAL = ["Café menu.txt", "CAFE notes.txt", "cafe\u0301 old.txt", "résumé.odt"]
FILES = [f"file-{i:03d}.txt" for i in range(300 - len(SPECIAL))] + SPECIAL

tap = Tap()

# ------------------------------------------------------------ the server

share_request("MKCOL", FOLDER_PATH)
for name in FILES:
    share_request("PUT", FOLDER_PATH + name, b"x")


# ------------------------------------------------------------ the window


def search_entry(app):
    """The search entry's text node while the search bar is shown."""
    box = find_in(app.main, tr("Find in this folder"))
    if box is None or not shown(box):
        return None
    if role_of(box) == "text":
        return box
    return next((n for n in walk(box) if role_of(n) == "text"), box)


def entry_text(app):
    entry = search_entry(app)
    if entry is None:
        return None
    text = text_of(entry)
    return text if text is not None else name_of(entry)


def rows_become(app, wanted, timeout=10):
    """Waits until the rows shown are exactly wanted (in name order)."""
    return wait_for(lambda: app.row_names() == wanted, timeout)


def no_match_title(app, query):
    """Whether the "No Items Match" page is shown."""
    return tr("No Items Match “%s”") % query in labels_in(app.main)


def selected_title(n):
    return ntr("%u item selected", "%u items selected", n).replace("%u", str(n))


def select_all_says(app, n):
    """Ctrl+A in the list; whether the details pane says n items selected."""
    keycombo("<Control>a")
    return wait_for(lambda: selected_title(n) in labels_in(app.details()), 10)


def counts_at_least(app, least):
    """Whether the details pane says n items selected, for an n >= least
    (the rows off screen are not in the accessibility tree)."""
    pane = labels_in(app.details())
    return any(selected_title(n) in pane for n in range(least, 1000))


def matching(fragment):
    return sorted(n for n in FILES if fragment in n)


# ------------------------------------------------------------ the test

app = App(URL + FOLDER_PATH)
try:
    if LANGUAGE != "en":
        app._table = app.find(None, "tree table", 15, app.main)
    ok = wait_for(lambda: "file-000.txt" in app.row_names(), 30)
    tap.ok(ok and search_entry(app) is None, "the folder is listed, no search bar",
           f"rows: {app.row_names()[:5]}")

    # Ctrl+F: the search bar, focused; typing narrows the rows.
    point_into(app.main)
    keycombo("<Control>f")
    tap.ok(wait_for(lambda: search_entry(app) is not None, 5), "Ctrl+F shows the search bar")
    type_text("file-12")
    wanted = matching("file-12")
    tap.ok(rows_become(app, wanted), f"'file-12' leaves exactly the {len(wanted)} names holding it",
           f"shown: {app.row_names()}\nwanted: {wanted}")

    # Backspace widens the query: more rows, all of them holding it.
    press("BackSpace")
    ok = wait_for(lambda: len(app.row_names()) > len(wanted) and
                  all("file-1" in n for n in app.row_names()), 10)
    tap.ok(ok and app.row_names()[:3] == matching("file-1")[:3],
           "Backspace to 'file-1' brings more rows back, each holding it",
           f"shown: {app.row_names()[:12]}")

    # Case and accents are ignored, composed or not.
    keycombo("<Control>a")
    type_text("cafe")
    wanted = sorted(["Café menu.txt", "CAFE notes.txt", "cafe\u0301 old.txt"])
    ok = wait_for(lambda: sorted(app.row_names()) == wanted, 10)
    tap.ok(ok, "'cafe' finds Café, CAFE and cafe\u0301 (case and accents ignored)",
           f"shown: {app.row_names()}")
    tap.screenshot(f"find-{LANGUAGE}")

    # Select All in the filtered list selects only what is shown.
    click(app.row_label("CAFE notes.txt"))
    tap.ok(select_all_says(app, 3), "Select All while filtered: the details pane says 3 items selected",
           f"details: {labels_in(app.details())[:6]}")

    # Typing into the search again: nothing matches.
    keycombo("<Control>f")
    type_text("zzz")
    ok = wait_for(lambda: no_match_title(app, "zzz"), 10)
    tap.screenshot(f"no-match-{LANGUAGE}")
    tap.ok(ok and app.row_names() == [], "a name matching nothing shows “No Items Match “zzz””",
           f"rows: {app.row_names()}, labels: {labels_in(app.main)[-8:]}")

    # Escape: cleared, closed, every row back, the focus in the list.
    press("Escape")
    ok = wait_for(lambda: search_entry(app) is None and "file-000.txt" in app.row_names(), 10)
    tap.ok(ok, "Escape closes the search bar and shows the rows again",
           f"rows: {app.row_names()[:5]}, entry: {entry_text(app)!r}")
    tap.ok(select_all_says(app, len(FILES)),
           "Escape gave the list its focus: Ctrl+A selects all 300 rows again",
           f"details: {labels_in(app.details())[:6]}")

    # Type-ahead: a letter typed in the list opens Find with it.
    click(app.row_label("file-002.txt"))
    time.sleep(0.3)
    type_text("r")
    ok = wait_for(lambda: entry_text(app) == "r", 5)
    tap.ok(ok, "a letter typed in the list opens the search bar with it", f"entry: {entry_text(app)!r}")
    type_text("es")
    tap.ok(rows_become(app, ["résumé.odt"]), "type-ahead goes on in the entry: 'res' leaves résumé.odt",
           f"shown: {app.row_names()}, entry: {entry_text(app)!r}")

    # Another folder (Enclosing Folder, Alt+Up) starts without a search.
    keycombo("<Alt>Up")
    ok = wait_for(lambda: search_entry(app) is None and
                  any(n.startswith("find-test") for n in app.row_names()), 15)
    tap.ok(ok, "another folder is shown without the search, every row there",
           f"rows: {app.row_names()[:6]}, entry: {entry_text(app)!r}")

    # The focus was in the search entry: it stays in the list, not on the
    # details pane's text, which GTK 4.8 gives it when it is left on a
    # row of the folder gone. Ctrl+A in the list then selects every row.
    shown_rows = len(app.row_names())
    keycombo("<Control>a")
    ok = wait_for(lambda: counts_at_least(app, max(shown_rows, 2)), 10)
    tap.ok(ok, "the list kept the focus in the other folder: Ctrl+A selects all its rows",
           f"details: {labels_in(app.details())[:6]}")
finally:
    app.quit()

tap.done()
