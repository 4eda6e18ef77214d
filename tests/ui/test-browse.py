#!/usr/bin/python3
"""Browsing the demo share: the listing, expanding a folder, the details
pane, Reload, the start page, an unreachable server, Ctrl+L.

Runs inside tests/ui/run-ui-test (Xvfb, AT-SPI, Apache or sabre/dav seeded
with demo); where sabre behaves otherwise, the check says so."""

import os
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from davscope_ui import (FOLDER, App, Tap, activate, click, doubled_names,  # noqa: E402
                         extents, find_all_in, find_in, focused, keycombo, labels_in, name_of,
                         point_into, press, role_of, share_properties_200, type_text,
                         wait_for)

URL = os.environ["DAVSCOPE_TEST_URL"]
SERVER = os.environ.get("DAVSCOPE_TEST_SERVER", "apache")
DEMO_NS = "http://example.com/ns/davscope-demo"

ROOT_NAMES = ["README.txt", "Grüße.txt", "日本語.md", "Tom & Jerry.txt", "Properties Demo.txt",
              "Documents" + FOLDER, "Locked Folder" + FOLDER, "Many Files" + FOLDER,
              "Photos" + FOLDER, "Projects" + FOLDER]
DOCUMENTS_CHILDREN = ["Reports" + FOLDER, "Letters" + FOLDER, "Empty Folder" + FOLDER]

tap = Tap()


def missing(names, wanted):
    return [n for n in wanted if n not in names]


def wait_rows(app, wanted, timeout=20):
    """The row names once all of wanted are listed (else the last seen)."""
    last = []

    def check():
        nonlocal last
        last = app.row_names()
        return not missing(last, wanted)

    wait_for(check, timeout)
    return last


def server_dead_properties(path, named=False):
    """{(namespace, name): text} of an allprop PROPFIND (named: of one
    that asks for author by name), to say what the server really holds."""
    what = f'<D:prop><x:author xmlns:x="{DEMO_NS}"/></D:prop>' if named else "<D:allprop/>"
    props = share_properties_200(path, what)
    if "error" in props:
        return props
    return {tag: "".join(element.itertext()).strip() for tag, element in props.items()
            if tag.startswith("{" + DEMO_NS + "}")}


HINT = "Select one item to see its properties, each with the status the server gave it."


def pane_follows(app):
    """None while the details pane shows what is selected (the item's name
    for one, the hint otherwise), else what the two say."""
    selected = app.selected_names()
    shown = labels_in(app.details()) if app.details() is not None else []
    if len(selected) == 1:
        agrees = shown[:1] == [selected[0].removesuffix(FOLDER)] and HINT not in shown
    else:
        agrees = shown == [HINT]
    return None if agrees else f"selected: {selected}\npane: {shown[:3]}"


def live_row(app, name):
    """The accessible name of the details pane's row of the live property
    name ("name (DAV:): value in words, status 200"), or None."""
    live = find_in(app.details(), "Properties the server keeps", "list")
    rows = [name_of(n) for n in find_all_in(live, role="panel")] if live else []
    return next((r for r in rows if r.startswith(f"{name} (DAV:): ")), None)


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ------------------------------------------------------------ the listing

