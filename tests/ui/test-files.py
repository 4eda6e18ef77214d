#!/usr/bin/python3
"""File operations in the GUI against the real Apache share: create,
rename and delete a folder; upload a file through the file chooser and
download it back, byte for byte; copy and paste; the server information
window. A single change ends in a toast, several in a report. The app is started with umask 000: what it writes (downloads, a
folder download's folders, an exported report) is still 0644 / 0755.

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI, Apache or sabre/dav seeded
with demo); where sabre behaves otherwise, the check says so."""

import hashlib
import os
import re
import stat
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from davscope_ui import (FOLDER, App, Tap, activate, center, children, choose_in_file_chooser, find_in,  # noqa: E402
                         keycombo, labels_in, name_of, point_into, press, report_rows,
                         report_summary, sensitive, share_get, share_names, toast_said, type_text,
                         wait_for)
from dogtail import rawinput, tree  # noqa: E402

URL = os.environ["DAVSCOPE_TEST_URL"]
SERVER = os.environ.get("DAVSCOPE_TEST_SERVER", "apache")
# The compliance classes of OPTIONS' DAV header as Server Information shows
# them: Apache sends "1,2"; sabre/dav sends "1, 3, extended-mkcol, 2".
CLASSES = {"sabre": r"^1, 3, extended-mkcol, 2\b"}.get(SERVER, r"^1\s*,\s*2")
NEW = "Fresh Folder ü"
RENAMED = "Renamed Folder"
UPLOAD = "upload test – données.bin"

tap = Tap()


def desktop_windows(name):
    """Toplevels of other applications on the accessibility bus."""
    found = []
    try:
        for application in tree.root.applications():
            for window in children(application):
                if name_of(window) == name:
                    found.append(window)
    except Exception:
        pass
    return found


def mode_of(path):
    return oct(stat.S_IMODE(os.stat(path).st_mode)) if os.path.exists(path) else "missing"


# Started with umask 000 (as some shells and harnesses do): the app
# inherits it, and must not write files anyone can change.
old_umask = os.umask(0)
try:
    app = App(URL)
finally:
    os.umask(old_umask)
