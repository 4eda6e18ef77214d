#!/usr/bin/python3
"""Open and edit in place against the real Apache share: Enter on a file
opens it in the default application (here a test .desktop file whose
program records the path it was given), from a cache of its own. This
test, another process, then saves the cached file the way editors do (a
new file renamed over it): the same bytes send nothing, changed bytes go
up with If-Match (Apache's conditions_log says what each request
carried); the toast says "Saved" after the server's answer. Then the file
is changed on the server meanwhile (a PUT past Davscope) and saved again:
the conflict question comes, "Show Exchange" shows the answer that
showed the other version (the PROPFIND before the PUT), and each
answer (overwrite, discard mine, keep both) leaves exactly what it says
on the server and in the cache.

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI, Apache seeded with demo)."""

import os
import re
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from davscope_ui import (App, Tap, activate, find_in, name_of, walk, find_toast, close_toast, labels_in,  # noqa: E402
                         point_into, press, share_get, share_names, share_request, wait_for)

URL = os.environ["DAVSCOPE_TEST_URL"]
NAME = "edit-me.txt"
PATH = "/dav/" + NAME
CONFLICTS_LOG = os.path.join(os.environ["DAVSCOPE_TEST_SERVER_ROOT"], "logs", "conditions_log")
QUESTION = f"“{NAME}” Was Changed on the Server"

tap = Tap()


