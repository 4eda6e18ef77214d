#!/usr/bin/python3
"""How actions are offered and how they end, against the real Apache
share (issue 15, second list): the start page's menus offer only what
applies; Delete is in the row menu and deletes the chosen item only;
Shift+F10 opens the row menu at the row; the New Folder and Rename
dialogs open neutral and check the name as it is typed; after a rename
the new name is selected and the details pane shows it; a single change
ends in a toast, with Undo where nothing is lost (a rename is renamed
back on the server); a single change that fails still opens the report.

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI, Apache seeded with demo)."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from davscope_ui import (FOLDER, App, Tap, activate, center, click, find_in, find_toast,  # noqa: E402
                         keycombo, labels_in, point_into, press, report_summary, sensitive,
                         share_exists, share_names, share_request, toast_said, type_text, wait_for)
from dogtail import rawinput  # noqa: E402

URL = os.environ["DAVSCOPE_TEST_URL"]
SCRATCH = "scratch to delete.txt"
FILE = "Tom & Jerry.txt"
RENAMED = "Tom and Jerry.txt"
NEW = "Neu ü"
ERRORS = ("A name is needed.", "A name cannot contain “/”.")

tap = Tap()


def undo_button(toast_widget):
    """The Undo button of a toast. The pointer rests on the toast first,
    which keeps it up (it would go after 5 s)."""
    if toast_widget is None:
        return None
    rawinput.absoluteMotion(*center(toast_widget))
    return wait_for(lambda: find_in(toast_widget, "Undo", "push button"), 5)


def menu_item(app, name, timeout=5):
    return app.find(lambda n: n in (name, name.replace("…", "...")), None, timeout=timeout) \
        if timeout else None


def details_texts(app):
    pane = app.details()
    return labels_in(pane) if pane is not None else []


def entry_selection(entry):
    """(start, end) of the text selected in an entry, in characters."""
    try:
        text = entry.queryText()
        return tuple(text.getSelection(0)) if text.getNSelections() > 0 else None
    except Exception:
        return None


share_request("PUT", SCRATCH, b"delete me\n")

# ---- the start page: only what applies
app = App()
try:
    tap.ok(app.find("New Folder or Upload", timeout=2, within=app.main) is None
           and app.find("Selected Items", timeout=1, within=app.main) is None
           and app.find("Delete Selected Items", timeout=1, within=app.main) is None,
           "the start page shows no '+', '⋮' or Delete button: nothing is open to act on",
           labels_in(app.main))
    main_menu = app.find("Main Menu", None, timeout=5, within=app.main)
    if main_menu is not None:
        click(main_menu)
    offered = [n for n in ("Open Location…", "Preferences", "Keyboard Shortcuts", "About Davscope",
                           "Properties…", "Inspector", "Server Information")
               if menu_item(app, n, timeout=3 if n == "Open Location…" else 0.5) is not None]
    tap.ok(offered == ["Open Location…", "Preferences", "Keyboard Shortcuts", "About Davscope"],
           "the main menu on the start page offers Open Location, Preferences, Shortcuts and About, "
           "and hides Properties, Inspector and Server Information", f"offered: {offered}")
    press("Escape")

    # ---- the shortcuts window names Page Up and Page Down as keys, not
    # as GTK's key names (GTK's catalogue has no English for them)
    point_into(app.main)
    keycombo("<Control><Shift>question")
    shortcuts = app.window("Keyboard Shortcuts", 10)
    keys = labels_in(shortcuts, only_shown=False) if shortcuts is not None else []
    tap.ok("Page Up" in keys and "Page Down" in keys and not any("_" in k for k in keys),
           "the shortcuts window shows Ctrl+Page Up/Down as 'Page Up' and 'Page Down'", f"labels: {keys}")
    if shortcuts is not None:
        point_into(shortcuts)
        press("Escape")
        app.window_gone("Keyboard Shortcuts", 5)
finally:
    app.quit()

app = App(URL)
try:
    wait_for(lambda: SCRATCH in app.row_names() and FILE in app.row_names(), 20)
    point_into(app.main)

    # ---- Delete in the row menu: the chosen item only, ending in a toast
    label = app.row_label(SCRATCH)
    if label is not None:
        x, y = center(label)
        rawinput.click(x, y, button=3)
    delete = menu_item(app, "Delete")
    tap.ok(delete is not None and app.selected_names() == [SCRATCH],
           "right-click on a file: it is selected, and its menu offers Delete",
           f"selected: {app.selected_names()}")
    if delete is not None:
        activate(delete)
    confirm = app.window("Delete 1 Item?", timeout=10)
    text = "\n".join(labels_in(confirm)) if confirm is not None else ""
    tap.ok(confirm is not None and SCRATCH in text, "… which asks 'Delete 1 Item?' naming it",
           f"toplevels: {app.toplevel_names()}\n{text}")
    app.press_button("Delete", within=confirm)
    said = toast_said(app.main, f"“{SCRATCH}” deleted")
    tap.ok(said is not None and "Delete Report" not in app.toplevel_names(),
           "one item deleted ends in a toast, not a report window", f"toplevels: {app.toplevel_names()}")
    names = share_names()
    tap.ok(SCRATCH not in names and "README.txt" in names and FILE in names,
           "the server deleted that item and nothing else (PROPFIND)", sorted(names))

    # ---- Shift+F10 and the Menu key: the row menu of the selected row.
    # (Where it opens cannot be read here: a popover's accessible extents
    # are relative to its own surface; the screenshots show it under the row.)
    for key in ("<Shift>F10", "Menu"):
        app.select_only("README.txt")
        point_into(app.main)
        keycombo(key)
        offered = [n for n in ("Rename…", "Delete") if menu_item(app, n) is not None]
        tap.ok(offered == ["Rename…", "Delete"] and app.selected_names() == ["README.txt"],
               f"{key.replace('<Shift>', 'Shift+')} in the list opens the row menu (Rename…, Delete)",
               f"offered: {offered}, selected: {app.selected_names()}")
        press("Escape")
        time.sleep(0.5)

    # ---- New Folder: opens neutral, checks as it is typed
    point_into(app.main)
    keycombo("<Control><Shift>n")
    dialog = app.window("New Folder", timeout=10)
    create = app.button("Create", within=dialog, timeout=5) if dialog is not None else None
    texts = labels_in(dialog) if dialog is not None else []
    tap.ok(dialog is not None and create is not None and not sensitive(create)
           and not any(e in texts for e in ERRORS),
           "New Folder opens without an error, and 'Create' is off until there is a name", texts)
    press("Return")
    tap.ok(wait_for(lambda: find_in(dialog, "A name is needed.", "label") is not None, 5),
           "Enter on an empty name says 'A name is needed.'", dialog is not None and labels_in(dialog))
    type_text("a/b")
    tap.ok(wait_for(lambda: find_in(dialog, "A name cannot contain “/”.", "label") is not None, 5)
           and not sensitive(create),
           "typing 'a/b' says 'A name cannot contain “/”.'", dialog is not None and labels_in(dialog))
    keycombo("<Control>a")
    type_text("Documents")
    tap.ok(wait_for(lambda: find_in(dialog, "“Documents” already exists in this folder.", "label") is not None, 5)
           and not sensitive(create),
           "typing the name of a folder there says '“Documents” already exists in this folder.'",
           dialog is not None and labels_in(dialog))
    keycombo("<Control>a")
    type_text(NEW)
    free = wait_for(lambda: sensitive(create), 5)
    texts = labels_in(dialog) if dialog is not None else []
    tap.ok(free and not any(t.endswith("already exists in this folder.") or t in ERRORS for t in texts),
           "a free name turns 'Create' on and the error goes", texts)
    press("Return")
    made = toast_said(app.main, f"Folder “{NEW}” created")
    tap.ok(made is not None and "New Folder Report" not in app.toplevel_names() and NEW in share_names(),
           "the new folder ends in a toast, and the server has it", f"toplevels: {app.toplevel_names()}")
    tap.ok(wait_for(lambda: app.selected_names() == [NEW + FOLDER], 10),
           "the new folder is selected", f"selected: {app.selected_names()}")

    # ---- Rename: neutral, the name without its extension selected
    app.select_only(FILE)
    point_into(app.main)
    press("F2")
    dialog = app.window("Rename File", timeout=10)
    button = app.button("Rename", within=dialog, timeout=5) if dialog is not None else None
    entry = find_in(dialog, "Name", "text") if dialog is not None else None
    texts = labels_in(dialog) if dialog is not None else []
    tap.ok(dialog is not None and button is not None and not sensitive(button)
           and not any(e in texts for e in ERRORS),
           "F2 opens 'Rename File' without an error, 'Rename' off while the name is unchanged", texts)
    tap.ok(entry_selection(entry) == (0, len("Tom & Jerry")),
           "the name is selected without its extension ('Tom & Jerry' of 'Tom & Jerry.txt')",
           f"selection: {entry_selection(entry)}")
    type_text("Tom and Jerry")
    wait_for(lambda: sensitive(button), 5)
    press("Return")
    said = toast_said(app.main, f"Renamed “{FILE}” to “{RENAMED}”")
    tap.ok(said is not None and not [n for n in app.toplevel_names() if n.endswith("Report")],
           "the rename ends in a toast", f"toplevels: {app.toplevel_names()}")
    tap.ok(wait_for(lambda: app.selected_names() == [RENAMED], 10)
           and wait_for(lambda: RENAMED in details_texts(app), 10),
           "after the rename the new name is selected and the details pane shows it",
           f"selected: {app.selected_names()}\npane: {details_texts(app)[:6]}")
    names = share_names()
    tap.ok(RENAMED in names and FILE not in names, "the server has the new name (PROPFIND)", sorted(names))

    # ---- Undo renames it back on the server (at once: a toast lasts 5 s)
    app.select_only(RENAMED)
    point_into(app.main)
    press("F2")
    dialog = app.window("Rename File", timeout=10)
    type_text("Undone")
    press("Return")
    undo = undo_button(find_toast(app.main, f"Renamed “{RENAMED}” to “Undone.txt”"))
    if undo:
        activate(undo)
    back = wait_for(lambda: share_exists(RENAMED) and not share_exists("Undone.txt"), 15)
    tap.ok(undo and back, "the toast's Undo renames it back on the server (HEAD)",
           f"Undo button: {bool(undo)}, on the server: {sorted(share_names())}")
    tap.ok(toast_said(app.main, f"Renamed “Undone.txt” to “{RENAMED}”") is not None
           and wait_for(lambda: RENAMED in app.row_names() and "Undone.txt" not in app.row_names(), 10),
           "… said in a toast of its own, and the listing shows the old name again",
           f"rows: {app.row_names()}")

    # ---- a single change that fails: the whole report, with the reason
    app.select_only("Locked Folder" + FOLDER)
    point_into(app.main)
    press("plus")
    wait_for(lambda: "locked.txt" in app.row_names(), 15)
    app.select_only("locked.txt")
    confirm = app.press_delete()
    app.press_button("Delete", within=confirm)
    report = app.window("Delete Report", timeout=15)
    summary = wait_for(lambda: report_summary(report, "deleted"), 20) if report is not None else None
    texts = " ".join(labels_in(report, only_shown=False)) if report is not None else ""
    tap.ok(summary == "0 deleted, 1 failed" and "423" in texts,
           "one item that cannot be deleted (locked) opens the report with the server's 423",
           f"summary: {summary}\ntoplevels: {app.toplevel_names()}")
    app.close_window(report, "Delete Report")
    tap.ok(share_exists("Locked Folder/locked.txt"), "the locked file is still there")
finally:
    app.quit()

tap.done()
