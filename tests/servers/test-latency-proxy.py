#!/usr/bin/env python3
"""tests/servers/latency-proxy: adds its delay per byte and direction, keeps
the bytes and their order, writes what is due in one piece however finely
it was sent, caps the rate, logs the chunks, survives bursts of connections
opened and closed without asyncio's complaints, and stops by itself.

An echo server in this process; the proxy in front of it; TAP on stdout.
Python standard library only.
"""

import os
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
import davtest  # noqa: E402

PROXY = os.path.join(os.path.dirname(os.path.realpath(__file__)), "latency-proxy")
T = davtest.Tap()


def echo_server(reads=None):
    """An echo server; READS, a list, gets the size of every recv ()."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=2048)

    def serve(conn):
        with conn:
            while True:
                try:
                    data = conn.recv(1 << 20)
                    if not data:
                        break
                    if reads is not None:
                        reads.append(len(data))
                    conn.sendall(data)
                except OSError:
                    break

    def accept():
        while True:
            conn, _ = listener.accept()
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return listener.getsockname()[1]


def start_proxy(target, *extra, stderr=None):
    proc = subprocess.Popen([sys.executable, PROXY, "--target", str(target), *extra],
                            stdout=subprocess.PIPE, stderr=stderr, text=True)
    port = int(proc.stdout.readline())
    return proc, port


def connect(port):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def recv_exactly(s, n):
    parts, got = [], 0
    while got < n:
        data = s.recv(min(65536, n - got))
        if not data:
            break
        parts.append(data)
        got += len(data)
    return b"".join(parts)


def round_trip(port, message=b"ping"):
    with connect(port) as s:
        s.sendall(b"x")
        recv_exactly(s, 1)       # the connection is made
        t0 = time.monotonic()
        s.sendall(message)
        recv_exactly(s, len(message))
        return time.monotonic() - t0

def test_coalesced(target_reads, target):
    """1 MiB sent in 8 KiB pieces, 0.3 ms apart: the proxy reads them as they
    come (its --log), but writes the bytes due within 1 ms of each other in
    one piece (each still delayed 24-25 ms), so the server reads at most one
    piece per millisecond of the sending, however finely the sender cut the
    bytes.  Main's proxy wrote each chunk it read on its own."""
    with tempfile.NamedTemporaryFile("r", suffix=".log") as log:
        proc, port = start_proxy(target, "--delay", "25", "--log", log.name)
        try:
            payload = os.urandom(1 << 20)
            with connect(port) as s:
                s.sendall(b"x")
                recv_exactly(s, 1)
                del target_reads[:]
                t0 = time.monotonic()
                sender = threading.Thread(target=lambda: [
                    (s.sendall(payload[i:i + 8192]), time.sleep(0.0003))
                    for i in range(0, len(payload), 8192)], daemon=True)
                sender.start()
                back = recv_exactly(s, len(payload))
                elapsed = time.monotonic() - t0
        finally:
            proc.terminate()
            proc.wait(5)
        ups = [line.split("\t") for line in log.read().splitlines()]
        ups = [(float(f[0]), int(f[3])) for f in ups if len(f) >= 4 and f[2] == "up" and f[3] not in ("0", "1")]
    span_ms = (ups[-1][0] - ups[0][0]) * 1000 if ups else 0.0
    reads = len(target_reads)
    T.ok(back == payload and elapsed >= 0.048 and reads <= span_ms + 3,
         "8 KiB pieces read over N ms reach the server in at most N + 3 reads "
         "(one write per millisecond of due bytes), whole, in order, and not before the round trip",
         [f"the proxy read {len(ups)} chunks over {span_ms:.1f} ms; the server read {reads} times; "
          f"{elapsed * 1000:.0f} ms"])


def test_burst(target):
    """1,000 connections opened and closed at once (half of them reset,
    some before their request is through), three times, then SIGTERM while
    1,000 more are still being accepted: no task destroyed while pending, no
    "cannot reuse already awaited coroutine", no traceback, status 0."""
    proc, port = start_proxy(target, "--delay", "25", stderr=subprocess.PIPE)
    opened = 0
    try:
        for burst in range(4):
            socks = []
            for i in range(1000):
                try:
                    s = socket.create_connection(("127.0.0.1", port))
                except OSError:
                    continue
                opened += 1
                s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                if i % 3 == 0:
                    s.close()
                else:
                    socks.append(s)
            if burst == 3:
                proc.terminate()   # while the last burst is being accepted
            for i, s in enumerate(socks):
                if i % 2:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                s.close()
            time.sleep(0.2)
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    T.ok(proc.returncode == 0 and err.strip() == "",
         "a burst of 1,000 connections opened and closed, four times, and SIGTERM during the last: "
         "status 0 and nothing on stderr",
         [f"status {proc.returncode}, {opened} connections"] + [l for l in err.splitlines() if l.strip()][:12])


