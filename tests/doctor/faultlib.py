"""The scripted fault proxy of the doctor's tests: an HTTP/1.1 proxy on
127.0.0.1 in front of a real WebDAV server (Apache of tests/servers) that
lets ONE named fault rewrite a request or an answer.

It proves that every check of `davscope-cli doctor` can fail (docs/doctor.md):
tests/doctor/test-doctor-faults.py runs the doctor through the proxy once
per fault, and once with no fault (the clean twin).  fault-proxy.py is the
command line around it.

A fault module (faults_read.py, faults_write.py, faults_locks.py beside this
file) defines FAULTS, a list of Fault:

    from faultlib import Fault, Response

    def two_without_one(req, resp, state):
        if req.method == "OPTIONS":
            resp.set_header("DAV", "2")

    FAULTS = [
        Fault(name="options-class2-without-1",  # fault-proxy.py --fault NAME
              check="options",                   # the check that must fail
              finds="options-class2-without-1",  # the catalogue id it must report
              write=False,                       # needs doctor --write
              response=two_without_one),
    ]

The hooks, in the order they run for each request:

  head(req, state) -> None | Response
      After the request line and headers, before the body is read;
      req.body is None.  Set req.no_continue = True to keep the proxy from
      answering "Expect: 100-continue" with "100 Continue": the proxy then
      sends nothing and reads the body only when the client sends it
      anyway, as sabre/dav under `php -S` does (curl sends it after its
      1 s expect timeout; a client that waits for the 100 forever hangs
      until its own timeout).  Fault(no_continue=True) does this for every
      request.  A Response returned here answers at once, without reading
      the body, and the connection is closed after it.
  request(req, state) -> None | Response
      With the whole body (de-chunked).  Edit req to change what Apache
      gets, or return a Response to answer without asking Apache.
  response(req, resp, state) -> None
      With Apache's whole answer (de-chunked).  Edit resp.

req: .method, .path (the request target as sent, escaped), .version,
.headers (a list of [name, value], editable), .body (bytes).  resp:
.status, .reason, .headers, .body; both have header(name),
header_all(name), set_header(name, value), add_header(name, value),
remove_header(name).  state: a dict kept for the proxy's life (lock
tokens, counters); each fault gets a fresh one.

What the proxy does by itself, so that a run without a fault is Apache's:
- every method is forwarded, the request target unchanged; the client's
  Host header too, so Apache builds its absolute URLs (Location of a
  redirect, lockroot) with the proxy's address, and a COPY or MOVE
  Destination naming the proxy is on "its" host.  A Location or
  Content-Location naming the upstream's origin is rewritten to the
  proxy's (Apache's hrefs in bodies are paths: bodies are left alone).
- connections are kept alive on both sides (one connection to Apache per
  client connection, reopened when Apache closed it between requests).
- Expect: 100-continue is answered by the proxy (see head above); Apache
  gets the request without Expect, body at once.
- a chunked request body is de-chunked and sent with Content-Length; the
  answer is read whole, sent with Content-Length (fixed to the body after
  the hooks) and no Transfer-Encoding; the bytes of a body no fault
  touched are Apache's exactly.
- for faults that must break the framing itself, resp.fix_length = False
  sends the headers as they are (a wrong Content-Length), resp.chunked =
  True sends the body chunked, resp.raw = bytes sends those bytes instead
  of the whole answer, and resp.close = True closes the connection after
  it (after resp.raw or a wrong length: always do).

Only the Python standard library is used.
"""

import http.client
import http.server
import importlib.util
import os
import sys
import threading
import traceback
import urllib.parse

HERE = os.path.dirname(os.path.realpath(__file__))
# The tests beside this file import tests/davtest.py too.
if os.path.dirname(HERE) not in sys.path:
    sys.path.append(os.path.dirname(HERE))

# The fault modules the doctor's tests run (one per part of the checks).
DOCTOR_MODULES = ("faults_read", "faults_write", "faults_locks")

# Hop-by-hop headers (RFC 9110 §7.6.1): the proxy's business, not passed on.
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer",
              "transfer-encoding", "upgrade", "expect"}