local = tempfile.mkdtemp(prefix="davscope-ui-files-")
try:
    wait_for(lambda: "README.txt" in app.row_names(), 20)
    point_into(app.main)

    # ---- right-click on a row: it becomes the selection, and a menu opens there
    readme = app.row_label("README.txt")
    if readme is not None:
        x, y = center(readme)
        rawinput.click(x, y, button=3)
    menu_item = app.find("Rename…", None, timeout=5)
    tap.ok(menu_item is not None and app.selected_names() == ["README.txt"],
           "right-click on README.txt selects it and opens a menu with 'Rename…'",
           f"selected: {app.selected_names()}")
    point_into(app.main)
    press("Escape")
    time.sleep(0.5)
    app.select_only("README.txt")

    # ---- a new folder, in the folder shown
    keycombo("<Control><Shift>n")
    dialog = app.window("New Folder", timeout=10)
    tap.ok(dialog is not None, "Ctrl+Shift+N asks for the name of a new folder",
           f"toplevels: {app.toplevel_names()}")
    create = app.button("Create", within=dialog, timeout=5) if dialog is not None else None
    tap.ok(create is not None and not sensitive(create), "'Create' waits for a name")
    type_text("a/b")
    tap.ok(wait_for(lambda: find_in(dialog, "A name cannot contain “/”.", "label") is not None, 5),
           "a name with '/' is refused, and the dialog says why",
           dialog is not None and labels_in(dialog))
    keycombo("<Control>a")
    type_text(NEW)
    wait_for(lambda: sensitive(create), 5)
    press("Return")
    appeared = wait_for(lambda: NEW + FOLDER in app.row_names(), 15)
    tap.ok(appeared, f"'{NEW}' appears in the listing", f"rows: {app.row_names()}")
    tap.ok(NEW in share_names(), "the server has the new folder (PROPFIND)", sorted(share_names()))

    # ---- rename it (F2)
    app.select_only(NEW + FOLDER)
    point_into(app.main)
    press("F2")
    dialog = app.window(lambda n: n.startswith("Rename"), timeout=10)
    tap.ok(dialog is not None, "F2 opens the rename dialog", f"toplevels: {app.toplevel_names()}")
    keycombo("<Control>a")
    type_text(RENAMED)
    press("Return")
    renamed = wait_for(lambda: RENAMED + FOLDER in app.row_names() and NEW + FOLDER not in app.row_names(), 15)
    tap.ok(renamed, f"the listing shows '{RENAMED}' instead", f"rows: {app.row_names()}")
    names = share_names()
    tap.ok(RENAMED in names and NEW not in names, "the server agrees (MOVE)", sorted(names))

    # ---- upload into it through the file chooser
    content = os.urandom(300 * 1024) + "é\n".encode()
    source = os.path.join(local, UPLOAD)
    with open(source, "wb") as f:
        f.write(content)
    app.select_only(RENAMED + FOLDER)
    point_into(app.main)
    keycombo("<Control>u")
    chosen = choose_in_file_chooser(app, "Upload Files", source, "Upload")
    tap.ok(chosen, "Ctrl+U opens a file chooser, and the file is chosen", f"toplevels: {app.toplevel_names()}")
    said = toast_said(app.main, f"“{UPLOAD}” uploaded")
    tap.ok(said is not None and "Upload Report" not in app.toplevel_names(),
           "one file uploaded ends in a toast, not a report window", f"toplevels: {app.toplevel_names()}")
    try:
        stored = share_get(RENAMED + "/" + UPLOAD)
    except Exception as e:
        stored = f"error: {e}".encode()
    tap.ok(stored == content, "the server has the file, byte for byte",
           f"{len(stored)} bytes stored, {len(content)} sent")

    # ---- one big file (over 4 MiB): its progress and Cancel in the report
    big = os.path.join(local, "big upload.bin")
    with open(big, "wb") as f:
        f.write(os.urandom(5 * 1024 * 1024))
    app.select_only("README.txt")
    point_into(app.main)
    keycombo("<Control>u")
    choose_in_file_chooser(app, "Upload Files", big, "Upload")
    report = app.window("Upload Report", timeout=15)
    done = wait_for(lambda: report_summary(report, "uploaded"), 30) if report is not None else None
    tap.ok(done == "1 uploaded" and "big upload.bin" in share_names(),
           "one big file (5 MiB) uploads in the report window, with its progress: '1 uploaded'",
           f"summary: {done}, toplevels: {app.toplevel_names()}")
    app.close_window(report, "Upload Report")

    # ---- drag and drop from another application: a file and a folder tree,
    # uploaded into the folder shown (folders made first, parents first)
    dropped = os.path.join(local, "dropped from the file manager.txt")
    with open(dropped, "w") as f:
        f.write("dropped\n")
    tree_root = os.path.join(local, "Dropped Folder")
    os.makedirs(os.path.join(tree_root, "sub", "deeper"))
    for rel, text in (("top.txt", "top\n"), ("sub/inner.txt", "inner\n"), ("sub/deeper/deep é.txt", "deep\n")):
        with open(os.path.join(tree_root, rel), "w") as f:
            f.write(text)
    source = subprocess.Popen(["/usr/bin/python3", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                              "drag-source.py"), dropped, tree_root])
    try:
        # Without a window manager the source's small window sits at the top
        # left, over the main window: drag from it onto the listing.
        drag_from = wait_for(lambda: next((w for w in desktop_windows("Drag Source")), None), 15)
        if drag_from is not None:
            time.sleep(1)
            rawinput.press(90, 40)
            for x, y in ((120, 60), (200, 150), (400, 300), (500, 400), (520, 420)):
                rawinput.absoluteMotion(x, y)
                time.sleep(0.2)
            time.sleep(0.5)
            rawinput.release(520, 420)
        report = app.window("Upload Report", timeout=15)
        done = wait_for(lambda: report_summary(report, "uploaded"), 20) if report is not None else None
        tap.ok(drag_from is not None and done == "7 uploaded",
               "a file and a folder dragged from another application onto the listing are uploaded: "
               "'7 uploaded' (3 folders, 4 files)",
               f"source window: {drag_from is not None}, toplevels: {app.toplevel_names()}, summary: {done}\n"
               f"{report_rows(report)}")
        try:
            stored = [share_get(p) for p in ("dropped from the file manager.txt", "Dropped Folder/top.txt",
                                              "Dropped Folder/sub/inner.txt", "Dropped Folder/sub/deeper/deep é.txt")]
        except Exception as e:
            stored = [f"error: {e}".encode()]
        tap.ok(stored == [b"dropped\n", b"top\n", b"inner\n", b"deep\n"],
               "the dropped file and the folder's whole tree are on the server, into the folder shown", stored)
        app.close_window(report, "Upload Report")
    finally:
        source.terminate()
        source.wait()

    # ---- download it back (Ctrl+S), into another local folder
    # A click focuses the row's expander, "plus" expands it.
    point_into(app.main)
    app.select_only(RENAMED + FOLDER)
    press("plus")
    listed = wait_for(lambda: UPLOAD in app.row_names(), 15)
    tap.ok(listed, "expanding the folder lists the uploaded file", f"rows: {app.row_names()}")
    target = os.path.join(local, "downloads")
    os.mkdir(target)
    app.select_only(UPLOAD)
    point_into(app.main)
    keycombo("<Control>s")
    chosen = choose_in_file_chooser(app, "Download 1 Item To", target + "/", "Download Here")
    tap.ok(chosen, "Ctrl+S asks for a local folder", f"toplevels: {app.toplevel_names()}")
    said = toast_said(app.main, f"“{UPLOAD}” downloaded")
    tap.ok(said is not None and "Download Report" not in app.toplevel_names(),
           "one file downloaded ends in a toast", f"toplevels: {app.toplevel_names()}")
    saved = os.path.join(target, UPLOAD)
    got = open(saved, "rb").read() if os.path.exists(saved) else b""
    tap.ok(hashlib.sha256(got).digest() == hashlib.sha256(content).digest(),
           "the downloaded file is the uploaded one, byte for byte",
           f"{os.listdir(target)}: {len(got)} bytes")
    tap.ok(not [n for n in os.listdir(target) if n.endswith(".part")], "no temporary file is left behind",
           os.listdir(target))
    tap.ok(mode_of(saved) == "0o644", "the app runs under umask 000, and the download is 0644, "
           "not writable by others", f"mode: {mode_of(saved)}")

    # ---- downloading again: the local file is in the way, and is kept
    app.select_only(UPLOAD)
    point_into(app.main)
    keycombo("<Control>s")
    choose_in_file_chooser(app, "Download 1 Item To", target + "/", "Download Here")
    ask = app.window("Replace 1 Existing Item?", timeout=10)
    tap.ok(ask is not None, "a second download asks 'Replace 1 Existing Item?'",
           f"toplevels: {app.toplevel_names()}")
    app.press_button("Cancel", within=ask)
    time.sleep(1)
    tap.ok(open(saved, "rb").read() == content and "Download Report" not in app.toplevel_names(),
           "Cancel leaves the local file as it was and downloads nothing")

    # ---- copy README.txt and paste it into the folder
    app.select_only("README.txt")
    point_into(app.main)
    keycombo("<Control>c")
    app.select_only(RENAMED + FOLDER)
    point_into(app.main)
    keycombo("<Control>v")
    said = toast_said(app.main, f"“README.txt” copied to “{RENAMED}”")
    tap.ok(said is not None and "Copy Report" not in app.toplevel_names(),
           "Ctrl+C then Ctrl+V on the folder copies README.txt into it, said in a toast",
           f"toplevels: {app.toplevel_names()}")
    tap.ok("README.txt" in share_names(RENAMED + "/") and "README.txt" in share_names(),
           "the server has both README.txt files", sorted(share_names(RENAMED + "/")))

    # ---- download the whole folder (its file, the README copy, nothing else)
    trees = os.path.join(local, "trees")
    os.mkdir(trees)
    app.select_only(RENAMED + FOLDER)
    point_into(app.main)
    keycombo("<Control>s")
    chosen = choose_in_file_chooser(app, "Download 1 Item To", trees + "/", "Download Here")
    report = app.window("Download Report", timeout=15)
    done = wait_for(lambda: report_summary(report, "downloaded"), 20) if report is not None else None
    got = {}
    for root, dirs, files in os.walk(trees):
        for f in files:
            got[os.path.relpath(os.path.join(root, f), trees)] = open(os.path.join(root, f), "rb").read()
    tap.ok(chosen and done == "2 downloaded" and got.get(os.path.join(RENAMED, UPLOAD)) == content
           and got.get(os.path.join(RENAMED, "README.txt")) == share_get("README.txt") and len(got) == 2,
           "a folder downloads with everything in it, into a local folder of its name, byte for byte",
           f"summary: {done}\nfiles: {sorted(got)}")
    app.close_window(report, "Download Report")

    # ... and a folder tree, listed a level at a time
    app.select_only("Dropped Folder" + FOLDER)
    point_into(app.main)
    keycombo("<Control>s")
    choose_in_file_chooser(app, "Download 1 Item To", trees + "/", "Download Here")
    report = app.window("Download Report", timeout=15)
    done = wait_for(lambda: report_summary(report, "downloaded"), 20) if report is not None else None
    deep = os.path.join(trees, "Dropped Folder", "sub", "deeper", "deep é.txt")
    tap.ok(done == "3 downloaded" and os.path.exists(deep) and open(deep, "rb").read() == b"deep\n",
           "a folder tree downloads with its subfolders ('3 downloaded', sub/deeper/deep é.txt in place)",
           f"summary: {done}\n{sorted(os.path.relpath(os.path.join(r, f), trees) for r, d, fs in os.walk(trees) for f in fs)}")
    made = [os.path.join(trees, "Dropped Folder"), os.path.dirname(os.path.dirname(deep)), os.path.dirname(deep)]
    modes = [mode_of(d) for d in made] + [mode_of(deep)]
    tap.ok(modes == ["0o755", "0o755", "0o755", "0o644"],
           "under umask 000, the folders a folder download makes are 0755 and its files 0644",
           f"Dropped Folder, sub, deeper, deep é.txt: {modes}")

    # ---- that report exported: written 0644 too
    exported = os.path.join(local, "report.json")
    app.press_button("Export…", within=report)
    chosen = choose_in_file_chooser(app, "Export Report", exported, "Export")
    wait_for(lambda: os.path.exists(exported) and mode_of(exported) == "0o644", 10)
    tap.ok(chosen and mode_of(exported) == "0o644",
           "under umask 000, the exported report is 0644, not writable by others",
           f"chooser answered: {chosen}\nmode: {mode_of(exported)}\nlocal: {os.listdir(local)}")
    # The chooser gone, the report has the keyboard again after a moment.
    time.sleep(1)
    for attempt in (1, 2):
        if "Download Report" in app.toplevel_names():
            app.close_window(report, "Download Report")

    # ---- delete the folder
    app.select_only(RENAMED + FOLDER)
    confirm = app.press_delete()
    app.press_button("Delete", within=confirm)
    said = toast_said(app.main, f"“{RENAMED}” deleted")
    tap.ok(said is not None and "Delete Report" not in app.toplevel_names(),
           "deleting the folder ends in a toast", f"toplevels: {app.toplevel_names()}")
    gone = wait_for(lambda: RENAMED + FOLDER not in app.row_names(), 15)
    tap.ok(gone and RENAMED not in share_names(), "the folder is gone from the listing and the server",
           f"rows: {app.row_names()}")

    # ---- server information (Ctrl+I)
    point_into(app.main)
    keycombo("<Control>i")
    info = app.window("Server Information", timeout=10)
    texts = wait_for(lambda: "Compliance classes" in labels_in(info) and labels_in(info), 15) if info else None
    tap.ok(info is not None and texts and any(re.match(CLASSES, t) for t in texts),
           "Server Information shows the compliance classes (1, 2, …) from OPTIONS"
           + (" (sabre: 1, 3, extended-mkcol, 2)" if SERVER == "sabre" else ""),
           texts or (info is not None and labels_in(info)))
    tap.ok(texts and "Allowed methods" in texts and any("PROPFIND" in t for t in texts),
           "… and the allowed methods, PROPFIND among them", texts)
    app.close_window(info, "Server Information")
finally:
    app.quit()
    for root, dirs, files in os.walk(local, topdown=False):
        for f in files:
            os.remove(os.path.join(root, f))
        for d in dirs:
            os.rmdir(os.path.join(root, d))
    os.rmdir(local)

tap.done()
