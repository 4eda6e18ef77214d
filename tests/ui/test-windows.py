#!/usr/bin/python3
"""The secondary windows read like a finished app (issue 15, second list),
in English and then in German against the real Apache share:

- Locks and Server Information show each value whole: a short one on one
  line beside its title, a long one (a token, the methods) under it,
  wrapping between words, never squeezed to a few letters a line;
- the report's title is not clipped, and its expander arrow sits left of
  the folder row's status icon, on the title's line;
- the inspector's Parsed page shows the XML indented;
- the shortcuts window groups what the app binds (New Folder under Files,
  Space to select) and opening it prints no GTK warning.

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI, Apache seeded with demo)."""

import gettext
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyatspi  # noqa: E402

from davscope_ui import (App, Tap, activate, children, click, extents, find_all_in, find_in,  # noqa: E402
                         has_state, keycombo, labels_in, name_of, point_into, press, role_of,
                         walk, wait_for)

URL = os.environ["DAVSCOPE_TEST_URL"]
FILE = "Tom & Jerry.txt"
FOLDER = "Locked Folder"
# The build's compiled translations, beside the binary's build tree.
BUILD = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(os.environ["DAVSCOPE_APP"]))))
LOCALEDIR = os.path.join(BUILD, "po")

tap = Tap()


def label(window, text):
    return find_in(window, text, "label") if window is not None else None


def height(node):
    box = extents(node) if node is not None else None
    return box[3] if box else 0


def on_one_line(value, title):
    """Whether the label value is one line high: no taller than its row's
    title label (one line) and a half."""
    return value is not None and title is not None and 0 < height(value) <= height(title) * 1.5


def lines_of(value, title):
    return round(height(value) / height(title)) if height(title) else 0


class Words:
    """The app's words in the language it runs in (the build's .mo)."""

    def __init__(self, language):
        self.t = gettext.translation("davscope", LOCALEDIR, languages=[language], fallback=True)

    def __call__(self, text, context=None):
        if context is not None:
            return self.t.pgettext(context, text)
        return self.t.gettext(text)


def start(language):
    if language != "en":
        os.environ.update(LANGUAGE=language, LANG="C.UTF-8", DAVSCOPE_LOCALEDIR=LOCALEDIR)
    app = App(URL)
    # The listing's accessible name is translated: found by its role.
    app._table = app.find(None, "tree table", 15, app.main)
    return app


def open_with(app, keys, title):
    point_into(app.main)
    keycombo(keys)
    return app.window(title, timeout=10)


def check_locks(app, _):
    dialog_title = _("Locks of “%s”") % FILE
    app.select_only(FILE)
    dialog = open_with(app, "<Control>k", dialog_title)
    lock = app.button(_("_Lock").replace("_", ""), within=dialog, timeout=10) if dialog is not None else None
    if lock is not None:
        activate(lock)
    token = wait_for(lambda: next((n for n in find_all_in(dialog, role="label")
                                   if name_of(n).startswith("opaquelocktoken:")), None), 15) if dialog else None
    scope, scope_title = label(dialog, _("Exclusive", "lock scope")), label(dialog, _("Scope"))
    tap.ok(on_one_line(scope, scope_title),
           "Locks: the scope 'Exclusive' (in words, not the server's 'exclusive') is on one line beside its title (not 'ex-clu-sive')",
           f"dialog: {dialog is not None}, scope label: {extents(scope) if scope else None}, "
           f"title: {extents(scope_title) if scope_title else None}")
    token_title = label(dialog, _("Token"))
    tap.ok(token is not None and token_title is not None and lines_of(token, token_title) <= 2
           and extents(token)[0] == extents(token_title)[0] and extents(token)[1] > extents(token_title)[1],
           "Locks: the token is under its title, across the row, in at most two lines",
           f"token: {token and extents(token)}, title: {token_title and extents(token_title)}")
    app.close_window(dialog, dialog_title)


