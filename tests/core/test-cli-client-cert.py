#!/usr/bin/env python3
"""davscope-cli against an https server that requires a client
certificate (mutual TLS): --client-cert with a PEM file (certificate and
key) or a PKCS#12 file and its password (DAVSCOPE_CLIENT_CERT_PASSWORD)
gets in; no certificate, one from another authority, or a wrong password
does not, and says why. Issue 16, dav-client-certificate.c.

No Apache: a scripted server in this process over TLS, with a CA, its
server and client certificates made by openssl at test time (skipped
without openssl). Prints TAP; exits 1 when a test failed.

    test-cli-client-cert.py          (DAVSCOPE_CLI: the built davscope-cli)
"""

import http.server
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
import davtest  # noqa: E402

BODY = b"only for a known client\n"


class Handler(davtest.ScriptedHandler):
    def do_GET(self):
        peer = self.connection.getpeercert()
        subject = dict(x[0] for x in peer.get("subject", ())) if peer else {}
        self.note({"client": subject.get("commonName")})
        self.reply(200, BODY, "text/plain")


def openssl(*args, cwd):
    return subprocess.run(["openssl", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE).returncode == 0


def make_certificates(d):
    """ca, a server and a client certificate it signed, the client's as
    PEM (cert + key) and PKCS#12; and a client certificate no one signed."""
    steps = [
        ("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "1",
         "-subj", "/CN=Davscope Test CA"),
        ("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
         "-subj", "/CN=127.0.0.1"),
        ("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
         "-out", "server.pem", "-days", "1"),
        ("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client.key", "-out", "client.csr",
         "-subj", "/CN=alice-laptop"),
        ("x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
         "-out", "client.crt", "-days", "1"),
        ("pkcs12", "-export", "-in", "client.crt", "-inkey", "client.key", "-out", "client.p12",
         "-passout", "pass:p12-secret"),
        ("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "stranger.key", "-out", "stranger.crt",
         "-days", "1", "-subj", "/CN=stranger"),
    ]
    if not shutil.which("openssl") or not all(openssl(*step, cwd=d) for step in steps):
        return False
    for name in ("client", "stranger"):
        with open(os.path.join(d, name + ".pem"), "w") as out:
            for part in (".crt", ".key"):
                with open(os.path.join(d, name + part)) as f:
                    out.write(f.read())
    return True


def main():
    if davtest.cli_missing():
        return 0
    tap = davtest.Tap()
    d = tempfile.mkdtemp(prefix="davscope-mtls-")
    try:
        if not make_certificates(d):
            tap.skip("mutual TLS", "openssl could not make the certificates")
            return tap.finish()
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(os.path.join(d, "server.pem"), os.path.join(d, "server.key"))
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(os.path.join(d, "ca.pem"))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"https://127.0.0.1:{server.server_address[1]}/dav/f.txt"
        target = os.path.join(d, "f.txt")
        # Under AddressSanitizer, GnuTLS's thread-local data trips the leak
        # checker at exit (see test-cli-hostile.py).
        env = {"ASAN_OPTIONS": os.environ["ASAN_OPTIONS"] + ":detect_leaks=0"} if "ASAN_OPTIONS" in os.environ else {}

        def get(*options, password=None):
            Handler.seen.clear()
            if os.path.exists(target):
                os.unlink(target)
            extra = dict(env, DAVSCOPE_CLIENT_CERT_PASSWORD=password) if password else env
            run = davtest.cli("get", "--insecure", *options, url, target, env=extra, scripted=True)
            got = open(target, "rb").read() if os.path.exists(target) else b""
            return run, got

        run, got = get()
        tap.check(run.rc == 1 and not got and not Handler.seen,
                  "without a client certificate the server lets nothing through", run)
        # The refusal comes in the handshake (then the CLI names the way
        # out), or, under TLS 1.3, as an alert after the request went out,
        # which glib-networking reports as a plain TLS error: then GnuTLS's
        # words for the alert are all there is.
        tap.check(("asks for a client certificate" in run.err and "--client-cert" in run.err)
                  or "Certificate is required" in run.err,
                  "and the CLI says the server asks for one", run)

        run, got = get("--client-cert", os.path.join(d, "client.pem"))
        tap.check(run.rc == 0 and got == BODY and Handler.seen == [{"client": "alice-laptop"}],
                  "--client-cert with a PEM file (certificate and key): the server knows the client", run,
                  [Handler.seen])

        run, got = get("--client-cert", os.path.join(d, "client.p12"), password="p12-secret")
        tap.check(run.rc == 0 and got == BODY and Handler.seen == [{"client": "alice-laptop"}],
                  "--client-cert with a PKCS#12 file and DAVSCOPE_CLIENT_CERT_PASSWORD", run, [Handler.seen])

        run, got = get("--client-cert", os.path.join(d, "client.p12"), password="wrong")
        tap.check(run.rc == 1 and not got and "client certificate" in run.err and not Handler.seen,
                  "a wrong PKCS#12 password: the certificate cannot be used, and nothing is sent", run)

        run, got = get("--client-cert", os.path.join(d, "stranger.pem"))
        tap.check(run.rc == 1 and not got and not Handler.seen,
                  "a certificate the server's authority did not sign is refused by the server", run)

        run, got = get("--client-cert", os.path.join(d, "missing.pem"))
        tap.check(run.rc == 1 and "missing.pem" in run.err and not Handler.seen,
                  "a certificate file that is not there is named, and nothing is sent", run)
        server.shutdown()
        server.server_close()
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
