#!/usr/bin/env python3
"""End-to-end tests of davscope-cli against a real Apache mod_dav server.

Run by tests/servers/meson.build as

    with-apache --seed demo -- tests/servers/test-cli.py

with DAVSCOPE_CLI set to the built davscope-cli.  Prints TAP (the plan at
the end) and exits 1 when any test failed.  Python standard library only.

Every test that changes something works in a folder of its own, created
with `davscope-cli mkdir` under a unique name; the seeded demo content is
only read, except "Locked Folder", whose DELETE the server refuses.
"""

import csv
import hashlib
import io
import json
import os
import re
import socket
import stat
import sys
import tempfile
import time
import urllib.parse
import uuid
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
from davtest import (DEMO_NS, DEMO_SPECIAL_NAMES, RUNS, Tap, cli, cli_missing,  # noqa: E402
                     find_prop, must, same_url, url_of)

BASE = os.environ.get("DAVSCOPE_TEST_URL")
BASIC = os.environ.get("DAVSCOPE_TEST_BASIC_URL")
DIGEST = os.environ.get("DAVSCOPE_TEST_DIGEST_URL")
USER = os.environ.get("DAVSCOPE_TEST_USER", "alice")
PASSWORD = os.environ.get("DAVSCOPE_TEST_PASSWORD", "wonderland-42")
SERVER_ROOT = os.environ.get("DAVSCOPE_TEST_SERVER_ROOT")
TEST_NS = "urn:x-davscope-test:cli"
# Passed to commands that log in: a hang after the 401 then ends quickly.
AUTH_TIMEOUT = "15"

# The seeded names checked here: every awkward one of the demo, and two
# plain files.
SEEDED_NAMES = DEMO_SPECIAL_NAMES + ["Properties Demo.txt", "README.txt"]
SEEDED_FOLDERS = ["Documents", "Photos", "Projects", "Many Files", "Locked Folder"]

# --------------------------------------------------------------- TAP and the CLI (tests/davtest.py)

T = Tap()
check = T.check

# --------------------------------------------------------------- helpers


def fresh_folder(label):
    """A new, empty collection made with the CLI."""
    url = url_of(BASE, f"cli-{label}-{uuid.uuid4().hex[:8]}", folder=True)
    must(cli("mkdir", url), "mkdir of a fresh folder")
    return url


def put_text(url, text):
    with tempfile.NamedTemporaryFile("wb", delete=False) as f:
        f.write(text.encode())
        path = f.name
    try:
        must(cli("put", path, url), "put")
    finally:
        os.unlink(path)


def listing(url):
    """(Run, {name: resource}) of ls --json URL (members only)."""
    r = cli("ls", "--json", url)
    members = {}
    if r.rc == 0:
        for res in r.json().get("resources", []):
            if res.get("relation") == "member":
                members[res.get("name")] = res
    return r, members


def props_of(url):
    """(Run, resource dict for URL itself or None)."""
    r = cli("props", "--json", url)
    for x in r.json().get("resources", []):
        if x.get("relation") == "self" or same_url(x.get("url") or "", url):
            return r, x
    return r, (r.json().get("resources") or [None])[0]


def xml_key(fragment):
    """A comparable form of an XML fragment (namespaces resolved, prefixes ignored)."""
    root = ET.fromstring("<wrapper>" + fragment + "</wrapper>")

    def key(e):
        return (e.tag, sorted(e.attrib.items()), (e.text or "").strip(),
                [key(c) for c in e], (e.tail or "").strip())
    return [key(c) for c in root], (root.text or "").strip()


def explanation_for(code):
    r = cli("explain", "--json", str(code))
    return r.json().get("explanation") or ""


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def access_log_lines():
    if not SERVER_ROOT:
        return None
    try:
        with open(os.path.join(SERVER_ROOT, "logs", "access_log"), errors="replace") as f:
            return f.read().splitlines()
    except OSError:
        return None


# --------------------------------------------------------------- tests


