#!/usr/bin/python3
"""Saved servers and bookmarks (issue 18, item 1): GNOME Files' dav://
and davs:// bookmarks are imported at the first start (and only those);
a server saved with a user and password opens from the sidebar after a
restart without a login dialog, and so do a tab restored at start and an
address typed (the keyring is read first); Ctrl+D bookmarks the folder shown; a
server is renamed, removed and brought back with Undo; the start page
lists saved servers; Clear History empties the recent list, Undo brings
it back.

The keyring is a real one where gnome-keyring is installed: its daemon
runs unlocked in the test's D-Bus session (run-ui-test gives each test
its own session and home). Without it, the check after the restart is
skipped: the password is then kept in memory for the run only.

Usage: test-servers.py [LANGUAGE]; with "de" it runs in German (the
build's catalogs). Either way it leaves a screenshot of the sidebar,
servers-<language>.png, in the test's screenshot folder.

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI, Apache seeded with demo)."""

import base64
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

LANGUAGE = sys.argv[1] if len(sys.argv) > 1 else "en"
if LANGUAGE != "en":
    BUILD = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(os.environ["DAVSCOPE_APP"]))))
    os.environ.update(LANGUAGE=LANGUAGE, LANG="C.UTF-8", DAVSCOPE_LOCALEDIR=os.path.join(BUILD, "po"))

from davscope_ui import (App, Tap, activate, click, find_in, find_toast, keycombo, labels_in,  # noqa: E402
                         name_of, point_into, press, shown, start_keyring, tr, type_text, wait_for)

URL = os.environ["DAVSCOPE_TEST_URL"]
BASIC_URL = os.environ["DAVSCOPE_TEST_BASIC_URL"]
USER = os.environ["DAVSCOPE_TEST_USER"]
PASSWORD = os.environ["DAVSCOPE_TEST_PASSWORD"]
CONFIG = os.environ["XDG_CONFIG_HOME"]
MARKER = "saved server marker.txt"
SERVER = "Basic Share"
TOKEN_SERVER = "Token Share"
TOKEN_URL = BASIC_URL.replace("127.0.0.1", "localhost", 1) + "sub/"
TOKEN = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
TOKEN_MARKER = "reached with a token.txt"

tap = Tap()

with open(os.path.join(os.environ["DAVSCOPE_TEST_BASIC_ROOT"], MARKER), "w") as f:
    f.write("listed only after a login\n")
os.makedirs(os.path.join(os.environ["DAVSCOPE_TEST_BASIC_ROOT"], "sub"), exist_ok=True)
with open(os.path.join(os.environ["DAVSCOPE_TEST_BASIC_ROOT"], "sub", TOKEN_MARKER), "w") as f:
    f.write("listed with the saved header\n")

# GNOME Files' bookmarks, before the first start: one dav:// folder with
# a label, one without, and lines that are not WebDAV or not URIs.
dav_url = URL.replace("http://", "dav://", 1)
os.makedirs(os.path.join(CONFIG, "gtk-3.0"), exist_ok=True)
with open(os.path.join(CONFIG, "gtk-3.0", "bookmarks"), "w") as f:
    f.write(f"file:///home/alice/Documents Documents\n"
            f"{dav_url} Team Share\n"
            f"{dav_url}Locked%20Folder/\n"
            f"sftp://example.com/srv Elsewhere\n"
            f"not a uri\n")

# A keyring of our own, unlocked (an empty password on stdin).
keyring = start_keyring(tap)


def sidebar_row(app, name, timeout=10):
    """The row called name in the sidebar's Servers or Bookmarks (not the
    start page's list, which AT-SPI reports as showing behind the browser)."""
    def look():
        for section in (tr("Servers"), tr("Bookmarks")):
            box = find_in(app.main, section, "list")
            row = find_in(box, name, "list item") if box is not None else None
            if row is not None:
                return row
        return None
    return wait_for(look, timeout)


