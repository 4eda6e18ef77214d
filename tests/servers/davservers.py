"""Private WebDAV servers for the tests: Apache httpd + mod_dav, nginx +
dav-ext, lighttpd + mod_webdav and sabre/dav under `php -S`.

The shared logic of tests/servers/with-server (any KIND) and
tests/servers/with-apache (apache only, and its `--seed tree:DIR`): one
temporary folder holding the server's config, logs, pid file, lock and
property databases and shares; a free port on 127.0.0.1; the seeds; the
DAVSCOPE_TEST_* variables; and stopping the server by its pid, whatever
happens.  The servers' behaviour is described in with-server's docstring.

Only the Python standard library is used.
"""

import argparse
import base64
import ctypes
import grp
import hashlib
import http.client
import json
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import ssl
import stat
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.realpath(__file__))
sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(HERE))
from davtest import DEMO_NS, DEMO_SPECIAL_NAMES  # noqa: E402  (the tests check what is seeded)

USER = "alice"
PASSWORD = "wonderland-42"
REALM = "Davscope Test"
START_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0

PROG = "with-server"
# With --tls: the context that trusts the server's test CA (http_request).
TLS_CONTEXT = None


def log(msg):
    print(f"{PROG}: {msg}", file=sys.stderr, flush=True)


class Interrupted(Exception):
    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum


def on_signal(signum, _frame):
    raise Interrupted(signum)


def ignore_signals():
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, signal.SIG_IGN)


# bulk:N's ceiling: issue 19's folder of 1,000,000 entries, with room.
BULK_MAX = 2000000


def bulk_name(i, n):
    """bulk:N's names: f00000.txt ..., zero-padded to one width for the
    whole folder (5 digits up to 100,000, as before), so that name order
    is number order at 1,000,000 too."""
    return f"f{i:0{max(5, len(str(n - 1)))}d}.txt"


def parse_seed(value):
    if value in ("none", "demo", "search"):
        return value, 0
    if value.startswith("tree:") and len(value) > 5:
        path = os.path.abspath(value[5:])
        if not os.path.isdir(path):
            raise argparse.ArgumentTypeError(f"tree:{path}: not a folder")
        return "tree", path
    m = re.fullmatch(r"bulk:(\d+)", value)
    if m and 0 <= int(m.group(1)) <= BULK_MAX:
        return "bulk", int(m.group(1))
    raise argparse.ArgumentTypeError(f"expected none, demo, search, bulk:N (0 <= N <= {BULK_MAX}) or tree:DIR")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def traversable_by_others(path):
    path = os.path.realpath(path)
    while True:
        if not os.stat(path).st_mode & stat.S_IXOTH:
            return False
        parent = os.path.dirname(path)
        if parent == path:
            return True
        path = parent


def choose_tmp_parent(requested, identity, files=0):
    """Where the server's folder goes: --tmpdir, else $DAVSCOPE_TEST_TMPDIR,
    else /dev/shm when it is a roomy tmpfs with inodes for @files more
    (creating files there is far faster than on disk, which matters for
    bulk:N), else the usual temporary directory."""
    if requested:
        return requested
    if os.environ.get("DAVSCOPE_TEST_TMPDIR"):
        return os.environ["DAVSCOPE_TEST_TMPDIR"]
    candidates = []
    try:
        st = os.statvfs("/dev/shm")
        if (st.f_bavail * st.f_frsize >= 256 << 20 and st.f_favail >= 200000 + files
                and os.access("/dev/shm", os.W_OK | os.X_OK)):
            candidates.append("/dev/shm")
    except OSError:
        pass
    candidates += [tempfile.gettempdir(), "/tmp", "/var/tmp"]
    for c in candidates:
        if os.path.isdir(c) and os.access(c, os.W_OK | os.X_OK) and (
                not identity or traversable_by_others(c)):
            return c
    return None


def server_identity():
    """(user, group, uid, gid) the server runs as when we run as root."""
    for user, group in (("www-data", "www-data"), ("nobody", "nogroup")):
        try:
            return user, group, pwd.getpwnam(user).pw_uid, grp.getgrnam(group).gr_gid
        except KeyError:
            continue
    raise SystemExit(f"{PROG}: running as root but neither www-data nor nobody exists")


def become_subreaper():
    """Orphans in our subtree (php -S's workers when their parent is gone
    first) become our children, so that stop() can reap them."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except Exception:
        pass


def set_pdeathsig(umask=0o022):
    """Runs in a child before exec (after any change of user): get SIGTERM
    if we die (e.g. SIGKILLed by a test runner), so that the server and
    COMMAND never outlive us."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
    except Exception:
        pass
    if umask is not None:
        os.umask(umask)


def write_file(path, data):
    with open(path, "wb") as f:
        f.write(data)


def write_credentials(conf_dir):
    """htpasswd ({SHA}, read by Apache and nginx) and htdigest (Apache,
    lighttpd for Basic and Digest, sabre/dav for Digest)."""
    sha = base64.b64encode(hashlib.sha1(PASSWORD.encode()).digest()).decode()
    write_file(os.path.join(conf_dir, "htpasswd"), f"{USER}:{{SHA}}{sha}\n".encode())
    ha1 = hashlib.md5(f"{USER}:{REALM}:{PASSWORD}".encode()).hexdigest()
    write_file(os.path.join(conf_dir, "htdigest"), f"{USER}:{REALM}:{ha1}\n".encode())


def mime_types():
    """[(extension, type)] from /etc/mime.types, or a few common ones."""
    table = {}
    try:
        with open("/etc/mime.types", errors="replace") as f:
            for line in f:
                words = line.split("#", 1)[0].split()
                for ext in words[1:]:
                    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.+-]*", ext):
                        table.setdefault(ext.lower(), words[0])
    except OSError:
        pass
    if not table:
        table = {"txt": "text/plain", "md": "text/markdown", "xml": "application/xml",
                 "html": "text/html", "jpg": "image/jpeg", "svg": "image/svg+xml",
                 "c": "text/x-csrc"}
    return sorted(table.items())