def test_ls_json():
    r = cli("ls", "--json", BASE)
    check(r.rc == 0, "ls --json of the share exits 0", r)
    if r.json_error is not None:
        check(False, "ls --json prints valid JSON", r)
        return
    d = r.json()
    check(same_url(d.get("url"), BASE) and d.get("status") == 207 and d.get("complete") is True,
          'ls --json has "url" of the share, "status" 207, "complete" true', r)
    resources = d.get("resources") or []
    by_name = {}
    for res in resources:
        by_name.setdefault(res.get("name"), []).append(res)

    missing = [n for n in SEEDED_NAMES + SEEDED_FOLDERS if n not in by_name]
    check(not missing, "ls --json has every seeded awkward name, decoded, in \"name\"", None,
          [f"missing: {missing!r}", f"names: {sorted(k for k in by_name if k)!r}"])
    dup = [n for n, v in by_name.items() if len(v) > 1]
    check(not dup, "ls --json lists each resource once", None, [f"duplicates: {dup!r}"])

    bad = []
    for res in resources:
        for key in ("href", "path", "name", "collection", "relation", "properties"):
            if key not in res:
                bad.append(f"{res.get('href')!r}: no {key!r}")
    check(not bad, 'every resource has "href", "path", "name", "collection", "relation", "properties"',
          None, bad[:20])

    selves = [res for res in resources if res.get("relation") == "self"]
    others = [res for res in resources if res.get("relation") != "self"]
    check(len(selves) == 1 and selves[0].get("collection") is True
          and urllib.parse.unquote(selves[0].get("path", "")).rstrip("/") ==
          urllib.parse.unquote(urllib.parse.urlsplit(BASE).path).rstrip("/"),
          'the share itself is listed once with relation "self", as a collection', None,
          [json.dumps(selves, ensure_ascii=False)[:2000]])
    check(others and all(res.get("relation") == "member" for res in others),
          'every other resource has relation "member"', None,
          [f"{res.get('name')!r}: {res.get('relation')!r}" for res in others
           if res.get("relation") != "member"][:20])

    share_path = urllib.parse.unquote(urllib.parse.urlsplit(BASE).path)
    wrong = []
    for name in SEEDED_NAMES + SEEDED_FOLDERS:
        for res in by_name.get(name, []):
            folder = name in SEEDED_FOLDERS
            want_path = share_path + name + ("/" if folder else "")
            if res.get("collection") is not folder:
                wrong.append(f"{name!r}: collection={res.get('collection')!r}")
            if res.get("path") != want_path:
                wrong.append(f"{name!r}: path={res.get('path')!r}, expected {want_path!r}")
            if urllib.parse.unquote(res.get("href", "")) != want_path:
                wrong.append(f"{name!r}: href={res.get('href')!r} does not decode to {want_path!r}")
    check(not wrong, "seeded names: decoded \"path\", matching \"href\", \"collection\" true only for folders",
          None, wrong[:30])

    bad = []
    for res in resources:
        props = res.get("properties")
        if not isinstance(props, list) or not props:
            bad.append(f"{res.get('name')!r}: properties={props!r}")
            continue
        for p in props:
            if not isinstance(p, dict) or not all(k in p for k in ("namespace", "name", "value", "status")):
                bad.append(f"{res.get('name')!r}: property {p!r}")
    check(not bad, '"properties" are non-empty lists of {namespace, name, value, status}', None, bad[:20])
    ok_rt = all(find_prop(res, "DAV:", "resourcetype") is not None for res in resources)
    check(ok_rt, "every resource reports {DAV:}resourcetype", None, [])


def test_ls_threads():
    """The parser's thread and the writer's, each on and off: the same
    output, byte for byte, and the same exit code."""
    many = url_of(BASE, "Many Files", folder=True)
    # Apache marks the ETag of a file changed within the last second weak
    # ("W/"): runs on either side of that second would differ by it.
    time.sleep(1.1)
    for args in (("ls", "--json", many), ("ls", many), ("ls", "--json", BASE), ("props", "--json", many)):
        runs = {}
        for parser in ("0", "1"):
            for writer in ("0", "1"):
                runs[(parser, writer)] = cli(*args, env={"DAVSCOPE_CLI_PARSER_THREAD": parser,
                                                         "DAVSCOPE_CLI_WRITER_THREAD": writer})
        first = runs[("0", "0")]
        check(first.rc == 0 and len(first.out_bytes) > 1000, f"{' '.join(args[:-1])}: lists", first)
        differ = [k for k, r in runs.items() if r.out_bytes != first.out_bytes or r.rc != first.rc]
        check(not differ, f"{' '.join(args[:-1])}: the same output with the parser's thread and the "
              "writer's, each on and off", None, [f"differ (parser, writer): {differ!r}"])


