"""The fault proxy's faults for the doctor's lock checks (src/core/dav-doctor-locks.c).

Each makes Apache behave like a server with one lock fault, so that
tests/doctor/test-doctor-faults.py sees the check fail with that finding:
a server that ignores locks (the proxy remembers the tokens Apache hands
out and adds them to requests that lack them), one that refuses the
holder's token, drops the Lock-Token header, refuses a refresh or an
UNLOCK, answers a refresh without the lock, takes any token to UNLOCK
(nginx), leaves the token out of lock discovery, deletes a folder under a
locked member, refuses shared locks, grants an exclusive lock over shared
ones, keeps a lock after its file was deleted (sabre/dav 1.8), or refuses
a LOCK of an unmapped URL.

Apache itself answers a LOCK of an unmapped URL with 200 (lock-unmapped-200)
and a corrupt token with 400 (if-bad-token-status): those two findings are
Apache's own, in the clean run too.
"""

import re
import uuid

from faultlib import Fault, Response

LOCK_TOKEN = re.compile(r"<([^>]*)>")


def _locks(state):
    """{path: [token, ...]} of the locks Apache granted and nobody removed."""
    return state.setdefault("locks", {})


def _remember(req, resp, state):
    """Keeps track of Apache's locks: new ones from LOCK answers, gone
    ones from UNLOCK and from deletes."""
    locks = _locks(state)
    if req.method == "LOCK" and 200 <= resp.status < 300 and req.body:
        m = LOCK_TOKEN.search(resp.header("Lock-Token") or "")
        if m:
            shared = b"shared" in req.body
            locks.setdefault(req.url_path, []).append((m.group(1), shared))
    elif req.method == "UNLOCK" and 200 <= resp.status < 300:
        m = LOCK_TOKEN.search(req.header("Lock-Token") or "")
        if m:
            for path in list(locks):
                locks[path] = [t for t in locks[path] if t[0] != m.group(1)]
                if not locks[path]:
                    del locks[path]
    elif req.method in ("DELETE", "MOVE") and 200 <= resp.status < 300:
        for path in list(locks):
            if path == req.url_path or path.startswith(req.url_path.rstrip("/") + "/"):
                del locks[path]


def _tokens_under(state, path):
    """The tokens of locks on @path or, for a folder, inside it."""
    prefix = path.rstrip("/") + "/"
    return [(p, t) for p, ts in _locks(state).items()
            if p == path or p.startswith(prefix) for t, _ in ts]


def _add_tokens(req, state, folders_only):
    """A server that ignores locks: whatever lacks the tokens gets them, so
    Apache does what a lock should have refused."""
    if req.method not in ("PUT", "DELETE") or req.header("If") is not None:
        return None
    if folders_only and not req.path.endswith("/"):
        return None
    tokens = _tokens_under(state, req.url_path)
    if tokens:
        # Tagged lists: each token for the resource it locks (RFC 4918 §10.4).
        req.set_header("If", " ".join(f"<{p}> (<{t}>)" for p, t in tokens))
    return None


def ignore_locks(req, state):
    return _add_tokens(req, state, folders_only=False)


def delete_ignores_members(req, state):
    return _add_tokens(req, state, folders_only=True)


def drop_token_header(req, resp, state):
    _remember(req, resp, state)
    if req.method == "LOCK" and req.body:
        resp.remove_header("Lock-Token")


def refuse_refresh(req, state):
    # A refresh is a LOCK without a body, with the token in If.
    if req.method == "LOCK" and not req.body and req.header("If"):
        return Response(412, headers=[["Content-Type", "text/plain"]], body=b"no refresh\n")
    return None


def refuse_first_unlock(req, state):
    """The first UNLOCK of a lock Apache granted answered 403; only the
    first, so that the doctor's end can still remove the lock."""
    if req.method != "UNLOCK" or state.get("refused"):
        return None
    m = LOCK_TOKEN.search(req.header("Lock-Token") or "")
    if m and m.group(1) in {t for ts in _locks(state).values() for t, _ in ts}:
        state["refused"] = True
        return Response(403, headers=[["Content-Type", "text/plain"]], body=b"no unlock\n")
    return None


def refuse_holder(req, state):
    # The holder's token is dropped, so Apache sees a write without it.
    if req.method in ("PUT", "DELETE") and req.header("If"):
        req.remove_header("If")
    return None


def refresh_without_discovery(req, resp, state):
    # A refresh answered 200 with no body.
    if req.method == "LOCK" and not req.body and 200 <= resp.status < 300:
        resp.body = b""
        resp.remove_header("Content-Type")


def unlock_any_token(req, state):
    """UNLOCK answered 204 whatever the token, as nginx does; the lock
    stays with Apache."""
    if req.method != "UNLOCK":
        return None
    m = LOCK_TOKEN.search(req.header("Lock-Token") or "")
    known = {t for ts in _locks(state).values() for t, _ in ts}
    if m and m.group(1) not in known:
        return Response(204)
    return None


def discovery_without_token(req, resp, state):
    if req.method == "PROPFIND":
        resp.body = re.sub(rb"<D:locktoken>.*?</D:locktoken>", b"", resp.body, flags=re.S)


