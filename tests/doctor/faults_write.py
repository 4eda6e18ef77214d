"""Faults that make each write check of the doctor fail
(src/core/dav-doctor-write.c): MKCOL, PUT and GET, the conditional PUT,
Expect: 100-continue, PROPPATCH, COPY, MOVE and DELETE.  One fault per
finding a check can report, each breaking Apache the way a real server was
seen to break (the server named in the fault's doc), so that
tests/doctor/test-doctor-faults.py proves every check can fail.

The checks work in a scratch folder /dav/davscope-doctor-<hex>/ and give
each test its own name (put-get.bin, copy-existing.txt, ...): the faults
pick their request by that name, so that the other requests of the run
pass untouched.
"""

import re

from faultlib import Fault, Response

SCRATCH = re.compile(r"/davscope-doctor-[0-9a-f]+/$")


def named(req, name):
    """Whether @req is about the scratch folder's @name."""
    return re.search(r"/davscope-doctor-[0-9a-f]+/" + re.escape(name) + "$", req.url_path) is not None


def destination(req, name):
    dest = req.header("Destination") or ""
    return re.search(r"/davscope-doctor-[0-9a-f]+/" + re.escape(name) + "$", dest) is not None


def bare_status(status):
    return Response(status, headers=[["Content-Type", "text/plain"]], body=b"fault-proxy\n")


# ---- MKCOL -----------------------------------------------------------------

def mkcol_refused(req, state):
    if req.method == "MKCOL" and SCRATCH.search(req.url_path):
        return bare_status(403)
    return None


def mkcol_existing_403(req, resp, state):
    if req.method == "MKCOL" and resp.status == 405:
        resp.status, resp.reason = 403, "Forbidden"


def mkcol_missing_parent_403(req, resp, state):
    if req.method == "MKCOL" and resp.status == 409:
        resp.status, resp.reason = 403, "Forbidden"


def mkcol_body_ignored(req, state):
    if req.method == "MKCOL" and req.body:
        req.body = b""
        req.remove_header("Content-Type")
        req.remove_header("Content-Length")


def mkcol_200(req, resp, state):
    if req.method == "MKCOL" and SCRATCH.search(req.url_path) and resp.status == 201:
        resp.status, resp.reason = 200, "OK"


# ---- PUT and GET -----------------------------------------------------------

def put_corrupted(req, state):
    if req.method == "PUT" and named(req, "put-get.bin") and len(req.body) > 1000:
        req.body = req.body[:1000] + bytes([req.body[1000] ^ 0x20]) + req.body[1001:]


def put_forbidden(req, state):
    if req.method == "PUT" and named(req, "put-get.bin"):
        return bare_status(403)
    return None


def put_keeps_tail(req, state):
    # The shorter file is written over the first one without truncating it.
    if req.method == "PUT" and named(req, "put-get.bin"):
        if "first" in state:
            req.body = req.body + state["first"][len(req.body):]
        else:
            state["first"] = req.body


def put_etag_other(req, resp, state):
    if req.method == "PUT" and named(req, "put-get.bin") and resp.status == 201:
        resp.set_header("ETag", '"not-the-etag-of-get"')


def put_replace_201(req, resp, state):
    if req.method == "PUT" and named(req, "put-get.bin") and resp.status == 204:
        resp.status, resp.reason = 201, "Created"


# ---- conditional PUT -------------------------------------------------------

def if_none_match_ignored(req, state):
    if req.method == "PUT" and named(req, "conditional.txt"):
        req.remove_header("If-None-Match")


def if_none_match_new_refused(req, state):
    if req.method == "PUT" and named(req, "conditional-new.txt") and req.header("If-None-Match"):
        return bare_status(412)
    return None


# ---- Expect: 100-continue ----------------------------------------------------

def expect_417(req, state):
    if req.header("Expect"):
        return bare_status(417)
    return None


# ---- PROPPATCH ---------------------------------------------------------------

def proppatch_405(req, state):
    if req.method == "PROPPATCH" and named(req, "properties.txt"):
        return bare_status(405)
    return None


def xml_value_flattened(req, state):
    # sabre/dav 1.8 keeps only the text of an XML value.
    if req.method == "PROPPATCH" and named(req, "properties.txt") and b"<d:list" in req.body:
        req.body = re.sub(rb"<d:list .*</d:list>", b"onetwo &amp; three", req.body)


def remove_ignored(req, state):
    # Answers the remove as done without doing it.
    if req.method == "PROPPATCH" and named(req, "properties.txt") and b"<D:remove>" in req.body:
        req.body = req.body.replace(b"<N:text ", b"<N:not-the-text ").replace(b"<N:xml ", b"<N:not-the-xml ")


def proppatch_204(req, resp, state):
    # lighttpd 1.4.69 answers a PROPPATCH that succeeded with 204.
    if req.method == "PROPPATCH" and named(req, "properties.txt") and resp.status == 207:
        resp.status, resp.reason, resp.body = 204, "No Content", b""
        resp.remove_header("Content-Type")