def test_ls_human():
    r = cli("ls", BASE)
    check(r.rc == 0, "human ls of the share exits 0", r)
    missing = [n for n in SEEDED_NAMES + SEEDED_FOLDERS if n not in r.out]
    check(not missing, "human ls shows every seeded name, decoded", r, [f"missing: {missing!r}"])
    check(b"\x1b" not in r.out_bytes and b"\x1b" not in r.err_bytes,
          "human ls writes no ESC bytes when stdout is not a terminal", r)


def test_props_demo():
    url = url_of(BASE, "Properties Demo.txt")
    r, res = props_of(url)
    check(r.rc == 0 and res is not None, "props --json on \"Properties Demo.txt\" exits 0", r)
    if res is None:
        return
    author = find_prop(res, DEMO_NS, "author")
    check(author is not None and author.get("status") == 200 and author.get("value") == "Alice Liddell"
          and author.get("xml") in (False, None),
          "props: {%s}author is text \"Alice Liddell\", status 200" % DEMO_NS, r if author is None else None,
          [json.dumps(author)])
    tags = find_prop(res, DEMO_NS, "tags")
    good = False
    if tags is not None and tags.get("status") == 200 and tags.get("xml") is True:
        try:
            elems, _ = xml_key(tags.get("value") or "")
            good = [e[0] for e in elems] == ["{%s}tag" % DEMO_NS] * 3 and \
                [e[2] for e in elems] == ["demo", "sample", "wonderland"] and \
                ("priority", "high") in elems[2][1]
        except ET.ParseError:
            good = False
    check(good, "props: {%s}tags is XML (xml true) with its three tag elements, status 200" % DEMO_NS,
          None, [json.dumps(tags, ensure_ascii=False)])


def test_proppatch_atomic():
    folder = fresh_folder("proppatch-atomic")
    url = url_of(folder, "target.txt")
    put_text(url, "proppatch target\n")
    r = cli("proppatch", "--json", url,
            "--set", "{%s}note=Tom & Jerry <3" % TEST_NS,
            "--set", "{DAV:}getetag=\"made-up\"")
    check(r.rc == 2, "proppatch of a dead property and {DAV:}getetag together exits 2", r)
    try:
        res = r.json()["results"][0]
    except (KeyError, IndexError, TypeError) as e:
        check(False, "proppatch --json has results[0]", r, [repr(e)])
        return
    check(res.get("ok") is False and same_url(res.get("url"), url),
          "proppatch --json: results[0] is the target with ok false", r)
    props = {(p.get("namespace"), p.get("name")): p for p in res.get("properties") or []}
    etag = props.get(("DAV:", "getetag"))
    dead = props.get((TEST_NS, "note"))
    check(etag is not None and etag.get("status") in (403, 409) and etag.get("ok") is False
          and (etag.get("explanation") or "").strip(),
          "proppatch: {DAV:}getetag is 403 or 409, ok false, with an explanation", r)
    check(dead is not None and dead.get("status") == 424 and dead.get("ok") is False
          and (dead.get("explanation") or "").strip(),
          "proppatch: the dead property is 424, ok false, with an explanation", r)
    r2, after = props_of(url)
    check(r2.rc == 0 and after is not None and
          (find_prop(after, TEST_NS, "note") is None or find_prop(after, TEST_NS, "note").get("status") != 200),
          "after the refused proppatch the dead property is not set on the server", r2)


