"""Operations: /healthz against a real (or really unreachable) database, request ids in JSON log lines, and gunicorn
(workers from the CPU count, the real wsgi:app, graceful shutdown on SIGTERM)."""
import io
import json
import multiprocessing
import os
import re
import runpy
import signal
import socket
import subprocess
import sys
import time
import uuid

import pytest

from server.app import create_app
from server.config import ENV_KEYS, TestConfig
from tests.conftest import ROOT


@pytest.fixture
def log_lines(app):
    """The app's own JSON log handler, writing to a buffer instead of stderr: the lines exactly as logged."""
    handler = app.logger.handlers[0]
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    handler.setStream(old)


# --- /healthz ------------------------------------------------------------------------------------------------------

def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.json == {"status": "ok", "database": "ok"}


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: nothing listens there


@pytest.mark.parametrize("url", [
    lambda tmp: f"postgresql://nobody:nothing@127.0.0.1:{_closed_port()}/nothing?connect_timeout=3",
    lambda tmp: f"sqlite:///{tmp / 'no-such-directory' / 'app.db'}",
], ids=["postgresql-closed-port", "sqlite-missing-directory"])
def test_healthz_is_503_json_when_the_database_is_unreachable(tmp_path, url):
    app = create_app(TestConfig, {"DATABASE_URL": url(tmp_path)})
    stream = io.StringIO()
    app.logger.handlers[0].setStream(stream)
    started = time.monotonic()
    response = app.test_client().get("/healthz", headers={"X-Request-ID": "health-probe-1"})
    assert time.monotonic() - started < 10
    assert response.status_code == 503
    assert response.mimetype == "application/json"
    assert response.json["status"] == "error" and response.json["database"] == "unreachable"
    assert b"Traceback" not in response.data and b"nothing" not in response.data  # no internals, no credentials
    failure = next(json.loads(line) for line in stream.getvalue().splitlines() if "health check failed" in line)
    assert failure["level"] == "ERROR" and failure["request_id"] == "health-probe-1" and "exception" in failure
    with app.app_context():
        from server.extensions import db
        db.engine.dispose()


# --- request ids and JSON log lines --------------------------------------------------------------------------------

def test_a_valid_request_id_is_echoed_and_logged(client, log_lines):
    rid = "req-" + uuid.uuid4().hex
    response = client.post("/api/v1/triage", json={"answers": {}}, headers={"X-Request-ID": rid})
    assert response.status_code == 200 and response.headers["X-Request-ID"] == rid
    line = next(entry for entry in log_lines() if entry.get("request_id") == rid)
    assert line["message"] == "request" and line["level"] == "INFO"
    assert line["method"] == "POST" and line["path"] == "/api/v1/triage" and line["status"] == 200
    assert isinstance(line["ms"], float | int) and line["ms"] >= 0 and line["time"]


@pytest.mark.parametrize("given", [None, "", "a" * 65, "has spaces", "new\\nline", "<script>", "ü-unicode", "a;b"])
def test_an_invalid_or_missing_request_id_is_replaced(client, log_lines, given):
    headers = {} if given is None else {"X-Request-ID": given}
    response = client.get("/api/v1/meta", headers=headers)
    rid = response.headers["X-Request-ID"]
    assert rid != given and re.fullmatch(r"[0-9a-f]{32}", rid)
    assert [entry["request_id"] for entry in log_lines() if entry["message"] == "request"] == [rid]


def test_request_ids_differ_and_every_response_has_one(client):
    ids = {client.get(path).headers["X-Request-ID"] for path in ("/healthz", "/api/v1/meta", "/api/v1/nope", "/vi/")}
    assert len(ids) == 4


def test_log_lines_are_json_and_never_hold_the_client_address(client, log_lines):
    client.get("/api/v1/meta", environ_base={"REMOTE_ADDR": "203.0.113.77"})
    client.post("/api/v1/triage", data="{", content_type="application/json",
                environ_base={"REMOTE_ADDR": "203.0.113.77"})
    lines = log_lines()
    assert len(lines) == 2 and [line["status"] for line in lines] == [200, 400]
    assert all("203.0.113.77" not in json.dumps(line) for line in lines)


def test_an_error_logged_during_a_request_carries_its_id(app, log_lines):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/api/v1/boom")
    def boom():
        raise RuntimeError("boom")

    response = app.test_client().get("/api/v1/boom", headers={"X-Request-ID": "boom-1"})
    assert response.status_code == 500
    error = next(entry for entry in log_lines() if entry["message"] == "unhandled error")
    assert error["request_id"] == "boom-1" and "RuntimeError" in error["exception"]


# --- gunicorn ------------------------------------------------------------------------------------------------------