def check_server_info(app, _):
    title = _("Server Information")
    info = open_with(app, "<Control>i", title)
    methods = wait_for(lambda: next((n for n in find_all_in(info, role="label") if "PROPPATCH" in name_of(n)),
                                    None), 15) if info is not None else None
    software, software_title = label(info, "Apache"), label(info, _("Server software"))
    tap.ok(on_one_line(software, software_title),
           f"{title}: the server software 'Apache' is on one line beside its title (not 'Ap-ac-he')",
           f"value: {software and extents(software)}, title: {software_title and extents(software_title)}")
    methods_title = label(info, _("Allowed methods"))
    text = name_of(methods)
    tap.ok(methods is not None and methods_title is not None and "PROPFIND, PROPPATCH" in text
           and lines_of(methods, methods_title) <= 3 and extents(methods)[0] == extents(methods_title)[0],
           f"{title}: the methods are listed 'OPTIONS, GET, …' under their title, wrapping between "
           "methods ('PROPPATCH' on one line)",
           f"text: {text!r}, label: {methods and extents(methods)}, title: {methods_title and extents(methods_title)}")
    app.close_window(info, title)


def delete_folder(app, _):
    """A delete of the folder that holds the locked file: its report."""
    app.select_only(FOLDER + _(", folder"))
    point_into(app.main)
    press("Delete")
    confirm = app.window(lambda n: n.endswith("?"), timeout=10)
    delete = app.find(lambda n: n.replace("_", "").split(" ")[0] == _("_Delete").replace("_", ""),
                      "push button", 5, confirm) if confirm is not None else None
    if delete is not None:
        activate(delete)
    report = app.window(_("Delete Report"), timeout=15)
    wait_for(lambda: find_in(report, FOLDER + "/", "label"), 20)
    return report


def check_report_title(report, _):
    """The header's title label is as wide as its text needs (at least
    6 pixels a character in the bold title font), not cut to 'Lösch…'."""
    title = _("Delete Report")
    heading = find_in(report, title, "label") if report is not None else None
    box = extents(heading) if heading is not None else None
    tap.ok(box is not None and box[2] >= 6 * len(title),
           f"the report's title '{title}' is shown whole at the default size", f"title label: {box}")


def check_report_expander(report):
    listing = find_in(report, "Report", "list") if report is not None else None
    expander = next((n for n in find_all_in(listing, role="panel", only_shown=False)
                     if has_state(n, pyatspi.STATE_EXPANDABLE)), None) if listing is not None else None
    title = find_in(listing, FOLDER + "/", "label") if listing is not None else None
    arrow, text = (extents(expander) if expander else None), (extents(title) if title else None)
    tap.ok(arrow and text and abs((arrow[1] + arrow[3] / 2) - (text[1] + text[3] / 2)) <= 6
           and arrow[0] + arrow[2] <= text[0],
           "the report's expander arrow (with the status icon) is on the folder title's line, left of it",
           f"expander: {arrow}, title: {text}")


def check_inspector(app, report):
    app.close_window(report, "Delete Report")
    inspector = open_with(app, "F12", "Inspector")
    exchanges = app.find("Exchanges", "list", within=inspector, timeout=10) if inspector is not None else None
    row = wait_for(lambda: next((n for n in walk(exchanges) if role_of(n) != "label"
                                 and name_of(n).startswith("PROPFIND ") and name_of(n).endswith(" 207")),
                                None), 10) if exchanges is not None else None
    if row is not None:
        click(row)
    parsed = app.find(lambda n: n.replace("_", "") == "Parsed", None, 10, inspector) if row is not None else None
    if parsed is not None:
        click(parsed)
    raw = app.find("Raw XML", None, 10, inspector) if parsed is not None else None

    def text():
        try:
            return raw.queryText().getText(0, -1)
        except Exception:
            return ""
    xml = wait_for(lambda: "multistatus" in text() and text(), 10) or text()
    nested = re.search(r"\n {4}<[^/!?]", xml)
    tap.ok(nested is not None,
           "the inspector's Parsed page shows the 207 indented: a nested element's line starts with spaces",
           f"row: {row and name_of(row)}, tab: {parsed is not None}, view: {raw is not None}\n{xml[:600]}")
    # Apache answers a listing's named properties an item lacks with a 404
    # propstat: the item is found, so the summary counts no failure.
    summary = wait_for(lambda: next((n for n in walk(inspector) if role_of(n) == "label"
                                     and re.search(r"\d+ (response|Antwort)", name_of(n))), None), 10) \
        if parsed is not None else None
    tap.ok(summary is not None and re.search(r"^\d+ (responses|Antworten)\.$", name_of(summary)),
           "the Parsed page's summary counts no failure for properties a listed item lacks (404 propstats)",
           f"summary: {summary and name_of(summary)}")
    app.close_window(inspector, "Inspector")


