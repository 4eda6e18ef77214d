"""What the Python tests of davscope-cli share (tests/core/test-cli-*.py,
tests/servers/test-cli*.py, tests/servers/test-interop.py), and the demo
share's names, which tests/servers/davservers.py seeds.

TAP (Tap), running $DAVSCOPE_CLI in a clean environment and what a run
gave (cli, Run, RUNS), a few helpers for URLs and --json documents, and
for the tests in tests/core an HTTP server of their own (ScriptedHandler,
serving).

A script in tests/core or tests/servers imports it so, writing no
__pycache__ into the source tree:

    sys.dont_write_bytecode = True
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
    import davtest  # noqa: E402

Only the Python standard library is used.
"""

import contextlib
import http.server
import json
import os
import shlex
import subprocess
import threading
import time
import traceback
import urllib.parse

CLI = os.environ.get("DAVSCOPE_CLI")
# Bounds a command that hangs (a bug) so the run still finishes.
COMMAND_TIMEOUT = 120

# --------------------------------------------------------------- the demo share
#
# What `with-apache --seed demo` and `with-server KIND --seed demo` put at the
# top of /dav/ besides README.txt, "Properties Demo.txt" and the folders
# (davservers.seed_demo_files).

DEMO_NS = "http://example.com/ns/davscope-demo"
DEMO_SPECIAL_NAMES = [
    "with spaces in the name.txt",
    "Grüße.txt",
    "日本語.md",
    "Tom & Jerry.txt",
    "issue #42.txt",
    "100% done.txt",
    "C++ notes.txt",
    "a+b=c.txt",
    "café au lait.txt",
    "semi;colon, comma.txt",
    "it's quoted.txt",
    "brackets [1] (2) {3}.txt",
    "Ελληνικά.txt",
    "emoji 🎉 party.txt",
]

# --------------------------------------------------------------- TAP


class Tap:
    """One TAP line per check as it is made; the plan at the end (finish)."""

    def __init__(self, prefix=""):
        self.prefix = prefix   # put before every description
        self.n = 0
        self.failed = 0

    def ok(self, cond, description, diag=()):
        """One check; when it fails, the lines of diag as TAP comments.
        Returns whether it passed."""
        self.n += 1
        description = (self.prefix + description).replace("#", "\\#").replace("\n", " ")
        print(f"{'ok' if cond else 'not ok'} {self.n} - {description}", flush=True)
        if not cond:
            self.failed += 1
            for line in diag:
                for sub in str(line).splitlines() or [""]:
                    print("# " + sub, flush=True)
        return bool(cond)

    def check(self, cond, description, run=None, extra=()):
        """ok() with the lines of extra, then what run (a Run) gave."""
        diag = list(extra)
        if run is not None:
            diag += run.diag()
        return self.ok(cond, description, diag)

    def skip(self, description, reason):
        self.n += 1
        print(f"ok {self.n} - {description} # SKIP {reason}", flush=True)

    def guarded(self, fn, description):
        """fn(); an exception in it is a failed check, with its traceback."""
        try:
            fn()
        except Exception:
            self.ok(False, description, traceback.format_exc().splitlines())

    def finish(self):
        """Prints the plan; the exit status: 1 when a check failed."""
        print(f"1..{self.n}", flush=True)
        return 1 if self.failed else 0


def cli_missing():
    """True, after a plan that skips everything, when DAVSCOPE_CLI is not
    an executable."""
    if CLI and os.access(CLI, os.X_OK):
        return False
    print("1..0 # SKIP DAVSCOPE_CLI is not set to an executable davscope-cli")
    return True


# --------------------------------------------------------------- running the CLI

RUNS = []   # every Run of this process, in order