UPSTREAM_TIMEOUT = 120


class Fault:
    """One way the proxy breaks the server; see the module docstring."""

    def __init__(self, name, check, finds, write=False, request=None, response=None,
                 head=None, no_continue=False, doc=None):
        self.name = name
        self.check = check
        self.finds = finds
        self.write = write
        self.request = request
        self.response = response
        self.head = head
        self.no_continue = no_continue
        self.doc = doc
        self.module = None

    def __repr__(self):
        return f"Fault({self.name!r}, check={self.check!r}, finds={self.finds!r})"


class _Message:
    """Headers as a list of [name, value], in order, duplicates kept."""

    def header(self, name):
        """The first value of @name, or None."""
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def header_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def remove_header(self, name):
        self.headers[:] = [h for h in self.headers if h[0].lower() != name.lower()]

    def set_header(self, name, value):
        """Replaces the first @name in place (dropping the others), or
        appends it."""
        for i, h in enumerate(self.headers):
            if h[0].lower() == name.lower():
                self.headers[i] = [name, str(value)]
                self.headers[i + 1:] = [x for x in self.headers[i + 1:]
                                        if x[0].lower() != name.lower()]
                return
        self.headers.append([name, str(value)])

    def add_header(self, name, value):
        self.headers.append([name, str(value)])


class Request(_Message):
    def __init__(self, method, path, version="HTTP/1.1", headers=None, body=None):
        self.method = method
        self.path = path
        self.version = version
        self.headers = [list(h) for h in (headers or [])]
        self.body = body
        self.no_continue = False

    @property
    def url_path(self):
        """The path, unescaped, without the query."""
        return urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)

    def __repr__(self):
        return f"Request({self.method} {self.path})"


class Response(_Message):
    def __init__(self, status, reason=None, headers=None, body=b""):
        self.status = status
        self.reason = reason if reason is not None else _reason(status)
        self.headers = [list(h) for h in (headers or [])]
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.body = body
        self.fix_length = True
        self.chunked = False
        self.raw = None
        self.close = False

    def __repr__(self):
        return f"Response({self.status} {self.reason})"


def _reason(status):
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return {207: "Multi-Status", 422: "Unprocessable Entity", 423: "Locked",
                424: "Failed Dependency", 507: "Insufficient Storage"}.get(status, "Unknown")


def load_faults(modules=None, directory=HERE):
    """{name: Fault} from the FAULTS lists of @modules (default: the
    doctor's, those that exist), in order."""
    faults = {}
    for mod_name in modules or DOCTOR_MODULES:
        path = os.path.join(directory, mod_name + ".py")
        if not os.path.exists(path):
            continue
        spec = importlib.util.spec_from_file_location(mod_name, path)
        module = importlib.util.module_from_spec(spec)
        sys.dont_write_bytecode = True
        if directory not in sys.path:
            sys.path.insert(0, directory)
        spec.loader.exec_module(module)
        for fault in getattr(module, "FAULTS", []):
            if fault.name in faults:
                raise ValueError(f"{path}: fault {fault.name} is also in "
                                 f"{faults[fault.name].module}")
            fault.module = mod_name
            faults[fault.name] = fault
    return faults


def all_fault_modules(directory=HERE):
    """Every faults_*.py beside this file (also the proxy's self-test)."""
    return sorted(n[:-3] for n in os.listdir(directory)
                  if n.startswith("faults_") and n.endswith(".py"))


