#!/usr/bin/env python3
"""davscope-cli against a hostile server of our own (docs/hostile-servers.md
cases 23-27, 35, 39).

No Apache: a small HTTP server in this process sends what a hostile
server would: names with terminal escapes, CR/LF, bidi overrides, a
status reason with an escape sequence, property values that are no
values, names that would escape the download folder, and a Basic
challenge over plain http. Prints TAP; exits 1 when a test failed.

    test-cli-hostile.py          (DAVSCOPE_CLI: the built davscope-cli)
"""

import contextlib
import hashlib
import http.server
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
import davtest  # noqa: E402

PASSWORD = "hostile-secret-42"

# Hrefs (percent-encoded as a server sends them) and what they must look
# like when the CLI shows them.
NAMES = [
    ("%1B%5D0%3Bpwned%07.txt", "\\x1b]0;pwned\\x07.txt"),   # set the terminal title
    ("%1B%5B2J.txt", "\\x1b[2J.txt"),                       # clear the screen
    ("two%0D%0Alines.txt", "two\\x0d\\x0alines.txt"),        # a fake second record
    ("invoice%E2%80%AEfdp.exe", "invoice\\u{202E}fdp.exe"),  # bidi override
    ("zero%E2%80%8Bwidth.txt", "zero\\u{200B}width.txt"),
    ("%FF%FE.bin", "\\xff\\xfe.bin"),
]

# getcontentlength and getlastmodified values that are none.
HOSTILE_VALUES = [("-1", "garbage"), ("99999999999999999999", ""), ("1e309", "Mon, 32 Foo 2024 99:99:99 GMT"), ("", "-1")]


def multistatus():
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:">',
             "<D:response><D:href>/dav/</D:href><D:propstat><D:prop><D:resourcetype><D:collection/>"
             "</D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"]
    for href, _ in NAMES:
        parts.append(f"<D:response><D:href>/dav/{href}</D:href><D:propstat><D:prop>"
                     "<D:displayname>report.pdf</D:displayname><D:getcontentlength>7</D:getcontentlength>"
                     "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
                     "<D:responsedescription>first line\r\nsecond: line\r\n</D:responsedescription></D:response>")
    for i, (length, modified) in enumerate(HOSTILE_VALUES):
        parts.append(f"<D:response><D:href>/dav/value-{i}.txt</D:href><D:propstat><D:prop>"
                     f"<D:getcontentlength>{length}</D:getcontentlength>"
                     f"<D:getlastmodified>{modified}</D:getlastmodified>"
                     "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>")
    parts.append("</D:multistatus>\n")
    return "".join(parts).encode("utf-8")


class Handler(davtest.ScriptedHandler):
    def handle_any(self):
        self.read_body()
        # Handler.seen: (method, path, authorization)
        self.note((self.command, self.path, self.headers.get("Authorization")))
        if self.path.startswith("/auth/"):
            if self.headers.get("Authorization") is None:
                self.reply(401, b"", "text/plain", headers=[("WWW-Authenticate", 'Basic realm="hostile"')])
            elif self.command == "PROPFIND":
                self.reply(207, multistatus().replace(b"/dav/", b"/auth/"))
            else:
                self.reply(200, b"")
        elif self.command == "PROPFIND":
            self.reply(207, multistatus())
        elif self.command == "GET":
            self.reply(200, b"payload\n", "application/octet-stream")
        elif self.command == "DELETE":
            # A reason phrase that would clear the screen and retitle the terminal.
            self.reply(403, b"", "text/plain", reason="Forbidden\x1b[2J\x1b]0;pwned\x07")
        else:
            self.reply(405, b"", "text/plain")

    do_PROPFIND = do_GET = do_DELETE = do_OPTIONS = do_HEAD = handle_any


T = davtest.Tap()


def cli(*args, cwd=None, extra=None):
    """(exit status, stdout, stderr): the output as bytes, to be checked byte by byte."""
    r = davtest.cli(*args, cwd=cwd, env=extra, timeout=60, scripted=True)
    return r.rc, r.out_bytes, r.err_bytes


def diag(rc, out, err):
    return [f"exit {rc}", "stdout: " + repr(out[:3000]), "stderr: " + repr(err[:3000])]


def no_raw_controls(data):
    """No C0 control but newline and tab, no DEL, no C1, no bidi or format control."""
    text = data.decode("utf-8", errors="replace")
    bad = [c for c in text if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0
           or 0x200B <= ord(c) <= 0x200F or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069]
    return not bad and "\ufffd" not in text, bad


