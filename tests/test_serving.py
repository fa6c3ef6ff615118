"""Slow clients cannot starve the app as `make run` serves it (gunicorn.conf.py: gevent workers): 60 connections
sending their headers, and 60 sending their bodies, a few bytes every second, against a real server with only two
workers, over HTTP and HTTPS; a normal request meanwhile still answers within 1 s. Loopback only, about 10 s each."""
import json
import socket
import ssl
import subprocess
import sys
import threading
import time

import pytest

from tests.servers import get, request, self_signed

SLOW = 60
BODY = json.dumps({"answers": {"onset": "sudden"}, "lang": "en"}).encode()


class Trickle:
    """Slow clients: each connection sends a few bytes of its request every second and never finishes it."""

    def __init__(self, connect):
        self.connect, self.sockets, self.stop = connect, [], threading.Event()

    def open(self, headers: int, bodies: int, idle: int = 0) -> None:
        for _ in range(idle):  # TCP only: over HTTPS, a handshake that never starts
            self.sockets.append((socket.create_connection(("127.0.0.1", self.port), timeout=5), None))
        for i in range(headers + bodies):
            conn = self.connect()
            if i < headers:
                conn.sendall(b"GET /vi/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                self.sockets.append((conn, b"X-Slow: 1\r\n"))
            else:
                conn.sendall(b"POST /api/v1/triage HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                             b"Content-Length: %d\r\n\r\n{" % len(BODY))
                self.sockets.append((conn, b" "))
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.wait(1):
            for conn, more in self.sockets:
                if more:
                    try:
                        conn.sendall(more)
                    except OSError:
                        pass

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        for conn, _ in self.sockets:
            conn.close()


def timed(call) -> float:
    started = time.monotonic()
    call()
    return time.monotonic() - started


def normal_requests(send) -> list[float]:
    """A page, a trivial API call and a triage: each timed, each checked."""
    def page():
        assert send(b"GET /vi/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").startswith(b"HTTP/1.1 200")

    def meta():
        assert send(b"GET /api/v1/meta HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").startswith(
            b"HTTP/1.1 200")

    def triage():
        raw = send(b"POST /api/v1/triage HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                   b"Connection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(BODY), BODY))
        assert raw.startswith(b"HTTP/1.1 200") and json.loads(raw.partition(b"\r\n\r\n")[2])["level"]

    return [timed(call) for _ in range(3) for call in (page, meta, triage)]


def read_all(conn) -> bytes:
    data = b""
    while chunk := conn.recv(65536):
        data += chunk
    return data


def test_slow_clients_over_http_do_not_delay_others(start_gunicorn):
    server = start_gunicorn()
    port = server.port

    def send(raw: bytes) -> bytes:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
            conn.sendall(raw)
            return read_all(conn)

    slow = Trickle(lambda: socket.create_connection(("127.0.0.1", port), timeout=5))
    slow.port = port
    slow.open(headers=SLOW, bodies=SLOW)
    try:
        time.sleep(2)  # every slow connection is accepted and trickling
        waits = normal_requests(send)
    finally:
        slow.close()
    assert max(waits) < 1, waits
    assert get(port, "/healthz")[0] == 200


def test_slow_clients_over_https_do_not_delay_others(start_gunicorn, tmp_path):
    """The LAN option (CERTFILE/KEYFILE): idle TCP connections that never start the TLS handshake, and slow ones
    after it, as the issue found two idle connections blocking two sync workers."""
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(cafile=cert)

    def tls():
        return context.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=5),
                                   server_hostname="127.0.0.1")

    def send(raw: bytes) -> bytes:
        with tls() as conn:
            conn.sendall(raw)
            return read_all(conn)

    def serving(p) -> bool:
        nonlocal port
        port = p
        return send(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").startswith(
            b"HTTP/1.1 200")

    port = 0
    server = start_gunicorn(check=serving, CERTFILE=cert, KEYFILE=key)
    slow = Trickle(tls)
    slow.port = server.port
    slow.open(headers=SLOW // 2, bodies=SLOW // 2, idle=SLOW)
    try:
        time.sleep(2)
        waits = normal_requests(send)
    finally:
        slow.close()
    assert max(waits) < 1, waits


@pytest.mark.parametrize("worker_class", ["sync"])
def test_the_test_can_fail_sync_workers_are_starved(start_gunicorn, worker_class):
    """The same attack on sync workers (the old `make run`): a normal request does not get through in 1 s."""
    server = start_gunicorn(WORKER_CLASS=worker_class)
    port = server.port
    slow = Trickle(lambda: socket.create_connection(("127.0.0.1", port), timeout=5))
    slow.port = port
    slow.open(headers=4, bodies=0)
    try:
        time.sleep(1)
        with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
            conn.sendall(b"GET /api/v1/meta HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            with pytest.raises(TimeoutError):
                conn.recv(100)
    finally:
        slow.close()


def test_a_locked_database_delays_only_the_consented_posts(start_gunicorn, tmp_path):
    """SQLite locked by another process: five consented posts wait at most DATABASE_TIMEOUT and answer 200 with
    their result (stored: false); pages and API calls meanwhile answer within 1 s; /healthz says 503 within 2 s."""
    database = tmp_path / "served.db"
    server = start_gunicorn(DATABASE_TIMEOUT="3")
    port = server.port
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
        "c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(60)"), str(database)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        body = json.dumps({"answers": {"face_drooping": "yes"}, "lang": "en", "consent": True}).encode()
        posted: list[tuple[float, bytes]] = []

        def post():
            started = time.monotonic()
            raw = request(port, b"POST /api/v1/triage HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                                b"\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
            posted.append((time.monotonic() - started, raw))

        posts = [threading.Thread(target=post) for _ in range(5)]
        for thread in posts:
            thread.start()
        time.sleep(0.3)  # the posts are waiting for the lock
        waits = [timed(lambda path=path: get(port, path)) for path in ("/vi/", "/api/v1/meta", "/en/checklist") * 3]
        started = time.monotonic()
        health = get(port, "/healthz")
        health_wait = time.monotonic() - started
        for thread in posts:
            thread.join(15)
    finally:
        holder.kill()
        holder.wait(10)
    assert max(waits) < 1, waits
    assert health[0] == 503 and json.loads(health[1])["database"] == "error" and health_wait < 2
    assert len(posted) == 5
    for seconds, raw in posted:
        result = json.loads(raw.partition(b"\r\n\r\n")[2])
        assert raw.startswith(b"HTTP/1.1 200") and result["level"] == "emergency_ambulance"
        assert result["record"]["stored"] is False and seconds < 5, (seconds, result["record"])
    assert get(port, "/healthz")[0] == 200  # the lock is gone: healthy again
