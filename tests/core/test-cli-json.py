#!/usr/bin/env python3
"""davscope-cli --json: one document for every command in every outcome.

A scripted HTTP server in this process answers as real servers do when
things go wrong (issue 13): a 404 with an HTML page, a 403 with a
DAV:error body to Depth infinity, a sabre/dav error whose text holds
backslashes, a 207 naming resources outside the folder or on another
server, a 412 to If-None-Match: *. A closed port stands for a server that
is not there. Every run with --json must print exactly one JSON document
on stdout (json.loads of the whole of it). Prints TAP; exits 1 when a
test failed.

    test-cli-json.py          (DAVSCOPE_CLI: the built davscope-cli)
"""

import json
import os
import sys
import tempfile

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
import davtest  # noqa: E402

# Nothing listens on port 1, and an unprivileged test cannot make it.
CLOSED = "http://127.0.0.1:1/x"

SABRE_EXCEPTION = "Sabre\\DAV\\Exception\\NotFound"
SABRE_MESSAGE = "File with name x could not be located in C:\\dav\\root"
SABRE_404 = ('<?xml version="1.0" encoding="utf-8"?>\n'
             '<d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">'
             '<s:sabredav-version>4.4.0</s:sabredav-version>'
             f'<s:exception>{SABRE_EXCEPTION}</s:exception>'
             f'<s:message>{SABRE_MESSAGE}</s:message></d:error>').encode()
FINITE_DEPTH = (b'<?xml version="1.0" encoding="utf-8"?>\n'
                b'<D:error xmlns:D="DAV:"><D:propfind-finite-depth/></D:error>')
NOT_FOUND_PAGE = b"<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"
MKCOL_PAGE = b"<html><body><p>Sabre\\DAV\\Exception\\MethodNotAllowed</p></body></html>"
MKCOL_SAYS = "Sabre\\DAV\\Exception\\MethodNotAllowed"
FORBIDDEN_DESCRIPTION = "Sabre\\DAV\\Exception\\Forbidden: no \\x41 escape here"

OTHER_ORIGIN = "http://elsewhere.example/x.txt"
OUTSIDE = "/other/y.txt"
INVALID = "http://[bad/z.txt"


def response(href, status="HTTP/1.1 200 OK", length="3", description=None):
    desc = f"<D:responsedescription>{description}</D:responsedescription>" if description else ""
    if not status.startswith("HTTP/1.1 2"):
        return f"<D:response><D:href>{href}</D:href><D:status>{status}</D:status>{desc}</D:response>"
    return (f"<D:response><D:href>{href}</D:href><D:propstat><D:prop>"
            f"<D:getcontentlength>{length}</D:getcontentlength></D:prop>"
            f"<D:status>{status}</D:status></D:propstat>{desc}</D:response>")


def multistatus(*responses):
    return ('<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:">'
            + "".join(responses) + "</D:multistatus>\n").encode("utf-8")


SELF = ("<D:response><D:href>{0}</D:href><D:propstat><D:prop><D:resourcetype><D:collection/>"
        "</D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>")

LISTINGS = {
    "/j/ok/": multistatus(SELF.format("/j/ok/"), response("/j/ok/a.txt")),
    "/j/deep/": multistatus(SELF.format("/j/deep/"), response("/j/deep/a.txt")),
    "/j/odd/": multistatus(SELF.format("/j/odd/"), response("/j/odd/fine.txt"), response(OTHER_ORIGIN),
                           response(OUTSIDE), response(INVALID),
                           response("/j/odd/refused.txt", "HTTP/1.1 403 Forbidden",
                                    description=FORBIDDEN_DESCRIPTION)),
    # back\slash.txt, a name with ESC, and one that reads like an escape.
    "/j/names/": multistatus(SELF.format("/j/names/"), response("/j/names/back%5Cslash.txt"),
                             response("/j/names/esc%1B.txt"), response("/j/names/not%5Cx41.txt")),
}
# A 207 cut off where the connection did not break: the body ends early.
CUT = b'<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:"><D:response><D:href>/j/cut/</D:href>'
# A 403 whose XML body is broken.
BROKEN_ERROR = b'<?xml version="1.0" encoding="utf-8"?>\n<D:error xmlns:D="DAV:"><D:need-privileges>'