def row_menu(app, name):
    """Opens the menu of the sidebar row called name."""
    button = app.find(tr("Actions for %s") % name, None, 5, app.main)
    if button is not None:
        click(button)
    return button


def menu_item(app, name, timeout=5):
    return app.find(lambda n: n == name, None, timeout)


def text_of(node):
    try:
        text = node.queryText()
        return text.getText(0, text.characterCount)
    except Exception:
        return None


def fill(dialog, label, text, role="text"):
    entry = find_in(dialog, label, role)
    if entry is None:
        return False
    click(entry)
    keycombo("<Control>a")
    type_text(text)
    return True


def opens_without_login(app, name, marker, description):
    """Clicks the sidebar's row called name (None: none): a check that marker is listed
    with no login dialog (skipped without a keyring: the secrets then
    lived only in the first run's memory)."""
    row = sidebar_row(app, name) if name is not None else None
    if row is not None:
        click(row)
    listed = wait_for(lambda: app.row_label(marker, 0.5) is not None or login_dialog(app, 0.1) is not None, 20)
    if not keyring:
        tap.ok(True, f"{description} # SKIP gnome-keyring is not installed")
        if login_dialog(app, 5) is not None:
            press("Escape")
        return
    tap.ok(listed and login_dialog(app, 1) is None and app.row_label(marker, 1) is not None,
           description, f"toplevels: {app.toplevel_names()}")


def login_dialog(app, timeout):
    return app.window(lambda n: n.startswith("Log in to ") or n.startswith(tr("Log in to %s")[:6]), timeout)


# ------------------------------------------------------------ first start

app = App()
try:
    tap.ok(sidebar_row(app, "Team Share") is not None,
           "the labelled dav:// bookmark of GNOME Files is in the sidebar under its label")
    tap.ok(sidebar_row(app, "Locked Folder", 2) is not None,
           "the unlabelled one is named after its folder")
    tap.ok(sidebar_row(app, "Documents", 1) is None and sidebar_row(app, "Elsewhere", 1) is None,
           "file:// and sftp:// bookmarks are not imported")
    ini = os.path.join(CONFIG, "davscope", "servers.ini")
    tap.ok(os.path.exists(ini) and "imported-gtk-bookmarks=true" in open(ini).read(),
           "the list is saved with the import remembered", open(ini).read() if os.path.exists(ini) else "")

    # Clear History: a location visited, then back on the start page
    # through an address it refuses (no saved server yet above the list).
    point_into(app.main)
    type_text(URL + "\n")
    app.row_label("README.txt", 20)
    keycombo("<Control>l")
    keycombo("<Control>a")
    type_text("ftp://nowhere.invalid/\n")
    on_start = app.button(tr("_Connect").replace("_", ""), app.main, 10) is not None
    recent = app.find(tr("Recent Locations"), None, 10, app.main)
    tap.ok(on_start and recent is not None and shown(recent), "the start page lists recent locations")
    clear = app.find(tr("C_lear History").replace("_", ""), "push button", 5, app.main, showing=False)
    if clear is not None:
        click(clear)
    time.sleep(1)    # the toast is looked for once it is in place (find_toast)
    hidden = wait_for(lambda: find_in(app.main, tr("Recent Locations")) is None, 5)
    toast = find_toast(app.main, tr("History cleared"), 12)
    tap.ok(hidden and toast is not None, "Clear History empties the list, with a toast")
    undo = find_in(toast, tr("_Undo").replace("_", "")) if toast is not None else None
    if undo is not None:
        click(undo)
    tap.ok(app.find(tr("Recent Locations"), None, 5, app.main) is not None, "Undo brings the history back")

    # Add a server with a user, a password and a header.
    point_into(app.main)
    add = app.find(tr("Add Server"), "push button", 5, app.main)
    if add is not None:
        click(add)
    dialog = app.window(tr("Add Server"), 10)
    tap.ok(dialog is not None, "the sidebar's + opens Add Server", f"toplevels: {app.toplevel_names()}")
    if dialog is not None:
        filled = (fill(dialog, tr("_Name").replace("_", ""), SERVER) and
                  fill(dialog, tr("_Address").replace("_", ""), BASIC_URL) and
                  fill(dialog, tr("_User name").replace("_", ""), USER) and
                  fill(dialog, tr("_Password").replace("_", ""), PASSWORD, "password text") and
                  fill(dialog, tr("Extra _headers").replace("_", ""), "X-Davscope-Test: hello"))
        tap.ok(filled, "name, address, user, password and an extra header typed", labels_in(dialog))
        save = app.button(tr("_Save").replace("_", ""), dialog, 5)
        if save is not None:
            click(save)
        tap.ok(app.window_gone(tr("Add Server"), 10), "Save closes the dialog")
    tap.ok(sidebar_row(app, SERVER) is not None, "the server is in the sidebar")

    # A server reached with a token instead (an Authorization header), on
    # another origin (localhost) so that nothing of the first one's login
    # applies to it.
    add = app.find(tr("Add Server"), "push button", 5, app.main)
    if add is not None:
        click(add)
    dialog = app.window(tr("Add Server"), 10)
    if dialog is not None:
        filled = (fill(dialog, tr("_Name").replace("_", ""), TOKEN_SERVER) and
                  fill(dialog, tr("_Address").replace("_", ""), TOKEN_URL) and
                  fill(dialog, tr("Extra _headers").replace("_", ""), f"Authorization: {TOKEN}"))
        save = app.button(tr("_Save").replace("_", ""), dialog, 5)
        if save is not None:
            click(save)
    tap.ok(dialog is not None and app.window_gone(tr("Add Server"), 10)
           and sidebar_row(app, TOKEN_SERVER) is not None,
           "a second server, with an Authorization header and no user, is saved")
    start_rows = [name_of(n) for n in app.find_all(SERVER, "list item", app.main)]
    tap.ok(len(start_rows) >= 2, "the start page lists it too", f"rows: {start_rows}")
    text = open(ini).read()
    tap.ok(BASIC_URL in text and f"user={USER}" in text and "X-Davscope-Test" in text
           and PASSWORD not in text and "hello" not in text,
           "servers.ini has the URL, the user and the header's name, not the password nor the value", text)
    time.sleep(1.5)    # the keyring writes
    tap.screenshot(f"servers-start-{LANGUAGE}")