app = App(URL)
try:
    names = wait_rows(app, ROOT_NAMES)
    tap.ok(not missing(names, ROOT_NAMES), "the listing shows the seeded names (awkward ones too)",
           f"missing: {missing(names, ROOT_NAMES)}\nlisted: {names}")
    tap.ok(names[:5] == sorted(names[:5]) and all(n.endswith(FOLDER) for n in names[:5])
           and not any(n.endswith(FOLDER) for n in names[5:]),
           "folders come first, and each folder row says it is a folder", f"listed: {names}")
    tap.ok(app.error_page() is None, "no error page for a good listing", app.error_page())

    # Expanding "Documents" with the keyboard: a click selects the row and
    # puts the focus on its expander, "plus" expands it.
    label = app.row_label("Documents" + FOLDER)
    expander = label.parent.parent if label is not None else None
    if label is not None:
        click(label)
        press("plus")
    names = wait_rows(app, DOCUMENTS_CHILDREN)
    tap.ok(not missing(names, DOCUMENTS_CHILDREN),
           "plus on the focused 'Documents' row lists its children",
           f"missing: {missing(names, DOCUMENTS_CHILDREN)}\nlisted: {names}")
    if not missing(names, DOCUMENTS_CHILDREN):
        # The rows' places on screen come through AT-SPI a moment after the
        # rows themselves (recycled row widgets keep their old extents for a
        # frame or two): wait for the order, as a person would look again.
        def right_under():
            now = app.row_names()
            if "Documents" + FOLDER not in now:
                return None
            start = now.index("Documents" + FOLDER)
            return now if set(now[start + 1:start + 4]) == set(DOCUMENTS_CHILDREN) else None
        under = wait_for(right_under, 10)
        tap.ok(under is not None, "the children are listed right under 'Documents'",
               f"listed: {app.row_names()}")
    else:
        tap.ok(False, "the children are listed right under 'Documents'", f"listed: {names}")
    tap.ok(expander is not None and "expanded" in [s.value_nick for s in expander.getState().get_states()],
           "the 'Documents' expander says it is expanded",
           expander and [s.value_nick for s in expander.getState().get_states()])

    # The details pane of "Properties Demo.txt".
    label = app.row_label("Properties Demo.txt")
    if label is not None:
        click(label)
    details = app.details()
    title = wait_for(lambda: "Properties Demo.txt" in labels_in(app.details()), 10)
    tap.ok(title, "selecting 'Properties Demo.txt' shows it in the details pane",
           details and labels_in(details))

    live = wait_for(lambda: find_in(app.details(), "Properties the server keeps", "list"), 5)
    live_rows = [name_of(n) for n in find_all_in(live, role="panel")] if live else []
    length = [r for r in live_rows if r.startswith("getcontentlength (DAV:): ")]
    # sabre/dav keeps no getcontenttype: the listing asked for it and got
    # a 404, which the pane shows beside the rest.
    content_type = ("getcontenttype (DAV:): , status 404" if SERVER == "sabre"
                    else "getcontenttype (DAV:): Plain text document, status 200")
    tap.ok(length and length[0].endswith(", status 200") and content_type in live_rows,
           "live properties are under 'Properties the server keeps', each with its status"
           + (" (sabre: getcontenttype 404)" if SERVER == "sabre" else ""),
           f"rows: {live_rows}\nwanted: {content_type}")

    badge = find_in(app.details(), lambda n: n.startswith("404 Not Found — "), "push button")
    tap.ok(badge is not None and len(name_of(badge)) > len("404 Not Found — ") + 10,
           "a property the server lacks has a 404 badge that explains itself",
           f"badges: {[name_of(b) for b in find_all_in(app.details(), role='push button')]}")

    # Its popover offers the exchange the 404 came from: the listing.
    offered, shown = app.badge_exchange(badge, app.details(), "PROPFIND")
    tap.ok(badge is not None and offered,
           "the details pane's 404 badge opens a popover that offers 'Show Exchange'")
    tap.ok(shown is not None, "'Show Exchange' opens the inspector on the listing's PROPFIND", f"shown: {shown}")

    want = f"author ({DEMO_NS}): Alice Liddell, status 200"

    def dead_rows():
        dead = find_in(app.details(), "Properties set by people", "list")
        return [name_of(n) for n in find_all_in(dead, role="panel")] if dead else []

    if SERVER == "sabre":
        # sabre/dav leaves dead properties out of allprop (and propname),
        # though it has them: only a PROPFIND that names author gets it. The
        # pane, which learns dead properties from allprop, can show none;
        # what it shows must be what the server's allprop holds.
        time.sleep(2)   # the pane's allprop reading
        dead_rows = dead_rows()
        allprop = server_dead_properties("Properties Demo.txt")
        named = server_dead_properties("Properties Demo.txt", named=True)
        tap.ok(not dead_rows and allprop == {} and named.get(f"{{{DEMO_NS}}}author") == "Alice Liddell",
               "sabre: allprop leaves out the dead property author (a named PROPFIND has it), "
               "and 'Properties set by people' lists nothing the server did not send",
               f"dead rows: {dead_rows}\nlive rows: {live_rows}\n"
               f"the server holds (allprop): {allprop}\n(asked by name): {named}")
    else:
        wait_for(lambda: want in dead_rows(), 10)
        dead_rows = dead_rows()
        tap.ok(want in dead_rows,
               "the dead property author = 'Alice Liddell' (status 200) is under 'Properties set by people'",
               f"wanted: {want}\ndead rows: {dead_rows}\nlive rows: {live_rows}\n"
               f"the server holds (allprop): {server_dead_properties('Properties Demo.txt')}")

    # Reload: the details pane of the selected item shows what the server
    # says now (here its new length), not the reading from before.
    app.select_only("Tom & Jerry.txt")
    before = wait_for(lambda: live_row(app, "getcontentlength"), 10)

    # The pane was scrolled down to the 404 badge: another item starts at
    # the top, its name in view.
    def in_view(node, area):
        box, room = extents(node), extents(area)
        return box is not None and room is not None and room[1] <= box[1] and box[1] + box[3] <= room[1] + room[3]

    title = find_in(app.details(), "Tom & Jerry.txt", "label")
    tap.ok(title is not None and wait_for(lambda: in_view(title, app.details()), 3),
           "selecting another item shows the details pane from its top, the name in view",
           f"name at: {title is not None and extents(title)}, pane at: {extents(app.details())}")
    with open(os.path.join(os.environ["DAVSCOPE_TEST_ROOT"], "Tom & Jerry.txt"), "a") as f:
        f.write("x" * 1000 + "\n")
    length = os.path.getsize(os.path.join(os.environ["DAVSCOPE_TEST_ROOT"], "Tom & Jerry.txt"))
    point_into(app.main)
    press("F5")
    after = wait_for(lambda: (lambda r: r if r and r.endswith(f"({length} bytes), status 200") else None)(
        live_row(app, "getcontentlength")), 10)
    tap.ok(before is not None and after is not None and app.selected_names() == ["Tom & Jerry.txt"],
           "F5 with 'Tom & Jerry.txt' selected: the details pane shows its new length at once",
           f"before: {before}\nafter: {live_row(app, 'getcontentlength')}\nwanted: {length}\n"
           f"selected: {app.selected_names()}")

    # Reload keeps the list and shows what changed on the server meanwhile.
    added = "Added while browsing.txt"
    with open(os.path.join(os.environ["DAVSCOPE_TEST_ROOT"], added), "w") as f:
        f.write("written on the server's disk by test-browse\n")
    reload_button = app.button("Reload", within=app.main)
    tap.ok(reload_button is not None and "sensitive" in [s.value_nick for s in reload_button.getState().get_states()],
           "the header has a sensitive 'Reload' button")
    if reload_button is not None:
        activate(reload_button)
    names = wait_rows(app, ROOT_NAMES + [added])
    tap.ok(added in names, "Reload lists a file that appeared on the server", f"listed: {names}")
    tap.ok(not missing(names, ROOT_NAMES) and app.error_page() is None,
           "after Reload the list still shows the seeded names",
           f"missing: {missing(names, ROOT_NAMES)}\nerror page: {app.error_page()}")

    # Rename (F2): the details pane follows, never showing the old name
    # of an item that is no longer there.
    renamed = "Renamed while browsing.txt"
    app.select_only(added)
    shows_added = wait_for(lambda: pane_follows(app) is None and added in labels_in(app.details()), 10)
    point_into(app.main)
    press("F2")
    dialog = app.window(lambda n: n.startswith("Rename"), timeout=10)
    if dialog is not None:
        keycombo("<Control>a")
        type_text(renamed)
        press("Return")
    listed = wait_for(lambda: renamed in app.row_names() and added not in app.row_names(), 15)
    follows = wait_for(lambda: pane_follows(app) is None, 5)
    tap.ok(shows_added and dialog is not None and listed and follows
           and added not in labels_in(app.details()),
           "after Rename the details pane follows the selection, not the old name",
           f"renamed: {listed}\n{pane_follows(app)}\nrows: {app.row_names()}")

    # Keyboard alone: Ctrl+L puts the focus in the location entry.
    point_into(app.main)
    location = app.find("Location", "text", within=app.main)
    focus_before = focused(location) if location is not None else None
    keycombo("<Control>l")
    tap.ok(location is not None and not focus_before and wait_for(lambda: focused(location), 5),
           "Ctrl+L focuses the 'Location' entry",
           f"entry: {location}, focused before: {focus_before}")