def _gunicorn_settings(monkeypatch, **env) -> dict:
    for key in ("WEB_CONCURRENCY", "GUNICORN_THREADS", "GRACEFUL_TIMEOUT", "PORT", "HOST"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_workers_follow_the_cpu_count(monkeypatch):
    settings = _gunicorn_settings(monkeypatch)
    assert settings["workers"] == multiprocessing.cpu_count() * 2 + 1
    assert settings["graceful_timeout"] > 0 and settings["bind"] == "0.0.0.0:8000"
    settings = _gunicorn_settings(monkeypatch, WEB_CONCURRENCY="3", PORT="9001", HOST="127.0.0.1")
    assert settings["workers"] == 3 and settings["bind"] == "127.0.0.1:9001"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(port: int, raw: bytes, timeout=10) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(raw)
        chunks = []
        try:
            while chunk := conn.recv(65536):
                chunks.append(chunk)
        except ConnectionResetError:  # the server answered before reading all of a refused body, then closed
            assert chunks
    return b"".join(chunks)


def _get(port: int, path: str) -> tuple[int, bytes]:
    raw = _request(port, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    head, _, body = raw.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


@pytest.fixture
def gunicorn(tmp_path):
    """The real server: `flask db upgrade` on a new SQLite file, then gunicorn -c gunicorn.conf.py wsgi:app."""
    env = {k: v for k, v in os.environ.items() if k not in ENV_KEYS and not k.startswith("FLASK_") and k != "APP_ENV"}
    port = _free_port()
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'served.db'}", RATELIMIT_ENABLED="false", HOST="127.0.0.1",
        PORT=str(port), WEB_CONCURRENCY="2", GRACEFUL_TIMEOUT="10", PYTHONUNBUFFERED="1",
    )
    upgrade = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=60)
    assert upgrade.returncode == 0, upgrade.stderr
    log = open(tmp_path / "gunicorn.log", "w+b")  # noqa: SIM115 (read by the test, closed below)
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while True:
        try:
            if _get(port, "/healthz")[0] == 200:
                break
        except OSError:
            pass
        assert proc.poll() is None and time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
        time.sleep(0.1)
    proc.port, proc.log = port, tmp_path / "gunicorn.log"
    yield proc
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)
    log.close()


def test_gunicorn_serves_the_app_with_its_limits(gunicorn):
    port = gunicorn.port
    status, body = _get(port, "/healthz")
    assert status == 200 and json.loads(body) == {"status": "ok", "database": "ok"}
    assert _get(port, "/api/v1/meta")[0] == 200
    for path in ("/static/../server/config.py", "/static/%2e%2e/wsgi.py", "/static/..%2fwsgi.py",
                 "/static/css/../../wsgi.py"):  # raw requests: the path reaches the server as written
        status, body = _get(port, path)
        assert status in (400, 404) and b"create_app" not in body and b"SECRET_KEY" not in body, path
    # A chunked body has no Content-Length to refuse up front: the limit still holds while reading.
    payload = json.dumps({"answers": {}, "consent": True, "pad": "x" * 40_000}).encode()
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(payload[i:i + 4096]), payload[i:i + 4096])
                       for i in range(0, len(payload), 4096)) + b"0\r\n\r\n"
    raw = _request(port, b"POST /api/v1/triage HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunked)
    assert raw.split()[1] == b"413" and json.loads(raw.partition(b"\r\n\r\n")[2])["error"]["code"] == 413
    with socket.create_connection(("127.0.0.1", port)):  # still serving after all that
        pass
    assert _get(port, "/healthz")[0] == 200
    gunicorn.send_signal(signal.SIGTERM)
    assert gunicorn.wait(30) == 0
    lines = [json.loads(line) for line in gunicorn.log.read_bytes().splitlines() if line.startswith(b"{")]
    served = [line for line in lines if line.get("message") == "request"]
    assert {line["path"] for line in served} >= {"/healthz", "/api/v1/meta", "/api/v1/triage"}
    assert all(re.fullmatch(r"[0-9a-f]{32}", line["request_id"]) for line in served)


def test_sigterm_lets_the_request_in_flight_finish_and_exits_cleanly(gunicorn):
    port = gunicorn.port
    body = json.dumps({"answers": {"onset": "sudden"}, "lang": "en"}).encode()
    conn = socket.create_connection(("127.0.0.1", port), timeout=30)
    conn.sendall(b"POST /api/v1/triage HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 b"Connection: close\r\nX-Request-ID: in-flight\r\nContent-Length: %d\r\n\r\n" % len(body)
                 + body[:10])
    time.sleep(1)  # a worker has the request and waits for the rest of its body
    gunicorn.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    assert gunicorn.poll() is None  # still waiting for the request in flight
    conn.sendall(body[10:])
    response = b""
    while chunk := conn.recv(65536):
        response += chunk
    conn.close()
    head, _, payload = response.partition(b"\r\n\r\n")
    assert head.split()[1] == b"200", response[:300]
    assert json.loads(payload)["lang"] == "en"
    assert gunicorn.wait(20) == 0  # well inside GRACEFUL_TIMEOUT + the arbiter's own wait
    with pytest.raises(OSError):  # nothing listens any more
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