finally:
    app.quit()

# ------------------------------------------------------------ after a restart

app = App()
try:
    tap.ok(sidebar_row(app, SERVER) is not None, "after a restart the saved server is in the sidebar")
    opens_without_login(app, SERVER, MARKER,
                        "clicking it lists the share behind the login, with no login dialog (the keyring's password)")

    # The saved password and header come back in Edit….
    if row_menu(app, SERVER) is not None:
        item = menu_item(app, tr("_Edit…").replace("_", ""))
        if item is not None:
            activate(item)     # GTK 4.8 reports a popover's items where its button is
    dialog = app.window(tr("Edit Server"), 10)
    headers = find_in(dialog, tr("Extra _headers").replace("_", ""), "text") if dialog else None
    password = find_in(dialog, tr("_Password").replace("_", ""), "password text") if dialog else None
    tap.ok(headers is not None and text_of(headers) == "X-Davscope-Test: hello"
           and password is not None and len(text_of(password)) == len(PASSWORD),
           "Edit… shows the header with its value and the password, from the keyring",
           f"headers: {text_of(headers) if headers else None!r}")
    if dialog is not None:
        press("Escape")
        app.window_gone(tr("Edit Server"), 5)

    # Ctrl+D bookmarks the folder shown.
    point_into(app.main)
    keycombo("<Control>d")
    toast = find_toast(app.main, tr("Bookmarked “%s”") % "basic", 5)
    bookmark = sidebar_row(app, "basic", 5)
    tap.ok(bookmark is not None, "Ctrl+D adds the folder shown to Bookmarks, named after it",
           f"labels: {labels_in(app.main)[:30]}")
    tap.ok(toast is not None, "a toast says it was bookmarked")
    tap.screenshot(f"servers-{LANGUAGE}")

    # Rename through the row's menu.
    item = None
    if row_menu(app, SERVER) is not None:
        item = menu_item(app, tr("Re_name…").replace("_", ""))
        if item is not None:
            activate(item)     # GTK 4.8 reports a popover's items where its button is
    dialog = app.window(tr("Rename Server"), 10)
    if dialog is not None:
        point_into(dialog)
        keycombo("<Control>a")
        type_text("Renamed Share")
        press("Return")
    tap.ok(sidebar_row(app, "Renamed Share") is not None and sidebar_row(app, SERVER, 1) is None,
           "Rename… in the row's menu renames the server")

    # Remove, then Undo.
    if row_menu(app, "Renamed Share") is not None:
        item = menu_item(app, tr("_Remove").replace("_", ""))
        if item is not None:
            activate(item)
    gone = wait_for(lambda: sidebar_row(app, "Renamed Share", 0.2) is None, 5)
    toast = find_toast(app.main, tr("“%s” removed") % "Renamed Share", 5)
    tap.ok(gone and toast is not None, "Remove takes the row away, with a toast")
    undo = find_in(toast, tr("_Undo").replace("_", "")) if toast is not None else None
    if undo is not None:
        click(undo)
    tap.ok(sidebar_row(app, "Renamed Share") is not None and "Renamed Share" in open(ini).read(),
           "Undo brings it back, saved")

    # The token server: its header (from the keyring) is the login.
    opens_without_login(app, TOKEN_SERVER, TOKEN_MARKER,
                        "the token server lists its folder with no login dialog: the saved header went with the requests")