def test_ls_escapes(base):
    """Case 23 and 24: every name and description shown escaped, one line per record."""
    rc, out, err = cli("ls", base)
    clean, bad = no_raw_controls(out + err)
    T.ok(rc in (0, 2) and clean, "ls: no raw control, bidi or invalid bytes in the output",
         diag(rc, out, err) + [f"found: {bad!r}"])
    text = out.decode("utf-8", errors="replace")
    missing = [shown for _, shown in NAMES if shown not in text]
    T.ok(not missing, "ls: each hostile name is shown in its escaped form", [f"missing: {missing!r}"] + diag(rc, out, err))
    lines = [line for line in text.splitlines() if any(shown in line for _, shown in NAMES)]
    T.ok(len(lines) == len(NAMES), "ls: one line per resource (CR/LF in a name makes no second record)",
         [f"{len(lines)} lines name them"] + diag(rc, out, err))
    T.ok("report.pdf" not in text, "ls: the identity is the href's name, never the displayname",
         diag(rc, out, err))

    rc, out, err = cli("props", base)
    clean, bad = no_raw_controls(out + err)
    T.ok(rc in (0, 2) and clean and all(b"\n/dav/" + shown.encode() + b"\n" in out for _, shown in NAMES),
         "props: every name escaped once, no raw control bytes", [f"found: {bad!r}"] + diag(rc, out, err))

    # A saved answer, explained: the responsedescription's CR/LF are
    # escaped and stay on one line.
    with tempfile.NamedTemporaryFile(suffix=".xml") as saved:
        saved.write(multistatus())
        saved.flush()
        rc, out, err = cli("inspect", "--base", base, saved.name)
    clean, bad = no_raw_controls(out + err)
    # XML turns CR LF into LF (XML 1.0 section 2.11): only the LF is left.
    T.ok(rc in (0, 2) and clean and b"Description: first line\\x0asecond: line\n" in out
         and all(shown.encode() in out for _, shown in NAMES),
         "inspect: names and the responsedescription's CR/LF escaped, one line each",
         [f"found: {bad!r}"] + diag(rc, out, err))

    rc, out, err = cli("ls", "--json", base)
    clean, bad = no_raw_controls(out + err)
    try:
        names = {r.get("name") for r in json.loads(out)["resources"]}
        parsed = True
    except (ValueError, KeyError, TypeError):
        names, parsed = set(), False
    T.ok(parsed and clean, "ls --json: valid JSON, no raw control bytes", [f"found: {bad!r}"] + diag(rc, out, err))
    T.ok(all(shown in names for _, shown in NAMES), "ls --json: names in their escaped form",
         [f"names: {sorted(n for n in names if n)!r}"])


def test_ls_hostile_values(base):
    """Case 27: sizes and dates that are none are shown as unknown ("?")."""
    rc, out, err = cli("ls", base)
    text = out.decode("utf-8", errors="replace")
    rows = [line for line in text.splitlines() if re.search(r"value-\d\.txt", line)]
    bad = [row for row in rows if not re.search(r"\?\s+\?\s+value-\d\.txt|\s\?\s+value-\d\.txt", row)]
    T.ok(len(rows) == len(HOSTILE_VALUES) and not bad,
         "ls: hostile getcontentlength and getlastmodified are shown as '?'",
         [f"rows: {rows!r}"] + diag(rc, out, err))
    nonsense = [v for v, _ in HOSTILE_VALUES if v and v != "-1" and v in text]
    T.ok(not re.search(r"\b-1\s", text) and not nonsense, "ls: no negative or overflowed size is shown",
         [f"rows: {rows!r}"])


def test_rm_escaped_reason(base):
    """Case 23: a status reason with escape sequences is shown escaped."""
    rc, out, err = cli("rm", base + "victim.txt")
    clean, bad = no_raw_controls(out + err)
    T.ok(rc == 2 and clean and b"403" in out + err,
         "rm: a 403 whose reason carries ESC sequences is reported without them",
         [f"found: {bad!r}"] + diag(rc, out, err))


def test_get_local_names(base):
    """Case 26: downloads land inside the folder, under sanitised names, never over a file."""
    cases = [
        (".bashrc", "bashrc"),
        ("-rf", "rf"),
        ("CON", "_CON"),
        ("%2Fetc%2Fpasswd", "download"),
        ("..%2F..%2Fescape.txt", "download"),
        ("%1B%5B2Jx.txt", "_[2Jx.txt"),
        ("a" * 300 + ".txt", None),
    ]
    with tempfile.TemporaryDirectory(prefix="davscope-hostile-") as top:
        work = os.path.join(top, "downloads")
        os.mkdir(work)
        for href, expected in cases:
            before = set(os.listdir(work))
            rc, out, err = cli("get", base + href, cwd=work)
            after = set(os.listdir(work))
            new = sorted(after - before)
            if expected is None:
                good = (rc == 0 and len(new) == 1 and len(new[0].encode()) <= 255
                        and new[0].endswith(".txt") and new[0].startswith("aaaa"))
            else:
                good = rc == 0 and new == [expected]
            T.ok(good and sorted(os.listdir(top)) == ["downloads"],
                 f"get {href[:40]}: saved inside the folder as {expected or 'a shortened name'}",
                 [f"new files: {new!r}", f"next to it: {sorted(os.listdir(top))!r}"] + diag(rc, out, err))
            for name in new:
                os.unlink(os.path.join(work, name))

        # Never over an existing file, unless asked.
        with open(os.path.join(work, "bashrc"), "w") as f:
            f.write("mine\n")
        rc, out, err = cli("get", base + ".bashrc", cwd=work)
        with open(os.path.join(work, "bashrc")) as f:
            kept = f.read()
        T.ok(rc == 1 and kept == "mine\n", "get: an existing local file is not replaced without --force",
             diag(rc, out, err))
        rc, out, err = cli("get", "--force", base + ".bashrc", cwd=work)
        with open(os.path.join(work, "bashrc")) as f:
            replaced = f.read()
        T.ok(rc == 0 and replaced == "payload\n", "get --force replaces it", diag(rc, out, err))


