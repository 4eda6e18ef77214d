#!/usr/bin/python3
"""Sorting the listing: name order at start (folders first), the "Name"
header reversing and restoring it, the "Size" header both ways, folders
first whichever way a column sorts (as in GNOME Files), an expanded folder
keeping its children right under it through each re-sort, and F5 with a
new file on the server placing it where the current order says.

The folder has 306 files, so that a sort asked for after the listing
(a header click, a reload) goes through the sort model's incremental
path (see on_root_notify in davscope-browser-view.c); six of them have
one size, and sorted by size they must go by name (reversed when
descending), as in GNOME Files, whatever the order sorted before.

A GtkColumnView only has row widgets around what is shown, and rows that
scrolled away keep their last extents: which rows are on screen, and in
which order, is read by asking the list what is at each point down its
height (GetAccessibleAtPoint picks like a mouse would). Home and End move
to either end of the list.

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI, Apache seeded with demo)."""

import http.client
import os
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402

from davscope_ui import (FOLDER, App, Tap, activate, children, click, extents,  # noqa: E402
                         find_in, labels_in, name_of, point_into, press, role_of, wait_for)

URL = os.environ["DAVSCOPE_TEST_URL"]
FOLDER_PATH = "sort-test/"
N_FILES = 300
COMPARED = 20          # rows compared at either end of the list: ~30 are shown

tap = Tap()


# ------------------------------------------------------------ the server

split = urllib.parse.urlsplit(URL)
connection = http.client.HTTPConnection(split.hostname, split.port, timeout=10)


def request(method, path, body=None):
    """One request on the kept connection (a new one if Apache closed it)."""
    global connection
    for attempt in (1, 2):
        try:
            connection.request(method, split.path + urllib.parse.quote(path), body=body)
            response = connection.getresponse()
            response.read()
            break
        except (http.client.HTTPException, OSError):
            connection.close()
            connection = http.client.HTTPConnection(split.hostname, split.port, timeout=10)
            if attempt == 2:
                raise
    if response.status not in (200, 201, 204):
        tap.bail_out(f"{method} {path}: {response.status} {response.reason}")
    return response.status


# Files file-000.txt, file-002.txt ... file-598.txt (even numbers: a new
# file-007.txt has an unambiguous place by name), each of an even size
# from 2 to 600 bytes that is unique and unrelated to its name's order.
FILES = {f"file-{2 * i:03d}.txt": 2 * ((i * 7) % N_FILES) + 2 for i in range(N_FILES)}
# And files of one size (1 byte), put in no name order: sorted by size
# they keep name order among themselves (descending: reversed), as in
# GNOME Files, whatever order the server lists them in.
FILES.update({f"tie-{c}.txt": 1 for c in "fbdace"})
# Folders have no size (-1): they come first by size, in no given order
# among themselves. alpha gets expanded; its children's sizes do not follow
# their names.
TREE = {"alpha": {"a1.txt": 30, "a2.txt": 10, "a3.txt": 20}, "beta": {}}
EXPANDED = {"alpha"}
NEW_FILE, NEW_SIZE = "file-007.txt", 13

request("MKCOL", FOLDER_PATH)
for folder, members in TREE.items():
    request("MKCOL", f"{FOLDER_PATH}{folder}/")
    for name, size in members.items():
        request("PUT", f"{FOLDER_PATH}{folder}/{name}", b"a" * size)
for name, size in FILES.items():
    request("PUT", FOLDER_PATH + name, b"x" * size)


# ------------------------------------------------------------ what should be shown


def expected(column, descending=False, files=None, open_folders=EXPANDED):
    """The rows, as shown (folders with ", folder"), for a sort by column
    ("name" or "size"): folders first in either direction, each folder's
    children right under it; rows of one size by name. A list of the
    orders that are right (one)."""
    files = files if files is not None else FILES

    def key(entry, folder_order):
        name, is_folder, size = entry
        if column == "name":
            return (not is_folder, name)
        # Sorted by size, rows of one size (the folders, the tie-* files)
        # go by name, turned around with the size.
        return (size, name)

    def flatten(entries, folder_order):
        rows = []
        ordered = sorted(entries, key=lambda e: key(e, folder_order), reverse=descending)
        ordered = [e for e in ordered if e[1]] + [e for e in ordered if not e[1]]
        for entry in ordered:
            name, is_folder, _ = entry
            rows.append(name + FOLDER if is_folder else name)
            if is_folder and name in open_folders:
                rows += flatten([(n, False, s) for n, s in TREE[name].items()], folder_order)
        return rows

    top = [(name, True, -1) for name in TREE] + [(n, False, s) for n, s in files.items()]
    return [flatten(top, sorted(TREE))]