class Run:
    """What one davscope-cli run gave: args (its argv), rc (the exit status,
    or "timeout"), stdout and stderr as out and err (text) and as
    out_bytes and err_bytes, seconds; and for a run with --json, doc (the
    document stdout holds) or json_error (why stdout is not one)."""

    def __init__(self, args, rc, out, err, seconds):
        self.args = args
        self.rc = rc
        self.out_bytes = out
        self.err_bytes = err
        self.out = out.decode("utf-8", "replace")
        self.err = err.decode("utf-8", "replace")
        self.seconds = seconds
        self.doc = None
        self.json_error = None
        if "--json" in args:
            try:
                self.doc = json.loads(self.out)   # the whole of stdout: one document
            except ValueError as e:
                self.json_error = str(e)

    def json(self):
        """The JSON object printed, or {} when there is none (its own check fails)."""
        return self.doc if isinstance(self.doc, dict) else {}

    def diag(self, limit=2500):
        lines = ["command: " + " ".join(shlex.quote(a) for a in self.args),
                 f"exit code: {self.rc} ({self.seconds:.1f} s)"]
        if self.json_error:
            lines.append("not one JSON document: " + self.json_error)
        if self.err.strip():
            lines.append("stderr: " + clip(self.err, limit))
        if self.out.strip():
            lines.append("stdout: " + clip(self.out, limit))
        return lines


def clip(text, limit):
    text = text.rstrip("\n")
    return text if len(text) <= limit else text[:limit] + f"... [{len(text) - limit} more characters]"


def cli_env(extra=None, scripted=False):
    """davscope-cli's environment: this process's without LC_ALL,
    LC_MESSAGES, LANGUAGE and DAVSCOPE_PASSWORD (a test that logs in gives
    it in extra), with LANG=C.UTF-8.  scripted (a server in the test
    itself): also LC_ALL=C.UTF-8, LANGUAGE empty, no *_proxy variable and
    GIO's dummy proxy resolver, GSettings in memory and NO_COLOR."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "DAVSCOPE_PASSWORD")}
    env["LANG"] = "C.UTF-8"
    if scripted:
        env = {k: v for k, v in env.items() if not k.lower().endswith("_proxy")}
        env.update({"GIO_USE_PROXY_RESOLVER": "dummy", "GSETTINGS_BACKEND": "memory", "LC_ALL": "C.UTF-8",
                    "LANGUAGE": "", "NO_COLOR": "1"})
    env.update(extra or {})
    return env


def cli(*args, env=None, cwd=None, timeout=COMMAND_TIMEOUT, scripted=False):
    """Runs $DAVSCOPE_CLI with args (env: variables to add, see cli_env)
    and returns its Run, also kept in RUNS.  No stdin and no controlling
    terminal, so no prompt can hang; killed after timeout seconds."""
    argv = [CLI] + [str(a) for a in args]
    t0 = time.monotonic()
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=cli_env(env, scripted), cwd=cwd,
                           timeout=timeout, start_new_session=True)
        r = Run(argv, p.returncode, p.stdout, p.stderr, time.monotonic() - t0)
    except subprocess.TimeoutExpired as e:
        r = Run(argv, "timeout", e.stdout or b"", (e.stderr or b"") +
                f"\n[test: killed after {timeout} s]".encode(), time.monotonic() - t0)
    RUNS.append(r)
    return r


def must(run, what):
    """run when it exited 0, else a RuntimeError: what (a step a test
    needs, not one it checks) failed, with the run's diagnostics."""
    if run.rc != 0:
        raise RuntimeError(f"{what} failed:\n" + "\n".join(run.diag()))
    return run


# --------------------------------------------------------------- URLs and documents


def url_of(collection_url, name, folder=False):
    return collection_url + urllib.parse.quote(name) + ("/" if folder else "")


def same_url(a, b):
    return urllib.parse.unquote(a or "") == urllib.parse.unquote(b or "")


def find_prop(resource, ns, name):
    """The property {ns}name of a resource in a --json document, or None."""
    for p in (resource or {}).get("properties") or []:
        if p.get("namespace") == ns and p.get("name") == name:
            return p
    return None


# --------------------------------------------------------------- a server in the test itself


class ScriptedHandler(http.server.BaseHTTPRequestHandler):
    """The base of the handler of a test's own HTTP server: HTTP/1.1, no
    request log; the test's subclass answers as it scripts it and notes
    what it was sent in seen (one subclass a process)."""
    protocol_version = "HTTP/1.1"
    seen = []                  # what note() was given, in order
    lock = threading.Lock()    # for seen: each request has a thread

    def log_message(self, *args):
        pass

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def note(self, entry):
        with self.lock:
            self.seen.append(entry)

    def reply(self, code, body=b"", content_type="application/xml; charset=utf-8", reason=None, headers=()):
        self.send_response(code, reason)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serving(handler, host="127.0.0.1"):
    """A threading HTTP server with handler on a free port of host, for the
    time of the with block; yields the port."""
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
