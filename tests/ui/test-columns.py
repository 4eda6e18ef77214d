#!/usr/bin/python3
"""Any property as a column (issue 18): the column header's menu adds a
column for a dead property typed as {namespace}name; the files that have
it show its value, the one without it a 404 badge; the column sorts both
ways; the column is back when the app starts again on the same server,
and the same menu removes it. Screenshots in English and German.

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI, Apache seeded with demo)."""

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from dogtail import rawinput  # noqa: E402

import davscope_ui  # noqa: E402
from davscope_ui import (App, Tap, activate, center, children, click, find_in, name_of,  # noqa: E402
                         point_into, role_of, share_request, strip_mnemonic, tr, type_text, wait_for, walk)

URL = os.environ["DAVSCOPE_TEST_URL"]
DEMO_NS = "http://example.com/ns/davscope-demo"   # tests/davtest.py
FOLDER_PATH = "columns-test/"
# Names in one order, authors in another; date.txt has no author.
AUTHORS = {"apple.txt": "Zoe", "banana.txt": "Bob", "cherry.txt": "Mallory", "elder.txt": "Alice"}
WITHOUT = "date.txt"
ASCENDING = ["elder.txt", "banana.txt", "cherry.txt", "apple.txt", WITHOUT]

tap = Tap()

# ------------------------------------------------------------ the server

share_request("MKCOL", FOLDER_PATH)
for name in list(AUTHORS) + [WITHOUT]:
    share_request("PUT", FOLDER_PATH + name, f"{name}\n".encode())
for name, author in AUTHORS.items():
    share_request("PROPPATCH", FOLDER_PATH + name, f"""<?xml version="1.0" encoding="utf-8"?>
<D:propertyupdate xmlns:D="DAV:" xmlns:x="{DEMO_NS}">
  <D:set><D:prop><x:author>{author}</x:author></D:prop></D:set>
</D:propertyupdate>""".encode(), {"Content-Type": "application/xml"})

# Settings in a key file, kept from one start to the next (the App helper
# gives each start the memory backend).
settings_home = tempfile.mkdtemp(prefix="settings-", dir=os.environ.get("DAVSCOPE_UI_WORK"))
real_popen = davscope_ui.subprocess.Popen


def popen_with_keyfile(args, env=None, **kwargs):
    env = dict(env or os.environ, GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=settings_home)
    return real_popen(args, env=env, **kwargs)


def start():
    davscope_ui.subprocess.Popen = popen_with_keyfile
    try:
        app = App(URL + FOLDER_PATH)
    finally:
        davscope_ui.subprocess.Popen = real_popen
    if os.environ.get("LANGUAGE") == "de":
        app._table = app.find(None, "tree table", 20, app.main)
    wait_for(lambda: WITHOUT in app.row_names(), 20)
    return app


# ------------------------------------------------------------ what is shown

shots = []


def header(app, title):
    return app.column_header(title)


def cell(app, name):
    """What the property cell of a row shows: its text, or "badge NNN".
    The cell is the one under the column's header (a column added to a
    shown listing puts its cells last among a row's accessible children)."""
    row = app.row(name, 5)
    title = header(app, "author")
    if row is None or title is None:
        return None
    x = center(title)[0]
    under = [c for c in children(row) if davscope_ui.extents(c)[0] <= x < sum(davscope_ui.extents(c)[0:3:2])]
    if not under:
        return None
    for node in walk(under[0], only_shown=True):
        text = name_of(node) or ""
        if role_of(node) != "label" and text[:3].isdigit():
            return "badge " + text[:3]
    label = find_in(under[0], role="label")
    return name_of(label) if label is not None else ""


def column_titles(app):
    table = app.table()
    titles = []
    for part in children(table) if table is not None else []:
        if role_of(part) != "list":
            titles += [name_of(n) for n in walk(part) if role_of(n) == "label"]
    return titles


def shown_order(app):
    rows = [(name, davscope_ui.extents(row)[1]) for name, row in app.rows()]
    return [name for name, _ in sorted(rows, key=lambda r: r[1])]


def open_menu(app):
    """A right click on the Name header: the columns menu."""
    label = header(app, tr("Name"))
    if label is None:
        return False
    x, y = center(label)
    rawinput.absoluteMotion(x, y)
    time.sleep(0.2)
    rawinput.click(x, y, button=3)
    time.sleep(0.5)
    return True


def menu_item(app, text):
    return wait_for(lambda: next((n for n in walk(app.root) if name_of(n) == text and
                                  "menu item" in role_of(n)), None), 5)


def toggle(app, text):
    """Clicks the menu item called text in the header's menu."""
    open_menu(app)
    item = menu_item(app, text)
    if item is not None:
        click(item)
    return item


def values(app):
    return {name: cell(app, name) for name in list(AUTHORS) + [WITHOUT]}