class Handler(davtest.ScriptedHandler):
    def handle_any(self):
        self.read_body()
        # Handler.seen: (method, path, headers)
        self.note((self.command, self.path, dict(self.headers)))
        method, path = self.command, self.path.split("?")[0]

        if path.startswith("/j/missing"):
            return self.reply(404, NOT_FOUND_PAGE, "text/html")
        if path.startswith("/j/sabre"):
            return self.reply(404, SABRE_404)
        if path.startswith("/j/broken"):
            return self.reply(403, BROKEN_ERROR)
        if method == "PROPFIND":
            if path == "/j/deep/" and self.headers.get("Depth") == "infinity":
                return self.reply(403, FINITE_DEPTH)
            if path == "/j/cut/":
                return self.reply(207, CUT)
            if path in LISTINGS:
                return self.reply(207, LISTINGS[path])
            return self.reply(207, multistatus(response(path)))
        if method == "OPTIONS":
            return self.reply(200, b"", "text/plain", headers=[("DAV", "1, 2"), ("Allow", "OPTIONS, PROPFIND")])
        if method == "PUT":
            exists = path.startswith("/j/exists")
            if exists and self.headers.get("If-None-Match") == "*":
                return self.reply(412, b"", "text/plain")
            return self.reply(204 if exists else 201, b"", "text/plain")
        if method in ("COPY", "MOVE"):
            exists = "/j/exists" in (self.headers.get("Destination") or "")
            if exists and self.headers.get("Overwrite") == "F":
                return self.reply(412, b"", "text/plain")
            return self.reply(204 if exists else 201, b"", "text/plain")
        if method == "MKCOL":
            return self.reply(405, MKCOL_PAGE, "text/html")
        if method == "LOCK":
            return self.reply(423, b'<?xml version="1.0"?>\n<D:error xmlns:D="DAV:"><D:no-conflicting-lock/></D:error>')
        if method == "UNLOCK":
            return self.reply(409, b'<?xml version="1.0"?>\n<D:error xmlns:D="DAV:"><D:lock-token-matches-request-uri/></D:error>')
        if method == "GET":
            return self.reply(200, b"payload\n", "application/octet-stream")
        if method == "DELETE":
            return self.reply(404, NOT_FOUND_PAGE, "text/html")
        if method == "PROPPATCH":
            return self.reply(403, b"<html><body>Forbidden</body></html>", "text/html")
        return self.reply(405, b"", "text/plain")

    do_PROPFIND = do_GET = do_PUT = do_COPY = do_MOVE = do_MKCOL = handle_any
    do_LOCK = do_UNLOCK = do_OPTIONS = do_DELETE = do_PROPPATCH = do_HEAD = handle_any


T = davtest.Tap()


def cli(*args, cwd=None):
    return davtest.cli(*args, cwd=cwd, timeout=60, scripted=True)


def duplicate_keys(text):
    """The names given twice in one object anywhere in the document."""
    found = []

    def pairs(items):
        names = [k for k, _ in items]
        found.extend(sorted({k for k in names if names.count(k) > 1}))
        return dict(items)

    try:
        json.loads(text, object_pairs_hook=pairs)
    except ValueError:
        pass
    return found


def one_document(r, what):
    T.ok(isinstance(r.doc, dict), f"{what}: stdout is exactly one JSON object", r.diag())
    twice = duplicate_keys(r.out) if isinstance(r.doc, dict) else []
    T.ok(not twice, f"{what}: no member named twice in one object", [f"twice: {twice}"] + r.diag())
    return r.json()


# The members rm and proppatch give a target that got no answer, which
# every command gives when it could not run.
FAILURE_KEYS = {"url", "method", "outcome", "status", "reason", "ok", "explanation", "complete"}


def failure_shape(d, error_key):
    return (FAILURE_KEYS <= set(d) and d.get("status") is None and d.get("ok") is False
            and d.get("complete") is False and isinstance(d.get(error_key), str) and d[error_key]
            and d.get("outcome") in ("not-attempted", "unknown"))