def namespaces_merged(req, state):
    # Namespace names compared without their last slash.
    if req.method == "PROPPATCH" and named(req, "namespaces.txt"):
        req.body = req.body.replace(b'urn:x-davscope-doctor:space/"', b'urn:x-davscope-doctor:space"')


def null_namespace_refused(req, state):
    if req.method == "PROPPATCH" and b"<no-namespace" in (req.body or b""):
        return bare_status(400)
    return None


def high_unicode_mangled(req, state):
    # A store that is not UTF-8 throughout (MySQL's utf8 without mb4).
    if req.method == "PROPPATCH" and b"high-unicode" in (req.body or b""):
        req.body = re.sub(rb"[\xf0-\xf4][\x80-\xbf]{3}", b"?", req.body)


def value_namespace_lost(req, state):
    # The prefix declared on the property element is not kept in scope.
    if req.method == "PROPPATCH" and b"value-namespaces" in (req.body or b""):
        req.body = req.body.replace(b'xmlns:x="urn:x-davscope-doctor:inner"',
                                    b'xmlns:x="urn:x-davscope-doctor:elsewhere"')


def set_remove_reordered(req, state):
    # Removes applied after the sets, whatever their place.
    if req.method == "PROPPATCH" and b"remove-set" in (req.body or b""):
        removes = re.findall(rb"<D:remove>.*?</D:remove>", req.body)
        body = re.sub(rb"<D:remove>.*?</D:remove>", b"", req.body)
        req.body = body.replace(b"</D:propertyupdate>", b"".join(removes) + b"</D:propertyupdate>")


def not_atomic(req, state):
    # The dead property stored although DAV:getetag was refused.
    if req.method == "PROPPATCH" and named(req, "atomic.txt"):
        req.body = re.sub(rb"<D:set><D:prop><D:getetag>.*?</D:getetag></D:prop></D:set>", b"", req.body)


def protected_accepted(req, resp, state):
    if req.method == "PROPPATCH" and named(req, "atomic.txt") and resp.status == 207:
        resp.body = re.sub(rb"HTTP/1\.1 \d\d\d [^<]*", b"HTTP/1.1 200 OK", resp.body)


# ---- COPY and MOVE -----------------------------------------------------------

def copy_new_204(req, resp, state):
    # nginx answers 204 for a COPY to a new name.
    if req.method == "COPY" and destination(req, "copy-new.txt") and resp.status == 201:
        resp.status, resp.reason = 204, "No Content"


def overwrite_f_ignored(method):
    def fault(req, state):
        if req.method == method and req.header("Overwrite") == "F":
            req.set_header("Overwrite", "T")
    return fault


def overwrite_collection_409(method):
    # nginx: the source and the Destination must both end in "/" or neither.
    def fault(req, state):
        dest = req.header("Destination") or ""
        if req.method == method and req.header("Overwrite") == "T" and \
                req.url_path.endswith("/") != dest.endswith("/"):
            return bare_status(409)
        return None
    return fault


def copy_overwrite_201(req, resp, state):
    if req.method == "COPY" and destination(req, "copy-existing.txt") and resp.status == 204:
        resp.status, resp.reason = 201, "Created"


def copy_shallow(req, state):
    if req.method == "COPY" and named(req, "copy-folder/") and destination(req, "copy-folder-copy/"):
        req.set_header("Depth", "0")


def copy_properties_dropped(req, resp, state):
    if req.method == "PROPFIND" and "/copy-folder-copy/" in req.url_path and resp.status == 207:
        resp.body = re.sub(rb"<(\w+):copied\b[^>]*>[^<]*</\1:copied>", b"", resp.body)


def copy_merges_folders(req, state):
    # lighttpd 1.4.69 copies a folder into the one in the way.
    if req.method == "COPY" and destination(req, "copy-folder-onto-folder/"):
        return bare_status(204)
    return None


def move_is_copy(req, state):
    if req.method == "MOVE" and named(req, "move-source.txt"):
        req.method = "COPY"


def move_new_200(req, resp, state):
    # lighttpd 1.4.69 answers 200 for a MOVE to a new name.
    if req.method == "MOVE" and destination(req, "move-new.txt") and resp.status == 201:
        resp.status, resp.reason = 200, "OK"


def move_loses_properties(req, resp, state):
    if req.method == "PROPFIND" and "/move-folder-moved/" in req.url_path and resp.status == 207:
        resp.body = re.sub(rb"<(\w+):copied\b[^>]*>[^<]*</\1:copied>", b"", resp.body)


# ---- DELETE ------------------------------------------------------------------

def delete_missing_204(req, state):
    if req.method == "DELETE" and named(req, "delete-nothing-here.txt"):
        return bare_status(204)
    return None


def delete_tree_pretended(req, state):
    if req.method == "DELETE" and named(req, "delete-folder/"):
        return Response(204, reason="No Content")
    return None


