"""Shared helpers for Davscope's GUI tests: start the real binary, find
its widgets through the accessibility tree (dogtail), report TAP.

Each test script runs inside tests/ui/run-ui-test: an Xvfb display, a
private D-Bus session with the AT-SPI bus, and an Apache share seeded with
the demo content (DAVSCOPE_TEST_URL)."""

import os
import subprocess
import sys
import time

os.environ.setdefault("DOGTAIL_LOGGING", "0")

from dogtail import config  # noqa: E402

config.config.logDebugToFile = False
config.config.logDebugToStdOut = False
config.config.searchCutoffCount = 40
config.config.searchBackoffDuration = 0.25
config.config.actionDelay = 0.2
config.config.typingDelay = 0.02
config.config.defaultDelay = 0.3

from dogtail import rawinput, tree  # noqa: E402
from dogtail.predicate import GenericPredicate  # noqa: E402


class Tap:
    """TAP output; a failed check records a screenshot of the screen."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, condition, description, diagnostic=None):
        self.n += 1
        if condition:
            print(f"ok {self.n} - {description}", flush=True)
        else:
            self.failed += 1
            print(f"not ok {self.n} - {description}", flush=True)
            if diagnostic:
                for line in str(diagnostic).splitlines():
                    print(f"# {line}", flush=True)
            shot = os.path.join(os.environ.get("MESON_BUILD_ROOT", "/tmp"),
                                f"ui-failure-{os.getpid()}-{self.n}.png")
            subprocess.run(["import", "-window", "root", shot], check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print(f"# screenshot: {shot}", flush=True)
        return condition

    def done(self):
        print(f"1..{self.n}", flush=True)
        sys.exit(1 if self.failed or self.n == 0 else 0)


class App:
    """The davscope process and its accessible root."""

    def __init__(self, *args):
        env = dict(os.environ)
        env["GSETTINGS_BACKEND"] = "memory"
        env["GTK_A11Y"] = "atspi"
        env.pop("NO_AT_BRIDGE", None)
        if os.environ.get("DAVSCOPE_SCHEMA_DIR"):
            env["GSETTINGS_SCHEMA_DIR"] = os.environ["DAVSCOPE_SCHEMA_DIR"]
        self.proc = subprocess.Popen([os.environ["DAVSCOPE_APP"], *args], env=env)
        self.root = None
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                self.root = tree.root.application("davscope")
                break
            except Exception:  # not on the bus yet
                time.sleep(0.5)
        if self.root is None:
            raise RuntimeError("davscope did not appear on the accessibility bus")

    def find(self, name=None, role=None, timeout=15, showing=True):
        """The first descendant with that name and role, waiting for it."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            for node in self.root.findChildren(GenericPredicate(name=name, roleName=role),
                                               recursive=True, showingOnly=showing):
                return node
            time.sleep(0.3)
        return None

    def find_all(self, name=None, role=None, showing=True):
        return self.root.findChildren(GenericPredicate(name=name, roleName=role),
                                      recursive=True, showingOnly=showing)

    def wait_for(self, predicate, timeout=15):
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(0.3)
        return None

    def screenshot(self, path):
        subprocess.run(["import", "-window", "root", path], check=False)

    def quit(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def press(key):
    rawinput.pressKey(key)


def keycombo(combo):
    rawinput.keyCombo(combo)


def type_text(text):
    rawinput.typeText(text)