# ------------------------------------------------------------ what is shown


def shown_rows(app):
    """[(name, label)] of the rows on screen, top to bottom: the name
    cell's label at each point down the list (one point every 4 pixels,
    rows are ~20 high). GTK 4.8 only answers with accessibles that were
    reached through their parents once: when a point gives nothing,
    app.rows() walks every row, and the points are asked again."""
    listing = app._list()
    box = extents(listing) if listing is not None else None
    if not box:
        return []
    x, y, w, h = box
    component = listing.queryComponent()
    for attempt in (1, 2):
        rows = []
        unknown = 0
        for py in range(y + 2, y + h - 1, 4):
            try:
                node = component.getAccessibleAtPoint(x + 150, py, pyatspi.WINDOW_COORDS)
            except Exception:
                node = None
            if node is None:
                unknown += 1
                continue
            if role_of(node) != "label":
                continue
            name = name_of(node)
            if not rows or rows[-1][0] != name:
                rows.append((name, node))
        if not unknown:
            break
        app.rows()
    return rows


def shown_names(app):
    return [name for name, _ in shown_rows(app)]


def expander_of(label):
    """The GtkTreeExpander around a name cell's label (label, box, expander)."""
    try:
        return label.parent.parent
    except Exception:
        return None


def expanded(app, name):
    """Whether the row called name is on screen and its expander says
    it is expanded."""
    label = dict(shown_rows(app)).get(name)
    expander = expander_of(label) if label is not None else None
    if expander is None:
        return None
    return "expanded" in [s.value_nick for s in expander.getState().get_states()]


def header(app, title):
    return app.column_header(title)