def test_proppatch_set_remove():
    folder = fresh_folder("proppatch")
    url = url_of(folder, "props.txt")
    put_text(url, "properties\n")
    text_value = "Tom & Jerry <3> \"quoted\" 'single' ünïcödé"
    xml_value = ('<t:item xmlns:t="%s" level="1">first<t:sub>2 &amp; 3</t:sub></t:item>'
                 '<t:item xmlns:t="%s">second</t:item>' % (TEST_NS, TEST_NS))
    r = cli("proppatch", "--json", url,
            "--set", "{%s}text=%s" % (TEST_NS, text_value),
            "--set-xml", "{%s}xmlprop=%s" % (TEST_NS, xml_value))
    check(r.rc == 0, "proppatch --set and --set-xml of dead properties exits 0", r)
    try:
        res = r.json()["results"][0]
        order = [(p.get("namespace"), p.get("name"), p.get("status"), p.get("ok"))
                 for p in res.get("properties") or []]
    except (KeyError, IndexError, TypeError) as e:
        order = [repr(e)]
        res = {}
    check(res.get("ok") is True and order == [(TEST_NS, "text", 200, True), (TEST_NS, "xmlprop", 200, True)],
          "proppatch report: both properties 200 ok, in the order given", r)

    r2, after = props_of(url)
    text = find_prop(after or {}, TEST_NS, "text")
    check(text is not None and text.get("status") == 200 and text.get("value") == text_value
          and text.get("xml") in (False, None),
          "props shows the --set text value exactly", r2, [json.dumps(text, ensure_ascii=False)])
    xp = find_prop(after or {}, TEST_NS, "xmlprop")
    same = False
    try:
        same = xp is not None and xp.get("status") == 200 and xp.get("xml") is True and \
            xml_key(xp.get("value") or "") == xml_key(xml_value)
    except ET.ParseError:
        same = False
    check(same, "props shows the --set-xml value as the same XML (elements, attributes, text)", None,
          [json.dumps(xp, ensure_ascii=False), "sent: " + xml_value])

    # Order kept: the later instruction for the same property wins.
    r = cli("proppatch", url, "--set", "{%s}order=as text" % TEST_NS,
            "--set-xml", "{%s}order=<t:x xmlns:t=\"%s\">as xml</t:x>" % (TEST_NS, TEST_NS))
    r2, after = props_of(url)
    op = find_prop(after or {}, TEST_NS, "order")
    check(r.rc == 0 and op is not None and op.get("xml") is True and "as xml" in (op.get("value") or ""),
          "--set then --set-xml of one property: the later (XML) value is kept", r,
          [json.dumps(op, ensure_ascii=False)])

    r = cli("proppatch", "--json", url, "--remove", "{%s}text" % TEST_NS)
    r2, after = props_of(url)
    check(r.rc == 0 and after is not None and find_prop(after, TEST_NS, "text") is None
          and find_prop(after, TEST_NS, "xmlprop") is not None,
          "proppatch --remove removes that property and keeps the others", r,
          r2.diag() if r2.rc != 0 else [])

    before_log = access_log_lines()
    before = json.dumps(after.get("properties") if after else None, sort_keys=True)
    r = cli("proppatch", url, "--set-xml", "{%s}broken=<t:a xmlns:t=\"%s\">unclosed" % (TEST_NS, TEST_NS),
            "--set", "{%s}other=should not be saved" % TEST_NS)
    time.sleep(0.3)  # Apache logs a request after answering it
    after_log = access_log_lines()
    check(r.rc == 1, "proppatch --set-xml with an invalid XML fragment exits 1", r)
    if before_log is not None and after_log is not None:
        sent = [l for l in after_log[len(before_log):] if "PROPPATCH" in l]
        check(not sent, "an invalid --set-xml fragment sends no PROPPATCH (server access log)", None, sent)
    else:
        T.skip("an invalid --set-xml fragment sends no PROPPATCH", "no access log")
    r2, after2 = props_of(url)
    now = json.dumps(after2.get("properties") if after2 else None, sort_keys=True)
    # getlastmodified/etag do not change on PROPPATCH with mod_dav_fs, but compare dead ones only.
    dead_before = sorted((p["name"], p.get("value")) for p in json.loads(before) or [] if p["namespace"] == TEST_NS)
    dead_now = sorted((p["name"], p.get("value")) for p in json.loads(now) or [] if p["namespace"] == TEST_NS)
    check(dead_before == dead_now, "after the invalid fragment the properties are unchanged", r2,
          [f"before: {dead_before!r}", f"after: {dead_now!r}"])