def test_ls_props_one_document(base):
    """Point 1: a non-207 answer to ls and props is one document, the listing's."""
    for args, status in ((("ls", "--json", base + "missing/"), 404),
                         (("ls", "--json", "--depth", "infinity", base + "deep/"), 403),
                         (("props", "--json", base + "missing/x.txt"), 404),
                         (("props", "--json", base + "sabre/x.txt"), 404)):
        r = cli(*args)
        d = one_document(r, " ".join(args[:-1]) + f" ({status})")
        T.ok(r.rc == 2 and d.get("status") == status and d.get("ok") is False
             and d.get("resources") == [] and d.get("listing_complete") is False
             and d.get("method") == "PROPFIND",
             f"{args[0]} {status}: the listing document carries the status, ok false, listing_complete false",
             r.diag())
    r = cli("ls", "--json", base + "missing/")
    d = r.json()
    T.ok("Not Found" in (d.get("server_says") or "") and "There is no item" in (d.get("explanation") or ""),
         "ls 404: the document says what the server said and explains the status", r.diag())
    r = cli("ls", "--json", "--depth", "infinity", base + "deep/")
    d = r.json()
    T.ok([c.get("name") for c in d.get("error", [])] == ["propfind-finite-depth"]
         and (d["error"][0].get("explanation") or ""),
         "ls --depth infinity 403: the DAV:error condition is in the document, explained", r.diag())


def test_single_commands_one_document(base, tmp):
    """Point 1: every other command, on success and on each failure, prints one document."""
    local = os.path.join(tmp, "upload.txt")
    with open(local, "w") as f:
        f.write("upload\n")
    runs = [
        (("info", "--json", base), 0),
        (("info", "--json", base + "missing/"), 2),
        (("mkdir", "--json", base + "new/"), 2),
        (("get", "--json", base + "missing.txt", os.path.join(tmp, "missing.txt")), 2),
        (("get", "--json", base + "file.txt", os.path.join(tmp, "got.txt")), 0),
        (("put", "--json", local, base + "exists.txt"), 2),
        (("put", "--json", local, base + "new.txt"), 0),
        (("cp", "--json", base + "src.txt", base + "exists.txt"), 2),
        (("mv", "--json", base + "src.txt", base + "exists.txt"), 2),
        (("cp", "--json", base + "src.txt", base + "copy.txt"), 0),
        (("lock", "--json", base + "file.txt"), 2),
        (("unlock", "--json", base + "file.txt", "opaquelocktoken:x"), 2),
        (("rm", "--json", base + "missing.txt"), 2),
        (("proppatch", "--json", base + "file.txt", "--set", "{urn:x}a=b"), 2),
        (("ls", "--json", base + "ok/"), 0),
        (("props", "--json", base + "ok/a.txt"), 0),
    ]
    for args, rc in runs:
        r = cli(*args)
        d = one_document(r, " ".join(args[:2]) + f" (exit {rc})")
        doc = d.get("results", [d])[0] if d.get("results") else d
        T.ok(r.rc == rc and doc.get("ok") is (rc == 0) and "status" in doc,
             f"{' '.join(args[:2])}: exit {rc}, ok {str(rc == 0).lower()}, a status", r.diag())


def test_connection_failure(tmp):
    """Point 1: nothing listening: every command prints the failure document rm prints."""
    local = os.path.join(tmp, "upload.txt")
    with open(local, "w") as f:
        f.write("upload\n")
    commands = [
        ("info", CLOSED), ("mkdir", CLOSED), ("lock", CLOSED), ("unlock", CLOSED, "opaquelocktoken:x"),
        ("get", CLOSED, os.path.join(tmp, "never.txt")), ("put", local, CLOSED),
        ("cp", CLOSED, CLOSED + "-copy"), ("mv", CLOSED, CLOSED + "-moved"),
        ("ls", CLOSED), ("props", CLOSED), ("rm", CLOSED), ("proppatch", CLOSED, "--set", "{urn:x}a=b"),
    ]
    for command, *rest in commands:
        r = cli(command, "--json", *rest)
        d = one_document(r, f"{command} of a closed port")
        item = d["results"][0] if d.get("results") else d
        T.ok(r.rc == 1 and failure_shape(item, "transport_error") and "onnect" in item["transport_error"]
             and item.get("outcome") == "not-attempted" and "url" in item,
             f"{command} of a closed port: exit 1, transport_error, ok false, status null, complete false",
             r.diag())
        T.ok(command in ("rm", "proppatch") or item.get("url") == CLOSED,
             f"{command} of a closed port: the url that got no answer", r.diag())
    r = cli("ls", "--json", CLOSED)
    T.ok(r.json().get("resources") == [] and r.json().get("listing_complete") is False,
         "ls of a closed port: the failure is in the listing document", r.diag())
    r = cli("ls", "--recursive", "--json", CLOSED + "/")
    d = one_document(r, "ls --recursive of a closed port")
    T.ok(r.rc == 1 and d.get("resources") == [] and failure_shape(d, "transport_error")
         and d.get("listing_complete") is False and "walk" in d,
         "ls --recursive of a closed port: exit 1, the failure and the walk in one document", r.diag())
    T.ok(not os.path.exists(os.path.join(tmp, "never.txt")), "get of a closed port leaves no file")