def focus_list(app):
    """Keyboard focus into the list: a click on a shown file row (it
    selects that row)."""
    rows = [(n, l) for n, l in shown_rows(app) if not n.endswith(FOLDER)]
    if rows:
        click(rows[len(rows) // 2][1])


def wait_end(app, key, wanted, at_top, timeout=15):
    """Presses key (Home or End) until the COMPARED rows at that end of
    the list are one of wanted (each a whole list of rows), returning the
    names shown last. The key is pressed again each round: a sort that is
    still going on may move the rows after it."""
    last = []

    def check():
        nonlocal last
        press(key)
        time.sleep(0.3)
        last = shown_names(app)
        end = last[:COMPARED] if at_top else last[-COMPARED:]
        return any(end == (w[:COMPARED] if at_top else w[-COMPARED:]) for w in wanted)

    ok = wait_for(check, timeout, 0.2)
    return bool(ok), last


def show(rows):
    return ", ".join(rows)


def first_of(wanted):
    return f"wanted (one of): {[show(w[:COMPARED]) for w in wanted]}"


def last_of(wanted):
    return f"wanted (one of): {[show(w[-COMPARED:]) for w in wanted]}"


def under(rows, folder):
    """The rows right under folder in rows (as many as it has children)."""
    if folder + FOLDER not in rows:
        return None
    start = rows.index(folder + FOLDER) + 1
    return rows[start:start + len(TREE[folder])]


def check_under_alpha(names, children, description):
    """One check: alpha is expanded, with children right under it in names."""
    tap.ok(under(names, "alpha") == children and expanded(app, "alpha" + FOLDER), description,
           f"under alpha: {under(names, 'alpha')}\nalpha expanded: {expanded(app, 'alpha' + FOLDER)}\n"
           f"shown: {show(names)}")


def click_back(header_label, wanted, description):
    """Clicks a header back to ascending; one check: the list starts as
    one of wanted, alpha still expanded."""
    if header_label is not None:
        click(header_label)
    ok, names = wait_end(app, "Home", wanted, at_top=True)
    tap.ok(header_label is not None and ok and expanded(app, "alpha" + FOLDER), description,
           f"shown after Home: {show(names)}\n{first_of(wanted)}\n"
           f"alpha expanded: {expanded(app, 'alpha' + FOLDER)}")


# ------------------------------------------------------------ the test

started = time.time()
app = App(URL + FOLDER_PATH)
try:
    # The rows are read by point (shown_rows), which GTK 4.8 answers for
    # the list only where it starts at the window's left edge: the
    # sidebar (F9) is hidden for that.
    time.sleep(1)
    press("F9")
    # The whole listing in: 300 files and 2 folders make 302 rows, and the
    # list can only be read where it is scrolled to. The rows come in
    # batches in the server's order (Apache on tmpfs: newest first), each
    # merged into the sorted rows; GTK keeps the row at the top of the view
    # where it is, so without the browser view's hold the folder would open
    # scrolled to wherever the first batch's first name landed.
    wait_for(lambda: len(shown_names(app)) >= COMPARED, 20)
    time.sleep(1)
    first = shown_names(app)[:4]
    tap.ok(first == ["alpha" + FOLDER, "beta" + FOLDER, "file-000.txt", "file-002.txt"],
           "the folder opens at its top, before any key or scrolling: alpha, beta, file-000.txt, "
           "file-002.txt", f"shown after loading: {show(first)}")
    focus_list(app)
    collapsed = expected("name", open_folders=set())
    ok, names = wait_end(app, "Home", collapsed, at_top=True, timeout=20)
    ok_end, names_end = wait_end(app, "End", collapsed, at_top=False)
    tap.ok(ok and ok_end, "the listing is in name order, folders first: it starts with alpha, beta, "
           "file-000.txt, file-002.txt, ... (Home) and ends with ..., file-598.txt, tie-a.txt, ..., tie-f.txt (End)",
           f"shown after Home: {show(names)}\nshown after End: {show(names_end)}\n"
           f"{first_of(collapsed)}\n{last_of(collapsed)}")
    press("Home")

    # alpha expanded through its expander's action (as a screen reader would).
    label = wait_for(lambda: dict(shown_rows(app)).get("alpha" + FOLDER), 5)
    expander = expander_of(label)
    if expander is not None:
        activate(expander, "listitem.expand")
    name_asc = expected("name")
    ok = wait_for(lambda: shown_names(app)[:COMPARED] == name_asc[0][:COMPARED], 15)
    names = shown_names(app)
    tap.ok(ok and expanded(app, "alpha" + FOLDER),
           "expanding 'alpha' lists a1.txt, a2.txt, a3.txt right under it, in name order",
           f"shown: {show(names)}\n{first_of(name_asc)}\nalpha expanded: {expanded(app, 'alpha' + FOLDER)}")

    # Name, descending: a click on the header. The view keeps its place on
    # the rows it showed, so Home and End look at both ends.
    focus_list(app)
    name_header = header(app, "Name")
    if name_header is not None:
        click(name_header)
    name_desc = expected("name", descending=True)
    ok, names = wait_end(app, "Home", name_desc, at_top=True)
    tap.ok(name_header is not None and ok and expanded(app, "alpha" + FOLDER),
           "a click on the 'Name' header reverses the order, folders still first: the list starts with "
           "beta, alpha (still expanded), a3.txt, a2.txt, a1.txt, tie-f.txt, ..., tie-a.txt, file-598.txt, ...",
           f"header: {name_header}\nshown after Home: {show(names)}\n{first_of(name_desc)}\n"
           f"alpha expanded: {expanded(app, 'alpha' + FOLDER)}")
    ok, names = wait_end(app, "End", name_desc, at_top=False)
    tap.ok(ok, "reversed, the list ends with the files' first names: ..., file-002.txt, file-000.txt",
           f"shown after End: {show(names)}\n{last_of(name_desc)}")

    # Name again: ascending.
    click_back(name_header, name_asc, "a second click on 'Name' restores name order, alpha still expanded "
               "with a1.txt, a2.txt, a3.txt under it")

    # Size, ascending.
    size_header = header(app, "Size")
    if size_header is not None:
        click(size_header)
    by_size = expected("size")
    ok, names = wait_end(app, "Home", by_size, at_top=True)
    files_shown = [n for n in names[:COMPARED] if n in FILES]
    tap.ok(size_header is not None and ok,
           "a click on the 'Size' header sorts by size: the folders (no size) first, then the files "
           "from 1 byte up: tie-a.txt to tie-f.txt (1 byte each) in name order, then file-000.txt, "
           "file-086.txt, file-172.txt, ...",
           f"header: {size_header}\nshown after Home: {show(names)}\n{first_of(by_size)}\n"
           f"sizes of the files shown: {[FILES[n] for n in files_shown]}")
    check_under_alpha(names, ["a2.txt", "a3.txt", "a1.txt"],
                      "sorted by size, alpha is still expanded and its children are right under it, by size "
                      "(a2.txt 10, a3.txt 20, a1.txt 30 bytes)")

    # Size again: descending, the folders still first (no size, in either
    # order), then the files from 600 bytes down; alpha's children too.
    focus_list(app)
    if size_header is not None:
        click(size_header)
    by_size_desc = expected("size", descending=True)
    ok, names = wait_end(app, "Home", by_size_desc, at_top=True)
    tap.ok(size_header is not None and ok,
           "a second click on 'Size' sorts by size descending, folders still first: alpha and beta, "
           "then the files from 600 bytes down",
           f"shown after Home: {show(names)}\n{first_of(by_size_desc)}")
    check_under_alpha(names, ["a1.txt", "a3.txt", "a2.txt"],
                      "sorted by size descending, alpha is still expanded and its children are right under "
                      "it, largest first (a1.txt 30, a3.txt 20, a2.txt 10 bytes)")
    ok, names = wait_end(app, "End", by_size_desc, at_top=False)
    tap.ok(ok, "sorted by size descending, the list ends with the smallest files: ..., file-000.txt (2 bytes), "
           "then tie-f.txt to tie-a.txt (1 byte each), in reverse name order",
           f"shown after End: {show(names)}\n{last_of(by_size_desc)}")

    # And ascending once more for what follows.
    click_back(size_header, by_size, "a third click on 'Size' sorts by size ascending again, alpha still expanded")

    # A file appears on the server; F5.
    request("PUT", FOLDER_PATH + NEW_FILE, b"n" * NEW_SIZE)
    files = dict(FILES, **{NEW_FILE: NEW_SIZE})
    point_into(app.main)
    press("F5")
    by_size = expected("size", files=files)
    ok, names = wait_end(app, "Home", by_size, at_top=True, timeout=20)
    if NEW_FILE in names:
        at = names.index(NEW_FILE)
        neighbours = names[max(at - 1, 0):at + 2]
    else:
        neighbours = None
    tap.ok(ok, f"after F5, {NEW_FILE} ({NEW_SIZE} bytes, PUT meanwhile) is listed in its place by size, "
           "between the 12- and the 14-byte files",
           f"around it: {neighbours}\nshown after Home: {show(names)}\n{first_of(by_size)}")
    check_under_alpha(names, ["a2.txt", "a3.txt", "a1.txt"],
                      "after F5, alpha is still expanded with its children right under it")

    # And by name, the new file is between file-006.txt and file-008.txt.
    if name_header is not None:
        click(name_header)
    name_asc = expected("name", files=files)
    ok, names = wait_end(app, "Home", name_asc, at_top=True)
    tap.ok(ok and expanded(app, "alpha" + FOLDER),
           f"sorted by name again, {NEW_FILE} is between file-006.txt and file-008.txt, alpha still expanded",
           f"shown after Home: {show(names)}\n{first_of(name_asc)}\n"
           f"alpha expanded: {expanded(app, 'alpha' + FOLDER)}")

    failed = [t for t in labels_in(app.main) if t.startswith("Reloading failed")]
    tap.ok(app.error_page() is None and not failed,
           "no error page or 'Reloading failed' banner along the way", f"{app.error_page()} {failed}")
finally:
    app.quit()
    tap.diag(f"took {time.time() - started:.1f} s")

tap.done()