# --------------------------------------------------------------- seeding
#
# DEMO_NS and DEMO_SPECIAL_NAMES come from tests/davtest.py, where the tests
# that check the demo share read them too.


def seed_demo_files(share, what):
    """Folders nested 3 levels deep and a few hundred small files."""
    def d(*parts):
        p = os.path.join(share, *parts)
        os.makedirs(p, exist_ok=True)
        return p

    # Top-level files with awkward names.
    for name in DEMO_SPECIAL_NAMES:
        write_file(os.path.join(share, name), f"This file is called {name!r}.\n".encode())
    write_file(os.path.join(share, "README.txt"),
               f"Davscope demo share ({what}), seeded by tests/servers/{PROG}.\n"
               "'Locked Folder/locked.txt' holds an exclusive lock: deleting 'Locked Folder'\n"
               "fails (Apache: a 207 Multi-Status containing 423 Locked).\n".encode())
    write_file(os.path.join(share, "Properties Demo.txt"),
               b"This file has dead properties in the namespace " + DEMO_NS.encode() + b".\n")

    # Documents: 3 levels (Documents/Reports/2023/...).
    for year in (2022, 2023, 2024):
        for q in range(1, 5):
            p = d("Documents", "Reports", str(year), f"Q{q}")
            for i in range(1, 6):
                write_file(os.path.join(p, f"report {year}-Q{q} #{i}.txt"),
                           f"Report {i} for Q{q} {year}\n".encode() * (i * 3))
    p = d("Documents", "Letters")
    for i in range(1, 21):
        write_file(os.path.join(p, f"letter-{i:02d}.md"), f"# Letter {i}\n\nDear reader,\n".encode())
    d("Documents", "Empty Folder")

    # Photos with special characters in folder names.
    for album in ("Holiday 2024", "Größe & Farbe", "写真 #1", "100% sun + sea"):
        p = d("Photos", album)
        for i in range(1, 16):
            write_file(os.path.join(p, f"IMG_{i:04d}.jpg"), bytes([0xFF, 0xD8, 0xFF, 0xE0]) + bytes(i * 16))

    # Projects: deeper nesting, mixed types.
    for proj in ("alpha", "beta", "gamma"):
        for sub in ("src", "docs", "assets"):
            p = d("Projects", proj, sub)
            for i in range(1, 9):
                ext = {"src": "c", "docs": "md", "assets": "svg"}[sub]
                write_file(os.path.join(p, f"{sub}-{i}.{ext}"), f"/* {proj}/{sub} {i} */\n".encode())

    # Many files in one folder.
    p = d("Many Files")
    for i in range(150):
        write_file(os.path.join(p, f"file-{i:03d}.txt"), f"file number {i}\n".encode())

    # The folder with a locked member (locked over HTTP later).
    p = d("Locked Folder")
    write_file(os.path.join(p, "locked.txt"), b"This file is exclusively locked by 'demo'.\n")
    for i in range(1, 6):
        write_file(os.path.join(p, f"unlocked-{i}.txt"), f"not locked {i}\n".encode())
    p = d("Locked Folder", "Subfolder")
    write_file(os.path.join(p, "inner.txt"), b"inner\n")


SEARCH_COLOUR = "Ultramarine Blue"


def seed_search_files(share):
    """For Search Below Here: a file three levels down, one to be given a
    dead property, and a folder the server refuses to list (Apache: see
    DavServer.denied)."""
    def d(*parts):
        p = os.path.join(share, *parts)
        os.makedirs(p, exist_ok=True)
        return p

    write_file(os.path.join(share, "notes.txt"), b"Nothing to find here.\n")
    write_file(os.path.join(d("Archive", "2019", "Deep"), "needle-report.txt"), b"found three levels down\n")
    for i in range(1, 6):
        write_file(os.path.join(d("Archive", "2019"), f"other-{i}.txt"), b"hay\n")
    write_file(os.path.join(d("Archive"), "colour-sample.txt"), b"has a dead property\n")
    write_file(os.path.join(d("Sealed"), "needle-hidden.txt"), b"never listed\n")


def seed_search_props(port):
    path = "/dav/Archive/colour-sample.txt"
    body = f"""<?xml version="1.0" encoding="utf-8"?>
<D:propertyupdate xmlns:D="DAV:" xmlns:x="{DEMO_NS}">
  <D:set><D:prop><x:colour>{SEARCH_COLOUR}</x:colour></D:prop></D:set>
</D:propertyupdate>
"""
    status, _, data = http_request(port, "PROPPATCH", path, body)
    if not (status == 207 and b"200" in data or status == 204):
        raise RuntimeError(f"PROPPATCH {path} failed: {status} {data[:500]!r}")


def seed_bulk_files(share, n, identity):
    """Empty files bulk/f00000.txt ... written straight to disk (owned by
    the server's user when root, so that fix_tree() need not walk them
    again).  Empty, so that they cost no page each on tmpfs.  Opened
    relative to the folder's descriptor: 1,000,000 files take ~10 s on
    tmpfs."""
    p = os.path.join(share, "bulk")
    os.mkdir(p)
    old_umask = os.umask(0)
    dfd = os.open(p, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    try:
        for i in range(n):
            fd = os.open(bulk_name(i, n), flags, 0o666, dir_fd=dfd)
            try:
                if identity:
                    os.fchown(fd, identity[2], identity[3])
            finally:
                os.close(fd)
    finally:
        os.close(dfd)
        os.umask(old_umask)
    return p


def fix_tree(share, identity, skip=()):
    """Make everything in share usable by the server's user (root only):
    owned by it, folders 0777, files 0666.  Folders in skip are fixed but
    not walked."""
    uid, gid = identity[2], identity[3]
    os.chown(share, uid, gid)
    os.chmod(share, 0o777)
    for dirpath, dirnames, filenames in os.walk(share):
        if dirpath in skip:
            dirnames[:] = []
            continue
        for name in dirnames:
            p = os.path.join(dirpath, name)
            os.chown(p, uid, gid)
            os.chmod(p, 0o777)
        for name in filenames:
            p = os.path.join(dirpath, name)
            os.chown(p, uid, gid)
            os.chmod(p, 0o666)


def http_request(port, method, path, body=None, headers=None):
    if TLS_CONTEXT is not None:
        conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=30, context=TLS_CONTEXT)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        hdrs = dict(headers or {})
        if body is not None:
            body = body.encode("utf-8")
            hdrs.setdefault("Content-Type", 'application/xml; charset="utf-8"')
        conn.request(method, path, body=body, headers=hdrs)
        resp = conn.getresponse()
        return resp.status, dict((k.lower(), v) for k, v in resp.getheaders()), resp.read()
    finally:
        conn.close()


