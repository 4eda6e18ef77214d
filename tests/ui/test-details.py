#!/usr/bin/python3
"""The listing and the details pane read like GNOME Files (issue 15): the
Modified column says "Today 14:02" for the demo's files (written when the
server started), the Type column "Plain text document", the Size column
what g_format_size says; Size, Modified and Type show their words whole at
the default window size, in English and in German. The details pane of the
locked file says in words who holds the lock ("Locked (exclusive write) by
demo"), the raw XML one click away; its facts give type with MIME type,
size and date. Several selected items: their count, folders and files, and
the files' size.

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI, Apache seeded with demo)."""

import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import davscope_ui  # noqa: E402
from davscope_ui import (FOLDER, App, Tap, children, click, extents, find_all_in, find_in,  # noqa: E402
                         keycombo, labels_in, name_of, point_into, press, scroll_into, wait_for)

URL = os.environ["DAVSCOPE_TEST_URL"]
ROOT = os.environ["DAVSCOPE_TEST_ROOT"]
LOCKED = "Locked Folder"
LOCKED_FILE = "locked.txt"
SIZE, MODIFIED, TYPE = 1, 2, 3     # the cells of a row, after the name

tap = Tap()

# What GLib and GIO say, asked in a process of their own (this one runs
# dogtail's GI versions): g_format_size, the description of a MIME type,
# and how wide a label's words are in GTK 4 with libadwaita's style.
GLIB_SCRIPT = r"""
import json, sys
import gi
gi.require_version("Gtk", "4.0")
gi.require_version("Adw", "1")
from gi.repository import Adw, Gio, GLib, Gtk
ask = json.load(sys.stdin)
Adw.init()
out = {"sizes": {str(n): GLib.format_size(n) for n in ask.get("sizes", [])},
       "types": {}, "widths": {}}
for mime in ask.get("types", []):
    text = Gio.content_type_get_description(Gio.content_type_from_mime_type(mime))
    out["types"][mime] = text[:1].upper() + text[1:]
for text in ask.get("texts", []):
    label = Gtk.Label(label=text)
    label.add_css_class("numeric")
    out["widths"][text] = label.measure(Gtk.Orientation.HORIZONTAL, -1)[1]
print(json.dumps(out))
"""


