"""Shared helpers for Davscope's GUI tests: start the real binary, find
its widgets through the accessibility tree (dogtail / pyatspi), report TAP.

Each test script runs inside tests/ui/run-ui-test: an Xvfb display without
a window manager, a private D-Bus session with the AT-SPI bus, and an Apache
share seeded with the demo content (DAVSCOPE_TEST_URL).

What GTK 4.8's AT-SPI backend gives, and what these helpers do about it:

- No widget but a toplevel carries the SHOWING state, so dogtail's
  showingOnly searches find nothing. "Shown" here means "has a size":
  a node whose extents (window coordinates) are not empty. Hidden GtkStack
  pages and AdwSqueezer children that were never laid out have empty
  extents; a page that *was* shown keeps its last allocation when its
  stack switches away, so use shown() to wait for something to appear,
  not to prove that something else went away.
- Widgets hidden with gtk_widget_set_visible (FALSE) are not in the tree.
- Screen coordinates are not supported (GTK warns on every query, and a
  warning fails the test: use window coordinates, not dogtail's position
  or click); without a window manager every toplevel sits at (0, 0), so
  window coordinates are screen coordinates.
- A button with a mnemonic label is named "_Connect Connect" by GTK 4.8
  (its label property plus its label child), "Connect Connect" when an
  accessible label is set too; button() accepts both, doubled_names()
  lists them so that a test can insist on clean names.
- Keyboard events go to the toplevel under the pointer (X focus is
  PointerRoot without a window manager): point_into() a window first.
"""

import gettext
import hashlib
import http.server
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

os.environ.setdefault("DOGTAIL_LOGGING", "0")

from dogtail import config  # noqa: E402

config.config.logDebugToFile = False
config.config.logDebugToStdOut = False
config.config.searchCutoffCount = 40
config.config.searchBackoffDuration = 0.25
config.config.actionDelay = 0.2
config.config.typingDelay = 0.02
config.config.defaultDelay = 0.3

import pyatspi  # noqa: E402
from dogtail import rawinput, tree  # noqa: E402


def _excepthook(kind, value, tb):
    """dogtail replaces sys.excepthook with one that writes only to its
    (disabled) debug log: a test that crashed would end without a word.
    The traceback goes to stderr, and TAP says the test stopped."""
    sys.__excepthook__(kind, value, tb)
    print(f"Bail out! {kind.__name__}: {value}", flush=True)


sys.excepthook = _excepthook

FOLDER = ", folder"   # the name cell of a collection says so after its name


# ---------------------------------------------------------------- TAP


