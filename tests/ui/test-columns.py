#!/usr/bin/python3
"""Any property as a column (issue 18): the column header's menu adds a
column for a dead property typed as {namespace}name; the files that have
it show its value, the one without it a 404 badge; the column sorts both
ways, the file without the property last either way, and sorts again
when a reload brings new values; the column is back when the app starts
again on the same server, and the same menu removes it. A standard column
hidden stays hidden on the next start. Size and Modified put a file whose
size or date the server did not send last either way (a scripted server).
Screenshots in English and German of the sorted column with its badge.

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI, Apache seeded with demo)."""

import os
import sys
import tempfile
import time
from email.utils import formatdate

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from dogtail import rawinput  # noqa: E402

import davscope_ui  # noqa: E402
from davscope_ui import (App, ScriptedHandler, Tap, activate, center, children, click, find_in,  # noqa: E402
                         multistatus, name_of, point_into, press, role_of, serve, served_url, share_request,
                         strip_mnemonic, tr, type_text, wait_for, walk)

URL = os.environ["DAVSCOPE_TEST_URL"]
DEMO_NS = "http://example.com/ns/davscope-demo"   # tests/davtest.py
FOLDER_PATH = "columns-test/"
# Names in one order, authors in another; date.txt has no author.
AUTHORS = {"apple.txt": "Zoe", "banana.txt": "Bob", "cherry.txt": "Mallory", "elder.txt": "Alice"}
WITHOUT = "date.txt"
ASCENDING = ["elder.txt", "banana.txt", "cherry.txt", "apple.txt", WITHOUT]
# The file without an author stays last the other way too, as GNOME Files
# puts what it does not know.
DESCENDING = ASCENDING[:-1][::-1] + [WITHOUT]

tap = Tap()

# ------------------------------------------------------------ the server

share_request("MKCOL", FOLDER_PATH)
for name in list(AUTHORS) + [WITHOUT]:
    share_request("PUT", FOLDER_PATH + name, f"{name}\n".encode())


def set_author(name, author):
    share_request("PROPPATCH", FOLDER_PATH + name, f"""<?xml version="1.0" encoding="utf-8"?>
<D:propertyupdate xmlns:D="DAV:" xmlns:x="{DEMO_NS}">
  <D:set><D:prop><x:author>{author}</x:author></D:prop></D:set>
</D:propertyupdate>""".encode(), {"Content-Type": "application/xml"})


for name, author in AUTHORS.items():
    set_author(name, author)

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
    descending = wait_for(lambda: shown_order(app) == DESCENDING and shown_order(app), 10)
    tap.ok(descending and cell(app, WITHOUT) == "badge 404",
           "a second click sorts the other way, the file without it still last, with its 404 badge",
           f"order: {shown_order(app)}, its cell: {cell(app, WITHOUT)}")
    shots.append(tap.screenshot("en-sorted"))

    # A value changed on the server: F5 lists the folder again, and the
    # rows are sorted again by the new values.
    if author is not None:
        click(author)
    wait_for(lambda: shown_order(app) == ASCENDING, 10)
    set_author("elder.txt", "Zed")
    point_into(app.main)
    press("F5")
    resorted = ["banana.txt", "cherry.txt", "elder.txt", "apple.txt", WITHOUT]
    ok = wait_for(lambda: cell(app, "elder.txt") == "Zed" and shown_order(app) == resorted, 15)
    tap.ok(ok, "after F5 with a new value on the server the column is sorted again by it",
           f"order: {shown_order(app)}, elder.txt: {cell(app, 'elder.txt')}")
    set_author("elder.txt", AUTHORS["elder.txt"])
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
    # Hidden again, and left so for the next start.
    toggle(app, tr("Type"))
    wait_for(lambda: tr("Type") not in column_titles(app), 5)
finally:
    app.quit()

app = start()
try:
    time.sleep(1)
    tap.ok("author" not in column_titles(app), "and it stays removed on the next start",
           f"columns: {column_titles(app)}")
    titles = column_titles(app)
    tap.ok(tr("Type") not in titles and tr("Size") in titles,
           "a standard column hidden (Type) is still hidden on the next start on that server",
           f"columns: {titles}")
    toggle(app, tr("Type"))
    tap.ok(wait_for(lambda: tr("Type") in column_titles(app), 5), "and the menu shows it again",
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

# ------------------------------------------------------------ values not sent

# A server that leaves out a file's size and date: Size and Modified put
# it last whichever way they sort, as Files does with what it does not know.
UNDATED = "b-nothing.txt"
SENT = {"a-old.txt": (30, 2020), "c-new.txt": (10, 2024), "d-mid.txt": (20, 2022)}


def dated_entry(name, size, year):
    """A file's response, with its size and date unless size is None."""
    date = formatdate(time.mktime((year, 6, 1, 12, 0, 0, 0, 0, -1)), usegmt=True) if year else None
    return (f"<D:response><D:href>/dav/{name}</D:href><D:propstat><D:prop><D:resourcetype/>"
            + (f"<D:getcontentlength>{size}</D:getcontentlength><D:getlastmodified>{date}</D:getlastmodified>"
               if size is not None else "")
            + "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>")


class Undated(ScriptedHandler):
    protocol_version = "HTTP/1.1"

    def do_PROPFIND(self):
        self.read_body()
        entries = [dated_entry(name, size, year) for name, (size, year) in SENT.items()]
        self.send_multistatus(multistatus(
            "<D:response><D:href>/dav/</D:href><D:propstat><D:prop><D:resourcetype><D:collection/>"
            "</D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>",
            dated_entry(UNDATED, None, None), *entries))


server = serve(Undated)
app = App(served_url(server))
try:
    wait_for(lambda: UNDATED in app.row_names(), 20)
    for title, ascending in ((tr("Size"), ["c-new.txt", "d-mid.txt", "a-old.txt", UNDATED]),
                             (tr("Modified"), ["a-old.txt", "d-mid.txt", "c-new.txt", UNDATED])):
        label = header(app, title)
        if label is not None:
            click(label)
        up = wait_for(lambda: shown_order(app) == ascending, 10)
        if label is not None:
            click(label)
        down = wait_for(lambda: shown_order(app) == ascending[:-1][::-1] + [UNDATED], 10)
        tap.ok(up and down, f"{title}: the file whose value the server did not send is last both ways",
               f"order now: {shown_order(app)}")
finally:
    app.quit()
    server.shutdown()

# ------------------------------------------------------------ German

davscope_ui.speak_german()
app = start()
try:
    add_column(app, checked=False)
    shown = wanted_values(app)
    tap.ok(shown, "German: the column added through the translated menu and dialog, with its 404 badge",
           f"cells: {values(app)}")
    author = header(app, "author")
    if author is not None:
        click(author)
        click(author)
    descending = wait_for(lambda: shown_order(app) == DESCENDING, 10)
    tap.ok(descending, "German: sorted descending, the file without the property last",
           f"order: {shown_order(app)}")
    shots.append(tap.screenshot("de-sorted"))
    open_menu(app)
    time.sleep(0.5)
    shots.append(tap.screenshot("de-menu"))
finally:
    app.quit()

tap.diag(f"screenshots: {shots}")
tap.done()