def seed_demo_props(port):
    path = "/dav/" + urllib.parse.quote("Properties Demo.txt")
    body = f"""<?xml version="1.0" encoding="utf-8"?>
<D:propertyupdate xmlns:D="DAV:" xmlns:x="{DEMO_NS}">
  <D:set>
    <D:prop>
      <x:author>Alice Liddell</x:author>
      <x:tags><x:tag>demo</x:tag><x:tag>sample</x:tag><x:tag priority="high">wonderland</x:tag></x:tags>
      <x:reviewed>2024-05-01T12:00:00Z</x:reviewed>
    </D:prop>
  </D:set>
</D:propertyupdate>
"""
    status, _, data = http_request(port, "PROPPATCH", path, body)
    # lighttpd answers a PROPPATCH that did it all with 204 and no body.
    if not (status == 207 and b"200" in data or status == 204):
        raise RuntimeError(f"PROPPATCH {path} failed: {status} {data[:500]!r}")
    status, _, data = http_request(port, "PROPFIND", path, f"""<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:" xmlns:x="{DEMO_NS}"><D:prop><x:author/></D:prop></D:propfind>
""", {"Depth": "0"})
    if status != 207 or b"Alice Liddell" not in data:
        raise RuntimeError(f"PROPPATCH {path} answered, but PROPFIND does not find "
                           f"the author: {status} {data[:500]!r}")


def seed_demo_lock(port):
    path = "/dav/" + urllib.parse.quote("Locked Folder/locked.txt")
    body = """<?xml version="1.0" encoding="utf-8"?>
<D:lockinfo xmlns:D="DAV:">
  <D:lockscope><D:exclusive/></D:lockscope>
  <D:locktype><D:write/></D:locktype>
  <D:owner>demo</D:owner>
</D:lockinfo>
"""
    status, headers, data = http_request(port, "LOCK", path, body,
                                         {"Timeout": "Infinite", "Depth": "0"})
    token = headers.get("lock-token", "").strip().strip("<>")
    if status != 200 or not token:
        raise RuntimeError(f"LOCK {path} failed: {status} {data[:500]!r}")
    log(f"demo: locked {path} with lock token {token}")
    return {"DAVSCOPE_TEST_DEMO_LOCKED_PATH": path, "DAVSCOPE_TEST_DEMO_LOCK_TOKEN": token}


# --------------------------------------------------------------- servers