class Tap:
    """TAP output; a failed check records a screenshot of the screen."""

    def __init__(self):
        self.n = 0
        self.failed = 0
        # Under meson test (run in the build tree), there; run by hand, in
        # the temporary folder rather than the checkout, where they would
        # get committed. TAP says where each one is.
        here = os.getcwd()
        build = os.environ.get("MESON_BUILD_ROOT") or (
            here if os.path.exists(os.path.join(here, "build.ninja")) else tempfile.gettempdir())
        self.shots = os.environ.get("DAVSCOPE_UI_SHOTS") or os.path.join(build, "ui-screenshots")

    def ok(self, condition, description, diagnostic=None, todo=None):
        """todo: the reason (a known defect) why this check is expected to
        fail for now; TAP's TODO directive, so that a failure does not fail
        the test and a pass shows up as an unexpected one."""
        self.n += 1
        description = description.replace("#", "no.")   # '#' starts a TAP directive
        directive = f" # TODO {todo.replace('#', 'no.')}" if todo else ""
        if condition:
            print(f"ok {self.n} - {description}{directive}", flush=True)
        else:
            if not todo:
                self.failed += 1
            print(f"not ok {self.n} - {description}{directive}", flush=True)
            if diagnostic:
                for line in str(diagnostic).splitlines():
                    print(f"# {line}", flush=True)
            shot = self.screenshot(f"{self.n}")
            if shot:
                print(f"# screenshot: {shot}", flush=True)
        return bool(condition)

    def diag(self, text):
        for line in str(text).splitlines():
            print(f"# {line}", flush=True)

    def screenshot(self, label):
        os.makedirs(self.shots, exist_ok=True)
        name = os.path.splitext(os.path.basename(sys.argv[0]))[0]
        shot = os.path.join(self.shots, f"{name}-{label}-{os.getpid()}.png")
        result = subprocess.run(["import", "-window", "root", shot], check=False,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return shot if result.returncode == 0 else None

    def bail_out(self, reason):
        print(f"Bail out! {reason}", flush=True)
        sys.exit(1)

    def done(self):
        if _apps:
            unexpected, tolerated = [], {}
            for app in _apps:
                app.stderr.flush()
                with open(app.stderr.name, errors="replace") as f:
                    text = f.read()
                sys.stderr.write(text)
                found, counts = problems_in(text)
                unexpected += found
                for reason, n in counts.items():
                    tolerated[reason] = tolerated.get(reason, 0) + n
            for reason, n in tolerated.items():
                self.diag(f"tolerated {n} time(s): {reason}")
            self.ok(not unexpected, "davscope printed no warning and no critical on stderr",
                    "\n".join(unexpected))
        print(f"1..{self.n}", flush=True)
        sys.exit(1 if self.failed or self.n == 0 else 0)


# ---------------------------------------------------------------- translations


_translation = None


def _catalog():
    global _translation
    if _translation is None:
        localedir = os.environ.get("DAVSCOPE_LOCALEDIR")
        _translation = (gettext.translation("davscope", localedir, fallback=True) if localedir
                        else gettext.NullTranslations())
    return _translation


def tr(msgid, context=None):
    """msgid as davscope shows it in the language of the environment
    (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext reads them), from the
    build tree's catalogs in DAVSCOPE_LOCALEDIR: a test or the screenshot
    tour finds widgets by their names in German too. msgid as it is
    without DAVSCOPE_LOCALEDIR (the app then speaks English too)."""
    return _catalog().pgettext(context, msgid) if context else _catalog().gettext(msgid)


def speak_german():
    """Apps started from now on speak German (with German dates where
    the system has the locale), from the build tree's catalogs; tr()
    follows."""
    global _translation
    os.environ["LANGUAGE"] = "de"
    if "de_DE.utf8" in subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout:
        os.environ["LC_ALL"] = "de_DE.UTF-8"
    build = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(os.environ["DAVSCOPE_APP"]))))
    if os.path.isdir(os.path.join(build, "po", "de")):
        os.environ["DAVSCOPE_LOCALEDIR"] = os.path.join(build, "po")
    _translation = None


def ntr(singular, plural, n):
    return _catalog().ngettext(singular, plural, n)


# ---------------------------------------------------------------- nodes


def strip_mnemonic(text):
    return re.sub(r"_(.)", r"\1", text)


def clean_name(name):
    """A button's name without GTK 4.8's doubling: "_Connect Connect" (the
    label property, then the label child) and "Connect Connect" (an
    accessible label set as well) give "Connect"; any other name is
    returned as it is."""
    if not name:
        return name or ""
    half = (len(name) - 1) // 2
    for cut in range(half, len(name)):
        if name[cut] == " ":
            head, tail = name[:cut], name[cut + 1:]
            if strip_mnemonic(head) == tail:
                return tail
    return name


def doubled_names(nodes):
    """The names among nodes that GTK 4.8 doubled (see clean_name)."""
    return [name_of(n) for n in nodes if clean_name(name_of(n)) != name_of(n)]


def name_of(node):
    try:
        return node.name or ""
    except Exception:
        return ""


def role_of(node):
    try:
        return node.roleName
    except Exception:
        return ""


def extents(node):
    """(x, y, width, height) in window coordinates, or None."""
    try:
        return tuple(node.queryComponent().getExtents(pyatspi.WINDOW_COORDS))
    except Exception:
        return None


def shown(node):
    box = extents(node)
    return box is not None and box[2] > 0 and box[3] > 0


def has_state(node, state):
    try:
        return node.getState().contains(state)
    except Exception:
        return False


def sensitive(node):
    return has_state(node, pyatspi.STATE_SENSITIVE)


def focused(node):
    return has_state(node, pyatspi.STATE_FOCUSED)


def selected(node):
    return has_state(node, pyatspi.STATE_SELECTED)


def children(node):
    try:
        count = node.childCount
    except Exception:
        return []
    out = []
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            out.append(child)
    return out