def test_usage_errors(base, tmp):
    """Point 1: bad arguments and unusable files with --json: one document with the error, exit 1."""
    exists = os.path.join(tmp, "already.txt")
    with open(exists, "w") as f:
        f.write("mine\n")
    cases = [
        (("ls", "--json"), "usage_error"),
        (("ls", "--json", "--depth", "5", base), "usage_error"),
        (("ls", "--json", "--no-such-option", base), "usage_error"),
        (("props", "--json", "ftp://example.com/x"), "usage_error"),
        (("info", "--json"), "usage_error"),
        (("mkdir", "--json", base + "a/", base + "b/"), "usage_error"),
        (("cp", "--json", base + "src.txt"), "usage_error"),
        (("cp", "--json", base + "src.txt", "http://elsewhere.example/y.txt"), "usage_error"),
        (("lock", "--json", "--bogus", base), "usage_error"),
        (("get", "--json"), "usage_error"),
        (("get", "--json", base + "file.txt", exists), "local_error"),
        (("put", "--json", os.path.join(tmp, "no-such-file"), base + "x.txt"), "local_error"),
        (("rm", "--json"), "usage_error"),
        (("rm", "--json", "ftp://example.com/x"), "usage_error"),
        (("proppatch", "--json", base + "file.txt"), "usage_error"),
        (("proppatch", "--json", base + "file.txt", "--set", "no-braces"), "usage_error"),
        (("explain", "--json", "no-such-condition"), "usage_error"),
        (("explain", "--json"), "usage_error"),
        (("inspect", "--json"), "usage_error"),
        (("inspect", "--json", os.path.join(tmp, "no-such-file.xml")), "local_error"),
        (("inspect", "--json", "--base", "::bad", os.path.join(tmp, "no-such-file.xml")), "usage_error"),
        (("no-such-command", "--json"), "usage_error"),
    ]
    for args, key in cases:
        r = cli(*args)
        d = one_document(r, " ".join(a if len(a) < 40 else "…" for a in args))
        T.ok(r.rc == 1 and failure_shape(d, key) and r.err.strip(),
             f"{' '.join(args[:3])}: exit 1, {key}, and the message on stderr too", r.diag())
    with open(exists) as f:
        T.ok(f.read() == "mine\n", "get onto an existing file without --force leaves it alone")


def test_flagged_hrefs(base):
    """Point 2: an href outside the folder, on another origin or invalid carries its problem in JSON."""
    r = cli("ls", "--json", base + "odd/")
    d = one_document(r, "ls of a folder with flagged hrefs")
    by_href = {res.get("href"): res for res in d.get("resources", [])}
    text = cli("ls", base + "odd/")
    for href, relation, kind in ((OTHER_ORIGIN, "other-origin", "other-origin"),
                                 (OUTSIDE, "outside", "outside-collection"),
                                 (INVALID, "invalid", "invalid-href")):
        res = by_href.get(href, {})
        problems = res.get("problems") or []
        kinds = [p.get("kind") for p in problems]
        T.ok(res.get("relation") == relation and kinds == [kind] and problems[0].get("message"),
             f"ls --json: the {relation} href has the problem {kind} with a message",
             [json.dumps(res, indent=1)[:2000]] + r.diag())
        message = problems[0].get("message", "?") if problems else "?"
        T.ok(message in text.out, f"ls: the text output gives the same reason for the {relation} href",
             ["message: " + message] + text.diag())
    fine = by_href.get("/j/odd/fine.txt", {})
    T.ok(fine.get("problems") == [] and fine.get("relation") == "member",
         "ls --json: a plain member has no problem", [json.dumps(fine)])
    T.ok(r.rc == 2 and d.get("complete") is True and d.get("listing_complete") is True,
         "flagged hrefs do not make the listing incomplete", r.diag())


