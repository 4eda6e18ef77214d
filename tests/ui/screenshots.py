#!/usr/bin/python3
"""The screenshot tour: the views a newcomer meets on the demo share, at
the window's default size, saved as PNGs to look at (issue 15's
acceptance, and the README's picture). Not a test of behaviour: each view
is one TAP line that says whether its picture was taken, and the usual
last line whether davscope printed a warning.

Usage, inside tests/ui/run-ui-test (Xvfb, AT-SPI, Apache seeded with demo):
    screenshots.py [--lang en|de] OUTDIR
build-aux/screenshots runs it once per language, each on a fresh share
(the tour deletes README.txt). German needs the build tree's catalogs:
DAVSCOPE_LOCALEDIR=<build>/po.

Pictures, OUTDIR/<view>-<lang>.png:
  browser      the listing with "Locked Folder" expanded and the details
               pane of its locked file
  locks        the Locks window of that file (Ctrl+K)
  server-info  Server Information (Ctrl+I)
  shortcuts    the keyboard shortcuts window (Ctrl+?)
  properties, properties-refused, properties-refused-etag
               the property editor after an Apply that the server refused
               (a protected property and a new one, all-or-nothing): its
               top with the banner, then scrolled to each refused row
  delete-confirm, report
               a bulk delete of "Locked Folder" and README.txt that half
               fails, its confirmation and its report, the failed
               folder's row expanded to its members
  doctor       Check Server with writing on the share, the first check
               that failed opened to its finding (where Apache passes
               every check, the share behind the doctor's fault proxy
               with a server that ignores Overwrite: F)
  not-webdav   the page for a plain web server (python's http.server)
  tabs         three tabs (the share, Documents/Reports, Photos/Holiday 2024),
               the last two bookmarked in the sidebar
  search       Search Below Here on the share for "report"

Each picture is of the window it is about, cut out of the screen (without
a window manager every window sits at the top left corner)."""

import argparse
import http.server
import os
import re
import subprocess
import sys
import time

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--lang", choices=("en", "de"), default="en")
parser.add_argument("outdir")
options = parser.parse_args()


def locale_for(lang):
    """The locale a user of that language would run (dates and numbers
    too), if this machine has it; C.UTF-8 otherwise."""
    wanted = {"en": "en_US.utf8", "de": "de_DE.utf8"}[lang]
    try:
        have = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    except OSError:
        have = []
    return wanted.replace("utf8", "UTF-8") if wanted in have else "C.UTF-8"


# davscope (App copies this environment) and tr() speak the language.
os.environ.pop("LC_ALL", None)
os.environ.pop("LC_MESSAGES", None)
os.environ["LANG"] = locale_for(options.lang)
os.environ["LANGUAGE"] = options.lang

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from davscope_ui import (App, Tap, activate, children, clean_name, click, extents, find_all_in, find_in,  # noqa: E402
                         has_state, keycombo, labels_in, name_of, ntr, point_into, press,
                         report_rows, role_of, scroll_into, sensitive, serve, served_url, share_url, shown,
                         strip_mnemonic, toast_said, tr, type_text, wait_for)

import pyatspi  # noqa: E402
from dogtail import rawinput  # noqa: E402

URL = os.environ["DAVSCOPE_TEST_URL"]
FOLDER = tr(", folder")
LOCKED_FOLDER = "Locked Folder"
LOCKED_FILE = "locked.txt"
README = "README.txt"
PROPS_FILE = "Properties Demo.txt"
TEST_NS = "http://example.com/ns/test"

os.makedirs(options.outdir, exist_ok=True)
tap = Tap()


def x_geometry(window):
    """(x, y, width, height) of the X window of an accessible toplevel:
    the accessible's extents leave out the frame GTK draws around a window
    without a compositor, and place it at (0, 0) all the same. The X
    window is the topmost one of a size a little larger than the extents,
    by the title if it can tell."""
    box = extents(window)
    if box is None:
        return None
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
    found = []
    for line in tree.splitlines():
        m = re.match(r'\s*0x[0-9a-f]+ (".*"|\(has no name\)): .*?(\d+)x(\d+)[+-]\d+[+-]\d+\s+\+(-?\d+)\+(-?\d+)', line)
        if m is None:
            continue
        title, w, h, x, y = m.group(1).strip('"'), *map(int, m.groups()[1:])
        if box[2] <= w <= box[2] + 60 and box[3] <= h <= box[3] + 60:
            found.append((title != name_of(window), (x, y, w, h)))
    # xwininfo lists the topmost first; a title that matches goes before.
    found.sort(key=lambda entry: entry[0])
    return found[0][1] if found else box