def delete_202(req, resp, state):
    if req.method == "DELETE" and named(req, "delete-file.txt") and resp.status == 204:
        resp.status, resp.reason = 202, "Accepted"


def delete_refused(req, state):
    if req.method == "DELETE" and named(req, "delete-file.txt"):
        return bare_status(403)
    return None


def W(name, check, finds, **hooks):
    return Fault(name=name, check=check, finds=finds, write=True, **hooks)


FAULTS = [
    W("write-mkcol-refused", "mkcol", "mkcol-failed", request=mkcol_refused),
    W("write-mkcol-existing-403", "mkcol", "mkcol-existing-not-405", response=mkcol_existing_403),
    W("write-mkcol-missing-parent-403", "mkcol", "mkcol-missing-parent-not-409",
      response=mkcol_missing_parent_403),
    W("write-mkcol-body-ignored", "mkcol", "mkcol-body-not-415", request=mkcol_body_ignored),
    W("write-mkcol-200", "mkcol", "success-status-nonstandard", response=mkcol_200),

    W("write-put-corrupted", "put-get", "put-get-mismatch", request=put_corrupted),
    W("write-put-forbidden", "put-get", "put-failed", request=put_forbidden),
    W("write-put-keeps-tail", "put-get", "put-get-mismatch", request=put_keeps_tail),
    W("write-put-etag-other", "put-get", "get-etag-mismatch", response=put_etag_other),
    W("write-put-replace-201", "put-get", "success-status-nonstandard", response=put_replace_201),

    W("write-if-none-match-ignored", "conditional-put", "if-none-match-ignored",
      request=if_none_match_ignored),
    W("write-if-none-match-new-refused", "conditional-put", "put-failed",
      request=if_none_match_new_refused),

    W("write-expect-unanswered", "expect-continue", "expect-100-unanswered", no_continue=True),
    W("write-expect-417", "expect-continue", "expect-100-unanswered", head=expect_417),

    W("write-proppatch-405", "proppatch", "proppatch-unsupported", request=proppatch_405),
    W("write-xml-value-flattened", "proppatch", "proppatch-value-changed", request=xml_value_flattened),
    W("write-remove-ignored", "proppatch", "proppatch-remove-failed", request=remove_ignored),
    W("write-proppatch-204", "proppatch", "success-status-nonstandard", response=proppatch_204),

    W("write-namespaces-merged", "proppatch-namespaces", "proppatch-namespace-lost",
      request=namespaces_merged),
    W("write-null-namespace-refused", "proppatch-namespaces", "proppatch-null-namespace",
      request=null_namespace_refused),
    W("write-high-unicode-mangled", "proppatch-namespaces", "proppatch-unicode",
      request=high_unicode_mangled),
    W("write-value-namespace-lost", "proppatch-namespaces", "proppatch-namespace-lost",
      request=value_namespace_lost),
    W("write-set-remove-reordered", "proppatch-namespaces", "proppatch-set-remove-order",
      request=set_remove_reordered),

    W("write-proppatch-not-atomic", "proppatch-atomic", "proppatch-not-atomic", request=not_atomic),
    W("write-protected-accepted", "proppatch-atomic", "proppatch-protected-accepted",
      response=protected_accepted),

    W("write-copy-new-204", "copy", "copy-status", response=copy_new_204),
    W("write-copy-overwrite-f-ignored", "copy", "overwrite-f-ignored",
      request=overwrite_f_ignored("COPY")),
    W("write-copy-overwrite-collection-409", "copy", "copymove-overwrite-collection-409",
      request=overwrite_collection_409("COPY")),
    W("write-copy-overwrite-201", "copy", "overwrite-t-status", response=copy_overwrite_201),
    W("write-copy-shallow", "copy", "copy-collection-incomplete", request=copy_shallow),
    W("write-copy-properties-dropped", "copy", "copy-properties-lost", response=copy_properties_dropped),
    W("write-copy-merges-folders", "copy", "overwrite-t-status", request=copy_merges_folders),

    W("write-move-source-kept", "move", "move-source-kept", request=move_is_copy),
    W("write-move-overwrite-f-ignored", "move", "overwrite-f-ignored",
      request=overwrite_f_ignored("MOVE")),
    W("write-move-overwrite-collection-409", "move", "copymove-overwrite-collection-409",
      request=overwrite_collection_409("MOVE")),
    W("write-move-new-200", "move", "success-status-nonstandard", response=move_new_200),
    W("write-move-properties-lost", "move", "copy-properties-lost", response=move_loses_properties),

    W("write-delete-missing-204", "delete", "delete-missing-not-404", request=delete_missing_204),
    W("write-delete-tree-pretended", "delete", "delete-tree-incomplete", request=delete_tree_pretended),
    W("write-delete-202", "delete", "success-status-nonstandard", response=delete_202),
    W("write-delete-refused", "delete", "delete-status", request=delete_refused),
]