def test_complete_means_read(base):
    """Point 3: complete says the answer was read whole and understood, not that it succeeded."""
    checks = [
        (("ls", "--json", base + "missing/"), 2, True, False, "a 404 HTML page"),
        (("ls", "--json", "--depth", "infinity", base + "deep/"), 2, True, False, "a 403 DAV:error body"),
        (("props", "--json", base + "sabre/x.txt"), 2, True, False, "a sabre/dav 404 DAV:error body"),
        (("ls", "--json", base + "ok/"), 0, True, True, "a whole 207"),
        (("ls", "--json", base + "cut/"), 3, False, False, "a 207 cut off"),
        (("ls", "--json", base + "broken/"), 3, False, False, "a 403 whose XML body is broken"),
    ]
    for args, rc, complete, listed, what in checks:
        r = cli(*args)
        d = one_document(r, f"{args[0]} answered with {what}")
        T.ok(r.rc == rc and d.get("complete") is complete and d.get("listing_complete") is listed,
             f"{args[0]} answered with {what}: exit {rc}, complete {str(complete).lower()}, "
             f"listing_complete {str(listed).lower()}", r.diag())
    for args, what in ((("mkdir", "--json", base + "new/"), "MKCOL 405 HTML page"),
                       (("get", "--json", base + "missing.txt", os.devnull + ".never"), "GET 404 HTML page"),
                       (("lock", "--json", base + "file.txt"), "LOCK 423 DAV:error body")):
        r = cli(*args)
        d = one_document(r, what)
        T.ok(r.rc == 2 and d.get("complete") is True and d.get("ok") is False,
             f"{what}: complete true, ok false, exit 2", r.diag())


def test_destination(base):
    """Point 4: cp and mv say where to, as an absolute URL."""
    for command in ("cp", "mv"):
        r = cli(command, "--json", base + "src.txt", "/j/copy.txt")
        d = one_document(r, f"{command} to a path")
        T.ok(r.rc == 0 and d.get("destination") == base + "copy.txt" and d.get("destination_exists") is False
             and d.get("url") == base + "src.txt",
             f"{command} --json: destination is the absolute URL, destination_exists false", r.diag())
        r = cli(command, "--json", base + "src.txt", base + "exists.txt")
        d = one_document(r, f"{command} onto an existing item")
        T.ok(r.rc == 2 and d.get("destination") == base + "exists.txt" and d.get("destination_exists") is True
             and d.get("status") == 412 and "--overwrite" in (d.get("explanation") or ""),
             f"{command} --json 412: destination, destination_exists true, explained with --overwrite", r.diag())
        T.ok("--overwrite" in r.err, f"{command} 412: stderr says to use --overwrite", r.diag())


def test_refused_targets_in_report(base):
    """A target that cannot be acted on is in the report where it was given,
    not attempted and why; the usable ones are sent (issue 13)."""
    for command, extra in (("rm", ()), ("proppatch", ("--set", "{urn:x}a=b"))):
        targets = [base + "missing-a.txt", "http://127.0.0.1:1/elsewhere.txt", base + "missing-b.txt"]
        r = cli(command, "--json", *targets, *extra)
        d = one_document(r, f"{command} with a target on another server")
        results = d.get("results") or []
        T.ok(r.rc == 2 and [x.get("url") for x in results] == targets,
             f"{command} --json: one result per target, in the order given, the refused one too", r.diag())
        refused = results[1] if len(results) == 3 else {}
        T.ok(refused.get("outcome") == "not-attempted" and refused.get("ok") is False
             and refused.get("status") is None and "another server" in (refused.get("explanation") or ""),
             f"{command} --json: the refused target is not attempted, with why", r.diag())
        T.ok(all(x.get("status") in (404, 403) for x in (results[0:1] + results[2:3])),
             f"{command} --json: the usable targets were sent and answered", r.diag())
    with Handler.lock:
        sent = [path for method, path, _ in Handler.seen if method in ("DELETE", "PROPPATCH")]
    T.ok("/elsewhere.txt" not in sent, "rm, proppatch: nothing was sent for the refused target")