def make_test_ca(conf_dir):
    """--tls: a CA and a certificate for 127.0.0.1 and localhost signed by
    it, made now with openssl (P-256, valid two days).  Returns the paths
    (ca.pem, server.pem, server.key).  Nothing trusts the CA unless told to:
    a client is given ca.pem (DAVSCOPE_TEST_CA_FILE) explicitly."""
    ca_key, ca_pem = os.path.join(conf_dir, "ca.key"), os.path.join(conf_dir, "ca.pem")
    key, csr, pem = (os.path.join(conf_dir, n) for n in ("server.key", "server.csr", "server.pem"))
    ext = os.path.join(conf_dir, "server.ext")
    write_file(ext, b"basicConstraints=critical,CA:FALSE\n"
                    b"keyUsage=critical,digitalSignature\n"
                    b"extendedKeyUsage=serverAuth\n"
                    b"subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    for argv in (
        ["req", "-x509", *ec, "-keyout", ca_key, "-out", ca_pem, "-days", "2",
         "-subj", "/CN=Davscope Test CA", "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
        ["req", *ec, "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1"],
        ["x509", "-req", "-in", csr, "-CA", ca_pem, "-CAkey", ca_key, "-CAcreateserial",
         "-out", pem, "-days", "2", "-extfile", ext],
    ):
        run = subprocess.run(["openssl", *argv], stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if run.returncode != 0:
            raise RuntimeError(f"openssl {argv[0]} failed: {run.stdout.decode(errors='replace').strip()}")
    return ca_pem, pem, key


CLIENT_P12_PASSWORD = "locked-p12"


def make_client_certificate(conf_dir, ca_pem):
    """--client-cert: a client certificate signed by the test CA
    (CN=davscope-test-client), as a PEM file with its key, a PKCS#12 file
    without a password and one with CLIENT_P12_PASSWORD.  Returns the
    three paths."""
    ca_key = os.path.join(conf_dir, "ca.key")
    key, csr, crt = (os.path.join(conf_dir, n) for n in ("client.key", "client.csr", "client.crt"))
    pem, p12, locked = (os.path.join(conf_dir, n) for n in ("client.pem", "client.p12", "client-locked.p12"))
    ext = os.path.join(conf_dir, "client.ext")
    write_file(ext, b"basicConstraints=critical,CA:FALSE\n"
                    b"keyUsage=critical,digitalSignature\n"
                    b"extendedKeyUsage=clientAuth\n")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    for argv in (
        ["req", *ec, "-keyout", key, "-out", csr, "-subj", "/CN=davscope-test-client"],
        ["x509", "-req", "-in", csr, "-CA", ca_pem, "-CAkey", ca_key, "-CAcreateserial",
         "-out", crt, "-days", "2", "-extfile", ext],
        ["pkcs12", "-export", "-in", crt, "-inkey", key, "-out", p12, "-passout", "pass:"],
        ["pkcs12", "-export", "-in", crt, "-inkey", key, "-out", locked, "-passout", f"pass:{CLIENT_P12_PASSWORD}"],
    ):
        run = subprocess.run(["openssl", *argv], stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if run.returncode != 0:
            raise RuntimeError(f"openssl {argv[0]} failed: {run.stdout.decode(errors='replace').strip()}")
    with open(pem, "w") as out:
        for part in (crt, key):
            with open(part) as f:
                out.write(f.read())
    os.chmod(pem, 0o600)
    return pem, p12, locked


class DavServer:
    """One server in its own folder.  A subclass says which shares it has,
    writes its config and names its command line."""
    kind = None
    title = None             # for the demo README
    process = None           # what the messages call it
    binary = None
    install_hint = None
    requires = ()            # (file, Debian package) besides the binary
    shares = ("dav",)
    dead_props = True        # PROPPATCH can set dead properties
    log_names = ()           # in logs/, shown after startup.log on failure
    run_as_identity = False  # we drop privileges ourselves (the server cannot)
    can_tls = False          # --tls: https (and HTTP/2 where the server has it)

    def __init__(self, keep):
        self.keep = keep
        self.root = None
        self.proc = None
        self.port = None
        self.dav_dir = None
        self.identity = None
        self.ready_headers = {}
        # URL paths every request to which is refused with 403 (Apache).
        self.denied = ()
        self.tls = False
        self.client_cert = False   # --client-cert: mutual TLS required
        self.ca_file = None

    def missing(self):
        """Why the server cannot run here, or None."""
        if not os.access(self.binary, os.X_OK):
            return f"{self.binary} not found (apt-get install {self.install_hint})"
        if self.client_cert and not self.tls:
            return "--client-cert needs --tls"
        if self.tls and not self.can_tls:
            return f"--tls is not offered for {self.kind}"
        if self.tls and shutil.which("openssl") is None:
            return "openssl not found (apt-get install openssl)"
        for path, package in self.requires:
            if not os.path.exists(path):
                return f"{path} not found (apt-get install {package})"
        return None

    def path(self, *parts):
        return os.path.join(self.root, *parts)

    def dump_logs(self):
        for name in ("startup.log",) + self.log_names:
            p = self.path("logs", name)
            try:
                with open(p, errors="replace") as f:
                    text = f.read()
            except OSError:
                continue
            if text.strip():
                sys.stderr.write(f"----- {p} -----\n{text}")
                if not text.endswith("\n"):
                    sys.stderr.write("\n")
        sys.stderr.flush()

    def prepare(self, identity, tmp_parent, dav_dir=None):
        self.identity = identity
        self.dav_dir = dav_dir
        self.root = tempfile.mkdtemp(prefix=f"davscope-{self.kind}-", dir=tmp_parent)
        os.chmod(self.root, 0o755)
        for sub in ("conf", "logs", "run", "var", "tmp", "www"):
            os.mkdir(self.path(sub), 0o755)
        for share in self.shares:
            os.mkdir(self.path("www", share))
        if identity:
            # var/: lock and property databases; tmp/: request bodies;
            # logs/ and run/: for servers that run as that user from the start.
            for sub in ("var", "tmp", "logs", "run"):
                os.chown(self.path(sub), identity[2], identity[3])
        write_credentials(self.path("conf"))
        if self.tls:
            global TLS_CONTEXT
            self.ca_file, self.cert_file, self.key_file = make_test_ca(self.path("conf"))
            TLS_CONTEXT = ssl.create_default_context(cafile=self.ca_file)
            if self.client_cert:
                self.client_files = make_client_certificate(self.path("conf"), self.ca_file)
                TLS_CONTEXT.load_cert_chain(self.client_files[0])
        self.port = free_port()
        self.write_config()

    def write_config(self):
        raise NotImplementedError

    def argv(self):
        raise NotImplementedError

    def env(self):
        env = dict(os.environ)
        env["LANG"] = "C"
        return env

    def share(self, name):
        if name == "dav" and self.dav_dir:
            return self.dav_dir
        return self.path("www", name)

    def version(self):
        """e.g. nginx/1.22.1: from the binary's -v output."""
        out = subprocess.run([self.binary, "-v"], stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT).stdout
        m = re.search(rb"\b([A-Za-z]+/\d[\w.]*)", out)
        return m.group(1).decode() if m else "unknown"

    def start(self):
        identity = self.identity if self.run_as_identity else None
        startup = open(self.path("logs", "startup.log"), "wb")
        if identity:
            os.fchown(startup.fileno(), identity[2], identity[3])
        t0 = time.monotonic()
        try:
            self.proc = subprocess.Popen(
                self.argv(), stdin=subprocess.DEVNULL, stdout=startup, stderr=startup,
                env=self.env(), cwd=self.root, start_new_session=True,
                user=identity[2] if identity else None,
                group=identity[3] if identity else None,
                extra_groups=[] if identity else None,
                preexec_fn=set_pdeathsig)
        finally:
            startup.close()
        deadline = t0 + START_TIMEOUT
        while True:
            if self.proc.poll() is not None:
                log(f"{self.process} exited during startup with status {self.proc.returncode}")
                self.dump_logs()
                return False
            try:
                status, headers, _ = http_request(self.port, "OPTIONS", "/dav/")
                # nginx's dav-ext says "DAV: 2" alone, the others "1, 2", ...
                if status == 200 and re.search(r"\b[12]\b", headers.get("dav", "")):
                    self.ready_headers = headers
                    break
                log(f"unexpected answer to OPTIONS /dav/: {status} {headers}")
                self.dump_logs()
                return False
            except (OSError, http.client.HTTPException):
                pass
            if time.monotonic() > deadline:
                log(f"{self.process} did not answer on 127.0.0.1:{self.port} "
                    f"within {START_TIMEOUT:.0f} s")
                self.dump_logs()
                return False
            time.sleep(0.02)
        log(f"{self.process} (pid {self.proc.pid}) ready on 127.0.0.1:{self.port} "
            f"in {time.monotonic() - t0:.2f} s")
        return True

    def stop(self):
        proc = self.proc
        if proc is None:
            return
        self.proc = None
        pid = proc.pid
        if proc.returncode is None:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            # Wait without reaping, so that the process group id cannot be
            # reused before killpg() below.
            deadline = time.monotonic() + STOP_TIMEOUT
            exited = False
            while time.monotonic() < deadline:
                try:
                    if os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT):
                        exited = True
                        break
                except ChildProcessError:
                    exited = True
                    break
                time.sleep(0.02)
            if not exited:
                log(f"{self.process} (pid {pid}) ignored SIGTERM for {STOP_TIMEOUT:.0f} s; killing it")
        # Whatever is left in the server's process group (workers) dies now.
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        proc.wait()
        # Reap the workers that outlived their parent (php -S leaves its
        # workers behind on SIGTERM), until the process group is empty.
        deadline = time.monotonic() + STOP_TIMEOUT
        while time.monotonic() < deadline:
            try:
                while os.waitpid(-1, os.WNOHANG)[0] > 0:
                    pass
            except ChildProcessError:
                pass
            try:
                os.killpg(pid, 0)
            except (ProcessLookupError, PermissionError):
                break
            time.sleep(0.01)

    def cleanup(self):
        if self.root is None:
            return
        if self.keep:
            log(f"keeping {self.root}")
        else:
            shutil.rmtree(self.root, ignore_errors=True)
        self.root = None


class Apache(DavServer):
    kind = "apache"
    title = "Apache mod_dav"
    process = "httpd"
    binary = os.environ.get("DAVSCOPE_APACHE2", "/usr/sbin/apache2")
    install_hint = "apache2"
    shares = ("dav", "basic", "digest")
    log_names = ("error_log",)
    can_tls = True
    module_dir = os.environ.get("DAVSCOPE_APACHE2_MODULES", "/usr/lib/apache2/modules")
    # mod_unixd, mod_log_config and mod_logio are compiled into Debian's apache2.
    modules = [
        ("mpm_event_module", "mod_mpm_event.so"),
        ("authn_core_module", "mod_authn_core.so"),
        ("authn_file_module", "mod_authn_file.so"),
        ("authz_core_module", "mod_authz_core.so"),
        ("authz_user_module", "mod_authz_user.so"),
        ("auth_basic_module", "mod_auth_basic.so"),
        ("auth_digest_module", "mod_auth_digest.so"),
        ("mime_module", "mod_mime.so"),
        ("dav_module", "mod_dav.so"),
        ("dav_fs_module", "mod_dav_fs.so"),
    ]

    def write_config(self):
        root, www, identity, dav_dir = self.root, self.path("www"), self.identity, self.dav_dir
        mime = "/etc/mime.types"
        if not os.path.exists(mime):
            mime = self.path("conf", "mime.types")
            write_file(mime, "".join(f"{t} {e}\n" for e, t in mime_types()).encode())
        lines = [
            f"# Generated by tests/servers/{PROG}; not Debian's /etc/apache2.",
            f'ServerRoot "{root}"',
            f'DefaultRuntimeDir "{root}/run"',
            f'PidFile "{root}/run/httpd.pid"',
            f"Listen 127.0.0.1:{self.port}",
            "ServerName 127.0.0.1",
            "ServerAdmin davscope-tests@localhost",
            "ServerTokens Prod",
            "",
        ]
        lines += [f'LoadModule {name} "{self.module_dir}/{so}"' for name, so in self.modules]
        if dav_dir:
            lines.append(f'LoadModule alias_module "{self.module_dir}/mod_alias.so"')
        if self.tls:
            # https for the whole server, HTTP/2 offered first in ALPN
            # (mod_http2's default of 100 streams per connection).
            lines += [
                f'LoadModule ssl_module "{self.module_dir}/mod_ssl.so"',
                f'LoadModule http2_module "{self.module_dir}/mod_http2.so"',
                "SSLEngine on",
                f'SSLCertificateFile "{self.cert_file}"',
                f'SSLCertificateKeyFile "{self.key_file}"',
                "Protocols h2 http/1.1",
            ]
            if self.client_cert:
                # Mutual TLS for the whole server: no certificate signed
                # by the test CA, no connection.
                lines += [
                    "SSLVerifyClient require",
                    "SSLVerifyDepth 1",
                    f'SSLCACertificateFile "{self.ca_file}"',
                ]
        if identity:
            lines += ["", f"User {identity[0]}", f"Group {identity[1]}"]
        lines += [
            "",
            "StartServers 1",
            "ServerLimit 4",
            "ThreadsPerChild 25",
            "MinSpareThreads 25",
            "MaxSpareThreads 75",
            "MaxRequestWorkers 100",
            "Timeout 60",
            "KeepAlive On",
            "MaxKeepAliveRequests 0",
            "KeepAliveTimeout 5",
            "TraceEnable Off",
            "",
            "LogLevel warn",
            f'ErrorLog "{root}/logs/error_log"',
            'LogFormat "%h %l %u %t \\"%r\\" %>s %b %D" davscope',
            f'CustomLog "{root}/logs/access_log" davscope',
            # The preconditions each request carried, for tests of
            # conditional uploads (tests/ui/test-open.py).
            'LogFormat "%m %U %>s if-match=%{If-Match}i if-none-match=%{If-None-Match}i '
            'if-unmodified-since=%{If-Unmodified-Since}i" davscope-conditions',
            f'CustomLog "{root}/logs/conditions_log" davscope-conditions',
            "",
            f'TypesConfig "{mime}"',
            "",
            f'DavLockDB "{root}/var/DavLock"',
            "DavDepthInfinity On",
            "LimitXMLRequestBody 104857600",
            "",
            f'DocumentRoot "{www}"',
            "<Directory />",
            "    Options None",
            "    AllowOverride None",
            "    Require all denied",
            "</Directory>",
        ]
        for share in self.shares:
            lines += [
                f'<Directory "{www}/{share}">',
                "    Options None",
                "    AllowOverride None",
                "    Require all granted",
                "</Directory>",
            ]
        if dav_dir:
            lines += [
                f'Alias "/dav" "{dav_dir}"',
                f'<Directory "{dav_dir}">',
                "    Options None",
                "    AllowOverride None",
                "    Require all granted",
                "</Directory>",
            ]
        lines += [
            "",
            '<Location "/dav">',
            "    Dav On",
            "    Require all granted",
            "</Location>",
        ]
        for path in self.denied:
            lines += [f'<Location "{path}">', "    Require all denied", "</Location>"]
        lines += [
            "",
            '<Location "/basic">',
            "    Dav On",
            "    AuthType Basic",
            f'    AuthName "{REALM}"',
            "    AuthBasicProvider file",
            f'    AuthUserFile "{root}/conf/htpasswd"',
            "    Require valid-user",
            "</Location>",
            "",
            '<Location "/digest">',
            "    Dav On",
            "    AuthType Digest",
            f'    AuthName "{REALM}"',
            "    AuthDigestDomain /digest/",
            "    AuthDigestProvider file",
            f'    AuthUserFile "{root}/conf/htdigest"',
            "    Require valid-user",
            "</Location>",
            "",
        ]
        # Lines a benchmark adds (benchmarks/run --rtt: DavDepthInfinity
        # Off, H2MaxSessionStreams, a log of request start times); paths
        # in them are relative to the ServerRoot.
        extra = os.environ.get("DAVSCOPE_TEST_APACHE_CONF")
        if extra:
            lines += ["", "# DAVSCOPE_TEST_APACHE_CONF", *extra.split("\n")]
        self.conf = self.path("conf", "httpd.conf")
        write_file(self.conf, "\n".join(lines).encode())

    def argv(self):
        return [self.binary, "-DFOREGROUND", "-d", self.root, "-f", self.conf]

    def env(self):
        env = {k: v for k, v in super().env().items() if not k.startswith("APACHE_")}
        env["APACHE_RUN_DIR"] = self.path("run")
        env["APACHE_PID_FILE"] = self.path("run", "httpd.pid")
        env["APACHE_LOCK_DIR"] = self.path("run")
        env["APACHE_LOG_DIR"] = self.path("logs")
        return env


class Nginx(DavServer):
    kind = "nginx"
    title = "nginx with dav-ext"
    process = "nginx"
    binary = os.environ.get("DAVSCOPE_NGINX", "/usr/sbin/nginx")
    install_hint = "nginx-core libnginx-mod-http-dav-ext"
    shares = ("dav", "basic")
    dead_props = False
    log_names = ("error.log",)
    module = os.environ.get("DAVSCOPE_NGINX_DAV_EXT",
                            "/usr/lib/nginx/modules/ngx_http_dav_ext_module.so")
    requires = ((module, "libnginx-mod-http-dav-ext"),)


    def write_config(self):
        q = json.dumps  # a double-quoted string nginx reads back as it was

        def dav(share, *extra):
            where = (f"alias {q(self.dav_dir.rstrip('/') + '/')};"
                     if share == "dav" and self.dav_dir else f"root {q(self.path('www'))};")
            return [
                f"        location /{share}/ {{",
                f"            {where}",
                "            dav_methods PUT DELETE MKCOL COPY MOVE;",
                "            dav_ext_methods PROPFIND OPTIONS LOCK UNLOCK;",
                "            dav_ext_lock zone=davscope;",
                "            dav_access user:rw group:rw all:r;",
                "            create_full_put_path on;",
                "            autoindex off;",
                *[f"            {line}" for line in extra],
                "        }",
            ]

        lines = [
            f"# Generated by tests/servers/{PROG}; not Debian's /etc/nginx.",
            f"load_module {q(self.module)};",
            f"user {self.identity[0]} {self.identity[1]};" if self.identity else "",
            "worker_processes 2;",
            f"pid {q(self.path('run', 'nginx.pid'))};",
            f"error_log {q(self.path('logs', 'error.log'))} warn;",
            "events {",
            "    worker_connections 512;",
            "}",
            "http {",
            "    types {",
            *[f"        {t} {e};" for e, t in mime_types()],
            "    }",
            "    types_hash_max_size 4096;",
            "    default_type application/octet-stream;",
            "    log_format davscope '$remote_addr [$time_local] \"$request\" $status "
            "$body_bytes_sent $request_time';",
            f"    access_log {q(self.path('logs', 'access.log'))} davscope;",
            *[f"    {kind}_temp_path {q(self.path('tmp', kind))};"
              for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")],
            "    sendfile on;",
            "    keepalive_timeout 5;",
            "    dav_ext_lock_zone zone=davscope:1m timeout=1h;",
            "    server {",
            f"        listen 127.0.0.1:{self.port};",
            "        server_name 127.0.0.1;",
            "        client_max_body_size 1g;",
            "        location / {",
            "            return 404;",
            "        }",
            *dav("dav"),
            *dav("basic", f"auth_basic {q(REALM)};",
                 f"auth_basic_user_file {q(self.path('conf', 'htpasswd'))};"),
            "    }",
            "}",
            "",
        ]
        self.conf = self.path("conf", "nginx.conf")
        write_file(self.conf, "\n".join(lines).encode())

    def argv(self):
        return [self.binary, "-p", self.root + "/", "-c", self.conf,
                "-e", self.path("logs", "error.log"), "-g", "daemon off;"]


class Lighttpd(DavServer):
    kind = "lighttpd"
    title = "lighttpd mod_webdav"
    process = "lighttpd"
    binary = os.environ.get("DAVSCOPE_LIGHTTPD", "/usr/sbin/lighttpd")
    install_hint = "lighttpd lighttpd-mod-webdav"
    shares = ("dav", "basic", "digest")
    log_names = ("error.log",)
    module_dir = os.environ.get("DAVSCOPE_LIGHTTPD_MODULES", "/usr/lib/lighttpd")
    requires = ((os.path.join(module_dir, "mod_webdav.so"), "lighttpd-mod-webdav"),)
    # Not server.username: a process that gives up root loses its
    # parent-death signal, and lighttpd has no master to stop it.
    run_as_identity = True


    def write_config(self):
        q = json.dumps
        db = self.path("var", "webdav.db")
        # Created now, so that it belongs to the server's user whoever opens it.
        write_file(db, b"")
        if self.identity:
            os.chown(db, self.identity[2], self.identity[3])

        def dav(share, method=None):
            lines = [
                f'$HTTP["url"] =^ "/{share}/" {{',
                '    webdav.activate = "enable"',
                '    webdav.is-readonly = "disable"',
                f"    webdav.sqlite-db-name = {q(db)}",
            ]
            if method:
                lines += [
                    "    auth.require = ( \"\" => (",
                    f'        "method" => "{method}", "realm" => {q(REALM)}, "require" => "valid-user"))',
                ]
            return lines + ["}"]

        lines = [
            f"# Generated by tests/servers/{PROG}; not Debian's /etc/lighttpd.",
            # No mod_indexfile, no mod_dirlisting: no HTML listings, ever.
            'server.compat-module-load = "disable"',
            'server.modules = ( "mod_alias", "mod_auth", "mod_authn_file",',
            '                   "mod_webdav", "mod_staticfile", "mod_accesslog" )',
            'server.bind = "127.0.0.1"',
            f"server.port = {self.port}",
            f"server.document-root = {q(self.path('www'))}",
            f"server.pid-file = {q(self.path('run', 'lighttpd.pid'))}",
            f"server.errorlog = {q(self.path('logs', 'error.log'))}",
            f"accesslog.filename = {q(self.path('logs', 'access.log'))}",
            f"server.upload-dirs = ( {q(self.path('tmp'))} )",
            "server.max-request-size = 1048576",
            'server.max-keep-alive-idle = 5',
            'auth.backend = "htdigest"',
            f"auth.backend.htdigest.userfile = {q(self.path('conf', 'htdigest'))}",
            "mimetype.assign = (",
            *[f'    ".{e}" => "{t}",' for e, t in mime_types()],
            ")",
        ]
        if self.dav_dir:
            lines.append(f'alias.url = ( "/dav/" => {q(self.dav_dir.rstrip("/") + "/")} )')
        lines += dav("dav") + dav("basic", "basic") + dav("digest", "digest") + [""]
        self.conf = self.path("conf", "lighttpd.conf")
        write_file(self.conf, "\n".join(lines).encode())

    def argv(self):
        return [self.binary, "-D", "-f", self.conf, "-m", self.module_dir]


class Sabre(DavServer):
    kind = "sabre"
    title = "sabre/dav 1.8 under php -S"
    process = "php -S"
    binary = os.environ.get("DAVSCOPE_PHP", "/usr/bin/php")
    install_hint = "php-cli php-sabre-dav php-xml php-mbstring"
    requires = (("/usr/share/php/Sabre/autoload.php", "php-sabre-dav"),)
    shares = ("dav", "basic", "digest")
    log_names = ("php-errors.log",)
    run_as_identity = True


    def write_config(self):
        # The router goes in conf/ too: the server's user may not reach ours.
        shutil.copy(os.path.join(HERE, "sabre-server.php"), self.path("conf", "router.php"))
        os.mkdir(self.path("www", "docroot"), 0o755)
        errors = self.path("logs", "php-errors.log")
        write_file(errors, b"")
        if self.identity:
            os.chown(errors, self.identity[2], self.identity[3])
        config = {
            "realm": REALM,
            "user": USER,
            "password": PASSWORD,
            "htdigest": self.path("conf", "htdigest"),
            "shares": {share: {"path": self.share(share),
                               "locks": self.path("var", f"locks-{share}"),
                               "auth": None if share == "dav" else share}
                       for share in self.shares},
        }
        write_file(self.path("conf", "sabre.json"), json.dumps(config, indent=2).encode())

    def argv(self):
        ini = {
            "display_errors": "0",
            "display_startup_errors": "0",
            "html_errors": "0",
            "log_errors": "1",
            "error_log": self.path("logs", "php-errors.log"),
            "error_reporting": str(32767),  # E_ALL
            "memory_limit": "512M",
            "post_max_size": "0",
            "max_execution_time": "0",
            "output_buffering": "0",
            "include_path": ".:/usr/share/php",
        }
        # php -S dies of SIGTERM and leaves its workers serving: a shell
        # leads the process group and kills it all on SIGTERM (ours, or the
        # parent-death signal when we are killed).
        return ["/bin/sh", "-c", 'trap "kill -KILL 0" TERM INT HUP; "$@" & wait $!', "sh",
                self.binary, *[f"-d{k}={v}" for k, v in ini.items()],
                "-S", f"127.0.0.1:{self.port}", "-t", self.path("www", "docroot"),
                self.path("conf", "router.php")]

    def env(self):
        env = super().env()
        env["PHP_CLI_SERVER_WORKERS"] = "4"
        return env

    def version(self):
        sabre = self.ready_headers.get("x-sabre-version", "unknown")
        php = self.ready_headers.get("x-powered-by", "")
        return f"sabre-dav/{sabre}" + (f" {php}" if php else "")


SERVERS = {cls.kind: cls for cls in (Apache, Nginx, Lighttpd, Sabre)}


def run_command(argv, env):
    # COMMAND keeps our umask: the app under test inherits it, and what it
    # writes must be right under a normal umask (issue 15). A test that
    # writes into a share itself makes its files the server's.
    def preexec():
        set_pdeathsig(umask=None)
    try:
        proc = subprocess.Popen(argv, env=env, preexec_fn=preexec)
    except OSError as e:
        log(f"cannot run {argv[0]}: {e.strerror}")
        return 127 if isinstance(e, FileNotFoundError) else 126
    try:
        proc.wait()
    except Interrupted as e:
        # Pass the signal on, give COMMAND a moment, then make sure it is gone.
        ignore_signals()
        try:
            proc.send_signal(e.signum)
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        except ProcessLookupError:
            pass
        raise
    rc = proc.returncode
    return 128 - rc if rc < 0 else rc


def main(prog, kind=None, doc=None):
    """with-server (kind None: the first argument names it) or with-apache."""
    global PROG
    PROG = prog
    ap = argparse.ArgumentParser(
        prog=prog,
        usage=f"%(prog)s {'' if kind else 'KIND '}[--seed none|demo|search|bulk:N|tree:DIR] [--keep] [--tls [--client-cert]] "
              "[--tmpdir DIR] (--print-env | -- COMMAND [ARGS...])",
        description=(doc or "").split("\n\n")[0] or None)
    if not kind:
        ap.add_argument("kind", choices=sorted(SERVERS), metavar="KIND",
                        help="the server: " + ", ".join(SERVERS))
    ap.add_argument("--seed", type=parse_seed, default=("none", 0),
                    help="content of /dav/: none (default), demo, bulk:N, tree:DIR")
    ap.add_argument("--keep", action="store_true", help="do not remove the server's folder")
    ap.add_argument("--tls", action="store_true",
                    help="https with a test CA made now (DAVSCOPE_TEST_CA_FILE), and HTTP/2 (apache only)")
    ap.add_argument("--client-cert", action="store_true",
                    help="with --tls: require a client certificate signed by the test CA "
                         "(DAVSCOPE_TEST_CLIENT_CERT, _CLIENT_P12, _CLIENT_P12_LOCKED; apache only)")
    ap.add_argument("--tmpdir", metavar="DIR",
                    help="create the server's folder in DIR (default: $DAVSCOPE_TEST_TMPDIR, "
                         "else /dev/shm if it is a roomy tmpfs, else $TMPDIR or /tmp)")
    ap.add_argument("--print-env", action="store_true",
                    help="print 'export K=V' lines, then serve until killed")
    argv = sys.argv[1:]
    command = []
    if "--" in argv:
        command = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    if kind:
        # with-apache has always taken COMMAND without "--" too.
        ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args(argv)
    command = getattr(args, "command", None) or command
    if args.print_env == bool(command):
        ap.error("give either --print-env or -- COMMAND [ARGS...]")
    server = SERVERS[kind or args.kind](args.keep)
    server.tls = args.tls
    server.client_cert = args.client_cert
    why = server.missing()
    if why:
        sys.exit(f"{prog}: {why}")

    as_root = os.geteuid() == 0
    identity = server_identity() if as_root else None
    seed, bulk_n = args.seed
    tree_dir = bulk_n if seed == "tree" else None
    if tree_dir and identity and not traversable_by_others(tree_dir):
        sys.exit(f"{prog}: tree:{tree_dir}: the server's user {identity[0]} cannot reach it "
                 "(a parent folder is not o+x); put it under /dev/shm or /tmp")

    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, on_signal)
    become_subreaper()

    if seed == "search":
        server.denied = ("/dav/Sealed",)
    try:
        server.prepare(identity, choose_tmp_parent(args.tmpdir, identity, bulk_n if seed == "bulk" else 0), tree_dir)
        dav_root = server.share("dav")
        t0 = time.monotonic()
        skip = set()
        if seed == "demo":
            seed_demo_files(dav_root, server.title)
        elif seed == "search":
            seed_search_files(dav_root)
        elif seed == "bulk":
            skip.add(seed_bulk_files(dav_root, bulk_n, identity))
        if identity:
            for share in server.shares:
                if not (share == "dav" and tree_dir):
                    fix_tree(server.share(share), identity, skip)
        if seed not in ("none", "tree"):
            log(f"seeded files ({seed}{':' + str(bulk_n) if seed == 'bulk' else ''}) "
                f"in {time.monotonic() - t0:.2f} s")

        if not server.start():
            return 1
        base = f"{'https' if server.tls else 'http'}://127.0.0.1:{server.port}"
        exports = {"DAVSCOPE_TEST_URL": f"{base}/dav/"}
        for share in ("basic", "digest"):
            if share in server.shares:
                exports[f"DAVSCOPE_TEST_{share.upper()}_URL"] = f"{base}/{share}/"
        exports.update({
            "DAVSCOPE_TEST_USER": USER,
            "DAVSCOPE_TEST_PASSWORD": PASSWORD,
            "DAVSCOPE_TEST_REALM": REALM,
            "DAVSCOPE_TEST_ROOT": dav_root,
        })
        for share in ("basic", "digest"):
            if share in server.shares:
                exports[f"DAVSCOPE_TEST_{share.upper()}_ROOT"] = server.share(share)
        exports.update({
            "DAVSCOPE_TEST_PORT": str(server.port),
            "DAVSCOPE_TEST_SERVER_ROOT": server.root,
            "DAVSCOPE_TEST_SEED": f"{seed}:{bulk_n}" if seed in ("bulk", "tree") else seed,
            "DAVSCOPE_TEST_SERVER": server.kind,
            "DAVSCOPE_TEST_SERVER_PID": str(server.proc.pid),
            "DAVSCOPE_TEST_SERVER_VERSION": server.version(),
        })
        if server.tls:
            exports["DAVSCOPE_TEST_CA_FILE"] = server.ca_file
        if server.client_cert:
            exports.update({
                "DAVSCOPE_TEST_CLIENT_CERT": server.client_files[0],
                "DAVSCOPE_TEST_CLIENT_P12": server.client_files[1],
                "DAVSCOPE_TEST_CLIENT_P12_LOCKED": server.client_files[2],
                "DAVSCOPE_TEST_CLIENT_P12_PASSWORD": CLIENT_P12_PASSWORD,
            })
        if seed == "demo":
            # Dead properties and a lock need the server (its own databases).
            if server.dead_props:
                seed_demo_props(server.port)
            else:
                log(f"demo: no dead properties on {server.kind} (PROPPATCH is not supported)")
            exports["DAVSCOPE_TEST_DEMO_PROPS"] = "1" if server.dead_props else "0"
            exports.update(seed_demo_lock(server.port))
        elif seed == "search":
            seed_search_props(server.port)

        if args.print_env:
            for k, v in exports.items():
                print(f"export {k}={shlex.quote(v)}")
            print("# ready", flush=True)
            log(f"serving until interrupted (kill -TERM {os.getpid()})")
            while server.proc.poll() is None:
                time.sleep(0.5)
            log(f"{server.process} exited unexpectedly with status {server.proc.returncode}")
            server.dump_logs()
            return 1

        env = dict(os.environ)
        env.update(exports)
        return run_command(command, env)
    except Interrupted as e:
        log(f"interrupted by signal {e.signum}; stopping {server.process}")
        return 0 if args.print_env else 128 + e.signum
    except Exception as e:
        log(f"error: {e}")
        if server.root:
            server.dump_logs()
        return 1
    finally:
        ignore_signals()
        server.stop()
        server.cleanup()