def walk(node, only_shown=True):
    """Depth first. With only_shown, subtrees without a size are skipped
    (nodes without a Component, like GtkStackPage, are entered)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if only_shown and current is not node:
            box = extents(current)
            if box is not None and (box[2] <= 0 or box[3] <= 0):
                continue
        yield current
        stack.extend(reversed(children(current)))


def _matches(node, name, role):
    if role is not None and role_of(node) != role:
        return False
    if name is None:
        return True
    actual = name_of(node)
    if callable(name):
        return bool(name(actual))
    return actual == name or clean_name(actual) == name


def find_in(root, name=None, role=None, only_shown=True):
    for node in walk(root, only_shown):
        if node is not root and _matches(node, name, role):
            return node
    return None


def find_all_in(root, name=None, role=None, only_shown=True):
    return [node for node in walk(root, only_shown)
            if node is not root and _matches(node, name, role)]


def labels_in(root, only_shown=True):
    return [name_of(n) for n in find_all_in(root, role="label", only_shown=only_shown)]


def actions(node):
    try:
        action = node.queryAction()
        return [action.getName(i) for i in range(action.nActions)]
    except Exception:
        return []


def activate(node, action=None):
    """Runs the node's AT-SPI action (a button's "click"), as a screen
    reader would."""
    names = actions(node)
    if action is None:
        action = "click" if "click" in names else (names[0] if names else None)
    if action is None:
        raise RuntimeError(f"{role_of(node)} {name_of(node)!r} has no action")
    node.queryAction().doAction(names.index(action))
    time.sleep(config.config.actionDelay)


def center(node):
    x, y, w, h = extents(node)
    return x + w // 2, y + h // 2


def click(node, modifier=None):
    """A real mouse click in the middle of the node (window coordinates
    are screen coordinates here). modifier: "Control_L", "Shift_L".

    The pointer first leaves for the screen's far corner, outside every
    window: a tooltip of the last widget it rested on would otherwise sit
    right where the next click goes, and take it."""
    x, y = center(node)
    rawinput.absoluteMotion(1279, 899)
    time.sleep(0.15)
    if modifier:
        rawinput.holdKey(modifier)
    try:
        rawinput.click(x, y)
    finally:
        if modifier:
            rawinput.releaseKey(modifier)
    time.sleep(0.2)


def point_into(window):
    """Moves the pointer into the window's bottom right corner, where
    dialogs (placed at 0,0) do not cover it: keyboard input goes there.
    A window just opened (a file chooser, under load) may not have its
    size yet: wait for it rather than point at (-4, -4). 30 s: on a loaded
    2-core machine the app answered nothing over AT-SPI for 10 s after a
    drag source ended (CI, session 12)."""
    box = wait_for(lambda: extents(window) if shown(window) else None, 30)
    if box is None:
        raise AssertionError(f"{window!r} never got a place on the screen")
    x, y, w, h = box
    rawinput.absoluteMotion(x + w - 4, y + h - 4)
    time.sleep(0.2)


def scroll_into(node, area):
    """Turns the mouse wheel over area (what is seen of it) until node is
    wholly inside it (a popover of a widget scrolled out of view has
    nowhere to go)."""
    for _ in range(40):
        box, room = extents(node), extents(area)
        if box is None or room is None:
            return False
        if room[1] <= box[1] and box[1] + box[3] <= room[1] + room[3]:
            return True
        # Low in the area: a text field higher up would take the wheel.
        rawinput.click(room[0] + room[2] // 2, room[1] + room[3] * 7 // 8,
                       button=5 if box[1] > room[1] else 4)
        time.sleep(0.1)
    return False


def wait_for(predicate, timeout=15, interval=0.3):
    """The predicate's first true value, or None after timeout seconds."""
    deadline = time.time() + timeout
    while True:
        try:
            value = predicate()
        except Exception:   # a node went away under us: ask again
            value = None
        if value:
            return value
        if time.time() >= deadline:
            return None
        time.sleep(interval)


def press(key):
    rawinput.pressKey(key)


def keycombo(combo):
    rawinput.keyCombo(combo)


def type_text(text):
    rawinput.typeText(text)


# ---------------------------------------------------------------- reports


def report_rows(window):
    """{title: [labels]} of the rows of a report window's list; the labels
    are title, status, path, explanation and notes, as shown."""
    listing = find_in(window, "Report", "list") if window is not None else None
    rows = {}
    for item in children(listing) if listing is not None else []:
        texts = [t for t in labels_in(item, only_shown=False) if t]
        if texts:
            rows[texts[0]] = texts
    return rows


def report_summary(window, word):
    """The summary line of a report window: "2 deleted, 1 failed"."""
    if window is None:
        return None
    return next((t for t in labels_in(window) if re.match(r"^\d+ " + word, t)), None)


# ---------------------------------------------------------------- toasts


def text_of(node):
    """What a text node holds: GTK 4.8 answers AT-SPI's getText only with
    a length, not with -1. None when it has no text interface."""
    if node is None:
        return None
    try:
        text = node.queryText()
        return text.getText(0, text.characterCount)
    except Exception:
        return None


