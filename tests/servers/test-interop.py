#!/usr/bin/env python3
"""One davscope-cli battery, run alike against every real server.

Run by tests/servers/meson.build (interop-apache, -nginx, -lighttpd,
-sabre) as

    with-server KIND --seed none -- tests/servers/test-interop.py

with DAVSCOPE_CLI set to the built davscope-cli; DAVSCOPE_TEST_SERVER
(exported by with-server) says which server answers.  Prints TAP (the plan
at the end) and exits 1 when any test failed.  Python standard library
only.

What every server must do alike is asserted alike.  What a server does
differently is asserted as THAT server's behaviour, and only from the table
SERVERS below: one dict per server, each entry with a comment saying what
the server does.  Those entries document the servers (see also
with-server's docstring), not Davscope: where a server is at fault the
comment says so, and the checks assert what Davscope must then show.

Every part works in a folder of its own under one folder made with
`davscope-cli mkdir` (interop-<random>/), and removes it when done; the
whole folder is removed at the end, over HTTP and then on disk.  Every
--json command's stdout must be exactly one JSON document, checked where it
runs and summed up at the end.
"""

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
import urllib.parse
import uuid

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
from davtest import RUNS, Tap, cli, cli_missing, find_prop, must, same_url, url_of  # noqa: E402

BASE = os.environ.get("DAVSCOPE_TEST_URL")
ROOT = os.environ.get("DAVSCOPE_TEST_ROOT")
SERVER = os.environ.get("DAVSCOPE_TEST_SERVER", "")
NS = "urn:x-davscope:interop"
CLOSED = "http://127.0.0.1:1/dav/"   # nothing listens on port 1
N_BULK = 2000

# --------------------------------------------------------------- the servers
#
# What each server does, as observed (Debian 12: Apache/2.4, nginx/1.22.1 +
# dav-ext, lighttpd/1.4.69 mod_webdav, sabre/dav 1.8.12 under php -S).  Every
# entry is the SERVER's behaviour, not Davscope's: a test below asserts it
# only as that server's, and asserts that Davscope reports it as it is.