def save(window, view):
    """The window as OUTDIR/<view>-<lang>.png, cut out of the screen; one
    TAP line. The pointer rests in the window's corner, away from any
    widget's tooltip: outside, the window would lose the focus (X's focus
    follows the pointer here) and be drawn as a window in the background."""
    path = os.path.join(options.outdir, f"{view}-{options.lang}.png")
    try:
        point_into(window)
    except Exception:   # not on the screen: said below
        pass
    box = wait_for(lambda: x_geometry(window) if window is not None and shown(window) else None, 10)
    if box is not None:
        time.sleep(1.5)   # the last frame drawn (a tooltip gone, a spinner stopped)
        box = x_geometry(window) or box
        x, y, w, h = box
        result = subprocess.run(["import", "-window", "root", "-crop", f"{w}x{h}+{max(x, 0)}+{max(y, 0)}",
                                 "+repage", path], capture_output=True, text=True)
        taken = result.returncode == 0
        why = result.stderr
    else:
        taken, why = False, "the window is not on the screen"
    tap.ok(taken, f"{view}-{options.lang}.png" + (f" ({box[2]}×{box[3]})" if taken else ""), why)
    return taken


def missing(view, why):
    tap.ok(False, f"{view}-{options.lang}.png", why)


def select_one(app, name):
    label = wait_for(lambda: (lambda l: l if l is not None and shown(l) else None)(app.row_label(name, 1)), 15)
    if label is not None:
        click(label)
    return label is not None and wait_for(lambda: app.selected_names() == [name], 5)


# ---- 1. the browser, the Locks window, Server Information

app = App(URL)
try:
    wait_for(lambda: LOCKED_FOLDER + FOLDER in app.row_names(), 20)
    # A click selects the folder's row and focuses its expander; plus opens it.
    folder = app.row_label(LOCKED_FOLDER + FOLDER)
    if folder is not None:
        click(folder)
        press("plus")
    wait_for(lambda: LOCKED_FILE in app.row_names(), 15)
    selected = select_one(app, LOCKED_FILE)
    # The details pane shows the file and what its PROPFIND said.
    details = wait_for(lambda: LOCKED_FILE in labels_in(app.details()) and app.details(), 10)
    wait_for(lambda: len(labels_in(app.details())) > 6, 10)
    if selected and details:
        save(app.main, "browser")
    else:
        missing("browser", f"selected: {app.selected_names()}\nrows: {app.row_names()}")

    point_into(app.main)
    keycombo("<Control>k")
    title = tr("Locks of “%s”") % LOCKED_FILE
    locks = app.window(title, timeout=10)
    # The lock's details once they are read (the Token row).
    if locks is not None and wait_for(lambda: tr("Token") in labels_in(locks), 15):
        save(locks, "locks")
    else:
        missing("locks", f"toplevels: {app.toplevel_names()}\n"
                         f"labels: {labels_in(locks) if locks is not None else None}")
    app.close_window(locks, title)

    point_into(app.main)
    keycombo("<Control>i")
    title = tr("Server Information")
    info = app.window(title, timeout=10)
    if info is not None and wait_for(lambda: tr("Compliance classes") in labels_in(info), 15):
        save(info, "server-info")
    else:
        missing("server-info", f"toplevels: {app.toplevel_names()}")
    app.close_window(info, title)

    # The shortcuts window (Ctrl+?), whatever its title.
    point_into(app.main)
    keycombo("<Control><Shift>question")
    main_title = name_of(app.main)
    shortcuts = wait_for(lambda: next((w for w in app.toplevels() if name_of(w) != main_title and shown(w)), None), 10)
    if shortcuts is not None:
        time.sleep(1)
        save(shortcuts, "shortcuts")
        point_into(shortcuts)
        press("Escape")
    else:
        missing("shortcuts", f"toplevels: {app.toplevel_names()}")
finally:
    app.quit()


# ---- 2. the property editor after a refused Apply


def named(*msgids):
    """A name test for app.find: the node's name is one of msgids as
    translated, mnemonics and GTK 4.8's doubling aside (the editor's form
    has had "Namespace" and "_Namespace" as its labels)."""
    wanted = {strip_mnemonic(tr(m)) for m in msgids}
    return lambda name: strip_mnemonic(clean_name(name or "")) in wanted


def fill(field, text):
    click(field)
    keycombo("<Control>a")
    press("BackSpace")
    type_text(text)
    time.sleep(0.3)


def add_property(app, editor, namespace, name, value):
    """Types a property into the editor's add form and presses Add
    Property (Apply would take what is typed, since issue 15, but the
    form holds one property). True when the fields were found."""
    fields = [app.find(named(*labels), "text", within=editor, timeout=5)
              for labels in (("Namespace", "_Namespace"), ("Name", "Na_me", "_Name"), ("Value", "_Value"))]
    if None in fields:
        return False
    for field, text in zip(fields, (namespace, name, value)):
        fill(field, text)
    add = app.find(named("Add Property", "A_dd Property", "_Add Property"), "push button", 3, editor)
    if add is None or not wait_for(lambda: sensitive(add), 3):
        return False
    activate(add)
    return True