def test_backslashes(base):
    """Point 5: a backslash from the server is shown as one, controls stay escaped."""
    r = cli("props", base + "sabre/x.txt")
    T.ok(SABRE_EXCEPTION in r.err and "\\\\" not in r.err,
         "props 404 (text): Sabre\\DAV\\Exception\\NotFound shown with single backslashes", r.diag())
    T.ok(SABRE_MESSAGE.replace("\\root", "") in r.err, "props 404 (text): the message's path as sent", r.diag())
    r = cli("props", "--json", base + "sabre/x.txt")
    d = one_document(r, "props of a sabre/dav 404")
    contents = {c.get("name"): c.get("content") for c in d.get("error", [])}
    T.ok(contents.get("exception") == SABRE_EXCEPTION and contents.get("message") == SABRE_MESSAGE,
         "props --json 404: the DAV:error contents decode to the server's text", r.diag())

    r = cli("mkdir", base + "new/")
    T.ok(f"The server says: {MKCOL_SAYS}" in r.err, "mkdir 405 (text): the page's text with single backslashes",
         r.diag())
    r = cli("mkdir", "--json", base + "new/")
    d = one_document(r, "mkdir 405")
    T.ok(d.get("server_says") == MKCOL_SAYS, "mkdir --json 405: server_says decodes to the server's text", r.diag())

    r = cli("ls", "--json", base + "odd/")
    d = one_document(r, "ls with a responsedescription holding backslashes")
    refused = [res for res in d.get("resources", []) if res.get("name") == "refused.txt"]
    T.ok(refused and refused[0].get("description") == FORBIDDEN_DESCRIPTION,
         "ls --json: a responsedescription decodes to the server's text", r.diag())

    r = cli("ls", "--json", base + "names/")
    d = one_document(r, "ls of awkward names")
    names = sorted(res.get("name") for res in d.get("resources", []) if res.get("relation") == "member")
    # "\x41" as text reads like an escape: its backslash is doubled, the others are not.
    T.ok(names == ["back\\slash.txt", "esc\\x1b.txt", "not\\\\x41.txt"],
         "ls --json: back\\slash.txt as sent, ESC as \\x1b, a literal \\x41 told apart", [repr(names)] + r.diag())
    r = cli("ls", base + "names/")
    T.ok("back\\slash.txt" in r.out and "back\\\\slash" not in r.out and "esc\\x1b.txt" in r.out
         and "\x1b" not in r.out, "ls (text): back\\slash.txt with one backslash, ESC escaped", r.diag())


def headers_of(method, path):
    with Handler.lock:
        return [h for m, p, h in Handler.seen if m == method and p == path]


def test_put_overwrite(base, tmp):
    """Point 6: put keeps an existing file unless --overwrite, as cp, mv and get do."""
    local = os.path.join(tmp, "upload.txt")
    with open(local, "w") as f:
        f.write("upload\n")
    with Handler.lock:
        Handler.seen.clear()
    r = cli("put", local, base + "exists.txt")
    sent = headers_of("PUT", "/j/exists.txt")
    T.ok(sent and sent[-1].get("If-None-Match") == "*", "put without --overwrite sends If-None-Match: *",
         [repr(sent)] + r.diag())
    T.ok(r.rc == 2 and "412" in r.err and "--overwrite" in r.err,
         "put onto an existing file: exit 2, the 412 explained with --overwrite", r.diag())
    r = cli("put", "--json", local, base + "exists.txt")
    d = one_document(r, "put onto an existing file")
    T.ok(d.get("status") == 412 and d.get("destination_exists") is True and d.get("ok") is False
         and "--overwrite" in (d.get("explanation") or ""),
         "put --json 412: destination_exists true, explained with --overwrite", r.diag())

    with Handler.lock:
        Handler.seen.clear()
    r = cli("put", "--overwrite", local, base + "exists.txt")
    sent = headers_of("PUT", "/j/exists.txt")
    T.ok(r.rc == 0 and sent and "If-None-Match" not in sent[-1],
         "put --overwrite replaces: no If-None-Match, exit 0", [repr(sent)] + r.diag())
    r = cli("put", local, base + "new.txt")
    T.ok(r.rc == 0 and "new file" in r.out, "put of a new file needs no --overwrite", r.diag())


def main():
    if davtest.cli_missing():
        return 0

    with davtest.serving(Handler) as port, tempfile.TemporaryDirectory(prefix="davscope-json-") as tmp:
        base = f"http://127.0.0.1:{port}/j/"
        for test in (lambda: test_ls_props_one_document(base),
                     lambda: test_single_commands_one_document(base, tmp),
                     lambda: test_connection_failure(tmp),
                     lambda: test_usage_errors(base, tmp),
                     lambda: test_flagged_hrefs(base),
                     lambda: test_complete_means_read(base),
                     lambda: test_destination(base),
                     lambda: test_backslashes(base),
                     lambda: test_refused_targets_in_report(base),
                     lambda: test_put_overwrite(base, tmp)):
            T.guarded(test, "a test ran to its end")

    return T.finish()


if __name__ == "__main__":
    sys.exit(main())