def test_rm_locked():
    folder = fresh_folder("rm")
    locked = url_of(BASE, "Locked Folder", folder=True)
    p1 = url_of(folder, "plain one.txt")
    p2 = url_of(folder, "plain-two.txt")
    missing = url_of(folder, "not here.txt")
    put_text(p1, "one\n")
    put_text(p2, "two\n")
    targets = [locked, p1, missing, p2]
    r = cli("rm", "--json", *targets)
    check(r.rc == 2, "rm --json of Locked Folder, two files and a missing one exits 2", r)
    try:
        results = r.json()["results"]
    except (KeyError, TypeError) as e:
        check(False, "rm --json has results", r, [repr(e)])
        return
    check(len(results) == 4 and all(same_url(a.get("url"), b) for a, b in zip(results, targets)),
          "rm --json: one result per target, in the given order", r)
    if len(results) != 4:
        return
    rf, r1, rmiss, r2 = results
    members = rf.get("members") or []
    lm = [m for m in members if urllib.parse.unquote(m.get("href", "")).endswith("locked.txt")]
    check(rf.get("ok") is False and rf.get("status") in (424, 207),
          "rm: Locked Folder is ok false with status 424 or 207", None, [json.dumps(rf)[:2000]])
    check(len(lm) == 1 and lm[0].get("status") == 423 and lm[0].get("ok") is False
          and (lm[0].get("explanation") or "").strip(),
          "rm: Locked Folder's members hold locked.txt with 423 and an explanation", None,
          [json.dumps(members)[:2000]])
    check(r1.get("ok") is True and r1.get("status") == 204 and r2.get("ok") is True and r2.get("status") == 204,
          "rm: both plain files ok true, status 204", None, [json.dumps(r1), json.dumps(r2)])
    check(rmiss.get("ok") is False and rmiss.get("status") == 404,
          "rm: the missing file is ok false, status 404", None, [json.dumps(rmiss)])

    rs, share = listing(BASE)
    rl, inside = listing(locked)
    rt, mine = listing(folder)
    check(rs.rc == 0 and "Locked Folder" in share, "after rm, ls of the share still has Locked Folder", rs)
    check(rl.rc == 0 and "locked.txt" in inside, "after rm, ls of Locked Folder still has locked.txt", rl)
    check(rt.rc == 0 and not ({"plain one.txt", "plain-two.txt", "not here.txt"} & set(mine)),
          "after rm, the deleted plain files are gone", rt)
    # Every member the report calls failed is still there.
    gone = [m.get("href") for m in members if m.get("ok") is False and
            urllib.parse.unquote(m.get("href", "")).rstrip("/").rsplit("/", 1)[-1] not in inside]
    check(not gone, "every member reported as failed is still on the server", rl, gone)

    # CSV.
    p3 = url_of(folder, "csv file.txt")
    put_text(p3, "three\n")
    r = cli("rm", "--csv", locked, p3, missing)
    check(r.rc == 2, "rm --csv of the same kind of selection exits 2", r)
    rows = list(csv.reader(io.StringIO(r.out)))
    header = rows[0] if rows else []
    data = [row for row in rows[1:] if row]
    check("url" in header and "status" in header, "rm --csv prints a header row naming url and status", r)
    if "url" in header and "status" in header:
        iu, ist = header.index("url"), header.index("status")
        statuses = [(row[iu], row[ist]) for row in data if len(row) == len(header)]
        want_rows = 3 + len(members)
        check(len(data) == want_rows and all(len(row) == len(header) for row in data)
              and [s for _, s in statuses].count("204") == 1
              and [s for _, s in statuses].count("404") == 1
              and [s for _, s in statuses].count("423") == 1,
              f"rm --csv has one row per item and per member ({want_rows} rows)", r)


def test_mkdir():
    folder = fresh_folder("mkdir")
    new = url_of(folder, "new folder", folder=True)
    r = cli("mkdir", new)
    check(r.rc == 0, "mkdir of a new collection exits 0", r)
    r = cli("mkdir", new)
    expl = explanation_for(405)
    check(r.rc == 2 and "405" in r.err and expl and " ".join(expl.split()) in " ".join(r.err.split()),
          "mkdir of an existing collection exits 2 with 405 and its explanation on stderr", r,
          ["expected explanation: " + expl])
    r = cli("mkdir", url_of(folder, "no such parent/child", folder=True))
    check(r.rc == 2 and "409" in r.err + r.out, "mkdir in a missing parent exits 2 with 409", r)