finally:
    app.quit()

# ------------------------------------------------------------ the start page

app = App()
try:
    entry = app.find("Server Address", "text", within=app.main)
    connect = app.button("Connect", within=app.main)
    tap.ok(entry is not None and connect is not None,
           "without a URL the start page has 'Server Address' and 'Connect'",
           f"entry: {entry}, button: {connect}")
    tap.ok(entry is not None and wait_for(lambda: focused(entry), 5),
           "the 'Server Address' entry has the focus")
    controls = [n for role in ("push button", "toggle button", "check box", "text")
                for n in app.find_all(role=role, within=app.main, showing=False)]
    unnamed = [f"{role_of(n)} in {name_of(n.parent)!r}" for n in controls if not name_of(n)]
    tap.ok(not unnamed and not doubled_names(controls),
           "every control of the main window has a name, said once (start page, browser, error page)",
           f"without a name: {unnamed}\ndoubled by GTK 4.8: {doubled_names(controls)}")
    table = app.table(timeout=1)
    tap.ok(table is None or extents(table)[2] == 0, "no folder listing before connecting")
    if entry is not None and connect is not None:
        point_into(app.main)
        type_text(URL)
        activate(connect)
    names = wait_rows(app, ROOT_NAMES)
    tap.ok(not missing(names, ROOT_NAMES), "typing a URL and activating Connect lists the share",
           f"missing: {missing(names, ROOT_NAMES)}\nlisted: {names}")
finally:
    app.quit()

# ------------------------------------------------------------ nobody listening

port = closed_port()
app = App(f"http://127.0.0.1:{port}/dav/")
try:
    reason = wait_for(app.error_page, 20)
    tap.ok(reason is not None, "a closed port shows 'This folder could not be listed'",
           f"labels: {labels_in(app.main)}")
    tap.ok(reason is not None and "refused" in reason.lower() and "127.0.0.1" in reason,
           "the error page gives a readable reason", f"reason: {reason!r}")
    try_again = app.button("Try Again", within=app.main, timeout=2)
    tap.ok(try_again is not None, "the error page offers 'Try Again'")
    tap.ok(not app.row_names(), "and lists nothing", app.row_names())
finally:
    app.quit()

tap.done()