def apply(app, editor):
    button = app.find(named("_Apply", "Apply"), "push button", 3, editor)
    if button is not None and wait_for(lambda: sensitive(button), 5):
        activate(button)
        return True
    return False


app = App(URL)
try:
    selected = select_one(app, PROPS_FILE)
    point_into(app.main)
    keycombo("<Alt>Return")
    title = tr("Properties of %s") % PROPS_FILE
    editor = app.window(title, timeout=10)
    added = editor is not None and wait_for(lambda: "author" in labels_in(editor) or
                                            any(name_of(n) == "author" for n in find_all_in(editor)), 15)
    # getetag is the server's: refused (409 or 403), and with it the new
    # property size (424 Failed Dependency).
    typed = editor is not None and add_property(app, editor, "DAV:", "getetag", "x") \
        and add_property(app, editor, TEST_NS, "size", "big")
    applied = typed and apply(app, editor)
    # The refusal shows as the new property's badge: 424.
    refused = applied and wait_for(lambda: any(role_of(n) in ("push button", "toggle button")
                                               and name_of(n).startswith("424")
                                               for n in find_all_in(editor)), 20)
    if refused:
        save(editor, "properties")
        # Then down to the refused rows, with their badges and notes: the
        # new size (424), and getetag among the server's properties (409).
        listing = find_in(editor, tr("Properties"), "list")
        for name, view in (("size", "properties-refused"), ("getetag", "properties-refused-etag")):
            row = next((r for r in children(listing) if name_of(r) == name), None) if listing else None
            if row is not None and scroll_into(row, editor):
                save(editor, view)
            else:
                missing(view, f"rows: {[name_of(r) for r in children(listing)] if listing else None}")
    else:
        missing("properties", f"editor: {editor is not None}, typed: {typed}, applied: {applied}\n"
                              f"labels: {labels_in(editor) if editor is not None else None}")
finally:
    app.quit()


# ---- 3. a bulk delete that half fails: the confirmation and the report

app = App(URL)
try:
    wait_for(lambda: {README, LOCKED_FOLDER + FOLDER} <= set(app.row_names()), 20)
    select_one(app, README)
    click(app.row_label(LOCKED_FOLDER + FOLDER), modifier="Control_L")
    both = wait_for(lambda: set(app.selected_names()) == {README, LOCKED_FOLDER + FOLDER}, 5)
    point_into(app.main)
    press("Delete")
    confirm = app.window(ntr("Delete %u Item?", "Delete %u Items?", 2) % 2, timeout=10) if both else None
    if confirm is not None:
        save(confirm, "delete-confirm")
        app.press_button(strip_mnemonic(tr("_Delete")), within=confirm)
    else:
        missing("delete-confirm", f"selected: {app.selected_names()}\ntoplevels: {app.toplevel_names()}")
    title = tr("Delete Report")
    report = app.window(title, timeout=15) if confirm is not None else None
    failed = ntr("%u failed", "%u failed", 1) % 1
    done = report is not None and wait_for(lambda: any(failed in t for t in labels_in(report)), 20)
    if done:
        # The failed folder's row, expanded to the member that failed.
        listing = find_in(report, tr("Report"), "list")
        expander = next((n for n in find_all_in(listing, role="panel", only_shown=False)
                         if has_state(n, pyatspi.STATE_EXPANDABLE)), None) if listing is not None else None
        if expander is not None and not has_state(expander, pyatspi.STATE_EXPANDED):
            activate(expander, "listitem.expand")
            wait_for(lambda: LOCKED_FILE in report_rows(report), 5)
        save(report, "report")
    else:
        missing("report", f"toplevels: {app.toplevel_names()}\n"
                          f"labels: {labels_in(report) if report is not None else None}")
finally:
    app.quit()


# ---- 4. Check Server with writing, a failed check opened


def check_server_rows(window):
    """The rows of the checks that failed: their accessible names are
    "Title: State"."""
    state = " " + tr("Failed", "check state")
    return [n for n in find_all_in(window, role="list item", only_shown=False)
            if name_of(n).endswith(":" + state)]


def check_server(app, doctor):
    """Check with writing in the window @doctor; the rows that failed."""
    switch = app.find(tr("Also Check Writing"), "check box", timeout=5, within=doctor) if doctor else None
    if switch is None:
        return []
    activate(switch, "toggle")
    app.press_button(strip_mnemonic(tr("_Check")), within=doctor)
    ended = app.button(strip_mnemonic(tr("Check _Again")), within=doctor, timeout=180)
    return check_server_rows(doctor) if ended else []