def find_toast(window, text, timeout=15):
    """The toast (AdwToastWidget) of window that says text, or None. The
    toasts are looked for only near the top of the tree, where the
    window's AdwToastOverlay keeps them: a toast goes after 5 s, and a walk
    of the whole window can take longer than that. Not too often either:
    GTK 4.8 can crash when AT-SPI asks for a widget that is being added or
    removed (see close_toast)."""
    def toasts(node, depth):
        for child in children(node):
            if name_of(child) == "AdwToastWidget":
                yield child
            elif depth < 3:
                yield from toasts(child, depth + 1)

    def look():
        return next((t for t in toasts(window, 0) if text in labels_in(t, only_shown=False)), None)
    time.sleep(0.5)
    return wait_for(look, timeout, interval=0.4) if window is not None else None


def toast_said(window, text, timeout=15):
    """Whether window showed a toast that says text; it is closed
    (close_toast). Returns the toast, which is gone by then."""
    found = find_toast(window, text, timeout)
    close_toast(found)
    return found


def close_toast(toast):
    """Closes a toast found with find_toast, and waits until it is gone,
    asking nothing meanwhile: GTK 4.8's AT-SPI can crash davscope when it
    is asked about a toast that is being taken away (a 5 s timeout ending
    during a walk of the window)."""
    if toast is None:
        return
    buttons = [b for b in find_all_in(toast, role="push button", only_shown=False)
               if clean_name(name_of(b)) != "Undo"]
    if buttons:
        activate(buttons[-1])
    time.sleep(1.0)


# ---------------------------------------------------------------- file chooser


def choose_in_file_chooser(app, title, path, accept):
    """Types @path into the GTK file chooser called @title (Ctrl+L shows
    its location entry) and presses @accept."""
    chooser = app.window(title, timeout=10)
    if chooser is None:
        return False
    point_into(chooser)
    keycombo("<Control>l")
    time.sleep(0.5)
    keycombo("<Control>a")
    type_text(path)
    time.sleep(0.8)
    button = app.button(accept, within=chooser, timeout=5)
    if button is None:
        return False
    activate(button)
    # Nothing is asked while the chooser goes: GTK 4.8's AT-SPI can crash
    # davscope when the toplevels are listed as one is being destroyed
    # (seen with a one-file upload, which now starts at once).
    time.sleep(1.5)
    return app.window_gone(title, 10)


# ---------------------------------------------------------------- the share, asked directly


def share_url(path="", encoded=False):
    """DAVSCOPE_TEST_URL (the seeded share) with path appended,
    percent-encoded here unless it already is."""
    return os.environ["DAVSCOPE_TEST_URL"] + (path if encoded else urllib.parse.quote(path))