def make_default_application():
    """A text/plain handler that appends the path it gets to a file."""
    work = os.environ.get("DAVSCOPE_UI_WORK") or tempfile.mkdtemp()
    record = os.path.join(work, "opened-paths")
    script = os.path.join(work, "record-open")
    with open(script, "w") as f:
        f.write(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{record}"\n')
    os.chmod(script, 0o755)
    apps = os.path.join(os.environ["XDG_DATA_HOME"], "applications")
    os.makedirs(apps, exist_ok=True)
    with open(os.path.join(apps, "davscope-test-editor.desktop"), "w") as f:
        f.write("[Desktop Entry]\nType=Application\nName=Test Editor\n"
                f"Exec={script} %f\nMimeType=text/plain;\nNoDisplay=true\n")
    config = os.environ["XDG_CONFIG_HOME"]
    os.makedirs(config, exist_ok=True)
    with open(os.path.join(config, "mimeapps.list"), "w") as f:
        f.write("[Default Applications]\ntext/plain=davscope-test-editor.desktop\n")
    return record


def opened_paths(record):
    try:
        with open(record) as f:
            return [line.strip() for line in f if line.strip()]
    except FileNotFoundError:
        return []


def save_as_editor(path, text):
    """As an editor saves: a new file beside it, renamed over it."""
    temp = path + ".goutputstream-test"
    with open(temp, "w") as f:
        f.write(text)
    os.rename(temp, path)


def read(path):
    with open(path) as f:
        return f.read()


def log_lines():
    try:
        with open(CONFLICTS_LOG, errors="replace") as f:
            return [line.strip() for line in f]
    except FileNotFoundError:
        return []


def puts_since(start, path=PATH):
    return [line for line in log_lines()[start:] if line.startswith(f"PUT {path} ")]


def header_of(line, name):
    """A header's value in a conditions_log line (Apache writes " as \\")."""
    match = re.search(name + r"=(\S+|-)", line)
    return match.group(1).replace('\\"', '"') if match else None


def head_etag():
    request = urllib.request.Request(URL + NAME, method="HEAD")
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("ETag")


def put_on_server(text):
    """Someone else's save, past Davscope; the ETag it got, once Apache no
    longer marks it weak (a second after the write)."""
    share_request("PUT", NAME, text.encode())
    time.sleep(1.2)
    return head_etag()


def answer_question(app, response):
    question = app.window(QUESTION, timeout=20)
    if question is None:
        return False
    button = app.press_button(response, within=question)
    # Nothing is asked while the question goes: GTK 4.8's AT-SPI can crash
    # davscope when the toplevels are listed as one is being destroyed.
    time.sleep(1.5)
    app.window_gone(QUESTION, 10)
    return button is not None


record = make_default_application()
share_request("PUT", NAME, b"first version\n")

app = App(URL)
try:
    wait_for(lambda: NAME in app.row_names(), 20)
    app.select_only(NAME)
    point_into(app.main)
    press("Return")
    opened = wait_for(lambda: opened_paths(record), 20) or []
    cached = opened[0] if opened else ""
    cache_root = os.path.join(os.environ["XDG_CACHE_HOME"], "davscope", "open")
    tap.ok(len(opened) == 1 and cached.startswith(cache_root + "/") and cached.endswith("/" + NAME),
           "Enter on the file opens it in the default application, from $XDG_CACHE_HOME/davscope/open/…/"
           + NAME, opened)
    tap.ok(cached and read(cached) == "first version\n", "the application gets the server's bytes",
           cached and repr(read(cached)))
    if not cached:
        tap.bail_out("the file was not opened; the rest needs it")

    # Saved without a change: nothing is sent.
    start = len(log_lines())
    save_as_editor(cached, "first version\n")
    time.sleep(2.5)
    tap.ok(puts_since(start) == [], "a save with the same bytes sends no PUT", log_lines()[start:])

    # Saved with a change: a PUT on the ETag it was downloaded with.
    etag = head_etag()
    start = len(log_lines())
    save_as_editor(cached, "second version\n")
    stored = wait_for(lambda: share_get(NAME) == b"second version\n", 15)
    puts = puts_since(start)
    tap.ok(stored, "the change reaches the server", share_get(NAME))
    tap.ok(len(puts) == 1 and header_of(puts[0], "if-match") == etag,
           f"it went as one PUT with If-Match: {etag}", puts)
    toast = find_toast(app.main, f"Saved “{NAME}” to the server", 10)
    tap.ok(toast is not None, "a toast says it was saved, after the server's answer")
    close_toast(toast)

    # Saved again at once: Apache marks the new ETag weak for a second,
    # and If-Match never matches a weak one (RFC 9110 §13.1.1); the
    # upload waits for the strong form of the same ETag.
    start = len(log_lines())
    save_as_editor(cached, "third version\n")
    stored = wait_for(lambda: share_get(NAME) == b"third version\n", 15)
    puts = puts_since(start)
    etag = head_etag()
    tap.ok(stored and len(puts) == 1 and puts[0].split()[2] in ("200", "201", "204")
           and not header_of(puts[0], "if-match").startswith("W/"),
           "a second save right after the first goes up on the strong ETag of the version it made", puts)

    # ---- overwrite: ours replaces theirs, on the ETag theirs has
    time.sleep(1.5)
    theirs = put_on_server("theirs 1\n")
    start = len(log_lines())
    save_as_editor(cached, "mine 1\n")
    question = app.window(QUESTION, timeout=20)
    tap.ok(question is not None, "a change on the server meanwhile: the save asks the conflict question",
           app.toplevel_names())
    answers = [t for t in labels_in(question)] if question is not None else []
    tap.ok(all(a in " ".join(answers) for a in ("Keep Both", "Overwrite", "Discard Mine")),
           "it offers Keep Both, Overwrite and Discard Mine", answers)
    if os.environ.get("DAVSCOPE_OPEN_SHOT"):
        time.sleep(1.0)
        app.screenshot(os.environ["DAVSCOPE_OPEN_SHOT"])
    if question is not None:
        app.press_button("Show Exchange", within=question)
    inspector = app.window("Inspector", timeout=10)

    # Apache's other version is seen by the PROPFIND before the PUT (a
    # 207 with another ETag); a PUT that raced it would get the 412.
    def shown_exchange():
        texts = labels_in(inspector)
        title = next((t for t in texts if t.startswith(("PROPFIND /dav/" + NAME, "PUT /dav/" + NAME))), None)
        status = next((t for t in texts if t.startswith(("207 Multi-Status ·", "412 Precondition Failed ·"))),
                      None)
        return title and status and (title, status)
    shown = wait_for(shown_exchange, 10) if inspector is not None else None
    tap.ok(shown is not None, "its Show Exchange opens the inspector on the answer that showed their version",
           inspector is not None and labels_in(inspector))
    # Its close button: Escape might reach the question, which it closes
    # without an answer.
    close = find_in(inspector, "Close", "push button") if inspector is not None else None
    if close is not None:
        activate(close)
        time.sleep(1.5)
        app.window_gone("Inspector", 10)
    tap.ok(answer_question(app, "Overwrite"), "Overwrite answers it", app.toplevel_names())
    stored = wait_for(lambda: share_get(NAME) == b"mine 1\n", 15)
    puts = puts_since(start)
    tap.ok(stored and read(cached) == "mine 1\n", "overwrite: ours is on the server, and in the cache",
           (share_get(NAME), read(cached)))
    tap.ok(len(puts) == 1 and header_of(puts[0], "if-match") == theirs,
           f"nothing was sent before the answer; the overwrite went with If-Match of their version ({theirs})",
           puts)

    # ---- discard mine: theirs replaces ours in the cache; nothing is sent
    time.sleep(1.5)
    put_on_server("theirs 2\n")
    start = len(log_lines())
    save_as_editor(cached, "mine 2\n")
    tap.ok(answer_question(app, "Discard Mine"), "the next conflict: Discard Mine answers it")
    toast = find_toast(app.main, f"“{NAME}” now has the server’s version", 15)
    tap.ok(toast is not None, "a toast says the file now has the server's version")
    close_toast(toast)
    replaced = wait_for(lambda: read(cached) == "theirs 2\n", 15)
    time.sleep(2.5)
    puts = puts_since(start)
    tap.ok(replaced and share_get(NAME) == b"theirs 2\n",
           "discard mine: the cache has the server's version, the server kept it", (read(cached), share_get(NAME)))
    tap.ok(puts == [], "nothing was sent", puts)

    # Still watched after the discard, on the version fetched.
    etag = head_etag()
    start = len(log_lines())
    save_as_editor(cached, "theirs 2, then mine\n")
    stored = wait_for(lambda: share_get(NAME) == b"theirs 2, then mine\n", 15)
    puts = puts_since(start)
    tap.ok(stored and len(puts) == 1 and header_of(puts[0], "if-match") == etag,
           "after a discard the file is still watched, and goes up on the fetched version's ETag", puts)
    # A toast waits while the pointer is on it: the next one would wait too.
    close_toast(find_toast(app.main, f"Saved “{NAME}” to the server", 10))

    # ---- keep both: theirs stays, ours beside it
    time.sleep(1.5)
    put_on_server("theirs 3\n")
    start = len(log_lines())
    save_as_editor(cached, "mine 3\n")
    tap.ok(answer_question(app, "Keep Both"), "the next conflict: Keep Both answers it")
    # Looked for in the whole window: find_toast looks near its top only.
    toast = wait_for(lambda: next((t for t in walk(app.main) if name_of(t) == "AdwToastWidget"
                                   and any(x.startswith("Your version was saved as “edit-me (conflict ")
                                           for x in labels_in(t, only_shown=False))), None), 15)
    tap.ok(toast is not None, "a toast names the copy")
    close_toast(toast)

    def copy_name():
        return next((n for n in share_names() if n.startswith("edit-me (conflict ") and n.endswith(").txt")), None)
    copy = wait_for(copy_name, 15)
    tap.ok(copy is not None and re.match(r"^edit-me \(conflict \d{4}-\d\d-\d\d \d\d\.\d\d\)\.txt$", copy),
           "keep both: a copy 'edit-me (conflict YYYY-MM-DD HH.MM).txt' appears", sorted(share_names()))
    tap.ok(copy is not None and share_get(copy) == b"mine 3\n" and share_get(NAME) == b"theirs 3\n"
           and read(cached) == "mine 3\n",
           "the copy holds ours, the file keeps theirs, the cache keeps ours",
           (copy and share_get(copy), share_get(NAME), read(cached)))
    copy_puts = [line for line in log_lines()[start:] if line.startswith("PUT ") and "conflict" in line]
    tap.ok(len(copy_puts) == 1 and header_of(copy_puts[0], "if-none-match") == "*",
           "the copy was sent with If-None-Match: *", copy_puts)
    listed = wait_for(lambda: copy is not None and copy in app.row_names(), 15)
    tap.ok(listed, "the folder shown lists the copy", app.row_names())
finally:
    app.quit()

tap.done()
