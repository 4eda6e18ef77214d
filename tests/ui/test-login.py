#!/usr/bin/python3
"""Logging in to the Basic share: the dialog names the host, a wrong
password brings it back saying so, the right one lists the share, Cancel
ends on an error page that says 401.

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI, Apache seeded with demo)."""

import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from davscope_ui import (App, Tap, activate, focused, labels_in, name_of, point_into,  # noqa: E402
                         press, sensitive, type_text, wait_for)

URL = os.environ["DAVSCOPE_TEST_BASIC_URL"]
USER = os.environ["DAVSCOPE_TEST_USER"]
PASSWORD = os.environ["DAVSCOPE_TEST_PASSWORD"]
HOST = urllib.parse.urlsplit(URL).netloc          # 127.0.0.1:PORT
MARKER = "only behind the login.txt"

tap = Tap()

# The Basic share is not seeded: one file to recognise the listing by.
with open(os.path.join(os.environ["DAVSCOPE_TEST_BASIC_ROOT"], MARKER), "w") as f:
    f.write("listed only after a login\n")


def login_dialog(app, timeout=15):
    return app.window(lambda n: n.startswith("Log in to "), timeout)


def body(dialog):
    return "\n".join(labels_in(dialog)) if dialog is not None else ""


app = App(URL)
try:
    dialog = login_dialog(app)
    tap.ok(dialog is not None and name_of(dialog) == f"Log in to {HOST}",
           "a login dialog appears, naming the host and port",
           f"toplevels: {app.toplevel_names()}")
    user = app.find("User name", "text", within=dialog, timeout=5) if dialog else None
    password = app.find("Password", "password text", within=dialog, timeout=5) if dialog else None
    log_in = app.button("Log In", within=dialog, timeout=5) if dialog else None
    tap.ok(user is not None and password is not None and log_in is not None
           and app.button("Cancel", within=dialog, timeout=1) is not None
           and app.find("Remember password", "check box", within=dialog, timeout=1) is not None,
           "it has 'User name', 'Password', 'Remember password', 'Cancel' and 'Log In'",
           f"labels: {labels_in(dialog)}")
    tap.ok(user is not None and focused(user) and log_in is not None and not sensitive(log_in),
           "the focus is in 'User name'; 'Log In' waits for a user name")
    tap.ok("Davscope Test" in body(dialog), "the dialog names the realm", body(dialog))

    # A wrong password: typed, then Enter.
    if dialog is not None:
        point_into(dialog)
        type_text(USER)
        press("Tab")
        type_text("not-" + PASSWORD)
        press("Return")

    def refused():
        d = login_dialog(app, 0.1)
        return d if d is not None and "did not accept" in body(d) else None

    again = wait_for(refused, 15)
    tap.ok(again is not None, "after a wrong password the dialog comes back saying it was not accepted",
           f"toplevels: {app.toplevel_names()}\n{body(login_dialog(app, 1))}")
    password = app.find("Password", "password text", within=again, timeout=5) if again else None
    tap.ok(password is not None and focused(password),
           "the focus goes to 'Password' (the user name is known)")

    # The right password, with the "Log In" button.
    if again is not None:
        point_into(again)
        type_text(PASSWORD)
        log_in = app.button("Log In", within=again, timeout=5)
        if log_in is not None:
            activate(log_in)
    names = wait_for(lambda: MARKER in app.row_names() and app.row_names(), 20) or app.row_names()
    tap.ok(MARKER in names, "the right password lists the share", f"listed: {names}")
    tap.ok(login_dialog(app, 0.1) is None and app.error_page() is None,
           "no dialog and no error page remain",
           f"toplevels: {app.toplevel_names()}, error: {app.error_page()}")
finally:
    app.quit()

# Cancel: the listing fails with the server's 401, explained.
app = App(URL)
try:
    dialog = login_dialog(app)
    cancel = app.button("Cancel", within=dialog, timeout=5) if dialog is not None else None
    tap.ok(cancel is not None, "the login dialog appears again in a new run (nothing remembered)")
    if cancel is not None:
        activate(cancel)
    reason = wait_for(app.error_page, 15)
    tap.ok(reason is not None and login_dialog(app, 0.1) is None,
           "Cancel ends on 'This folder could not be listed'",
           f"labels: {labels_in(app.main)}")
    tap.ok(reason is not None and "401" in reason and "log in" in reason.lower(),
           "the explanation gives the 401 and says a login is needed", f"reason: {reason!r}")
    tap.ok(MARKER not in app.row_names(), "nothing is listed", app.row_names())
finally:
    app.quit()

tap.done()
