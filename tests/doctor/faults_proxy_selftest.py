"""Faults for testing the fault proxy itself (tests/doctor/test-fault-proxy.py),
not the doctor: tests/doctor/test-doctor-faults.py does not run them.  Each
uses another hook or switch of faultlib: response, head (no 100 Continue),
request (answered without Apache), and the framing (a body cut short under
its Content-Length, a chunked body)."""

from faultlib import Fault, Response


def dav_2_only(req, resp, state):
    if req.method == "OPTIONS":
        resp.set_header("DAV", "2")
        state["options"] = state.get("options", 0) + 1
        resp.set_header("X-Fault-Count", state["options"])


def no_continue(req, state):
    req.no_continue = True


def refuse_mkcol(req, state):
    if req.method == "MKCOL":
        return Response(507, headers=[["Content-Type", "text/plain"]], body=b"full\n")
    return None


def cut_short(req, resp, state):
    if req.method == "PROPFIND":
        resp.set_header("Content-Length", len(resp.body))
        resp.body = resp.body[:len(resp.body) // 2]
        resp.fix_length = False
        resp.close = True


def chunked(req, resp, state):
    if req.method == "PROPFIND":
        resp.chunked = True


FAULTS = [
    Fault(name="selftest-dav-2-only", check="options", finds="options-class2-without-1",
          response=dav_2_only),
    Fault(name="selftest-no-continue", check="expect-continue", finds="expect-continue-unanswered",
          write=True, head=no_continue),
    Fault(name="selftest-refuse-mkcol", check="mkcol", finds="mkcol-refused",
          write=True, request=refuse_mkcol),
    Fault(name="selftest-cut-short", check="propfind-depth-1", finds="body-truncated",
          response=cut_short),
    Fault(name="selftest-chunked", check="propfind-depth-1", finds="none", response=chunked),
]