def test_put_get():
    folder = fresh_folder("transfer")
    url = url_of(folder, "random 4MiB.bin")
    with tempfile.TemporaryDirectory(prefix="davscope-cli-test-") as tmp:
        src = os.path.join(tmp, "source.bin")
        with open(src, "wb") as f:
            f.write(os.urandom(4 << 20))
        r = cli("put", src, url)
        check(r.rc == 0, "put of a 4 MiB random file exits 0", r)
        r = cli("put", src, url)
        check(r.rc == 2 and "412" in r.err and "--overwrite" in r.err,
              "put onto the existing file without --overwrite exits 2, 412, and names --overwrite", r)
        r = cli("put", "--overwrite", src, url)
        check(r.rc == 0, "put --overwrite replaces it and exits 0", r)
        dl = os.path.join(tmp, "downloads")
        os.mkdir(dl)
        dst = os.path.join(dl, "copy.bin")
        r = cli("get", url, dst)
        check(r.rc == 0 and os.path.exists(dst) and sha256_file(dst) == sha256_file(src),
              "get of it gives identical bytes (SHA-256)", r)

        # Started with umask 000 (as some shells and harnesses do), a
        # download is still the user's normal 0644, not 0666 for anyone.
        loose = os.path.join(dl, "under umask 000.bin")
        old_umask = os.umask(0)
        try:
            r = cli("get", url, loose)
        finally:
            os.umask(old_umask)
        mode = stat.S_IMODE(os.stat(loose).st_mode) if os.path.exists(loose) else None
        check(r.rc == 0 and mode == 0o644, "get under umask 000 saves the file 0644, not writable by others", r,
              [f"mode: {oct(mode) if mode is not None else 'no file'}"])
        if os.path.exists(loose):
            os.unlink(loose)

        before = (sha256_file(dst), os.stat(dst).st_mtime_ns, os.stat(dst).st_size)
        put_text(url_of(folder, "small.txt"), "small\n")
        r = cli("get", url_of(folder, "small.txt"), dst)
        after = (sha256_file(dst), os.stat(dst).st_mtime_ns, os.stat(dst).st_size)
        check(r.rc == 1 and before == after, "get onto an existing file without --force exits 1, file untouched", r)

        listing_before = sorted(os.listdir(dl))
        target = os.path.join(dl, "missing.bin")
        r = cli("get", url_of(folder, "missing.bin"), target)
        listing_after = sorted(os.listdir(dl))
        check(r.rc == 2 and not os.path.exists(target), "get of a missing URL exits 2 and creates no file", r)
        check(listing_before == listing_after, "get of a missing URL leaves no .part or other file behind", None,
              [f"before: {listing_before!r}", f"after: {listing_after!r}"])


def test_cp_mv():
    folder = fresh_folder("copy")
    a = url_of(folder, "source file.txt")
    b = url_of(folder, "copy of it.txt")
    c = url_of(folder, "renamed & moved.txt")
    put_text(a, "copy me\n")
    r = cli("cp", a, b)
    check(r.rc == 0, "cp to a new name exits 0", r)
    r = cli("cp", a, b)
    check(r.rc == 2 and "412" in r.err + r.out, "cp again without --overwrite exits 2 with 412", r)
    r = cli("cp", "--overwrite", a, b)
    check(r.rc == 0, "cp --overwrite exits 0", r)
    r = cli("mv", b, c)
    rl, names = listing(folder)
    check(r.rc == 0 and "copy of it.txt" not in names and "renamed & moved.txt" in names
          and "source file.txt" in names,
          "mv renames: the old name is gone, the new one is there", r, rl.diag())


def test_lock():
    folder = fresh_folder("lock")
    url = url_of(folder, "to lock.txt")
    put_text(url, "lock me\n")
    r = cli("lock", url)
    m = re.search(r"Token: (opaquelocktoken:[0-9a-fA-F-]+)", r.out + r.err)
    check(r.rc == 0 and m, 'lock prints "Token: opaquelocktoken:..."', r)
    if not m:
        return
    token = m.group(1)
    r = cli("rm", url)
    check(r.rc == 2 and "423" in r.out + r.err, "rm of the locked file exits 2 with 423", r)
    r = cli("unlock", url, token)
    check(r.rc == 0, "unlock URL TOKEN exits 0", r)
    r = cli("rm", url)
    check(r.rc == 0, "rm after unlock exits 0", r)


def test_info():
    r = cli("info", BASE)
    check(r.rc == 0 and re.search(r"\b1,\s*2\b", r.out) and "PROPFIND" in r.out,
          'info exits 0 and shows the DAV classes "1,2" and PROPFIND among the methods', r)


