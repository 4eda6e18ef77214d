"""Faults that make each read-only check of the doctor fail
(src/core/dav-doctor-read.c), for the fault proxy (faultlib.py).

Each fault changes what Apache answers to the requests of one check,
told apart by method, Depth and body (the doctor's bodies are fixed):

  connection, auth      OPTIONS / PROPFIND Depth 0 <resourcetype/>
  redirects             PROPFIND on the folder without its slash
  options               OPTIONS
  propfind-depth-0      PROPFIND Depth 0 <allprop/>
  propfind-depth-1      PROPFIND Depth 1 <allprop/>
  propfind-propname     PROPFIND <propname/>
  propfind-named        PROPFIND naming {urn:x-davscope:doctor}no-such-property
  propfind-depth-infinity  PROPFIND Depth infinity
  propfind-invalid      PROPFIND with a body that is not well-formed / a bad
                        namespace declaration
  property-values       PROPFIND Depth 1 naming DAV:getcontenttype
  get-head              GET / HEAD (and the PROPFIND Depth 0 of the file)

Findings of info severity (collection-href-no-slash, http-1.0,
quota-props-missing, getcontenttype-missing, multistatus-default-namespace,
body-without-content-type-refused, collection-redirect-301) leave a check
passed, so no fault here stands for them; tests/core/test-doctor-read.c
covers http-1.0, and the TLS certificates, which a plain-http proxy cannot
show.

Only the Python standard library is used.
"""

import re

from faultlib import Fault, Response


# ---- telling the doctor's requests apart ----------------------------------

def body(req):
    return req.body or b""


def is_propfind(req, depth=None, marker=None):
    if req.method != "PROPFIND":
        return False
    if depth is not None and (req.header("Depth") or "").lower() != depth:
        return False
    return marker is None or marker in body(req)


def propfind_with(depth, marker):
    """A test for the doctor's PROPFIND with that Depth (None: any) whose
    body holds @marker."""
    return lambda req: is_propfind(req, depth, marker)


is_depth0_allprop = propfind_with("0", b"<D:allprop/>")
is_depth1_allprop = propfind_with("1", b"<D:allprop/>")
is_propname = propfind_with(None, b"<D:propname/>")
is_named = propfind_with(None, b"no-such-property")
is_values = propfind_with("1", b"<D:getcontenttype/>")
is_broken = propfind_with(None, b"<D:getetag></D:prop>")
is_bad_namespace = propfind_with(None, b'xmlns:bar=""')


def is_bare_folder(req):
    """The folder asked for without its trailing slash (the redirects check)."""
    return is_propfind(req, "0", b"<D:prop><D:resourcetype/></D:prop>") and not req.url_path.endswith("/")


def is_anonymous_probe(req):
    return is_propfind(req, "0", b"<D:prop><D:resourcetype/></D:prop>") and req.url_path.endswith("/")


def responses(data):
    """The <D:response> elements of Apache's multistatus, as bytes."""
    return re.findall(rb"<D:response\b.*?</D:response>\n?", data, re.S)


# ---- connection -----------------------------------------------------------

def options_500(req, state):
    if req.method == "OPTIONS":
        return Response(500, body=b"<html><body>Internal error</body></html>\n",
                        headers=[["Content-Type", "text/html"]])
    return None


# ---- redirects ------------------------------------------------------------

def bare_folder_elsewhere(req, state):
    if is_bare_folder(req):
        return Response(301, headers=[["Location", "http://elsewhere.invalid" + req.url_path + "/"]])
    return None


# ---- authentication -------------------------------------------------------

def no_challenge(req, state):
    if req.header("Authorization") is None and req.method != "OPTIONS":
        return Response(401, body=b"Unauthorized\n", headers=[["Content-Type", "text/plain"]])
    return None


def basic_over_http(req, state):
    if req.header("Authorization") is None and req.method != "OPTIONS":
        return Response(401, body=b"Unauthorized\n",
                        headers=[["WWW-Authenticate", 'Basic realm="files"'],
                                 ["Content-Type", "text/plain"]])
    return None


def forbidden_first(req, state):
    """403 to the first request of the auth check (the one without a
    login), as a server does that answers a missing login with 403; the
    next one, standing for the one with a login, goes through."""
    if is_anonymous_probe(req) and not state.get("refused"):
        state["refused"] = True
        return Response(403, body=b"Forbidden\n", headers=[["Content-Type", "text/plain"]])
    return None


# ---- OPTIONS --------------------------------------------------------------