SERVERS = {
    # Apache httpd + mod_dav_fs, DavDepthInfinity On (with-apache's config).
    "apache": {
        # PUT with If-None-Match: * onto an existing file: 412, file kept.
        "put_existing": 412,
        # OPTIONS of an unmapped URL: 200 with the DAV header (exit 0).
        "info_missing": 200,
        # COPY/MOVE of a file to a new name with Overwrite: F: 201 Created.
        "copy_new": 201,
        "move_new": 201,
        # MKCOL (with the slash) inside a missing folder: 409 Conflict.
        "mkdir_missing_parent": 409,
        # COPY into a missing folder: 409; MOVE: 500 (mod_dav_fs's rename
        # fails), where RFC 4918 §9.9.4 says 409: the server's fault (the
        # file stays where it was).
        "copy_missing_parent": 409,
        "move_missing_parent": 500,
        # DELETE of a file: 204.
        "delete_file": 204,
        # LOCK tokens are opaquelocktoken:UUID.
        "lock_token": r"opaquelocktoken:[0-9a-fA-F-]{36}",
        # UNLOCK with a token that is not the lock's: 400 Bad Request (exit
        # 2); the lock stays (rightly).  The same on an unmapped URL.
        "unlock_wrong_token": (400, 2),
        "unlock_missing": (400, 2),
        # LOCK of a URL in a missing folder: 409, and nothing is locked.
        "lock_missing_parent": 409,
        "failed_lock_stays": False,
        "unlock_wrong_token_keeps_lock": True,
        # DELETE of a folder holding a locked file (no token): 424 Failed
        # Dependency with a 207 body naming the file 423; nothing deleted.
        "rm_locked_folder": {"status": 424, "member_423": True, "deleted": False, "condition": None},
        # PROPPATCH setting a dead property: 207, the property 200.
        "proppatch_dead": {"status": 207, "property": 200},
        # allprop (props) includes the dead properties.
        "allprop_has_dead": True,
        # PROPPATCH of a dead property and {DAV:}getetag together: 207,
        # getetag 409 (read-only), the dead property 424 (all-or-nothing);
        # nothing saved.
        "proppatch_protected": {"status": 207, "exit": 2, "getetag": (403, 409), "dead": (424,)},
        # PROPFIND Depth infinity: honoured, 207 with the whole tree.
        "depth_infinity": {"status": 207, "answer": "tree", "exit": 0},
        # So ls --recursive takes Depth infinity at its word (one request).
        "walk_mode": "infinity",
    },
    # nginx + ngx_http_dav_module + dav-ext (PROPFIND, OPTIONS, LOCK,
    # UNLOCK), create_full_put_path on.
    "nginx": {
        # PUT ignores If-None-Match: * (and If-Match): an existing file is
        # replaced, 204.  The server's fault (RFC 9110 §13.1.2): it was
        # told to keep what is there.
        "put_existing": 204,
        # OPTIONS of an unmapped URL: 200 (exit 0).
        "info_missing": 200,
        # COPY/MOVE to a new name with Overwrite: F: 204 No Content, which
        # means "replaced" (RFC 4918 §9.8.5) and contradicts Overwrite: F:
        # the server's fault (the copy is made all the same).
        "copy_new": 204,
        "move_new": 204,
        # MKCOL (with the slash) inside a missing folder: 409.
        "mkdir_missing_parent": 409,
        # COPY into a missing folder: 500; MOVE: 204 and the missing folder
        # is made (create_full_put_path), which RFC 4918 §9.9.4 forbids:
        # both the server's fault.
        "copy_missing_parent": 500,
        "move_missing_parent": 204,
        "delete_file": 204,
        # LOCK tokens are urn:XXXXXXXX (8 hex digits).
        "lock_token": r"urn:[0-9a-fA-F]{8}",
        # UNLOCK with a wrong token: 204 No Content, yet the lock stays:
        # the server's fault.  Davscope can only report the 204 it got
        # (exit 0); the file is still locked afterwards.
        "unlock_wrong_token": (204, 0),
        # UNLOCK of an unmapped URL (no lock at all): 204 as well.
        "unlock_missing": (204, 0),
        # LOCK of a URL in a missing folder: 409, yet the lock is kept in
        # the lock zone: the URL stays locked (DELETE, MOVE, PUT of it:
        # 423) until the zone's timeout.  The server's fault.
        "lock_missing_parent": 409,
        "failed_lock_stays": True,
        "unlock_wrong_token_keeps_lock": True,
        # DELETE of a folder holding a locked file: 204, and the folder
        # and the locked file are gone (the lock is not checked below the
        # folder): the server's fault.
        "rm_locked_folder": {"status": 204, "member_423": False, "deleted": True, "condition": None},
        # No dead properties: PROPPATCH is not an allowed method, 405.
        "proppatch_dead": {"status": 405, "property": None},
        "allprop_has_dead": False,
        "proppatch_protected": {"status": 405, "exit": 2, "getetag": None, "dead": None},
        # PROPFIND Depth infinity: 403 with an HTML page (exit 2, the
        # answer read whole).
        "depth_infinity": {"status": 403, "answer": "refused", "exit": 2},
        "walk_mode": "infinity-refused",
    },
    # lighttpd + mod_webdav (libxml2, sqlite: PROPPATCH and LOCK work).
    "lighttpd": {
        "put_existing": 412,
        # OPTIONS of an unmapped URL: "200 OK", Transfer-Encoding: chunked,
        # and then no body, not even the last chunk: the server's fault
        # (lighttpd 1.4.69).  Davscope reads an OPTIONS answer from its
        # headers and does not wait for that body: exit 0 at once.
        "info_missing": 200,
        # COPY/MOVE of a file to a new name: 201.  COPY/MOVE onto an
        # existing file (Overwrite: T) replaces it on disk, but a GET in
        # the next second may still serve the old content (the stat cache
        # is not told): the test reads the share on disk instead.
        "copy_new": 201,
        "move_new": 201,
        "mkdir_missing_parent": 409,
        "copy_missing_parent": 409,
        "move_missing_parent": 409,
        "delete_file": 204,
        # LOCK tokens are urn:uuid:UUID.
        "lock_token": r"urn:uuid:[0-9a-fA-F-]{36}",
        # UNLOCK with a wrong token: 409 Conflict, the lock stays; its body
        # <D:error><DAV:lock-token-matches-request-uri/></D:error> declares
        # neither prefix (not namespace-well-formed): exit 3, malformed.
        "unlock_wrong_token": (409, 3),
        "unlock_missing": (409, 3),
        # LOCK of a URL in a missing folder: 403 Forbidden; nothing locked.
        "lock_missing_parent": 403,
        "failed_lock_stays": False,
        "unlock_wrong_token_keeps_lock": True,
        # DELETE of a folder holding a locked file: 204, folder and locked
        # file gone: the server's fault.
        "rm_locked_folder": {"status": 204, "member_423": False, "deleted": True, "condition": None},
        # PROPPATCH that succeeds: 204 and no body (no 207); Davscope
        # reports each property asked as saved with that 204.
        "proppatch_dead": {"status": 204, "property": 204},
        "allprop_has_dead": True,
        # A dead property together with {DAV:}getetag (as Davscope sends
        # it, one default namespace): 207 whose only propstat names
        # <DAV:getetag/> (an undeclared prefix, so {}getetag, not the
        # property asked) 403 with cannot-modify-protected-property; the
        # dead property is not mentioned (and not saved).  Davscope: exit
        # 3 (malformed), both properties asked "no answer", ok false.
        "proppatch_protected": {"status": 207, "exit": 3, "getetag": (None,), "dead": (None,)},
        # PROPFIND Depth infinity: 403 application/xml, a DAV:error body
        # <D:error><DAV:propfind-finite-depth/></D:error> that declares no
        # namespace for D: (not namespace-well-formed): exit 3, complete
        # false.
        "depth_infinity": {"status": 403, "answer": "refused", "exit": 3},
        "walk_mode": "infinity-refused",
    },
    # sabre/dav 1.8.12 (FSExt, Locks\Backend\File) under php -S.
    "sabre": {
        "put_existing": 412,
        # OPTIONS of an unmapped URL: 200 (exit 0).
        "info_missing": 200,
        "copy_new": 201,
        "move_new": 201,
        "mkdir_missing_parent": 409,
        "copy_missing_parent": 409,
        "move_missing_parent": 409,
        "delete_file": 204,
        "lock_token": r"opaquelocktoken:[0-9a-fA-F-]{36}",
        # UNLOCK with a wrong token: 409 Conflict (exit 2); the lock stays.
        "unlock_wrong_token": (409, 2),
        "unlock_missing": (409, 2),
        # LOCK of a URL in a missing folder: 404 Not Found; nothing locked.
        "lock_missing_parent": 404,
        "failed_lock_stays": False,
        "unlock_wrong_token_keeps_lock": True,
        # DELETE of a folder holding a locked file: 423 with
        # <d:error><d:lock-token-submitted><d:href> naming the file (its
        # href relative to the base URI, not encoded); nothing deleted.
        "rm_locked_folder": {"status": 423, "member_423": False, "deleted": False,
                             "condition": "lock-token-submitted"},
        "proppatch_dead": {"status": 207, "property": 200},
        # allprop leaves the dead properties out (RFC 4918 §9.1 wants
        # them): `props` cannot show them; a PROPFIND naming the property
        # (ls --depth 0 --prop) does.
        "allprop_has_dead": False,
        # A dead property together with {DAV:}getetag: 207, getetag 403,
        # the dead property 424; nothing saved.
        "proppatch_protected": {"status": 207, "exit": 2, "getetag": (403,), "dead": (424,)},
        # PROPFIND Depth infinity: answered as Depth 1 (207, the folder and
        # its members only).
        "depth_infinity": {"status": 207, "answer": "depth1", "exit": 0},
        "walk_mode": "infinity-ignored",
    },
}

S = SERVERS.get(SERVER, {})

# --------------------------------------------------------------- TAP and the CLI (tests/davtest.py)

T = Tap(prefix=f"{SERVER}: ")
check = T.check