def test_auth():
    for kind, url in (("Basic", BASIC), ("Digest", DIGEST)):
        if not url:
            T.skip(f"{kind} auth", "no URL in the environment")
            continue
        r = cli("ls", url)
        check(r.rc == 1 and "--user" in r.err, f"{kind}: ls without --user exits 1 and mentions --user", r)
        r = cli("ls", "--timeout", AUTH_TIMEOUT, "--user", USER, url, env={"DAVSCOPE_PASSWORD": PASSWORD})
        check(r.rc == 0, f"{kind}: ls --user {USER} with DAVSCOPE_PASSWORD exits 0", r)
        r = cli("info", "--timeout", AUTH_TIMEOUT, "--user", USER, url, env={"DAVSCOPE_PASSWORD": PASSWORD})
        check(r.rc == 0, f"{kind}: info (OPTIONS, no request body) --user {USER} exits 0", r)
        r = cli("ls", "--timeout", AUTH_TIMEOUT, "--user", USER, url,
                env={"DAVSCOPE_PASSWORD": "not-the-password"})
        check(r.rc in (1, 2) and re.search(r"password", r.err, re.I)
              and re.search(r"not accept|rejected|refused|wrong|incorrect", r.err, re.I),
              f"{kind}: ls with a wrong DAVSCOPE_PASSWORD exits 1 or 2 saying the password was not accepted", r)


def test_bad_input():
    r = cli("no-such-command")
    check(r.rc == 1, "an unknown subcommand exits 1", r)
    r = cli("ls", "ftp://x/")
    check(r.rc == 1 and r.err.strip(), "ls ftp://x/ exits 1 with a message", r)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = cli("ls", "--timeout", "10", f"http://127.0.0.1:{port}/")
    check(r.rc == 1 and re.search(r"connect|refused", r.err, re.I) and "\x1b" not in r.err,
          "ls of a closed port exits 1 with a readable message", r)
    r = cli("inspect", os.path.join(tempfile.gettempdir(), f"no-such-file-{uuid.uuid4().hex}.xml"))
    check(r.rc == 1 and r.err.strip(), "inspect of a missing file exits 1 with a message", r)


def test_explain():
    for code in ("424", "599", "102"):
        r = cli("explain", code)
        check(r.rc == 0 and "RFC" in r.out, f"explain {code} exits 0 and cites an RFC", r)
    r = cli("explain", "--json", "423")
    d = r.json()
    check(r.rc == 0 and d.get("status") == 423 and d.get("reason") == "Locked"
          and (d.get("explanation") or "").strip() and "RFC" in (d.get("reference") or ""),
          'explain --json 423 has status, reason "Locked", explanation, reference', r)


def test_password_never_shown():
    hits = [r for r in RUNS if PASSWORD.encode() in r.out_bytes or PASSWORD.encode() in r.err_bytes]
    diag = [f"{len(RUNS)} commands checked"]
    for r in hits[:5]:
        diag += r.diag(500)
    check(not hits, f"the password never appears in any output ({len(RUNS)} commands)", None, diag)


def main():
    if cli_missing():
        return 0
    if not BASE:
        print("1..0 # SKIP DAVSCOPE_TEST_URL is not set (run under tests/servers/with-apache)")
        return 0
    if os.environ.get("DAVSCOPE_TEST_SEED", "demo") != "demo":
        print("1..0 # SKIP needs with-apache --seed demo")
        return 0

    tests = [
        ("ls --json", test_ls_json),
        ("ls threads", test_ls_threads),
        ("human ls", test_ls_human),
        ("props", test_props_demo),
        ("proppatch atomic", test_proppatch_atomic),
        ("proppatch set/remove", test_proppatch_set_remove),
        ("rm report", test_rm_locked),
        ("mkdir", test_mkdir),
        ("put/get", test_put_get),
        ("cp/mv", test_cp_mv),
        ("lock", test_lock),
        ("info", test_info),
        ("auth", test_auth),
        ("bad input", test_bad_input),
        ("explain", test_explain),
    ]
    for name, fn in tests:
        T.guarded(fn, f"{name}: ran to the end without an exception")
    T.skip("rm never follows a 3xx", "needs a fault server; covered by the C tests")
    test_password_never_shown()
    return T.finish()


if __name__ == "__main__":
    sys.exit(main())
