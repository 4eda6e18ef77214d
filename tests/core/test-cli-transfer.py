#!/usr/bin/env python3
"""davscope-cli get against a scripted server: a download cut off half-way
continues where it stopped, never spliced wrong, and is checked against
the checksum the server offers (issue 16, dav-download.c).

No Apache: an HTTP server in this process drops the connection after part
of the body, then answers the resumed GET as the case scripts it: a right
206, a 206 from another offset, a 200 (Range ignored, or the file changed:
If-Range), a 416; and 200s with a right and a wrong Repr-Digest, Digest
and OC-Checksum. tests/servers/test-cli-resume.py does the cut against
Apache. Prints TAP; exits 1 when a test failed.

    test-cli-transfer.py          (DAVSCOPE_CLI: the built davscope-cli)
"""

import base64
import glob
import hashlib
import os
import random
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
import davtest  # noqa: E402

random.seed(16)
BODY = bytes(random.getrandbits(8) for _ in range(200 * 1024))
BODY2 = bytes(reversed(BODY))
CUT = 64 * 1024


def b64(data):
    return base64.b64encode(data).decode()


class Handler(davtest.ScriptedHandler):
    # What the next GET gets: "cut" (200, the connection closed after CUT
    # bytes), "range" (a right 206 when If-Range holds), "wrong-range",
    # "ignore-range", "changed", "416", or "whole" with extra headers.
    mode = "whole"
    etag = '"v1"'
    extra = []

    def do_GET(self):
        self.note({"range": self.headers.get("Range"), "if_range": self.headers.get("If-Range"),
                   "want": self.headers.get("Want-Repr-Digest")})
        h = type(self)
        rng = self.headers.get("Range")
        start = int(rng[len("bytes="):-1]) if rng else 0
        if h.mode == "cut":
            self.send_response(200)
            self.send_header("Content-Length", str(len(BODY)))
            self.send_header("ETag", h.etag)
            self.end_headers()
            self.wfile.write(BODY[:min(CUT, len(BODY) // 2)])
            self.wfile.flush()
            self.close_connection = True
            return
        if h.mode == "range" and rng and self.headers.get("If-Range") == h.etag:
            self.partial(start, start)
            return
        if h.mode == "wrong-range" and rng:
            self.partial(start - 1000, start - 1000)
            return
        if h.mode == "416" and rng:
            self.reply(416, b"", "text/plain", headers=[("Content-Range", f"bytes */{len(BODY)}")])
            return
        body = BODY2 if h.mode == "changed" else BODY
        self.reply(200, body, "application/octet-stream",
                   headers=[("ETag", '"v2"' if h.mode == "changed" else h.etag)] + h.extra)

    # PUT: "put-right" / "put-wrong" answer 201 with the Repr-Digest of
    # what came / of something else; under /remote.php/ the OC-Checksum
    # sent is checked as Nextcloud does (400 when it does not match).
    put_mode = "put-right"

    def do_PUT(self):
        body = self.read_body()
        sent = self.headers.get("OC-Checksum")
        self.note({"oc_checksum": sent, "want": self.headers.get("Want-Repr-Digest"), "length": len(body)})
        if "/remote.php/" in self.path:
            if sent != "SHA1:" + hashlib.sha1(body).hexdigest():
                self.reply(400, b"checksum mismatch", "text/plain")
            else:
                self.reply(201, b"", "text/plain")
            return
        stored = body if type(self).put_mode == "put-right" else body[:-1]
        self.reply(201, b"", "text/plain",
                   headers=[("Repr-Digest", f"sha-256=:{b64(hashlib.sha256(stored).digest())}:")])

    def partial(self, start, claimed):
        part = BODY[start:]
        self.send_response(206)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(part)))
        self.send_header("Content-Range", f"bytes {claimed}-{len(BODY) - 1}/{len(BODY)}")
        self.send_header("ETag", type(self).etag)
        for name, value in type(self).extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(part)


def leftovers(folder):
    return sorted(os.path.basename(p) for p in glob.glob(os.path.join(folder, ".davscope-*")))


def content(path):
    with open(path, "rb") as f:
        return f.read()


def main():
    if davtest.cli_missing():
        return 0
    tap = davtest.Tap()
    folder = tempfile.mkdtemp(prefix="davscope-transfer-")
    target = os.path.join(folder, "f.bin")
    try:
        with davtest.serving(Handler) as port:
            url = f"http://127.0.0.1:{port}/dav/f.bin"

            def get(*extra):
                Handler.seen.clear()
                return davtest.cli("get", *extra, url, target, scripted=True)

            def cut_off():
                Handler.mode, Handler.etag, Handler.extra = "cut", '"v1"', []
                run = get()
                parts = [p for p in leftovers(folder) if p.endswith(".part")]
                size = os.path.getsize(os.path.join(folder, parts[0])) if parts else -1
                return run, size

            # ---- cut off, then continued from where it stopped
            run, size = cut_off()
            tap.check(run.rc != 0 and not os.path.exists(target), "a download cut off fails and makes no file", run)
            tap.check(size == CUT, f"the partial file keeps the {CUT} bytes that came", run, [leftovers(folder), size])
            Handler.mode = "range"
            run = get()
            seen = Handler.seen[0] if Handler.seen else {}
            tap.check(seen.get("range") == f"bytes={CUT}-" and seen.get("if_range") == '"v1"',
                      "the retry asks for the rest: Range from the partial file's end, If-Range with the ETag",
                      run, [seen])
            tap.check(run.rc == 0 and os.path.exists(target) and content(target) == BODY,
                      "the resumed file is byte-identical to the server's", run)
            tap.check("Continued after" in run.out, "the CLI says the download continued", run)
            tap.check(leftovers(folder) == [], "nothing is left beside it", run, [leftovers(folder)])
            os.unlink(target)

            # ---- a 206 from another offset is refused, never spliced
            cut_off()
            Handler.mode = "wrong-range"
            run = get()
            tap.check(run.rc == 2 and not os.path.exists(target),
                      "a 206 starting elsewhere than the partial file's end is refused (exit 2), nothing saved", run)
            tap.check(f"at byte {CUT - 1000}, not at byte {CUT}" in run.err,
                      "the reason names both offsets", run)
            tap.check(leftovers(folder) == [], "the partial file is discarded", run, [leftovers(folder)])
            Handler.mode = "range"
            run = get()
            seen = Handler.seen[0] if Handler.seen else {}
            tap.check(run.rc == 0 and seen.get("range") is None and content(target) == BODY,
                      "the next try downloads the whole file, without Range", run, [seen])
            os.unlink(target)

            # ---- Range ignored: a 200 starts the file again from byte 0
            cut_off()
            Handler.mode = "ignore-range"
            run = get()
            seen = Handler.seen[0] if Handler.seen else {}
            tap.check(seen.get("range") == f"bytes={CUT}-" and run.rc == 0 and content(target) == BODY,
                      "a 200 to a Range request replaces the partial file: the file is whole, not doubled",
                      run, [seen, os.path.getsize(target) if os.path.exists(target) else None])
            os.unlink(target)

            # ---- the file changed meanwhile: If-Range gives the new one whole
            cut_off()
            Handler.mode = "changed"
            run = get()
            tap.check(run.rc == 0 and content(target) == BODY2 and "Continued" not in run.out,
                      "a file that changed comes whole (If-Range), not spliced with the old part", run)
            os.unlink(target)

            # ---- 416: the partial file is no part of the file; once more whole
            cut_off()
            Handler.mode = "416"
            run = get()
            ranges = [s.get("range") for s in Handler.seen]
            tap.check(run.rc == 0 and ranges == [f"bytes={CUT}-", None] and content(target) == BODY,
                      "a 416 to the resumed GET sends it again, whole", run, [ranges])
            os.unlink(target)

            # ---- a small file is fetched again whole, with no state kept
            saved = BODY
            try:
                globals()["BODY"] = BODY[:60 * 1024]
                run, size = cut_off()
                tap.check(leftovers(folder) == [], "a file under 64 KiB cut off leaves nothing to continue", run,
                          [leftovers(folder)])
            finally:
                globals()["BODY"] = saved

            # ---- no strong validator: a cut-off download cannot be continued
            Handler.mode, Handler.etag = "cut", 'W/"weak"'
            run = get()
            tap.check(leftovers(folder) == [], "with only a weak ETag, no partial file is kept", run,
                      [leftovers(folder)])
            Handler.etag = '"v1"'

            # ---- checksums
            sha256 = hashlib.sha256(BODY).digest()
            wrong = hashlib.sha256(b"something else").digest()
            cases = [
                ("Repr-Digest", f"sha-256=:{b64(sha256)}:", True, "SHA-256", "Repr-Digest"),
                ("Repr-Digest", f"sha-256=:{b64(wrong)}:", False, "SHA-256", "Repr-Digest"),
                ("Digest", f"MD5={b64(hashlib.md5(BODY).digest())}", True, "MD5", "Digest"),
                ("Digest", f"SHA-256={b64(wrong)}, MD5={b64(hashlib.md5(BODY).digest())}", False, "SHA-256", "Digest"),
                ("OC-Checksum", f"SHA1:{hashlib.sha1(BODY).hexdigest()}", True, "SHA-1", "OC-Checksum"),
                ("OC-Checksum", f"SHA1:{hashlib.sha1(b'x').hexdigest()}", False, "SHA-1", "OC-Checksum"),
            ]
            for header, value, right, name, source in cases:
                Handler.mode, Handler.extra = "whole", [(header, value)]
                run = get()
                if right:
                    tap.check(run.rc == 0 and content(target) == BODY and f"Its {name} matches" in run.out,
                              f"a right {header} ({name}) verifies the file, and says so", run)
                    os.unlink(target)
                else:
                    tap.check(run.rc == 2 and not os.path.exists(target) and leftovers(folder) == []
                              and f"{name} does not match the one the server gave in {source}" in run.err,
                              f"a wrong {header} ({name}) fails the download, with the reason; nothing is left", run)
            Handler.mode, Handler.extra = "whole", []
            run = get()
            tap.check(run.rc == 0 and Handler.seen and Handler.seen[0].get("want"),
                      "GET asks for a checksum (Want-Repr-Digest)", run, [Handler.seen])
            tap.check("matches" not in run.out, "no checksum offered: nothing claims a verification", run)
            os.unlink(target)

            # ---- a resumed file is checked whole (Repr-Digest is of the file, RFC 9530)
            for digest, right in ((sha256, True), (wrong, False)):
                cut_off()
                Handler.mode, Handler.extra = "range", [("Repr-Digest", f"sha-256=:{b64(digest)}:")]
                run = get()
                if right:
                    tap.check(run.rc == 0 and content(target) == BODY and "Continued after" in run.out
                              and "Its SHA-256 matches" in run.out,
                              "a resumed download is verified over the whole file", run)
                    os.unlink(target)
                else:
                    tap.check(run.rc == 2 and not os.path.exists(target) and leftovers(folder) == [],
                              "a resumed download that does not match fails, and its parts are discarded", run)

            # ---- uploads: the answer's checksum is compared with the local file
            source = os.path.join(folder, "up.bin")
            with open(source, "wb") as f:
                f.write(BODY)
            put_url = f"http://127.0.0.1:{port}/dav/up.bin"
            Handler.put_mode = "put-right"
            Handler.seen.clear()
            run = davtest.cli("put", "--overwrite", source, put_url, scripted=True)
            tap.check(run.rc == 0 and "Its SHA-256 matches the one the server gave in Repr-Digest." in run.out,
                      "an upload whose stored file has the local file's Repr-Digest is verified, and says so", run)
            tap.check(Handler.seen and Handler.seen[0].get("want") and Handler.seen[0].get("oc_checksum") is None,
                      "PUT asks for the stored file's checksum; no OC-Checksum to a server that is no ownCloud",
                      run, [Handler.seen])
            Handler.put_mode = "put-wrong"
            run = davtest.cli("put", "--overwrite", source, put_url, scripted=True)
            tap.check(run.rc == 2 and "is not the local file" in run.err,
                      "an upload whose stored file hashes differently is a failure (exit 2), with the reason", run)
            run = davtest.cli("put", "--overwrite", "--json", source, put_url, scripted=True)
            doc = run.json() or {}
            tap.check(run.rc == 2 and doc.get("ok") is False and doc.get("outcome") == "failed",
                      "with --json, that upload is a failed item", run, [doc])
            Handler.seen.clear()
            oc_url = f"http://127.0.0.1:{port}/remote.php/dav/files/alice/up.bin"
            run = davtest.cli("put", "--overwrite", source, oc_url, scripted=True)
            sent = Handler.seen[0].get("oc_checksum") if Handler.seen else None
            tap.check(run.rc == 0 and sent == "SHA1:" + hashlib.sha1(BODY).hexdigest() and "OC-Checksum" in run.out,
                      "to ownCloud/Nextcloud (remote.php) a PUT carries OC-Checksum: SHA1 of the file", run,
                      [Handler.seen])
            os.unlink(source)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