def json_runs():
    """Every run with --json so far."""
    return [r for r in RUNS if "--json" in r.args]


def observe(what, run):
    """A TAP comment: what the server answered and what Davscope showed
    (the material for the table of each server's behaviour)."""
    d = run.json()
    item = (d.get("results") or [d])[0] if isinstance(d.get("results"), list) else d
    bits = [f"exit {run.rc}"]
    for key in ("status", "ok", "complete", "outcome"):
        if key in item:
            bits.append(f"{key} {json.dumps(item.get(key))}")
    kinds = problem_kinds(item)
    if kinds:
        bits.append("problems " + ",".join(kinds))
    print(f"# observed {what}: " + ", ".join(bits), flush=True)


def check_one_json(run, what):
    return check(run.json_error is None and isinstance(run.doc, dict),
                 f"{what}: --json prints exactly one JSON document", run)


# --------------------------------------------------------------- helpers

TOP = None   # this run's folder under the share


def disk_path(url):
    """The file under DAVSCOPE_TEST_ROOT that url names."""
    rel = urllib.parse.unquote(url[len(BASE):]) if url.startswith(BASE) else None
    return os.path.join(ROOT, rel) if rel is not None else None


def part_folder(label):
    url = url_of(TOP, f"{label}-{uuid.uuid4().hex[:6]}", folder=True)
    must(cli("mkdir", url), "mkdir of a part's folder")
    return url


def remove(url):
    """Clean up a part: DELETE over HTTP, then whatever is left on disk."""
    cli("rm", url)
    path = disk_path(url)
    if path and os.path.lexists(path):
        shutil.rmtree(path, ignore_errors=True)


def local_file(data):
    f = tempfile.NamedTemporaryFile("wb", delete=False, prefix="davscope-interop-")
    f.write(data)
    f.close()
    return f.name


def put_bytes(url, data, *options):
    path = local_file(data)
    try:
        return cli("put", *options, path, url)
    finally:
        os.unlink(path)


def put_ok(url, data):
    must(put_bytes(url, data), "put")


def get_bytes(url):
    """(Run, bytes or None)."""
    with tempfile.TemporaryDirectory(prefix="davscope-interop-") as tmp:
        dst = os.path.join(tmp, "got")
        r = cli("get", url, dst)
        data = None
        if r.rc == 0 and os.path.exists(dst):
            with open(dst, "rb") as f:
                data = f.read()
        return r, data


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def listing(url, *options):
    """(Run, [member names]) of ls --json."""
    r = cli("ls", "--json", *options, url)
    names = [res.get("name") for res in r.json().get("resources") or []
             if res.get("relation") == "member"]
    return r, names


def props_of(url):
    r = cli("props", "--json", url)
    for res in r.json().get("resources") or []:
        if res.get("relation") == "self":
            return r, res
    return r, None


def problem_kinds(doc):
    return [p.get("kind") for p in (doc or {}).get("problems") or []]


def on_disk(url):
    """The content of url's file in the share, read on disk (None if absent)."""
    try:
        with open(disk_path(url), "rb") as f:
            return f.read()
    except (OSError, TypeError):
        return None


def exists(url):
    """Whether url's file is still on disk (the server's share)."""
    path = disk_path(url)
    return path is not None and os.path.lexists(path.rstrip("/") or "/")


def server_owner():
    """(uid, gid) for files written on disk, or None when not root."""
    if os.geteuid() != 0:
        return None
    st = os.stat(ROOT)
    return st.st_uid, st.st_gid


# --------------------------------------------------------------- 1. awkward names

AWKWARD = ["a space.txt", "Tom & Jerry.txt", "a#b.txt", "%41", "what?.txt",
           "naïve.txt", "日本.txt", "trail ", "empty 0 bytes.txt"]


def test_awkward_names():
    folder = part_folder("names")
    for name in AWKWARD:
        put_ok(url_of(folder, name), b"" if name.startswith("empty") else name.encode() + b"\n")
    r = cli("ls", "--json", folder)
    d = r.json()
    check(r.rc == 0 and d.get("status") == 207 and d.get("complete") is True,
          "ls --json of the awkward names exits 0, status 207, complete true", r)
    members = [res for res in d.get("resources") or [] if res.get("relation") == "member"]
    names = [res.get("name") for res in members]
    wrong = [n for n in AWKWARD if names.count(n) != 1] + [n for n in names if n not in AWKWARD]
    check(not wrong and len(names) == len(AWKWARD),
          "ls --json: every awkward name (space & # %41 ? naïve 日本 'trail ' 0-byte) once, decoded",
          None, [f"wrong: {wrong!r}", f"names: {names!r}"])
    flagged = [(res.get("name"), res.get("relation"), res.get("problems")) for res in d.get("resources") or []
               if res.get("problems") or res.get("relation") not in ("member", "self")]
    check(not flagged, "ls --json: no resource flagged (relation member or self, problems empty)",
          None, [json.dumps(flagged, ensure_ascii=False)[:2000]])
    selves = [res for res in d.get("resources") or [] if res.get("relation") == "self"]
    check(len(selves) == 1 and selves[0].get("collection") is True,
          "ls --json: the folder itself once, relation self, a collection", None,
          [json.dumps(selves, ensure_ascii=False)[:1500]])
    empty = [res for res in members if res.get("name") == "empty 0 bytes.txt"]
    length = find_prop(empty[0], "DAV:", "getcontentlength") if empty else None
    check(length is not None and length.get("value") == "0",
          "ls --json: the 0-byte file has getcontentlength 0", None, [json.dumps(empty, ensure_ascii=False)])
    r = cli("ls", folder)
    lines = r.out.splitlines()
    missing = [n for n in AWKWARD if not any(n in line for line in lines)]
    check(r.rc == 0 and not missing, "human ls shows every awkward name", r, [f"missing: {missing!r}"])
    remove(folder)


# --------------------------------------------------------------- 2. 2,000 files