finally:
    app.quit()

# ------------------------------------------------------------ restored and typed
# A tab restored at start, and an address typed, on a saved server: its
# secrets (the token header, the password) are read from the keyring
# before the first request, as the sidebar does. Without that, the
# token share answers 401 and a login dialog asks for what was saved.

settings_dir = os.path.join(CONFIG, "glib-2.0", "settings")
os.makedirs(settings_dir, exist_ok=True)
with open(os.path.join(settings_dir, "keyfile"), "w") as f:
    f.write(f"[io/github/davscope/Davscope]\nrestore-tabs=true\nopen-tabs=['{TOKEN_URL}']\n")

app = App(settings="keyfile")
try:
    opens_without_login(app, None, TOKEN_MARKER,
                        "a tab restored on the token server lists its folder with no login dialog: "
                        "the header was read from the keyring first")
    # Another origin (127.0.0.1): a new connection in the same tab.
    point_into(app.main)
    keycombo("<Control>l")
    keycombo("<Control>a")
    type_text(BASIC_URL + "\n")
    opens_without_login(app, None, MARKER,
                        "the saved server's address typed lists with no login dialog: "
                        "the password was read from the keyring first")

    # A header's value changed in Edit Server (a token replaced): the tab
    # on that server connects again with it. A wrong token: the server
    # refuses it, and the login dialog shows the new header went out.
    opens_without_login(app, TOKEN_SERVER, TOKEN_MARKER, "the token server lists again from the sidebar")
    if row_menu(app, TOKEN_SERVER) is not None:
        item = menu_item(app, tr("_Edit…").replace("_", ""))
        if item is not None:
            activate(item)
    dialog = app.window(tr("Edit Server"), 10)
    if dialog is not None:
        fill(dialog, tr("Extra _headers").replace("_", ""), "Authorization: Basic d3Jvbmc6dG9rZW4=")
        save = app.button(tr("_Save").replace("_", ""), dialog, 5)
        if save is not None:
            click(save)
    asked = dialog is not None and app.window_gone(tr("Edit Server"), 10) and login_dialog(app, 15) is not None
    tap.ok(asked, "a changed header value reconnects the tab on that server: the new token is sent and refused",
           f"toplevels: {app.toplevel_names()}")
    if asked:
        press("Escape")
finally:
    app.quit()

tap.done()