def shortcuts_of(window):
    """[(group, title, keys)] of what a shortcuts window shows, in reading
    order. A shortcut is a GtkShortcutLabel (its keys) beside its title;
    any other label shown is a group's title."""
    out, group = [], None
    for node in walk(window):
        if name_of(node) == "GtkShortcutLabel":
            keys = [k for k in labels_in(node, only_shown=False) if k != "+"]
            title = next((t for c in children(node.parent) if name_of(c) != "GtkShortcutLabel"
                          for t in labels_in(c, False)), "")
            out.append((group, title, keys))
        elif role_of(node) == "label" and name_of(node.parent) != "GtkShortcutLabel" and \
                not any(name_of(c) == "GtkShortcutLabel" for c in children(node.parent.parent)):
            group = name_of(node)
    return out


def check_shortcuts(app, _):
    title = _("Keyboard Shortcuts")
    before = app.toplevel_names()
    point_into(app.main)
    keycombo("<Control><Shift>question")
    # Whatever its name, to close it again.
    window = app.window(lambda n: n not in before, timeout=10)
    tap.ok(window is not None and name_of(window) == title, f"Ctrl+? opens the window '{title}'",
           f"toplevels: {app.toplevel_names()}")
    found = wait_for(lambda: shortcuts_of(window), 10) if window is not None else []
    shortcut = {t: (g, k) for g, t, k in found}

    def s(text):
        return _(text, "shortcut window")
    expected = {
        s("New folder"): (s("Files"), ["Shift", "Ctrl", "N"]),
        s("Upload files"): (s("Files"), ["Ctrl", "U"]),
        s("Select or unselect the focused item"): (s("Selection"), ["␣"]),
        s("Select all"): (s("Selection"), ["Ctrl", "A"]),
        s("Menu of the selected items"): (s("Selection"), ["Menu", "/", "Shift", "F10"]),
        s("Delete the selected items"): (s("Files"), ["Delete"]),
        s("Open a location"): (s("Browsing"), ["Ctrl", "L"]),
        s("Keyboard shortcuts"): (s("General"), ["Ctrl", "?"]),
    }
    wrong = {t: (shortcut.get(t), e) for t, e in expected.items() if shortcut.get(t) != e}
    tap.ok(window is not None and found and not wrong,
           "the shortcuts window (Ctrl+?) files New Folder and Upload under Files, Space selects, "
           "each group and key as the app binds them",
           f"window: {window is not None}\nwrong (shown, expected): {wrong}\nshown: {found}")
    app.stderr.flush()
    with open(app.stderr.name, errors="replace") as f:
        warnings = [line for line in f if "Gtk-WARNING" in line]
    tap.ok(window is not None and not warnings, "opening it prints no Gtk-WARNING ('reported min width -3')",
           "".join(warnings))
    app.close_window(window, name_of(window))


# ---- English
app = start("en")
_ = Words("en")
try:
    wait_for(lambda: FILE in app.row_names(), 20)
    check_shortcuts(app, _)
    check_locks(app, _)
    check_server_info(app, _)
    report = delete_folder(app, _)
    check_report_title(report, _)
    check_report_expander(report)
    check_inspector(app, report)
finally:
    app.quit()

# ---- German: the longer words must fit as well
tap.ok(os.path.exists(os.path.join(LOCALEDIR, "de", "LC_MESSAGES", "davscope.mo")),
       "the build has the German translation", LOCALEDIR)
app = start("de")
_ = Words("de")
try:
    wait_for(lambda: FILE in app.row_names(), 20)
    check_server_info(app, _)
    report = delete_folder(app, _)
    check_report_title(report, _)
    app.close_window(report, _("Delete Report"))
finally:
    app.quit()

tap.done()