def dav_header(value):
    def fault(req, resp, state):
        if req.method == "OPTIONS":
            resp.remove_header("DAV")
            if value is not None:
                resp.set_header("DAV", value)
    return fault


def allow_without_lock(req, resp, state):
    if req.method == "OPTIONS" and resp.header("Allow"):
        methods = [m.strip() for m in resp.header("Allow").split(",")]
        resp.set_header("Allow", ",".join(m for m in methods if m not in ("LOCK", "UNLOCK")))


def no_allow(req, resp, state):
    if req.method == "OPTIONS":
        resp.remove_header("Allow")


def options_405(req, state):
    if req.method == "OPTIONS" and not (req.header("User-Agent") or "").startswith("Davscope doctor"):
        return Response(405, headers=[["Allow", "GET, HEAD"]])
    return None


# ---- PROPFIND Depth 0 -----------------------------------------------------

def depth0_200(req, resp, state):
    if is_depth0_allprop(req) and resp.status == 207:
        resp.status, resp.reason = 200, "OK"


def depth0_html(req, resp, state):
    if is_depth0_allprop(req):
        resp.set_header("Content-Type", "text/html")


def depth0_charset(req, resp, state):
    if is_depth0_allprop(req):
        resp.set_header("Content-Type", 'text/xml; charset="iso-8859-1"')


def depth0_no_self(req, resp, state):
    if is_depth0_allprop(req):
        for r in responses(resp.body):
            if b"<D:href>" + req.path.encode() + b"</D:href>" in r:
                resp.body = resp.body.replace(r, b"")


def depth0_no_resourcetype(req, resp, state):
    if is_depth0_allprop(req):
        resp.body = re.sub(rb"<lp1:resourcetype>.*?</lp1:resourcetype>\n?", b"", resp.body, flags=re.S)


def depth0_undeclared_prefix(req, resp, state):
    if is_depth0_allprop(req):
        resp.body = resp.body.replace(b'<D:multistatus xmlns:D="DAV:"', b"<D:multistatus", 1)


# ---- PROPFIND Depth 1 -----------------------------------------------------

def depth1(edit):
    def fault(req, resp, state):
        if is_depth1_allprop(req) and resp.status == 207:
            resp.body = edit(resp.body)
    return fault


def not_well_formed(data):
    return data.replace(b"</D:propstat>", b"</D:propstatus>", 1)