def main():
    target_reads = []
    test_coalesced(target_reads, echo_server(target_reads))
    test_burst(echo_server())
    target = echo_server()
    direct = min(round_trip(target) for _ in range(3))

    proc, port = start_proxy(target, "--delay", "25")
    try:
        rtts = sorted(round_trip(port) for _ in range(3))
        T.ok(0.050 <= rtts[0] and rtts[1] < 0.050 + direct + 0.040,
             "25 ms each way add 50 ms to a round trip (not more than 40 ms above it)",
             [f"direct {direct * 1000:.1f} ms, through the proxy {[round(r * 1000, 1) for r in rtts]} ms"])

        # Chunks sent 10 ms apart arrive 10 ms apart, each 50 ms later: the
        # delay is per chunk, and the order and the bytes are kept.
        payload = os.urandom(200000)
        pieces = [payload[i:i + 20000] for i in range(0, len(payload), 20000)]
        with connect(port) as s:
            t0 = time.monotonic()
            for p in pieces:
                s.sendall(p)
                time.sleep(0.010)
            back = recv_exactly(s, len(payload))
            elapsed = time.monotonic() - t0
        T.ok(back == payload, "200 kB of random bytes in 10 chunks come back whole and in order",
             [f"{len(back)} bytes back"])
        T.ok(0.140 <= elapsed < 0.400,
             "10 chunks 10 ms apart take their spacing plus one 50 ms round trip, not 10 round trips",
             [f"{elapsed * 1000:.0f} ms"])

        # A half-close reaches the server after the data before it.
        with connect(port) as s:
            s.sendall(b"last words")
            s.shutdown(socket.SHUT_WR)
            back = recv_exactly(s, 100)
        T.ok(back == b"last words", "a half-close is passed on after the data, and the answer still comes",
             [repr(back)])
    finally:
        proc.terminate()
        T.ok(proc.wait(5) == 0, "SIGTERM stops the proxy (status 0)", [str(proc.returncode)])

    proc, port = start_proxy(target, "--delay", "0", "--rate", "512")
    try:
        payload = os.urandom(256 * 1024)
        with connect(port) as s:
            t0 = time.monotonic()
            threading.Thread(target=s.sendall, args=(payload,), daemon=True).start()
            back = recv_exactly(s, len(payload))
            elapsed = time.monotonic() - t0
        # 256 KiB at 512 KiB/s each way: 0.5 s, the two directions overlapping.
        T.ok(back == payload and 0.45 <= elapsed < 1.5,
             "--rate 512 moves 256 KiB in about half a second",
             [f"{elapsed:.2f} s"])
    finally:
        proc.terminate()
        proc.wait(5)

    # --log: a line per chunk read, with the request line of a plaintext
    # HTTP/1.1 request (benchmarks/run --rtt counts round trips from it).
    with tempfile.NamedTemporaryFile("r", suffix=".log") as log:
        proc, port = start_proxy(target, "--delay", "0", "--log", log.name)
        try:
            request = b"PROPFIND /dav/a/ HTTP/1.1\r\nHost: x\r\nDepth: 1\r\n\r\n"
            round_trip(port, request)   # "x" first, then the request
        finally:
            proc.terminate()
            proc.wait(5)
        lines = [line.rstrip("\n").split("\t") for line in log.read().splitlines()]
        ups = [f for f in lines if len(f) >= 4 and f[2] == "up" and f[3] != "0"]
        downs = [f for f in lines if len(f) >= 4 and f[2] == "down" and f[3] != "0"]
        T.ok(len(ups) == 2 and ups[0][3:] == ["1"] and ups[1][4:] == ["PROPFIND /dav/a/ HTTP/1.1"]
             and int(ups[1][3]) == len(request) and len(downs) == 2
             and ups[0][1] == ups[1][1] == downs[0][1] and abs(float(ups[1][0]) - time.time()) < 60,
             "--log writes a line per chunk: time, connection, way, bytes, request line",
             [repr(f) for f in lines])

    t0 = time.monotonic()
    proc, port = start_proxy(target, "--lifetime", "1")
    try:
        status = proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        status = None
    T.ok(status == 0 and time.monotonic() - t0 < 3, "--lifetime 1 stops it after about a second",
         [f"status {status} after {time.monotonic() - t0:.1f} s"])

    # Its parent exits once the proxy is ready: the proxy goes with it.
    parent = subprocess.Popen([sys.executable, "-c", f"""
import subprocess, sys
proxy = subprocess.Popen([sys.executable, {PROXY!r}, "--target", "{target}"], stdout=subprocess.PIPE)
proxy.stdout.readline()
print(proxy.pid, flush=True)
"""], stdout=subprocess.PIPE, text=True)
    pid = int(parent.stdout.readline())
    parent.wait()
    gone = False
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            gone = True
            break
        time.sleep(0.1)
    if not gone:
        os.kill(pid, 9)
    T.ok(gone, "when its parent exits, the proxy stops", [f"pid {pid}"])
    return T.finish()


if __name__ == "__main__":
    sys.exit(main())