def outward_address():
    """An address of this machine that is not loopback, or None."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))   # no packet is sent for a UDP connect
            address = s.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


def test_basic_over_http(port):
    """Case 35: Basic over plain http to another machine needs --allow-insecure-auth."""
    address = outward_address()
    if address is None:
        T.skip("Basic over http to a non-loopback address", "no non-loopback address")
        return
    url = f"http://{address}:{port}/auth/"
    with Handler.lock:
        Handler.seen.clear()
    rc, out, err = cli("ls", "--user", "alice", url, extra={"DAVSCOPE_PASSWORD": PASSWORD})
    with Handler.lock:
        sent = [auth for _, path, auth in Handler.seen if auth]
    T.ok(rc == 1 and b"--allow-insecure-auth" in err and not sent,
         "ls over http to a non-loopback host: Basic refused, no password sent",
         [f"Authorization headers seen: {len(sent)}"] + diag(rc, out, err))

    rc, out, err = cli("ls", "--allow-insecure-auth", "--user", "alice", url, extra={"DAVSCOPE_PASSWORD": PASSWORD})
    with Handler.lock:
        sent = [auth for _, path, auth in Handler.seen if auth]
    T.ok(rc in (0, 2) and b"warning" in err.lower() and sent,
         "with --allow-insecure-auth: sent, with a warning", diag(rc, out, err))
    T.ok(PASSWORD.encode() not in out + err, "the password never appears in the output", diag(rc, out, err))


@contextlib.contextmanager
def serving_tls(handler, directory):
    """The handler over https on 127.0.0.1, with a self-signed certificate
    made for the occasion; yields (port, the certificate's SHA-256), or
    None when openssl cannot make one."""
    key, pem = os.path.join(directory, "key.pem"), os.path.join(directory, "cert.pem")
    made = shutil.which("openssl") and subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", pem,
         "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
    if not made:
        yield None
        return
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pem, key)
    with open(pem) as f:
        fingerprint = hashlib.sha256(ssl.PEM_cert_to_DER_cert(f.read())).hexdigest()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], fingerprint
    finally:
        server.shutdown()
        server.server_close()


def test_untrusted_certificate():
    """Case 39: a certificate the system does not trust stops every command,
    which names it (the certificate the failed request refused) and sends
    nothing; --insecure is the explicit way past it."""
    with tempfile.TemporaryDirectory() as directory, serving_tls(Handler, directory) as tls:
        if tls is None:
            T.skip("an untrusted certificate is named", "no openssl to make a certificate")
            return
        port, fingerprint = tls
        base = f"https://127.0.0.1:{port}/dav/"
        # GCC 12's LeakSanitizer crashes at exit on the dynamic TLS that
        # GnuTLS leaves in GLib's idle pool threads (see test-tls.c): under
        # AddressSanitizer these runs check memory errors, not leaks.
        extra = {"ASAN_OPTIONS": os.environ["ASAN_OPTIONS"] + ":detect_leaks=0"} if "ASAN_OPTIONS" in os.environ else None
        Handler.seen.clear()
        for args in (("ls", base), ("ls", "--recursive", base), ("mkdir", base + "new/")):
            rc, out, err = cli(*args, extra=extra)
            T.ok(rc == 1 and b"certificate is not trusted" in err and fingerprint.encode() in err.lower()
                 and b"--insecure" in err,
                 f"{' '.join(args[:-1])}: an untrusted certificate is named, with its SHA-256",
                 diag(rc, out, err))
        T.ok(not Handler.seen, "nothing was sent over it", [f"seen: {Handler.seen!r}"])
        rc, out, err = cli("ls", "--insecure", base, extra=extra)
        T.ok(rc in (0, 2) and b"certificate" not in err, "ls --insecure: listed", diag(rc, out, err))


def main():
    if davtest.cli_missing():
        return 0

    # On every address: test_basic_over_http reaches it on a non-loopback one.
    with davtest.serving(Handler, "0.0.0.0") as port:
        base = f"http://127.0.0.1:{port}/dav/"
        for test in (lambda: test_ls_escapes(base), lambda: test_ls_hostile_values(base),
                     lambda: test_rm_escaped_reason(base), lambda: test_get_local_names(base),
                     lambda: test_basic_over_http(port)):
            T.guarded(test, "a test ran to its end")
    T.guarded(test_untrusted_certificate, "a test ran to its end")

    return T.finish()


if __name__ == "__main__":
    sys.exit(main())