def ask_glib(**question):
    done = subprocess.run(["/usr/bin/python3", "-c", GLIB_SCRIPT], input=json.dumps(question),
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tap.diag(done.stderr)
        return {"sizes": {}, "types": {}, "widths": {}}
    return json.loads(done.stdout)


def cell_labels(row):
    """The label of each cell of a listing row (None where there is none)."""
    cells = children(row)
    return [find_in(cell, role="label", only_shown=False) for cell in cells]


def cell_texts(app, name):
    row = app.row(name, 10)
    return [name_of(label) if label is not None else None for label in cell_labels(row)] if row is not None else []


def clipped_cells(app):
    """Size, Modified and Type cells of the rows on screen whose words are
    wider than their label: [(text, needed, given)]."""
    cells = []
    for _, row in app.rows():
        labels = cell_labels(row)
        for column in (SIZE, MODIFIED, TYPE):
            label = labels[column] if column < len(labels) else None
            box = extents(label) if label is not None else None
            # GTK 4.8 names an empty label after its class.
            if label is not None and box is not None and name_of(label) not in ("", "GtkLabel"):
                cells.append((name_of(label), box[2]))
    widths = ask_glib(texts=sorted({text for text, _ in cells}))["widths"]
    return [(text, widths.get(text), given) for text, given in cells
            if widths.get(text) is None or widths[text] > given], len(cells)


def pane_rows(app):
    pane = app.details()
    return [name_of(n) for n in find_all_in(pane, role="panel")] if pane is not None else []


def mtime_words(path):
    return time.strftime("Today %H:%M", time.localtime(os.path.getmtime(os.path.join(ROOT, path))))


# The listing hides dot-names (the preference show-hidden is off).
shown_names = [n for n in os.listdir(ROOT) if not n.startswith(".")]
root_files = sorted(n for n in shown_names if os.path.isfile(os.path.join(ROOT, n)))
root_folders = sorted(n for n in shown_names if os.path.isdir(os.path.join(ROOT, n)))
readme_size = os.path.getsize(os.path.join(ROOT, "README.txt"))
all_files = sum(os.path.getsize(os.path.join(ROOT, n)) for n in root_files)
glib = ask_glib(sizes=[readme_size, all_files], types=["text/plain"])

# ------------------------------------------------------------ English

app = App(URL)
try:
    wait_for(lambda: "README.txt" in app.row_names(), 20)

    texts = wait_for(lambda: (lambda t: t if len(t) > TYPE and t[MODIFIED] else None)(cell_texts(app, "README.txt")),
                     10) or cell_texts(app, "README.txt")
    modified = texts[MODIFIED] if len(texts) > MODIFIED else None
    tap.ok(modified == mtime_words("README.txt"),
           "the Modified cell of README.txt (written when the server started) reads 'Today HH:MM'",
           f"cells: {texts}\nwanted: {mtime_words('README.txt')}")
    plain = glib["types"].get("text/plain")
    tap.ok(plain and len(texts) > TYPE and texts[TYPE] == plain and plain != "text/plain",
           f"the Type cell of README.txt is the description of text/plain ({plain!r}), not the MIME type",
           f"cells: {texts}")
    tap.ok(len(texts) > SIZE and texts[SIZE] == glib["sizes"].get(str(readme_size)),
           f"the Size cell of README.txt is g_format_size ({glib['sizes'].get(str(readme_size))!r})",
           f"cells: {texts}")
    folder_texts = cell_texts(app, "Documents" + FOLDER)
    tap.ok(len(folder_texts) > TYPE and folder_texts[TYPE] == "Folder" and "bytes" not in (folder_texts[SIZE] or ""),
           "a folder's Type reads 'Folder', its Size gives none", f"cells: {folder_texts}")

    clipped, seen = clipped_cells(app)
    tap.ok(seen > 20 and not clipped,
           f"Size, Modified and Type show their words whole at the default size ({seen} cells)",
           f"clipped (text, needed, given): {clipped}")

    # Several items: the count, folders and files, the files' size.
    app.select_only("README.txt")
    point_into(app.main)
    keycombo("<Control>a")
    n = len(root_files) + len(root_folders)
    title = f"{n} items selected"
    counts = f"{len(root_folders)} folders and {len(root_files)} files"
    size = f"{glib['sizes'].get(str(all_files))} in the files; folder sizes are not counted"
    shown = wait_for(lambda: (lambda t: t if title in t and counts in t and size in t else None)(
        labels_in(app.details()) if app.details() is not None else []), 10)
    tap.ok(shown is not None,
           f"Ctrl+A: the pane says '{title}', '{counts}' and '{size}', not 'Select one item'",
           f"pane: {labels_in(app.details()) if app.details() is not None else None}")

    # The locked file: the lock in words, the raw XML a click away.
    label = app.row_label(LOCKED + FOLDER)
    if label is not None:
        click(label)
        press("plus")
    wait_for(lambda: LOCKED_FILE in app.row_names(), 10)
    app.select_only(LOCKED_FILE)
    lock_fact = wait_for(lambda: next((r for r in pane_rows(app) if r.startswith("Lock: ")), None), 10)
    tap.ok(lock_fact is not None and lock_fact.startswith("Lock: Locked (exclusive write) by demo"),
           "the details pane of the locked file reads 'Lock: Locked (exclusive write) by demo, …'",
           f"pane rows: {pane_rows(app)}")
    facts = pane_rows(app)
    want_type = f"Type: {plain} (text/plain)"
    locked_size = os.path.getsize(os.path.join(ROOT, LOCKED, LOCKED_FILE))
    tap.ok(want_type in facts and f"Size: {locked_size} bytes" in facts
           and f"Modified: {mtime_words(os.path.join(LOCKED, LOCKED_FILE))}" in facts,
           "its facts: the type in words with the MIME type, the exact size, the date",
           f"wanted: {want_type}, Size: {locked_size} bytes\npane rows: {facts}")

    discovery = wait_for(lambda: next((r for r in pane_rows(app) if r.startswith("lockdiscovery (DAV:): ")), None), 10)
    tap.ok(discovery is not None and discovery.startswith("lockdiscovery (DAV:): Locked (exclusive write) by demo"),
           "the lockdiscovery property reads in words too", f"row: {discovery}")
    row = next((n for n in find_all_in(app.details(), role="panel")
                if name_of(n).startswith("lockdiscovery (DAV:)")), None)
    show_xml = find_in(row, "Show XML", only_shown=False) if row is not None else None
    before = any("activelock" in t for t in labels_in(row)) if row is not None else None
    if show_xml is not None and scroll_into(show_xml, app.details()):
        click(show_xml)
    raw = wait_for(lambda: next((t for t in labels_in(row) if "activelock" in t), None), 5) if row else None
    tap.ok(show_xml is not None and not before and raw is not None,
           "its raw XML is behind 'Show XML', one click away", f"row labels: {labels_in(row) if row else None}")
finally:
    app.quit()

# ------------------------------------------------------------ the clock

# GNOME's clock format, and a change of it while the window is open. The
# App helper gives davscope the memory settings backend; here it gets a
# key file of its own, which GLib watches, for GNOME's interface schema.
settings_home = tempfile.mkdtemp(prefix="settings-", dir=os.environ.get("DAVSCOPE_UI_WORK"))
keyfile = os.path.join(settings_home, "glib-2.0", "settings", "keyfile")
os.makedirs(os.path.dirname(keyfile))


def set_clock(fmt):
    with open(keyfile + ".new", "w") as f:
        f.write(f"[org/gnome/desktop/interface]\nclock-format='{fmt}'\n")
    os.replace(keyfile + ".new", keyfile)


def popen_with_keyfile(args, env=None, **kwargs):
    env = dict(env or os.environ, GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=settings_home)
    return real_popen(args, env=env, **kwargs)


set_clock("12h")
real_popen = davscope_ui.subprocess.Popen
davscope_ui.subprocess.Popen = popen_with_keyfile
try:
    app = App(URL)
finally:
    davscope_ui.subprocess.Popen = real_popen
try:
    readme = time.localtime(os.path.getmtime(os.path.join(ROOT, "README.txt")))
    twelve = "Today " + time.strftime("%I:%M %p", readme).lstrip("0")
    shown = wait_for(lambda: (lambda t: t[MODIFIED] if len(t) > MODIFIED and t[MODIFIED] == twelve else None)(
        cell_texts(app, "README.txt")), 20)
    tap.ok(shown is not None, f"with GNOME's clock-format '12h' the Modified cell reads '{twelve}'",
           f"cells: {cell_texts(app, 'README.txt')}")
    set_clock("24h")
    shown = wait_for(lambda: (lambda t: t[MODIFIED] if len(t) > MODIFIED and t[MODIFIED] == mtime_words("README.txt")
                              else None)(cell_texts(app, "README.txt")), 10)
    tap.ok(shown is not None,
           f"a change to '24h' while the window is open shows '{mtime_words('README.txt')}' at once",
           f"cells: {cell_texts(app, 'README.txt')}")
finally:
    app.quit()

# ------------------------------------------------------------ German

# German words, and German dates where the system has the locale; the
# translations of the build tree.
davscope_ui.speak_german()
app = App(URL)
try:
    # The listing's accessible name is translated: found by its role.
    app._table = app.find(None, "tree table", 20, app.main)
    wait_for(lambda: "README.txt" in app.row_names(), 20)
    texts = cell_texts(app, "README.txt")
    clipped, seen = clipped_cells(app)
    tap.ok(seen > 20 and not clipped,
           f"German: Size, Modified and Type show their words whole at the default size ({seen} cells)",
           f"README.txt: {texts}\nclipped (text, needed, given): {clipped}")
finally:
    app.quit()

tap.done()