def add_column(app, checked):
    """Adds the author column through the header's menu and its dialog;
    checked: say what each step did."""
    note = tap.ok if checked else (lambda *args: None)
    opened = open_menu(app)
    item = menu_item(app, tr("Add Property Column…"))
    note(opened and item is not None, "a right click on the column header opens a menu with 'Add Property Column…'",
         f"labels: {[name_of(n) for n in walk(app.root) if 'menu' in role_of(n)]}")
    if item is not None:
        click(item)
    dialog = app.window(tr("Add Property Column"), timeout=10)
    add = app.button(strip_mnemonic(tr("_Add Column")), within=dialog, timeout=5) if dialog is not None else None
    note(add is not None and not davscope_ui.sensitive(add),
         "the dialog opens, its Add Column button off while nothing is typed")
    if dialog is not None:
        point_into(dialog)
        type_text(f"{{{DEMO_NS}}}author")
        time.sleep(0.5)
    note(add is not None and davscope_ui.sensitive(add), "a pasted {namespace}name is accepted as it is typed")
    if not checked:
        shots.append(tap.screenshot("de-dialog"))
    if add is not None:
        activate(add)


WANTED = dict(AUTHORS, **{WITHOUT: "badge 404"})


def wanted_values(app):
    """Waits until each file shows its author, the one without a 404."""
    return wait_for(lambda: values(app) == WANTED and values(app), 20)

# ------------------------------------------------------------ adding, sorting

app = start()
try:
    add_column(app, checked=True)
    shown = wanted_values(app)
    tap.ok(shown, "the files with the dead property show its value, the one without it a 404 badge",
           f"cells: {values(app)}\ncolumns: {column_titles(app)}")
    shots.append(tap.screenshot("en"))

    author = header(app, "author")
    if author is not None:
        click(author)
    ascending = wait_for(lambda: shown_order(app) == ASCENDING and shown_order(app), 10)
    tap.ok(ascending, "a click on the 'author' header sorts by its values, the file without it last",
           f"order: {shown_order(app)}")
    if author is not None:
        click(author)
    descending = wait_for(lambda: shown_order(app) == ASCENDING[::-1] and shown_order(app), 10)
    tap.ok(descending, "a second click sorts the other way", f"order: {shown_order(app)}")
finally:
    app.quit()

# ------------------------------------------------------------ kept, removed

app = start()
try:
    shown = wanted_values(app)
    tap.ok(shown and "author" in column_titles(app),
           "started again on the same server, the column is back with its values",
           f"cells: {values(app)}\ncolumns: {column_titles(app)}")
    open_menu(app)
    item = menu_item(app, f"author ({DEMO_NS})")
    tap.ok(item is not None and "checked" in [s.value_nick for s in item.getState().get_states()],
           "the menu lists the column, checked", f"item: {item}")
    if item is not None:
        click(item)
    gone = wait_for(lambda: "author" not in column_titles(app), 5)
    tap.ok(gone, "unchecking it removes the column", f"columns: {column_titles(app)}")

    # The standard columns are in the same menu, checked while shown.
    toggle(app, tr("Size"))
    hidden = wait_for(lambda: tr("Size") not in column_titles(app), 5)
    toggle(app, tr("Size"))
    back = wait_for(lambda: tr("Size") in column_titles(app), 5)
    tap.ok(hidden and back, "the menu hides the Size column and shows it again", f"columns: {column_titles(app)}")
finally:
    app.quit()

app = start()
try:
    time.sleep(1)
    tap.ok("author" not in column_titles(app), "and it stays removed on the next start",
           f"columns: {column_titles(app)}")

    # The details pane offers a property as a column too.
    row = app.row("apple.txt", 5)
    if row is not None:
        click(row)
    prop = wait_for(lambda: next((n for n in walk(app.main) if (name_of(n) or "").startswith(
        f"author ({DEMO_NS}): Zoe")), None), 10)
    if prop is not None:
        x, y = center(prop)
        rawinput.absoluteMotion(x, y)
        time.sleep(0.2)
        rawinput.click(x, y, button=3)
        time.sleep(0.5)
    item = menu_item(app, tr("Show as Column"))
    enabled = item is not None and davscope_ui.sensitive(item)
    if item is not None:
        activate(item)
    back = wait_for(lambda: "author" in column_titles(app), 10)
    tap.ok(prop is not None and item is not None and back,
           "a right click on a property in the details pane offers 'Show as Column', which adds it",
           f"property row: {prop}\nitem: {item}, sensitive: {enabled}\ncolumns: {column_titles(app)}")
    toggle(app, f"author ({DEMO_NS})")
finally:
    app.quit()

# ------------------------------------------------------------ German

davscope_ui.speak_german()
app = start()
try:
    add_column(app, checked=False)
    shown = wanted_values(app)
    tap.ok(shown, "German: the column added through the translated menu and dialog, with its 404 badge",
           f"cells: {values(app)}")
    open_menu(app)
    time.sleep(0.5)
    shots.append(tap.screenshot("de-menu"))
finally:
    app.quit()

tap.diag(f"screenshots: {shots}")
tap.done()