def cut_short(data):
    return data[:len(data) // 2]


def depth1_length_too_long(req, resp, state):
    """Content-Length promises more than comes, then the connection closes."""
    if is_depth1_allprop(req) and resp.status == 207:
        resp.set_header("Content-Length", str(len(resp.body) + 1000))
        resp.fix_length = False
        resp.close = True


def depth1_chunked_unended(req, resp, state):
    """A chunked body without its last, empty chunk."""
    if is_depth1_allprop(req) and resp.status == 207:
        head = f"HTTP/1.1 207 Multi-Status\r\nContent-Type: {resp.header('Content-Type')}\r\n" \
               "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        resp.raw = head.encode("latin-1") + b"%x\r\n" % len(resp.body) + resp.body + b"\r\n"
        resp.close = True


def first_member_no_href(data):
    members = responses(data)[1:]
    return data.replace(members[0], re.sub(rb"<D:href>.*?</D:href>", b"", members[0], count=1), 1)


def raw_space(data):
    return data.replace(b"%20", b" ")


def foreign_hrefs(data):
    return data.replace(b"<D:href>/", b"<D:href>http://elsewhere.invalid/")


def outside_hrefs(data):
    members = responses(data)[1:]
    return data.replace(members[0], members[0].replace(b"<D:href>/dav/", b"<D:href>/elsewhere/"), 1)


def duplicate_entry(data):
    members = responses(data)[1:]
    return data.replace(members[0], members[0] + members[0], 1)


def status_unreadable(data):
    return data.replace(b"HTTP/1.1 200 OK", b"HTTP/1.1 OK")


def status_interim(data):
    members = responses(data)[1:]
    return data.replace(members[0], members[0].replace(b"HTTP/1.1 200 OK", b"HTTP/1.1 102 Processing"), 1)


# ---- propname -------------------------------------------------------------

def propname_as_allprop(req, state):
    if is_propname(req):
        req.body = req.body.replace(b"<D:propname/>", b"<D:allprop/>")
    return None


def propname_no_namespace(req, resp, state):
    if is_propname(req):
        resp.body = re.sub(rb"<(?:lp1|D):(\w+)/>", rb'<\1 xmlns=""/>', resp.body)


# ---- named properties -----------------------------------------------------

def named_404_left_out(req, resp, state):
    if is_named(req):
        resp.body = re.sub(rb"<D:propstat>(?:(?!</D:propstat>).)*?404 Not Found</D:status>\n</D:propstat>\n?",
                           b"", resp.body, flags=re.S)


def named_empty_200(req, resp, state):
    if is_named(req):
        resp.body = resp.body.replace(b"HTTP/1.1 404 Not Found", b"HTTP/1.1 200 OK")


# ---- Depth infinity -------------------------------------------------------

def infinity_as_depth1(req, state):
    if is_propfind(req, "infinity"):
        req.set_header("Depth", "1")
    return None


def infinity_403_bare(req, state):
    if is_propfind(req, "infinity"):
        return Response(403, body=b"<html><body>Forbidden</body></html>\n",
                        headers=[["Content-Type", "text/html"]])
    return None


# ---- broken bodies --------------------------------------------------------

def invalid_accepted(req, state):
    if is_bad_namespace(req):
        req.body = b'<?xml version="1.0"?><propfind xmlns="DAV:"><prop><resourcetype/></prop></propfind>'
    return None


def invalid_422(req, state):
    if is_broken(req) and req.header("Content-Type"):
        return Response(422, body=b"Unprocessable\n", headers=[["Content-Type", "text/plain"]])
    return None


# ---- property values ------------------------------------------------------

def values(edit):
    def fault(req, resp, state):
        if is_values(req) and resp.status == 207:
            resp.body = edit(resp.body)
    return fault


def iso_dates(data):
    return re.sub(rb"<lp1:getlastmodified>[^<]*</lp1:getlastmodified>",
                  b"<lp1:getlastmodified>2024-01-02T03:04:05Z</lp1:getlastmodified>", data)


def http_creationdates(data):
    return re.sub(rb"<lp1:creationdate>[^<]*</lp1:creationdate>",
                  b"<lp1:creationdate>Tue, 02 Jan 2024 03:04:05 GMT</lp1:creationdate>", data)


def no_lengths(data):
    return re.sub(rb"<lp1:getcontentlength>[^<]*</lp1:getcontentlength>\n?", b"", data)


def no_etags(data):
    return re.sub(rb"<lp1:getetag>[^<]*</lp1:getetag>\n?", b"", data)


# ---- GET and HEAD ---------------------------------------------------------

def get_header(name, value, methods=("GET",)):
    def fault(req, resp, state):
        if req.method in methods and resp.status == 200:
            resp.set_header(name, value)
    return fault


def get_longer(req, resp, state):
    if req.method == "GET" and resp.status == 200:
        resp.body += b"!"


def ignore_range(req, state):
    if req.method == "GET":
        req.remove_header("Range")
    return None


def get_403(req, state):
    if req.method == "GET":
        return Response(403, body=b"Forbidden\n", headers=[["Content-Type", "text/plain"]])
    return None


FAULTS = [
    # connection
    Fault(name="options-server-error", check="connection", finds="server-error", request=options_500,
          doc="OPTIONS answered 500."),
    # redirects
    Fault(name="redirect-other-origin", check="redirects", finds="redirect-other-origin",
          request=bare_folder_elsewhere,
          doc="The folder without its slash redirected to another host."),
    # auth
    Fault(name="401-no-challenge", check="auth", finds="401-no-challenge", request=no_challenge),
    Fault(name="basic-over-http", check="auth", finds="basic-over-http", request=basic_over_http),
    Fault(name="auth-403-not-401", check="auth", finds="auth-403-not-401", request=forbidden_first),
    # options
    Fault(name="options-class2-without-1", check="options", finds="options-class2-without-1",
          response=dav_header("2")),
    Fault(name="options-no-dav-header", check="options", finds="options-no-dav-header",
          response=dav_header(None)),
    Fault(name="options-no-class-2", check="options", finds="options-no-class-2",
          response=dav_header("1")),
    Fault(name="options-class2-no-lock", check="options", finds="options-class2-no-lock",
          response=allow_without_lock),
    Fault(name="options-no-allow", check="options", finds="options-no-allow", response=no_allow),
    Fault(name="options-failed", check="options", finds="options-failed", request=options_405),
    # propfind-depth-0
    Fault(name="propfind-200-not-207", check="propfind-depth-0", finds="propfind-200-not-207",
          response=depth0_200),
    Fault(name="propfind-content-type", check="propfind-depth-0", finds="propfind-content-type",
          response=depth0_html),
    Fault(name="propfind-charset", check="propfind-depth-0", finds="propfind-content-type",
          response=depth0_charset, doc="charset=iso-8859-1 for a UTF-8 body."),
    Fault(name="self-entry-missing", check="propfind-depth-0", finds="self-entry-missing",
          response=depth0_no_self),
    Fault(name="resourcetype-missing", check="propfind-depth-0", finds="resourcetype-missing",
          response=depth0_no_resourcetype),
    Fault(name="multistatus-undeclared-prefix", check="propfind-depth-0",
          finds="multistatus-undeclared-prefix", response=depth0_undeclared_prefix),
    # propfind-depth-1
    Fault(name="multistatus-malformed", check="propfind-depth-1", finds="multistatus-malformed",
          response=depth1(not_well_formed)),
    Fault(name="propfind-truncated", check="propfind-depth-1", finds="propfind-truncated",
          response=depth1(cut_short)),
    Fault(name="propfind-content-length-short", check="propfind-depth-1", finds="propfind-truncated",
          response=depth1_length_too_long, doc="Content-Length larger than the body, then the end."),
    Fault(name="propfind-chunked-unended", check="propfind-depth-1", finds="propfind-truncated",
          response=depth1_chunked_unended, doc="A chunked body without its last chunk, then the end."),
    Fault(name="response-no-href", check="propfind-depth-1", finds="response-no-href",
          response=depth1(first_member_no_href)),
    Fault(name="href-unescaped", check="propfind-depth-1", finds="href-unescaped",
          response=depth1(raw_space)),
    Fault(name="href-foreign", check="propfind-depth-1", finds="href-foreign",
          response=depth1(foreign_hrefs)),
    Fault(name="href-outside", check="propfind-depth-1", finds="href-outside",
          response=depth1(outside_hrefs)),
    Fault(name="href-duplicate", check="propfind-depth-1", finds="href-duplicate",
          response=depth1(duplicate_entry)),
    Fault(name="propstat-status-bad", check="propfind-depth-1", finds="propstat-status-bad",
          response=depth1(status_unreadable)),
    Fault(name="propfind-interim-status", check="propfind-depth-1", finds="propfind-interim-status",
          response=depth1(status_interim)),
    # propfind-propname
    Fault(name="propname-with-values", check="propfind-propname", finds="propname-with-values",
          request=propname_as_allprop),
    Fault(name="propname-no-namespace", check="propfind-propname", finds="propname-no-namespace",
          response=propname_no_namespace),
    # propfind-named
    Fault(name="named-prop-omitted", check="propfind-named", finds="named-prop-omitted",
          response=named_404_left_out),
    Fault(name="named-prop-empty-200", check="propfind-named", finds="named-prop-omitted",
          response=named_empty_200, doc="Every property asked for in a 200 propstat, empty."),
    # propfind-depth-infinity
    Fault(name="depth-infinity", check="propfind-depth-infinity", finds="depth-infinity",
          request=infinity_as_depth1),
    Fault(name="depth-infinity-refused-no-precondition", check="propfind-depth-infinity",
          finds="depth-infinity-refused-no-precondition", request=infinity_403_bare),
    # propfind-invalid
    Fault(name="propfind-invalid-accepted", check="propfind-invalid", finds="propfind-invalid-accepted",
          request=invalid_accepted),
    Fault(name="propfind-invalid-status", check="propfind-invalid", finds="propfind-invalid-status",
          request=invalid_422),
    # property-values
    Fault(name="getlastmodified-format", check="property-values", finds="getlastmodified-format",
          response=values(iso_dates)),
    Fault(name="creationdate-format", check="property-values", finds="creationdate-format",
          response=values(http_creationdates)),
    Fault(name="getcontentlength-missing", check="property-values", finds="getcontentlength-wrong",
          response=values(no_lengths)),
    Fault(name="getetag-missing", check="property-values", finds="getetag-missing-weak",
          response=values(no_etags)),
    # get-head
    Fault(name="get-etag-mismatch", check="get-head", finds="get-etag-mismatch",
          response=get_header("ETag", '"not-the-one"')),
    Fault(name="get-last-modified-mismatch", check="get-head", finds="get-last-modified-mismatch",
          response=get_header("Last-Modified", "Tue, 02 Jan 2001 03:04:05 GMT")),
    Fault(name="getcontentlength-wrong", check="get-head", finds="getcontentlength-wrong",
          response=get_longer),
    Fault(name="head-differs", check="get-head", finds="head-differs",
          response=get_header("ETag", '"head-only"', methods=("HEAD",))),
    Fault(name="range-ignored", check="get-head", finds="range-ignored", request=ignore_range),
    Fault(name="get-failed", check="get-head", finds="get-failed", request=get_403),
]