class _BadRequest(Exception):
    pass


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fault-proxy"
    timeout = UPSTREAM_TIMEOUT

    def setup(self):
        super().setup()
        self.upstream = None
        self.pending = None   # the Request whose head was seen by handle_expect_100

    def finish(self):
        try:
            super().finish()
        finally:
            if self.upstream is not None:
                self.upstream.close()

    def log_message(self, format, *args):
        if self.server.proxy.verbose:
            sys.stderr.write("fault-proxy: %s\n" % (format % args))

    def log(self, text):
        if self.server.proxy.verbose:
            sys.stderr.write(f"fault-proxy: {text}\n")

    # Any method: BaseHTTPRequestHandler looks up do_<METHOD>.
    def __getattr__(self, name):
        if name.startswith("do_"):
            return self.proxy_one
        raise AttributeError(name)

    def new_request(self):
        return Request(self.command, self.path, self.request_version,
                       [[k, v] for k, v in self.headers.items()])

    def run_head_hook(self, req):
        proxy = self.server.proxy
        fault = proxy.fault
        if fault is None:
            return None
        if fault.no_continue:
            req.no_continue = True
        if fault.head:
            return fault.head(req, proxy.state)
        return None

    def handle_expect_100(self):
        req = self.new_request()
        self.pending = req
        answer = self.run_head_hook(req)
        if answer is not None:
            self.send_answer(req, answer)
            self.close_connection = True
            return False
        if req.no_continue:
            self.log(f"{req.method} {req.path}: Expect: 100-continue left unanswered")
            return True
        return super().handle_expect_100()

    def read_body(self, req):
        te = (req.header("Transfer-Encoding") or "").lower()
        if "chunked" in te:
            chunks = []
            while True:
                line = self.rfile.readline(65537)
                if not line:
                    raise _BadRequest("the request body ended inside a chunk")
                size = int(line.split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass   # trailers
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline(65537)
            return b"".join(chunks)
        length = req.header("Content-Length")
        if length is None:
            return b""
        n = int(length)
        data = self.rfile.read(n)
        if len(data) != n:
            raise _BadRequest(f"the request body ended after {len(data)} of {n} bytes")
        return data

    def proxy_one(self):
        proxy = self.server.proxy
        fault = proxy.fault
        req, self.pending = self.pending, None
        try:
            if req is None:
                req = self.new_request()
                answer = self.run_head_hook(req)
                if answer is not None:
                    self.send_answer(req, answer)
                    self.close_connection = True
                    return
            req.body = self.read_body(req)
            answer = None
            if fault is not None and fault.request:
                answer = fault.request(req, proxy.state)
            if answer is None:
                answer = self.forward(req)
                if fault is not None and fault.response:
                    fault.response(req, answer, proxy.state)
            else:
                self.log(f"{req.method} {req.path}: answered by the fault")
            self.send_answer(req, answer)
        except _BadRequest as e:
            self.log(f"{req.method} {req.path}: {e}")
            self.send_answer(req, Response(400, body=f"fault-proxy: {e}\n"))
            self.close_connection = True
        except Exception as e:   # a fault's bug or Apache gone: say so, do not hang
            traceback.print_exc()
            self.send_answer(req, Response(502, body=f"fault-proxy: {type(e).__name__}: {e}\n"))
            self.close_connection = True

    def forward(self, req):
        proxy = self.server.proxy
        headers = [h for h in req.headers if h[0].lower() not in HOP_BY_HOP
                   and h[0].lower() != "content-length"]
        if req.body or req.header("Content-Length") is not None or \
                req.header("Transfer-Encoding") is not None:
            headers.append(["Content-Length", str(len(req.body))])
        for attempt in (0, 1):
            reused = self.upstream is not None
            if self.upstream is None:
                self.upstream = http.client.HTTPConnection(
                    proxy.upstream_host, proxy.upstream_port, timeout=UPSTREAM_TIMEOUT)
            conn = self.upstream
            try:
                conn.putrequest(req.method, req.path, skip_host=True, skip_accept_encoding=True)
                for k, v in headers:
                    conn.putheader(k, v)
                conn.endheaders(req.body if req.body else None)
                r = conn.getresponse()
                body = r.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # Apache closed a kept-alive connection between requests.
                conn.close()
                self.upstream = None
                if not reused or attempt:
                    raise
        if r.will_close:
            conn.close()
            self.upstream = None
        proxy.last_upstream = Response(r.status, r.reason, r.getheaders(), body)
        resp = Response(r.status, r.reason, [[k, v] for k, v in r.getheaders()
                                             if k.lower() not in HOP_BY_HOP], body)
        for name in ("Location", "Content-Location"):
            value = resp.header(name)
            if value and value.startswith(proxy.upstream_origin):
                resp.set_header(name, proxy.origin(self.headers.get("Host")) +
                                value[len(proxy.upstream_origin):])
        return resp

    def send_answer(self, req, resp):
        if resp.raw is not None:
            self.wfile.write(resp.raw)
        else:
            headers = [list(h) for h in resp.headers]
            bodyless = (req.method == "HEAD" or 100 <= resp.status < 200
                        or resp.status in (204, 304))
            body = b"" if bodyless else (resp.body or b"")
            if resp.chunked:
                headers = [h for h in headers if h[0].lower() not in
                           ("content-length", "transfer-encoding")]
                headers.append(["Transfer-Encoding", "chunked"])
                body = (b"%x\r\n" % len(body) + body + b"\r\n" if body else b"") + b"0\r\n\r\n"
            elif resp.fix_length and req.method != "HEAD" and resp.status not in (204, 304) \
                    and not 100 <= resp.status < 200:
                at = next((i for i, h in enumerate(headers)
                           if h[0].lower() == "content-length"), len(headers))
                headers = [h for h in headers if h[0].lower() != "content-length"]
                headers.insert(at, ["Content-Length", str(len(body))])
            if resp.close:
                headers.append(["Connection", "close"])
            head = f"HTTP/1.1 {resp.status} {resp.reason}\r\n" + "".join(
                f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
            self.wfile.write(head.encode("latin-1") + body)
        self.wfile.flush()
        self.log(f'"{req.method} {req.path}" {resp.status}')
        if resp.close:
            self.close_connection = True


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # A client that hangs up between requests is no error.
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


class FaultProxy:
    """The proxy, serving in a thread of this process.

        with FaultProxy("http://127.0.0.1:8080/dav/", fault) as proxy:
            proxy.url   # http://127.0.0.1:PORT/dav/

    set_fault() switches to another fault (and a fresh state) for the
    connections' next requests."""

    def __init__(self, upstream_url, fault=None, port=0, verbose=False):
        u = urllib.parse.urlsplit(upstream_url)
        if u.scheme != "http" or not u.hostname:
            raise ValueError(f"{upstream_url}: the upstream must be an http:// URL")
        self.upstream_url = upstream_url
        self.upstream_host = u.hostname
        self.upstream_port = u.port or 80
        self.upstream_origin = f"http://{u.netloc}"
        self.fault = fault
        self.state = {}
        self.verbose = verbose
        # Apache's last answer as it came (de-chunked), before any hook:
        # for the proxy's own test.
        self.last_upstream = None
        self.server = _Server(("127.0.0.1", port), _Handler)
        self.server.proxy = self
        self.port = self.server.server_address[1]
        self.thread = None

    def origin(self, host=None):
        return f"http://{host}" if host else f"http://127.0.0.1:{self.port}"

    @property
    def url(self):
        """The upstream URL with the proxy's origin."""
        return self.proxy_url(self.upstream_url)

    def proxy_url(self, upstream_url):
        u = urllib.parse.urlsplit(upstream_url)
        return urllib.parse.urlunsplit(("http", f"127.0.0.1:{self.port}", u.path, u.query, u.fragment))

    def set_fault(self, fault):
        self.fault = fault
        self.state = {}

    def start(self):
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.1}, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        if self.thread:
            self.thread.join()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


# ---- for the doctor's tests

# The reason of a check that is not written yet (the runner's placeholder).
PLACEHOLDER_REASON = "Not written yet."


def share_snapshot(root):
    """{path: size} of everything under root, relative to it; folders end
    in "/" and have None."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        for d in dirnames:
            found[os.path.normpath(os.path.join(rel, d)) + "/"] = None
        for f in filenames:
            found[os.path.normpath(os.path.join(rel, f))] = os.lstat(os.path.join(dirpath, f)).st_size
    return found


def not_under_apache():
    """True, after a plan that skips everything, when the test does not
    run under tests/servers/with-apache."""
    if os.environ.get("DAVSCOPE_TEST_URL") and os.environ.get("DAVSCOPE_TEST_ROOT"):
        return False
    print("1..0 # SKIP not under tests/servers/with-apache (no DAVSCOPE_TEST_URL)")
    return True