def save_failed(app, doctor, failed):
    """The first failed check, opened, high in the window under its
    group's title."""
    check = name_of(failed[0]).rpartition(": ")[0]
    header = find_in(failed[0], check, "list item", only_shown=False)
    scroll_into(header, doctor)
    time.sleep(1.5)   # the wheel's scrolling glides on for a moment
    point_into(doctor)
    click(header)
    time.sleep(1)
    for _ in range(30):
        box, room = extents(header), extents(doctor)
        if box is None or room is None or room[1] + 250 <= box[1] < room[1] + 340:
            break
        rawinput.click(room[0] + room[2] // 2, room[1] + room[3] * 7 // 8,
                       button=5 if box[1] >= room[1] + 340 else 4)
        time.sleep(0.5)
    save(doctor, "doctor")


# The share itself, from the main menu: what Apache does wrong.
app = App(URL)
failed = []
try:
    wait_for(lambda: LOCKED_FOLDER + FOLDER in app.row_names(), 20)
    point_into(app.main)
    menu = app.find(tr("Main Menu"), timeout=10, within=app.main)
    if menu is not None:
        click(menu)
    item = app.find(strip_mnemonic(tr("_Check Server…")), "menu item", timeout=5)
    if item is not None:
        activate(item)
    doctor = app.window(tr("Check Server"), timeout=10)
    failed = check_server(app, doctor)
    if failed:
        save_failed(app, doctor, failed)
finally:
    app.quit()

# Where Apache passes every check: the share behind the doctor's fault
# proxy, with a server that ignores Overwrite: F (as nginx's did).
if not failed:
    proxy = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                                          "doctor", "fault-proxy.py"),
                              "--fault", "write-copy-overwrite-f-ignored"], stdout=subprocess.PIPE, text=True)
    proxied = proxy.stdout.readline().strip()
    app = App()
    try:
        entry = app.find(tr("Server Address"), timeout=10, within=app.main)
        if entry is not None:
            click(entry)
            type_text(proxied)
        app.press_button(strip_mnemonic(tr("Check _Server…")), within=app.main)
        doctor = app.window(tr("Check Server"), timeout=10)
        failed = check_server(app, doctor)
        if failed:
            save_failed(app, doctor, failed)
        else:
            missing("doctor", f"labels: {labels_in(doctor) if doctor is not None else None}")
    finally:
        app.quit()
        proxy.terminate()
        proxy.wait(10)


# ---- 5. a plain web server that does not speak WebDAV


class PlainWeb(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_OPTIONS(self):
        self.send_error(501, f"Unsupported method ({self.command!r})")


plain = serve(PlainWeb)
app = App(served_url(plain))
try:
    if wait_for(app.error_page, 20):
        save(app.main, "not-webdav")
    else:
        missing("not-webdav", f"labels: {labels_in(app.main)}")
finally:
    app.quit()
    plain.shutdown()


# ---- 6. tabs, the sidebar's bookmarks, and a search below the share


def open_location(url):
    keycombo("<Control>l")
    keycombo("<Control>a")
    type_text(url)
    press("Return")


app = App(URL)
try:
    wait_for(lambda: "Documents" + FOLDER in app.row_names(), 20)
    point_into(app.main)
    opened = []
    for path, first_row, title in (("Documents/Reports/", "2022" + FOLDER, "Reports"),
                                   ("Photos/Holiday 2024/", "IMG_0001.jpg", "Holiday 2024")):
        keycombo("<Control>t")
        time.sleep(1)
        open_location(share_url(path))
        app._table = None
        listed = wait_for(lambda: any(first_row in app.row_names()
                                      for app._table in app.find_all(tr("Folder contents"), "tree table",
                                                                     within=app.main)), 15)
        point_into(app.main)
        keycombo("<Control>d")
        opened.append(bool(listed) and toast_said(app.main, tr("Bookmarked “%s”") % title, 10) is not None)
    if all(opened):
        save(app.main, "tabs")
    else:
        missing("tabs", f"opened and bookmarked: {opened}, labels: {labels_in(app.main)[:40]}")

    # Back to the share (the other two tabs closed), and a search below it.
    point_into(app.main)
    keycombo("<Control>w")
    keycombo("<Control>w")
    time.sleep(1)
    keycombo("<Control><Shift>f")
    search = app.window(tr("Search Below Here"), timeout=10)
    if search is not None:
        type_text("report")
        press("Return")
    done = search is not None and wait_for(lambda: any(t.startswith(tr("Done.")) for t in labels_in(search)), 30)
    if done:
        save(search, "search")
    else:
        missing("search", f"toplevels: {app.toplevel_names()}")
finally:
    app.quit()

tap.done()