def share_request(method, path="", body=None, headers=None, encoded=False):
    """One request to the share, past Davscope, to say what the server
    really holds: (status, body). An HTTP error status raises HTTPError."""
    request = urllib.request.Request(share_url(path, encoded), data=body, method=method,
                                     headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read()


def share_get(path):
    """The bytes the share holds at path."""
    return share_request("GET", path)[1]


def share_propfind(path, what, depth="1"):
    """The parsed answer (an Element) of a PROPFIND asking for what
    (<D:allprop/>, <D:prop>...)."""
    body = f'<?xml version="1.0"?><D:propfind xmlns:D="DAV:">{what}</D:propfind>'.encode()
    return ET.fromstring(share_request("PROPFIND", path, body,
                                       {"Depth": depth, "Content-Type": "application/xml"})[1])


def share_hrefs(path=""):
    """The decoded hrefs of a Depth 1 PROPFIND, as the server sees it."""
    tree = share_propfind(path, "<D:prop><D:resourcetype/></D:prop>")
    return {urllib.parse.unquote(h.text.strip()) for h in tree.iter("{DAV:}href")}


def share_names(path=""):
    """The decoded names of the members of a folder, as the server lists them."""
    tree = share_propfind(path, "<D:prop><D:resourcetype/></D:prop>")
    base = urllib.parse.unquote(urllib.parse.urlsplit(share_url(path)).path).rstrip("/")
    names = set()
    for href in tree.iter("{DAV:}href"):
        decoded = urllib.parse.unquote(urllib.parse.urlsplit(href.text.strip()).path)
        if decoded.rstrip("/") != base:
            names.add(decoded.rstrip("/").rsplit("/", 1)[-1])
    return names


def share_properties_200(path, what):
    """{tag: element} of the properties that a PROPFIND (Depth 0) asking
    for what returns with a 200, or {"error": message}."""
    try:
        tree = share_propfind(path, what, depth="0")
    except Exception as e:
        return {"error": str(e)}
    props = {}
    for propstat in tree.iter("{DAV:}propstat"):
        status = propstat.find("{DAV:}status")
        if status is None or " 200 " not in (status.text or "") + " ":
            continue
        for prop in propstat.findall("{DAV:}prop"):
            for child in prop:
                props[child.tag] = child
    return props


def share_exists(path, encoded=False):
    """Whether a HEAD finds path: False on a 404; other errors raise."""
    try:
        share_request("HEAD", path, encoded=encoded)
        return True
    except urllib.error.HTTPError as e:
        if e.code == 404:
            return False
        raise


# ---------------------------------------------------------------- scripted servers


def multistatus_entry(href, status="HTTP/1.1 200 OK", collection=False, length=5):
    """One DAV:response with a resourcetype (and a getcontentlength,
    unless length is None)."""
    kind = "<D:collection/>" if collection else ""
    size = f"<D:getcontentlength>{length}</D:getcontentlength>" if length is not None else ""
    return (f"<D:response><D:href>{href}</D:href><D:propstat><D:prop>"
            f"<D:resourcetype>{kind}</D:resourcetype>{size}"
            f"</D:prop><D:status>{status}</D:status></D:propstat></D:response>")


def multistatus(*entries):
    return ('<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:">'
            + "".join(entries) + "</D:multistatus>")


class ScriptedHandler(http.server.BaseHTTPRequestHandler):
    """The base of a test's scripted server: quiet, and with the few
    answers those servers give."""

    def log_message(self, *args):
        pass

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send_empty(self, status, headers=()):
        """A status with no body (Content-Length: 0) and these headers."""
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def send_multistatus(self, body, with_length=True):
        """A 207; without a Content-Length, the close ends the body."""
        body = body.encode() if isinstance(body, str) else body
        self.send_response(207, "Multi-Status")
        self.send_header("Content-Type", "application/xml; charset=utf-8")
        if with_length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(handler, port=0, key=None, cert=None, **attributes):
    """A ThreadingHTTPServer on 127.0.0.1 (https with key and cert), with
    these attributes for its handler, serving in a thread of its own
    until .shutdown()."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    for name, value in attributes.items():
        setattr(server, name, value)
    if cert is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def served_url(server, scheme="http"):
    return f"{scheme}://127.0.0.1:{server.server_address[1]}/dav/"


def make_certificate(directory, name):
    """A self-signed certificate for 127.0.0.1, made with openssl in
    directory: (key path, certificate path, SHA-256 of the DER)."""
    key, cert = os.path.join(directory, name + ".key"), os.path.join(directory, name + ".pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", f"/CN=127.0.0.1/O=Davscope test {name}",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    der = ssl.PEM_cert_to_DER_cert(open(cert).read())
    return key, cert, hashlib.sha256(der).hexdigest()


# ---------------------------------------------------------------- the app


def start_keyring(tap):
    """A keyring of the test's own, unlocked (an empty password on stdin);
    False when gnome-keyring-daemon is missing or does not start."""
    keyring = shutil.which("gnome-keyring-daemon")
    if not keyring:
        return False
    started = subprocess.run([keyring, "--unlock", "--components=secrets", "--daemonize"],
                             input=b"\n", capture_output=True, timeout=30)
    if started.returncode != 0:
        tap.diag(f"gnome-keyring-daemon did not start: {started.stderr.decode(errors='replace')}")
        return False
    time.sleep(1)
    return True


def pin_certificate(data_dir, pem_path, host_port):
    """The server certificate in @pem_path accepted for HOST:PORT, as
    "Always Accept for This Host" keeps it."""
    pem = open(pem_path).read()
    digest = hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest().upper()
    os.makedirs(os.path.join(data_dir, "davscope"), exist_ok=True)
    with open(os.path.join(data_dir, "davscope", "certificates.ini"), "w") as f:
        f.write(f"[{host_port}]\n"
                f"sha256={':'.join(digest[i:i + 2] for i in range(0, len(digest), 2))}\n"
                f"pem={pem.strip().replace(chr(10), chr(92) + 'n')}\n")


def gio_modules_without_gvfs():
    """A folder of links to the machine's GIO modules but gvfs's, made
    once per test; None when there is no module folder to copy."""
    global _gio_modules
    if _gio_modules is not None:
        return _gio_modules or None
    _gio_modules = ""
    try:
        system = subprocess.run(["pkg-config", "--variable=giomoduledir", "gio-2.0"],
                                capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    if not os.path.isdir(system):
        return None
    folder = tempfile.mkdtemp(prefix="gio-modules-", dir=os.environ.get("DAVSCOPE_UI_WORK"))
    for name in os.listdir(system):
        if name.endswith(".so") and name not in ("libgvfsdbus.so", "libgioremote-volume-monitor.so"):
            os.symlink(os.path.join(system, name), os.path.join(folder, name))
    _gio_modules = folder
    return folder


_gio_modules = None
_apps = []

# What davscope prints on stderr fails the test when it is a warning or a
# critical of any log domain (GLib's "Gtk-WARNING **", "** (davscope:…):
# WARNING **", "GLib-GObject-CRITICAL **", …), but for GTK 4.8's own faults
# below, each an exact message, tolerated and counted.
PROBLEM = re.compile(r"\b(WARNING|CRITICAL) \*\*")

# GTK 4.8's AT-SPI root answers GetChildAtIndex for a window whose
# accessible context is not realized yet with a NULL object path
# (gtkatspiroot.c, fixed in later GTK): GLib then fails this check, and
# may fail a few more in the same reply. Only that burst is tolerated.
GTK48_ATSPI_RACE = "g_variant_is_object_path: assertion 'string != NULL' failed"
GTK48_ATSPI_FOLLOWERS = re.compile(r"GLib(-GIO)?-CRITICAL \*\*: [0-9:.]+: (g_variant_|g_dbus_method_invocation_)")
GTK48_ATSPI_REASON = "GTK 4.8's AT-SPI race (GetChildAtIndex on a window not ready)"


# Known faults of a library that a test expects and names (tolerate()):
# {line text: reason}. Empty unless a test asks.
_tolerated_lines = {}


def tolerate(text, reason):
    """For this test only: a warning line containing text is a known
    fault of a library (reason), counted, not failed."""
    _tolerated_lines[text] = reason


def problems_in(text):
    """(unexpected warning and critical lines, {reason: count} of the
    tolerated ones) in what davscope printed on stderr."""
    unexpected = []
    tolerated = {}
    in_race = False
    quoting = False     # the lines that go on an unexpected message
    for line in text.splitlines():
        if not line.strip():
            quoting = False
            continue
        if not PROBLEM.search(line):
            if quoting:
                unexpected[-1] += "\n    " + line
            in_race = False
            continue
        quoting = False
        known = next((r for t, r in _tolerated_lines.items() if t in line), None)
        if GTK48_ATSPI_RACE in line:
            tolerated[GTK48_ATSPI_REASON] = tolerated.get(GTK48_ATSPI_REASON, 0) + 1
            in_race = True
        elif known is not None:
            tolerated[known] = tolerated.get(known, 0) + 1
        elif not (in_race and GTK48_ATSPI_FOLLOWERS.search(line)):
            unexpected.append(line)
            quoting = True
    return unexpected, tolerated


class App:
    """The davscope process and its accessible root."""

    def __init__(self, *args, settings="memory"):
        """settings: the GSettings backend; "keyfile" keeps them in the
        test's own XDG_CONFIG_HOME across a restart."""
        env = dict(os.environ)
        env["GSETTINGS_BACKEND"] = settings
        env["GTK_A11Y"] = "atspi"
        # Local files only: GTK's file chooser would otherwise browse the
        # network through gvfs, which warns critically where no Avahi runs.
        env["GIO_USE_VFS"] = "local"
        # Nor gvfs at all: where it is installed, the chooser starts its
        # volume monitors and daemons, which without udisks (a container)
        # die noisily; a test chooses local files only. TLS and proxies
        # (glib-networking) are kept.
        modules = gio_modules_without_gvfs()
        if modules:
            env["GIO_MODULE_DIR"] = modules
        env.pop("NO_AT_BRIDGE", None)
        # The suite's G_DEBUG, minus fatal warnings and criticals: GTK 4.8
        # itself fails a critical when AT-SPI asks for a window whose
        # accessible is not ready yet, which must not take davscope down.
        # Every other warning or critical still fails the test, with its
        # lines quoted: Tap.done reads what davscope printed (problems_in).
        flags = [f for f in os.environ.get("DAVSCOPE_G_DEBUG", "").split(",")
                 if f and f not in ("fatal-warnings", "fatal-criticals")]
        if flags:
            env["G_DEBUG"] = ",".join(flags)
        if os.environ.get("DAVSCOPE_SCHEMA_DIR"):
            env["GSETTINGS_SCHEMA_DIR"] = os.environ["DAVSCOPE_SCHEMA_DIR"]
        self.stderr = tempfile.NamedTemporaryFile(prefix="davscope-stderr-", suffix=".txt",
                                                  dir=os.environ.get("DAVSCOPE_UI_WORK"), delete=False)
        self.proc = subprocess.Popen([os.environ["DAVSCOPE_APP"], *args], env=env, stderr=self.stderr)
        _apps.append(self)
        self.root = None
        self._table = None
        deadline = time.time() + 30
        while time.time() < deadline and self.proc.poll() is None:
            self.root = self._application()
            if self.root is not None and self.toplevels():
                break
            time.sleep(0.3)
        if self.root is None or not self.toplevels():
            self.quit()
            raise RuntimeError("davscope did not appear on the accessibility bus")
        # The application window: the first frame (dialogs and the report
        # window have other roles under GTK 4.8).
        self.main = wait_for(lambda: next((w for w in self.toplevels() if role_of(w) == "frame"), None), 15)

    def _application(self):
        try:
            for app in tree.root.applications():
                try:
                    if app.name == "davscope" and app.get_process_id() == self.proc.pid:
                        return app
                except Exception:
                    continue
        except Exception:
            pass
        return None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.quit()
        return False

    # -- toplevels

    def toplevels(self):
        return children(self.root) if self.root is not None else []

    def window(self, name, timeout=15):
        """The toplevel (frame, dialog, ...) with that name, or whose name
        satisfies name(text) when it is callable."""
        return wait_for(lambda: next((w for w in self.toplevels() if _matches(w, name, None)), None),
                        timeout)

    def window_gone(self, name, timeout=15):
        return wait_for(lambda: not any(_matches(w, name, None) for w in self.toplevels()),
                        timeout)

    # -- searching

    def find(self, name=None, role=None, timeout=15, within=None, showing=True):
        """The first descendant (of within, else of the application) with
        that name and role, waiting up to timeout seconds for it."""
        root = within if within is not None else self.root
        return wait_for(lambda: find_in(root, name, role, showing), timeout)

    def find_all(self, name=None, role=None, within=None, showing=True):
        return find_all_in(within if within is not None else self.root, name, role, showing)

    def wait_for(self, predicate, timeout=15):
        return wait_for(predicate, timeout)

    def button(self, text, within=None, timeout=15):
        """A shown push button whose name is text (GTK 4.8's doubled
        mnemonic names accepted)."""
        return self.find(text, "push button", timeout, within)

    def press_button(self, text, within, timeout=5):
        """Activates the button called text in the window within (nothing
        when within is None: an earlier check has said it is missing);
        returns the button, or None."""
        button = self.button(text, within=within, timeout=timeout) if within is not None else None
        if button is not None:
            activate(button)
        return button

    def toplevel_names(self):
        """The names of the toplevels, for a check's diagnostic."""
        return [name_of(w) for w in self.toplevels()]

    def check_server(self, timeout=180, start_page=None):
        """Check Server… from the main menu for the folder shown (or, with
        start_page, for that address typed on the start page), run
        read-only, its window closed at the end: (summary line, {check
        title: state word}), or (None, {}) when the window or the run did
        not come."""
        point_into(self.main)
        if start_page is not None:
            entry = self.find(tr("Server Address"), timeout=10, within=self.main)
            if entry is None:
                return None, {}
            click(entry)
            type_text(start_page)
            if self.press_button(strip_mnemonic(tr("Check _Server…")), within=self.main) is None:
                return None, {}
        else:
            menu = self.find(tr("Main Menu"), timeout=10, within=self.main)
            if menu is None:
                return None, {}
            click(menu)
            item = self.find(strip_mnemonic(tr("_Check Server…")), "menu item", timeout=5)
            if item is None:
                return None, {}
            activate(item)
        window = self.window(tr("Check Server"), timeout=10)
        if self.press_button(strip_mnemonic(tr("_Check")), within=window) is None:
            return None, {}
        if self.button(strip_mnemonic(tr("Check _Again")), within=window, timeout=timeout) is None:
            return None, {}
        # The heading: "2 warnings in 27 checks", or "Could not check the server: …".
        summary = next((t for t in labels_in(window)
                        if re.search(r" in \d+ checks?\b", t) or t.startswith(tr("Could not check the server: %s").split("%s")[0])),
                       "")
        rows = {}
        for node in find_all_in(window, role="list item", only_shown=False):
            title, _, state = name_of(node).rpartition(": ")
            if title:
                rows[title] = state
        point_into(window)
        keycombo("<Control>w")
        self.window_gone(tr("Check Server"), timeout=10)
        return summary, rows

    # -- the browser

    def column_header(self, title):
        """The label of a column header (outside the list of rows)."""
        table = self.table()
        for part in children(table) if table is not None else []:
            if role_of(part) == "list":
                continue
            label = find_in(part, title, "label")
            if label is not None:
                return label
        return None

    def table(self, timeout=15):
        if self._table is None:
            self._table = self.find(tr("Folder contents"), "tree table", timeout, self.main)
        return self._table

    def _list(self):
        table = self.table(timeout=0)
        if table is None:
            return None
        return next((c for c in children(table) if role_of(c) == "list"), None)

    def rows(self):
        """[(name, row)] of the rows of the folder listing, in view order
        (top to bottom on screen: the accessible children follow the row
        widgets, which GTK recycles, so rows inserted by expanding a folder
        may come last among them); the name is the accessible name of the
        name cell's label."""
        listing = self._list()
        out = []
        for row in children(listing) if listing is not None else []:
            if role_of(row) != "table row":
                continue
            box = extents(row)
            if box is None or box[2] <= 0 or box[3] <= 0:
                continue
            cells = children(row)
            label = find_in(cells[0], role="label", only_shown=False) if cells else None
            if label is not None:
                out.append((box[1], name_of(label), row))
        out.sort(key=lambda entry: entry[0])
        return [(name, row) for _, name, row in out]

    def row_names(self):
        return [name for name, _ in self.rows()]

    def row(self, name, timeout=15):
        return wait_for(lambda: dict(self.rows()).get(name), timeout)

    def row_label(self, name, timeout=15):
        row = self.row(name, timeout)
        if row is None:
            return None
        return find_in(children(row)[0], name, "label", only_shown=False)

    def selected_names(self):
        return [name for name, row in self.rows() if selected(row)]

    def focused_row(self):
        for name, row in self.rows():
            if focused(row) or any(focused(n) for n in walk(children(row)[0], False)):
                return name
        return None

    ERROR_TITLES = ("This folder could not be listed", "This server does not speak WebDAV",
                    "This server asks for a client certificate")

    def error_title(self):
        """The title of the page shown when the folder could not be listed
        ("This server does not speak WebDAV" when OPTIONS shows no DAV
        header), or None."""
        for title in (tr(t) for t in self.ERROR_TITLES):
            if find_in(self.main, title, "panel") is not None:
                return title
        return None

    def error_page(self):
        """The description of that page once it has one (an AdwStatusPage
        shows no description label while empty)."""
        title = self.error_title()
        page = find_in(self.main, title, "panel") if title is not None else None
        if page is None:
            return None
        texts = [t for t in labels_in(page) if t and t != title]
        return texts[0] if texts else None

    def select_only(self, name):
        """Clicks the row called name (once it is laid out: a row that has
        just appeared may not be) and waits until it alone is selected."""
        label = wait_for(lambda: (lambda l: l if l is not None and shown(l) else None)(self.row_label(name, 1)), 10)
        if label is not None:
            click(label)
        return wait_for(lambda: self.selected_names() == [name], 5)

    def press_delete(self):
        """Delete on the main window once its Delete action is enabled (it
        follows the selection); returns the confirmation, or None."""
        button = self.button("Delete Selected Items", within=self.main, timeout=5)
        wait_for(lambda: button is not None and sensitive(button), 5)
        for _ in range(2):
            point_into(self.main)
            press("Delete")
            confirm = self.window(lambda n: n.startswith("Delete ") and n.endswith("?"), timeout=8)
            if confirm is not None:
                return confirm
        return None

    def close_window(self, window, name):
        """Escape in the window called name, and waits until it is gone."""
        if window is not None:
            point_into(window)
            press("Escape")
            self.window_gone(name, 10)

    def details(self):
        return find_in(self.main, tr("Details"), "panel")

    def badge_exchange(self, badge, area, method):
        """Opens badge's popover (scrolled into view in area first) and its
        "Show Exchange": (whether the popover offered it, the inspector's
        label for the exchange it shows, which starts with method, or
        None). The inspector is closed again."""
        if badge is not None and scroll_into(badge, area):
            click(badge)
        show = self.button("Show Exchange", timeout=5)
        if show is not None:
            activate(show)
        else:
            press("Escape")     # the popover, which would take the next click
        inspector = self.window("Inspector", timeout=10) if show is not None else None
        shown = wait_for(lambda: next((t for t in labels_in(inspector) if t.startswith(method + " ")), None),
                         10) if inspector is not None else None
        self.close_window(inspector, "Inspector")
        return show is not None, shown

    # -- the process

    def screenshot(self, path):
        subprocess.run(["import", "-window", "root", path], check=False)

    def quit(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        # Gone from the bus too before the next instance starts.
        wait_for(lambda: self._application() is None, 5, 0.2)