def refuse_shared(req, state):
    if req.method == "LOCK" and req.body and b"shared" in req.body:
        return Response(403, headers=[["Content-Type", "text/plain"]], body=b"no shared locks\n")
    return None


def exclusive_over_shared(req, state):
    """Grants an exclusive LOCK of a file that has shared locks, with a
    token Apache never issued."""
    if req.method != "LOCK" or not req.body or b"exclusive" not in req.body:
        return None
    if not any(shared for _, shared in _locks(state).get(req.url_path, [])):
        return None
    token = f"opaquelocktoken:{uuid.uuid4()}"
    body = ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<D:prop xmlns:D="DAV:"><D:lockdiscovery><D:activelock>'
            '<D:locktype><D:write/></D:locktype><D:lockscope><D:exclusive/></D:lockscope>'
            '<D:depth>0</D:depth><D:timeout>Second-600</D:timeout>'
            f'<D:locktoken><D:href>{token}</D:href></D:locktoken>'
            '</D:activelock></D:lockdiscovery></D:prop>\n')
    return Response(200, headers=[["Content-Type", 'text/xml; charset="utf-8"'],
                                  ["Lock-Token", f"<{token}>"]], body=body)


def keep_lock_after_delete(req, state):
    """After the holder deleted its locked file, the name stays locked for
    the next write without a token (once)."""
    kept = state.setdefault("kept", set())
    if req.method == "PUT" and req.url_path in kept and req.header("If") is None:
        kept.discard(req.url_path)
        return Response(423, headers=[["Content-Type", "text/plain"]], body=b"locked\n")
    return None


def note_deleted_with_token(req, resp, state):
    _remember(req, resp, state)
    if req.method == "DELETE" and req.header("If") and 200 <= resp.status < 300:
        state.setdefault("kept", set()).add(req.url_path)


def refuse_unmapped_lock(req, state):
    # The lock-unmapped check locks "unmapped.txt", which does not exist yet.
    if req.method == "LOCK" and req.body and req.url_path.endswith("/unmapped.txt"):
        return Response(409, headers=[["Content-Type", "text/plain"]], body=b"no lock here\n")
    return None


FAULTS = [
    Fault(name="lock-no-token-header", check="lock", finds="lock-response-incomplete",
          write=True, response=drop_token_header,
          doc="LOCK answered without its Lock-Token header."),
    Fault(name="lock-refresh-refused", check="lock", finds="lock-refresh-failed",
          write=True, request=refuse_refresh,
          doc="A refresh (LOCK with If, no body) answered 412."),
    Fault(name="unlock-refused", check="lock", finds="unlock-failed",
          write=True, request=refuse_first_unlock, response=_remember,
          doc="The first UNLOCK of a real lock answered 403."),
    Fault(name="refresh-without-discovery", check="lock", finds="lock-response-incomplete",
          write=True, response=refresh_without_discovery,
          doc="A refresh answered 200 without the lock discovery."),
    Fault(name="unlock-any-token", check="lock", finds="unlock-wrong-token-accepted",
          write=True, request=unlock_any_token, response=_remember,
          doc="UNLOCK with a token of no lock answered 204, as nginx; the lock stays."),
    Fault(name="lockdiscovery-no-token", check="lock", finds="lockdiscovery-incomplete",
          write=True, response=discovery_without_token,
          doc="PROPFIND's lockdiscovery without DAV:locktoken, as sabre/dav 1.8."),
    Fault(name="locks-ignored", check="lock-enforced", finds="lock-not-enforced",
          write=True, request=ignore_locks, response=_remember,
          doc="PUT and DELETE go through a lock: the proxy adds the missing tokens."),
    Fault(name="lock-token-refused", check="lock-enforced", finds="lock-token-refused",
          write=True, request=refuse_holder,
          doc="The If header of PUT and DELETE is dropped: the holder gets 423."),
    Fault(name="delete-keeps-lock", check="lock-enforced", finds="delete-keeps-lock",
          write=True, request=keep_lock_after_delete, response=note_deleted_with_token,
          doc="After a DELETE with the token, the next PUT there gets 423."),
    Fault(name="delete-locked-member", check="lock-member", finds="delete-locked-member",
          write=True, request=delete_ignores_members, response=_remember,
          doc="A DELETE of a folder deletes its locked members, as lighttpd and nginx."),
    Fault(name="shared-lock-refused", check="lock-shared", finds="lock-shared-unsupported",
          write=True, request=refuse_shared,
          doc="Shared LOCKs answered 403 although supportedlock lists them."),
    Fault(name="exclusive-over-shared", check="lock-shared", finds="lock-exclusive-over-shared",
          write=True, request=exclusive_over_shared, response=_remember,
          doc="An exclusive LOCK over shared ones granted with a made-up token."),
    Fault(name="unmapped-lock-refused", check="lock-unmapped", finds="lock-unsupported",
          write=True, request=refuse_unmapped_lock,
          doc="A LOCK of an unmapped URL answered 409."),
]