def test_bulk():
    folder = part_folder("bulk")
    path = disk_path(folder)
    owner = server_owner()
    old = os.umask(0)
    try:
        for i in range(N_BULK):
            fd = os.open(os.path.join(path, f"f{i:05d}.txt"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            try:
                if owner:
                    os.fchown(fd, *owner)
            finally:
                os.close(fd)
    finally:
        os.umask(old)
    r = cli("ls", "--json", folder)
    d = r.json()
    res = d.get("resources") or []
    members = [x.get("name") for x in res if x.get("relation") == "member"]
    selves = [x for x in res if x.get("relation") == "self"]
    want = {f"f{i:05d}.txt" for i in range(N_BULK)}
    check(r.rc == 0 and d.get("status") == 207 and d.get("complete") is True,
          f"ls --json of {N_BULK} files exits 0, status 207, complete true", r)
    check(len(res) == N_BULK + 1 and len(selves) == 1 and len(members) == N_BULK and set(members) == want,
          f"ls --json lists exactly {N_BULK} members plus the folder itself", None,
          [f"{len(res)} resources, {len(members)} members, {len(set(members))} distinct, "
           f"{len(selves)} self; missing {sorted(want - set(members))[:10]!r}"])
    remove(folder)


# --------------------------------------------------------------- 3. put and get


def test_put_get():
    folder = part_folder("transfer")
    big = os.urandom(5 * 1000 * 1000)
    url = url_of(folder, "random 5MB.bin")
    r = put_bytes(url, big)
    check(r.rc == 0, "put of a 5 MB random file exits 0", r)
    rg, got = get_bytes(url)
    check(got is not None and sha256(got) == sha256(big),
          "get of the 5 MB file gives it back byte for byte (SHA-256)", rg,
          [f"sent {len(big)} bytes, got {None if got is None else len(got)}"])

    small = url_of(folder, "six.txt")
    r = put_bytes(small, b"hello\n", "--json")
    check_one_json(r, "put")
    check(r.rc == 0 and r.seconds < 10,
          "put of a 6-byte file exits 0 well before the 60 s socket timeout (< 10 s)", r)

    r = put_bytes(small, b"other\n", "--json")
    observe("put onto an existing file", r)
    check_one_json(r, "put onto an existing file")
    want = S["put_existing"]
    rg, got = get_bytes(small)
    if want == 412:
        check(r.rc == 2 and r.json().get("status") == 412 and r.json().get("destination_exists") is True,
              "put again without --overwrite exits 2 with 412 (destination_exists true)", r)
        check(got == b"hello\n", "after the 412 the file on the server is unchanged", rg, [repr(got)])
    else:
        # nginx: If-None-Match: * ignored, the file replaced (server's fault).
        check(r.rc == 0 and r.json().get("status") == want and got == b"other\n",
              f"put again without --overwrite: the server ignores If-None-Match: * and replaces the "
              f"file ({want})", r, [repr(got)])
        check("contradicts-request" in problem_kinds(r.json()),
              f"put again: Davscope flags the {want} to If-None-Match: * as contradicts-request", r)

    r = put_bytes(small, b"replaced\n", "--overwrite", "--json")
    check_one_json(r, "put --overwrite")
    rg, got = get_bytes(small)
    check(r.rc == 0 and r.json().get("ok") is True and got == b"replaced\n",
          "put --overwrite exits 0 and the content is replaced", r, rg.diag() + [repr(got)])
    remove(folder)


# --------------------------------------------------------------- 4. mkdir


def test_mkdir():
    folder = part_folder("mkdir")
    new = url_of(folder, "new folder", folder=True)
    r = cli("mkdir", "--json", new)
    check_one_json(r, "mkdir")
    check(r.rc == 0 and r.json().get("status") == 201, "mkdir of a new folder exits 0 (201)", r)
    r = cli("mkdir", "--json", new)
    check_one_json(r, "mkdir of an existing folder")
    check(r.rc == 2 and r.json().get("status") == 405 and r.json().get("ok") is False,
          "mkdir again exits 2 with 405", r)
    want = S["mkdir_missing_parent"]
    r = cli("mkdir", "--json", url_of(folder, "no parent/child", folder=True))
    check_one_json(r, "mkdir in a missing parent")
    check(r.rc == 2 and r.json().get("status") == want,
          f"mkdir inside a missing parent exits 2 with {want}", r)
    remove(folder)


# --------------------------------------------------------------- 5. cp and mv


def test_cp_mv():
    folder = part_folder("copy")
    a = url_of(folder, "source file.txt")
    b = url_of(folder, "copy & of it.txt")
    c = url_of(folder, "moved #1.txt")
    put_ok(a, b"source\n")
    for cmd, src, dst, key in (("cp", a, b, "copy_new"), ("mv", b, c, "move_new")):
        r = cli(cmd, "--json", src, dst)
        d = r.json()
        observe(f"{cmd} to a new name", r)
        check_one_json(r, f"{cmd} to a new name")
        check(r.rc == 0 and d.get("ok") is True and d.get("status") == S[key],
              f"{cmd} to a new name without --overwrite exits 0 ({S[key]})", r)
        check(same_url(d.get("destination"), dst), f"{cmd} --json has \"destination\", the absolute URL", r)
        flagged = "contradicts-request" in problem_kinds(d)
        if S[key] == 204:
            check(flagged, f"{cmd}: the 204 after Overwrite: F is flagged contradicts-request "
                  "(the server's fault), still done", r)
        else:
            check(not flagged and not d.get("problems"), f"{cmd}: {S[key]} to a new name, no problem flagged", r)
    rl, names = listing(folder)
    check(sorted(names) == sorted(["source file.txt", "moved #1.txt"]),
          "after cp and mv: the source and the moved copy are there, the copy's old name is gone", rl)

    # Onto an existing name.
    put_ok(b, b"existing\n")
    for cmd, src, dst in (("cp", a, b), ("mv", c, b)):
        r = cli(cmd, "--json", src, dst)
        d = r.json()
        observe(f"{cmd} onto an existing name", r)
        check_one_json(r, f"{cmd} onto an existing name")
        check(r.rc == 2 and d.get("status") == 412 and d.get("destination_exists") is True,
              f"{cmd} onto an existing name without --overwrite exits 2 with 412", r)
        got = on_disk(b)
        check(got == b"existing\n" and on_disk(src) is not None,
              f"after the {cmd} 412 the destination is unchanged and the source still there", None,
              [repr(got)])
    # Contents are read on disk: lighttpd may serve the replaced file's
    # old content for a second (see SERVERS).
    r = cli("cp", "--json", "--overwrite", a, b)
    observe("cp --overwrite onto an existing name", r)
    got = on_disk(b)
    check(r.rc == 0 and r.json().get("ok") is True and got == b"source\n"
          and same_url(r.json().get("destination"), b) and not r.json().get("problems"),
          "cp --overwrite exits 0 and the destination has the source's content", r, [repr(got)])
    moving = on_disk(c)
    r = cli("mv", "--json", "--overwrite", c, b)
    observe("mv --overwrite onto an existing name", r)
    got = on_disk(b)
    rl, names = listing(folder)
    check(r.rc == 0 and r.json().get("ok") is True and moving is not None and got == moving
          and "moved #1.txt" not in names and same_url(r.json().get("destination"), b),
          "mv --overwrite exits 0, the destination has the moved content, the source is gone", r,
          [f"moved {moving!r}, destination now {got!r}", repr(names)])

    # Into a folder that does not exist: RFC 4918 §9.8.5/§9.9.4 say 409
    # and forbid making the folder. What each server does (SERVERS), and
    # that the source stays unless the server says it moved it.
    for cmd, key in (("cp", "copy_missing_parent"), ("mv", "move_missing_parent")):
        src = url_of(folder, f"{cmd} orphan.txt")
        missing = url_of(folder, f"no {cmd} folder/")
        dst = url_of(missing, "target.txt")
        put_ok(src, b"orphan\n")
        r = cli(cmd, "--json", src, dst)
        d = r.json()
        observe(f"{cmd} into a missing folder", r)
        check_one_json(r, f"{cmd} into a missing folder")
        want = S[key]
        if want >= 400:
            check(r.rc == 2 and d.get("status") == want and d.get("ok") is False,
                  f"{cmd} into a missing folder exits 2 with {want}", r)
            check(on_disk(src) == b"orphan\n" and not exists(missing),
                  f"after {cmd}'s {want} the source is still there and no folder was made", r)
        else:
            check(r.rc == 0 and d.get("status") == want,
                  f"{cmd} into a missing folder: {want}, done as the server says", r)
            check(on_disk(dst) == b"orphan\n" and on_disk(src) is None,
                  f"{cmd} into a missing folder: the server made the folder (its fault) and the file is there", r)
    remove(folder)


# --------------------------------------------------------------- 6. bulk delete


def test_rm_bulk():
    folder = part_folder("rm")
    files = [url_of(folder, n) for n in ("one.txt", "two & two.txt", "three #3.txt")]
    for u in files:
        put_ok(u, b"delete me\n")
    missing = url_of(folder, "not here.txt")
    targets = files[:2] + [missing] + files[2:]
    r = cli("rm", "--json", *targets)
    check_one_json(r, "rm of three files and a missing one")
    results = r.json().get("results") or []
    check(r.rc == 2, "rm --json of three files and a missing one exits 2", r)
    check(len(results) == 4 and all(same_url(x.get("url"), t) for x, t in zip(results, targets)),
          "rm --json: one result per target, in the order given", r)
    if len(results) == 4:
        good = [results[i] for i in (0, 1, 3)]
        check(all(x.get("ok") is True and x.get("status") in (200, 204) for x in good),
              f"rm: the three files ok true ({S['delete_file']})", None, [json.dumps(good)[:2000]])
        check(results[2].get("ok") is False and results[2].get("status") == 404,
              "rm: the missing file ok false, 404", None, [json.dumps(results[2])])
    rl, names = listing(folder)
    check(rl.rc == 0 and names == [], "after rm, ls shows the three files gone", rl)
    remove(folder)


# --------------------------------------------------------------- 7. lock


def lock(url):
    """(Run, token or None) of a human `lock URL`."""
    r = cli("lock", url)
    m = re.search(r"Token: (\S+)", r.out + r.err)
    return r, (m.group(1) if m else None)


def test_lock():
    folder = part_folder("lock")
    url = url_of(folder, "to lock.txt")
    put_ok(url, b"lock me\n")
    r, token = lock(url)
    check(r.rc == 0 and token and re.fullmatch(S["lock_token"], token),
          f"lock prints \"Token: {S['lock_token']}\"", r)
    if not token:
        remove(folder)
        return
    r = cli("rm", url)
    check(r.rc == 2 and "423" in r.out + r.err and exists(url),
          "rm of the locked file (another run, no token) exits 2 with 423, the file still there", r)
    r = cli("rm", "--json", url)
    observe("rm of a locked file", r)
    check_one_json(r, "rm of a locked file")
    res = (r.json().get("results") or [{}])[0]
    check(r.rc == 2 and res.get("status") == 423 and res.get("ok") is False,
          "rm --json of the locked file: status 423, ok false", r)

    # A wrong token.
    wrong = "opaquelocktoken:00000000-0000-0000-0000-000000000000" if token.startswith("opaque") \
        else ("urn:00000000" if re.fullmatch(r"urn:[0-9a-fA-F]{8}", token)
              else "urn:uuid:00000000-0000-0000-0000-000000000000")
    r = cli("unlock", "--json", url, wrong)
    observe("unlock with a wrong token", r)
    check_one_json(r, "unlock with a wrong token")
    want, code = S["unlock_wrong_token"]
    if want // 100 == 2:
        # nginx: 204 to a wrong token, the lock stays (the server's fault).
        check(r.rc == code and r.json().get("status") == want,
              f"unlock with a wrong token: the server answers {want} (its fault), Davscope exits {code}", r)
    else:
        check(r.rc == code and r.json().get("status") == want and r.json().get("ok") is False,
              f"unlock with a wrong token exits {code} with {want}, ok false", r)
    r2 = cli("rm", url)
    check((r2.rc == 2 and "423" in r2.out + r2.err and exists(url)) == S["unlock_wrong_token_keeps_lock"],
          "after the wrong unlock the file is still locked (rm: 423)", r2)

    r = cli("unlock", "--json", url, token)
    check_one_json(r, "unlock")
    check(r.rc == 0 and r.json().get("ok") is True, "unlock URL TOKEN exits 0", r)
    r = cli("rm", url)
    check(r.rc == 0 and not exists(url), "rm after unlock exits 0 and the file is gone", r)
    r = cli("lock", "--json", url_of(folder, "json lock.txt"))
    check_one_json(r, "lock")
    tok = r.json().get("lock_token")
    check(r.rc == 0 and tok and re.fullmatch(S["lock_token"], tok), "lock --json has \"lock_token\"", r)
    if tok:
        cli("unlock", url_of(folder, "json lock.txt"), tok)
    remove(folder)


# --------------------------------------------------------------- 8. folder with a locked file


def test_rm_locked_folder():
    folder = part_folder("locked-folder")
    inner = url_of(folder, "inside", folder=True)
    cli("mkdir", inner)
    locked = url_of(inner, "locked.txt")
    plain = url_of(inner, "plain.txt")
    put_ok(locked, b"locked\n")
    put_ok(plain, b"plain\n")
    r, token = lock(locked)
    if not check(token, "lock of the file inside the folder", r):
        remove(folder)
        return
    want = S["rm_locked_folder"]
    r = cli("rm", "--json", inner)
    observe("rm of a folder holding a locked file", r)
    check_one_json(r, "rm of a folder holding a locked file")
    res = (r.json().get("results") or [{}])[0]
    status = res.get("status")
    check(status == want["status"], f"rm of a folder holding a locked file: the server answers {want['status']}",
          r)
    check(res.get("ok") is (isinstance(status, int) and 200 <= status < 300)
          and r.rc == (0 if res.get("ok") else 2),
          "rm: the report is ok true only for a 2xx, and the exit status follows it", r)
    members = res.get("members") or []
    m423 = [m for m in members if urllib.parse.unquote(m.get("href") or "").endswith("locked.txt")
            and m.get("status") == 423 and m.get("ok") is False]
    if want["member_423"]:
        check(len(m423) == 1 and len(members) == 1, "rm: the members list the locked file, 423, ok false",
              r)
    else:
        check(not members, "rm: no members (the server sent no multistatus)", r)
    if want["condition"]:
        conds = [e for e in res.get("error") or [] if e.get("namespace") == "DAV:"
                 and e.get("name") == want["condition"]]
        check(len(conds) == 1 and "locked.txt" in (conds[0].get("content") or "")
              and (conds[0].get("explanation") or "").strip(),
              f"rm: the report carries the server's {{DAV:}}{want['condition']} naming the file, explained", r)
    gone = not exists(inner) and not exists(locked)
    if want["deleted"]:
        check(gone, "rm: the server deleted the folder AND the locked file (its fault)", None,
              [f"folder on disk: {exists(inner)}, locked file on disk: {exists(locked)}"])
    else:
        check(exists(locked) and exists(plain) and exists(inner),
              "rm: nothing deleted (the folder, the locked file and its sibling are there)", None,
              [f"folder: {exists(inner)}, locked: {exists(locked)}, plain: {exists(plain)}"])
    if exists(locked):
        cli("unlock", locked, token)
    remove(folder)


# --------------------------------------------------------------- 9. properties


def test_proppatch():
    folder = part_folder("props")
    url = url_of(folder, "props.txt")
    put_ok(url, b"properties\n")
    note = "{%s}note" % NS
    want = S["proppatch_dead"]
    r = cli("proppatch", "--json", url, "--set", note + "=hello")
    observe("proppatch --set of a dead property", r)
    check_one_json(r, "proppatch")
    res = (r.json().get("results") or [{}])[0]
    props = res.get("properties") or []
    if want["property"] is not None:
        check(r.rc == 0 and res.get("status") == want["status"] and res.get("ok") is True,
              f"proppatch --set of a dead property exits 0 ({want['status']})", r)
        check(len(props) == 1 and props[0].get("name") == "note" and props[0].get("namespace") == NS
              and props[0].get("status") == want["property"] and props[0].get("ok") is True,
              f"proppatch: the property reported saved with status {want['property']}", r)
        rp, me = props_of(url)
        p = find_prop(me, NS, "note")
        if S["allprop_has_dead"]:
            check(p is not None and p.get("value") == "hello" and p.get("status") == 200,
                  "props --json then shows the value \"hello\"", rp, [json.dumps(p)])
        else:
            check(rp.rc == 0 and p is None,
                  "props --json (allprop) does not show it: the server leaves dead properties out", rp)
        rl = cli("ls", "--json", "--depth", "0", "--prop", note, url)
        res = (rl.json().get("resources") or [None])[0]
        p = find_prop(res, NS, "note")
        check(rl.rc == 0 and p is not None and p.get("value") == "hello" and p.get("status") == 200,
              "ls --depth 0 --prop of it shows the value \"hello\"", rl, [json.dumps(p)])
    else:
        check(r.rc == 2 and res.get("status") == want["status"] and res.get("ok") is False,
              f"proppatch exits 2 with {want['status']} (no dead properties)", r)
        check(all(p.get("ok") is False for p in props), "proppatch: no property reported saved", r)

    # A dead property together with a protected one.
    want = S["proppatch_protected"]
    other = "{%s}other" % NS
    r = cli("proppatch", "--json", url, "--set", other + "=together", "--set", '{DAV:}getetag="made-up"')
    observe("proppatch of a dead property with {DAV:}getetag", r)
    check_one_json(r, "proppatch with {DAV:}getetag")
    res = (r.json().get("results") or [{}])[0]
    by = {(p.get("namespace"), p.get("name")): p for p in res.get("properties") or []}
    etag, dead = by.get(("DAV:", "getetag"), {}), by.get((NS, "other"), {})
    print("# observed   properties: " + json.dumps(
        [(p.get("namespace"), p.get("name"), p.get("status"), p.get("ok")) for p in res.get("properties") or []]))
    check(res.get("status") == want["status"] and r.rc == want["exit"] and res.get("ok") is False,
          f"proppatch of a dead property with {{DAV:}}getetag: the server answers {want['status']}, "
          f"exit {want['exit']}, ok false", r)
    if want["getetag"] is not None:
        check(etag and etag.get("status") in want["getetag"] and etag.get("ok") is False,
              f"proppatch: {{DAV:}}getetag {'/'.join(map(str, want['getetag']))}, ok false", r)
        check(dead and dead.get("status") in want["dead"] and dead.get("ok") is False,
              f"proppatch: the dead property {'/'.join(map(str, want['dead']))}, ok false", r)
    unconfirmed = [p for p in res.get("properties") or []
                   if p.get("ok") is True and not (isinstance(p.get("status"), int) and 200 <= p["status"] < 300)]
    check(not unconfirmed and (res.get("ok") is not True or all(
        p.get("ok") is True for p in res.get("properties") or [])),
          "proppatch: a property is reported saved only with a 2xx the server gave it", r)
    check(r.rc == 0 if res.get("ok") else r.rc in (2, 3), "proppatch: the exit status follows the report", r)
    rp, me = props_of(url)
    p = find_prop(me, NS, "other")
    on_server = p is not None and p.get("status") == 200 and p.get("value") == "together"
    check(on_server == (dead.get("ok") is True),
          "proppatch: the dead property is on the server exactly when the report says saved", rp,
          [f"reported: {json.dumps(dead)}", f"on the server: {json.dumps(p)}"])
    remove(folder)


# --------------------------------------------------------------- 10. trees


TREE = ["l1/", "l1/a.txt", "l1/l2/", "l1/l2/b.txt", "l1/l2/l3/", "l1/l2/l3/c.txt", "top.txt"]


def make_tree(folder):
    for rel in TREE:
        u = folder + "/".join(urllib.parse.quote(x) for x in rel.split("/"))
        if rel.endswith("/"):
            must(cli("mkdir", u), "mkdir")
        else:
            put_ok(u, rel.encode())


def tree_paths(doc, folder):
    """Paths of resources relative to folder, the folder itself ''."""
    base = urllib.parse.unquote(urllib.parse.urlsplit(folder).path)
    out = []
    for res in doc.get("resources") or []:
        p = res.get("path") or urllib.parse.unquote(urllib.parse.urlsplit(res.get("url") or "").path)
        out.append(p[len(base):] if p.startswith(base) else p)
    return out


def test_depth_infinity():
    folder = part_folder("tree")
    make_tree(folder)
    whole = sorted([""] + TREE)
    depth1 = sorted(["", "l1/", "top.txt"])
    want = S["depth_infinity"]
    r = cli("ls", "--depth", "infinity", "--json", folder)
    observe("ls --depth infinity", r)
    check_one_json(r, "ls --depth infinity")
    d = r.json()
    got = sorted(tree_paths(d, folder))
    if want["answer"] == "tree":
        check(r.rc == 0 and d.get("status") == 207 and d.get("complete") is True and got == whole,
              "ls --depth infinity: 207, complete, the whole tree (3 levels)", r, [f"got {got!r}"])
    elif want["answer"] == "depth1":
        check(r.rc == 0 and d.get("status") == 207 and got == depth1,
              "ls --depth infinity: 207 answered as Depth 1 (the folder and its members only)", r,
              [f"got {got!r}"])
    else:
        check(r.rc == want["exit"] and d.get("status") == want["status"] and d.get("listing_complete") is False
              and not d.get("resources"),
              f"ls --depth infinity: refused with {want['status']}, exit {want['exit']}, "
              "listing_complete false, no resources", r)
        # A body that is not namespace-well-formed (lighttpd) is malformed.
        check(d.get("complete") is (want["exit"] != 3),
              f"ls --depth infinity: complete {str(want['exit'] != 3).lower()} for the "
              f"{want['status']} answer", r)

    r = cli("ls", "--recursive", "--json", folder)
    observe("ls --recursive", r)
    print("# observed   walk: " + json.dumps(r.json().get("walk")), flush=True)
    check_one_json(r, "ls --recursive")
    d = r.json()
    paths = tree_paths(d, folder)
    walk = d.get("walk") or {}
    check(r.rc == 0 and d.get("complete") is True and sorted(paths) == whole,
          "ls --recursive --json: the whole tree, complete true, exit 0", r, [f"got {sorted(paths)!r}"])
    check(paths and len(paths) == len(set(paths)), "ls --recursive: each resource once", None,
          [f"{paths!r}"])
    check(walk.get("mode") == S["walk_mode"] and walk.get("failures") == []
          and walk.get("infinity_status") == want["status"]
          and isinstance(walk.get("requests"), int) and walk["requests"] >= 1,
          f"ls --recursive: walk mode {S['walk_mode']!r} after a {want['status']} to Depth infinity, "
          "no failures", None, [json.dumps(walk)])
    remove(folder)


# --------------------------------------------------------------- 11. one JSON document on failures


def test_json_failures():
    folder = part_folder("json")
    real = url_of(folder, "real.txt")
    put_ok(real, b"real\n")
    gone = url_of(TOP, "no such folder", folder=True)   # a missing folder: 404/409, never created
    missing = url_of(gone, "missing.txt")
    tmp = tempfile.mkdtemp(prefix="davscope-interop-")
    src = os.path.join(tmp, "src.txt")
    with open(src, "wb") as f:
        f.write(b"local\n")
    token = "opaquelocktoken:00000000-0000-0000-0000-000000000000"
    try:
        cases = [
            ("ls", ("ls", "--json", gone)),
            ("props", ("props", "--json", missing)),
            ("get", ("get", "--json", missing, os.path.join(tmp, "got"))),
            ("rm", ("rm", "--json", missing)),
            ("info", ("info", "--json", "--timeout", "3", missing)),
            ("lock", ("lock", "--json", missing)),
            ("unlock", ("unlock", "--json", missing, token)),
            ("cp", ("cp", "--json", missing, url_of(folder, "copy.txt"))),
            ("mv", ("mv", "--json", missing, url_of(folder, "moved.txt"))),
            ("proppatch", ("proppatch", "--json", missing, "--set", "{%s}x=y" % NS)),
            ("mkdir", ("mkdir", "--json", url_of(gone, "child", folder=True))),
        ]
        for name, args in cases:
            r = cli(*args)
            observe(f"{name} of a missing URL", r)
            check(r.json_error is None and isinstance(r.doc, dict),
                  f"{name} --json of a missing URL: exactly one JSON document on stdout", r)
            if name == "lock":
                want = S["lock_missing_parent"]
                check(r.rc == 2 and r.json().get("status") == want,
                      f"lock of a URL in a missing folder exits 2 with {want}", r)
                r2 = cli("rm", "--json", missing)
                status = ((r2.json().get("results") or [{}])[0]).get("status")
                if S["failed_lock_stays"]:
                    check(status == 423, "after that failed lock the URL is locked all the same (rm: 423, "
                          "the server's fault)", r2)
                else:
                    check(status == 404, "after that failed lock nothing is locked (rm: 404)", r2)
            elif name == "unlock":
                want, code = S["unlock_missing"]
                check(r.rc == code and r.json().get("status") == want,
                      f"unlock of a missing URL exits {code} with {want}"
                      + (" (the server's fault: no lock was released)" if code == 0 else ""), r)
            elif name == "info":
                want = S["info_missing"]
                check(r.rc == 0 and r.json().get("status") == want,
                      f"info of a missing URL exits 0 with {want}, without waiting for a body", r)
            else:
                check(r.rc in (2, 3) and r.json().get("ok") is not True
                      and ((r.json().get("results") or [{}])[0].get("ok") is not True),
                      f"{name} of a missing URL exits 2 (or 3), not ok", r)
        check(not exists(gone), "the missing folder was not created by any of them", None,
              [disk_path(gone)])
        shutil.rmtree(disk_path(gone) or "/nonexistent", ignore_errors=True)

        c = CLOSED
        closed = [
            ("info", ("info", "--json", c)),
            ("ls", ("ls", "--json", c)),
            ("props", ("props", "--json", c)),
            ("proppatch", ("proppatch", "--json", c + "f.txt", "--set", "{%s}x=y" % NS)),
            ("rm", ("rm", "--json", c + "f.txt")),
            ("mkdir", ("mkdir", "--json", c + "new/")),
            ("get", ("get", "--json", c + "f.txt", os.path.join(tmp, "closed"))),
            ("put", ("put", "--json", src, c + "f.txt")),
            ("cp", ("cp", "--json", c + "f.txt", c + "g.txt")),
            ("mv", ("mv", "--json", c + "f.txt", c + "g.txt")),
            ("lock", ("lock", "--json", c + "f.txt")),
            ("unlock", ("unlock", "--json", c + "f.txt", token)),
        ]
        for name, args in closed:
            r = cli(*args)
            d = r.json()
            if isinstance(d.get("results"), list):   # rm, proppatch: one result per target
                d = d["results"][0] if len(d["results"]) == 1 else {}
            check(r.rc == 1 and r.json_error is None and isinstance(r.doc, dict)
                  and d.get("ok") is False and d.get("transport_error"),
                  f"{name} --json of a closed port: exit 1, one JSON document with ok false and transport_error",
                  r)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    remove(folder)


def test_complete():
    """README: complete is false only for a body cut off or malformed (exit
    3) or no answer at all; a plain 404 page or a 204 is complete."""
    bad = []
    for r in json_runs():
        d = r.json()
        items = d.get("results") if isinstance(d.get("results"), list) else [d]
        for item in items:
            if isinstance(item.get("status"), int) and item.get("complete") is not True and r.rc != 3:
                bad.append(f"{r.args[1]} {item.get('method')} {item.get('status')}: complete "
                           f"{json.dumps(item.get('complete'))}, exit {r.rc}: " + " ".join(r.args[2:])[:300])
    check(not bad, "every answer read whole is complete true (complete false only with exit 3 or no answer)",
          None, bad[:20])


def test_all_json():
    runs = json_runs()
    bad = [r for r in runs if r.json_error is not None or not isinstance(r.doc, dict)]
    diag = [f"{len(runs)} --json commands"]
    for r in bad[:8]:
        diag += r.diag(600)
    check(not bad, f"every --json command of this run printed exactly one JSON document "
          f"({len(runs)} commands, {len(bad)} not)", None, diag)


# --------------------------------------------------------------- main


def main():
    global TOP
    if cli_missing():
        return 0
    if not BASE or not ROOT:
        print("1..0 # SKIP DAVSCOPE_TEST_URL is not set (run under tests/servers/with-server)")
        return 0
    if SERVER not in SERVERS:
        print(f"1..0 # SKIP DAVSCOPE_TEST_SERVER {SERVER!r} is none of {', '.join(SERVERS)}")
        return 0

    TOP = url_of(BASE, f"interop-{uuid.uuid4().hex[:8]}", folder=True)
    r = cli("mkdir", TOP)
    if not check(r.rc == 0, "mkdir of the test's own folder exits 0", r):
        return T.finish()

    tests = [
        ("awkward names", test_awkward_names),
        ("2,000 files", test_bulk),
        ("put/get", test_put_get),
        ("mkdir", test_mkdir),
        ("cp/mv", test_cp_mv),
        ("bulk rm", test_rm_bulk),
        ("lock", test_lock),
        ("rm of a locked folder", test_rm_locked_folder),
        ("properties", test_proppatch),
        ("depth infinity", test_depth_infinity),
        ("JSON on failures", test_json_failures),
    ]
    t0 = time.monotonic()
    for name, fn in tests:
        t = time.monotonic()
        T.guarded(fn, f"{name}: ran to the end without an exception")
        print(f"# {name}: {time.monotonic() - t:.1f} s", flush=True)
    test_all_json()
    test_complete()

    cli("rm", TOP)
    top = disk_path(TOP)
    check(not os.path.lexists(top), "rm of the test's own folder leaves nothing on the server", None, [top])
    shutil.rmtree(top, ignore_errors=True)
    print(f"# {SERVER} ({os.environ.get('DAVSCOPE_TEST_SERVER_VERSION', '?')}): "
          f"{time.monotonic() - t0:.1f} s", flush=True)
    return T.finish()


if __name__ == "__main__":
    sys.exit(main())
