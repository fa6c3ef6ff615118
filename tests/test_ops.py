"""Operations: /healthz against a real (or really unreachable) database, request ids in JSON log lines, and gunicorn
(workers from the CPU count, the real wsgi:app, graceful shutdown on SIGTERM)."""
import io
import json
import multiprocessing
import re
import runpy
import shutil
import signal
import socket
import ssl
import subprocess
import time
import uuid
from contextlib import contextmanager

import pytest
from environs import EnvError

from server.app import create_app
from server.config import TestConfig
from tests.conftest import ROOT
from tests.servers import get as _get
from tests.servers import request as _request


@contextmanager
def captured_log(app):
    """The app's own JSON log handler, writing to a buffer instead of stderr: the lines exactly as logged."""
    handler = app.logger.handlers[0]
    stream = io.StringIO()
    old = handler.setStream(stream)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        handler.setStream(old)


@pytest.fixture
def log_lines(app):
    with captured_log(app) as lines:
        yield lines


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
    assert time.monotonic() - started < 2
    assert response.status_code == 503
    assert response.mimetype == "application/json"
    assert response.json["status"] == "error" and response.json["database"] == "error"
    assert response.json["reason"] == "OperationalError"
    assert b"Traceback" not in response.data and b"nothing" not in response.data  # no internals, no credentials
    failure = next(json.loads(line) for line in stream.getvalue().splitlines() if "health check failed" in line)
    assert failure["level"] == "ERROR" and failure["request_id"] == "health-probe-1"
    assert failure["reason"] == "OperationalError" and "exception" not in failure  # expected: no traceback
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


def test_an_error_logged_during_a_request_carries_its_id(make_app):
    app = make_app()  # its own: a route is added
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/api/v1/boom")
    def boom():
        raise RuntimeError("boom")

    with captured_log(app) as log_lines:
        response = app.test_client().get("/api/v1/boom", headers={"X-Request-ID": "boom-1"})
    assert response.status_code == 500
    error = next(entry for entry in log_lines() if entry["message"] == "unhandled error")
    assert error["request_id"] == "boom-1" and "RuntimeError" in error["exception"]


# --- gunicorn ------------------------------------------------------------------------------------------------------

def _gunicorn_settings(monkeypatch, **env) -> dict:
    for key in ("WEB_CONCURRENCY", "GUNICORN_THREADS", "GRACEFUL_TIMEOUT", "PORT", "HOST", "CERTFILE", "KEYFILE",
                "WORKER_CLASS", "PROXY_FIX_X_FOR", "FLASK_PROXY_FIX_X_FOR"):
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
    monkeypatch.setattr(multiprocessing, "cpu_count", lambda: 4)
    assert _gunicorn_settings(monkeypatch)["workers"] == 9
    assert _gunicorn_settings(monkeypatch, WEB_CONCURRENCY="")["workers"] == 9  # set but empty: the formula
    assert _gunicorn_settings(monkeypatch, WEB_CONCURRENCY=" 1 ")["workers"] == 1


@pytest.mark.parametrize("value", ["0", "-2", "two", "1.5"])
def test_a_meaningless_worker_count_stops_the_start(monkeypatch, value):
    with pytest.raises(EnvError, match="WEB_CONCURRENCY"):
        _gunicorn_settings(monkeypatch, WEB_CONCURRENCY=value)


def test_gevent_workers_by_default(monkeypatch):
    """Slow clients hold a greenlet each, not a worker (docs/operations.md); WORKER_CLASS=sync is still possible."""
    assert _gunicorn_settings(monkeypatch)["worker_class"] == "gevent"
    assert _gunicorn_settings(monkeypatch, WORKER_CLASS="sync")["worker_class"] == "sync"
    with pytest.raises(EnvError, match="WORKER_CLASS"):
        _gunicorn_settings(monkeypatch, WORKER_CLASS="eventlet")


@pytest.mark.parametrize("name", ["PROXY_FIX_X_FOR", "FLASK_PROXY_FIX_X_FOR"])
def test_trusting_x_forwarded_for_binds_the_loopback_unless_told(monkeypatch, name):
    """PROXY_FIX_X_FOR is only safe when only the proxy can reach gunicorn: then the default bind is 127.0.0.1."""
    assert _gunicorn_settings(monkeypatch, **{name: "1"})["bind"] == "127.0.0.1:8000"
    assert _gunicorn_settings(monkeypatch, **{name: "0"})["bind"] == "0.0.0.0:8000"
    assert _gunicorn_settings(monkeypatch, **{name: "1", "HOST": "10.0.0.5"})["bind"] == "10.0.0.5:8000"


def test_tls_only_when_both_certfile_and_keyfile_are_set(monkeypatch, tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_text("x")
    key.write_text("x")
    settings = _gunicorn_settings(monkeypatch)
    assert settings["certfile"] is None and settings["keyfile"] is None
    settings = _gunicorn_settings(monkeypatch, CERTFILE=str(cert), KEYFILE=str(key))
    assert (settings["certfile"], settings["keyfile"]) == (str(cert), str(key))
    for env in ({"CERTFILE": str(cert)}, {"KEYFILE": str(key)}):
        with pytest.raises(RuntimeError, match="both CERTFILE and KEYFILE"):
            _gunicorn_settings(monkeypatch, **env)
    with pytest.raises(RuntimeError, match="does not exist"):
        _gunicorn_settings(monkeypatch, CERTFILE=str(cert), KEYFILE=str(tmp_path / "missing.pem"))


@pytest.fixture
def gunicorn(start_gunicorn):
    return start_gunicorn()


def test_gunicorn_serves_the_app_with_its_limits(gunicorn):
    port = gunicorn.port
    status, body = _get(port, "/healthz")
    assert status == 200 and json.loads(body) == {"status": "ok", "database": "ok"}
    assert _get(port, "/api/v1/meta")[0] == 200
    for path in ("/static/../server/config.py", "/static/%2e%2e/wsgi.py", "/static/..%2fwsgi.py",
                 "/static/css/../../wsgi.py", "/static/..\\wsgi.py", "/static/%5c..%5cwsgi.py", "/vi/../wsgi.py",
                 "/favicon.ico/../wsgi.py", "/sw.js/%2e%2e/wsgi.py", "/en/..%2fserver%2fconfig.py"):
        # raw requests: the path reaches the server as written
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
    """A POST whose body is still arriving when SIGTERM comes: the worker finishes it (200, the real result), the
    master then exits 0 within graceful_timeout, and nothing listens any more."""
    port = gunicorn.port
    body = json.dumps({"answers": {"onset": "gradual"}, "lang": "en"}).encode()
    conn = socket.create_connection(("127.0.0.1", port), timeout=30)
    conn.sendall(b"POST /api/v1/triage HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 b"Connection: close\r\nX-Request-ID: in-flight\r\nContent-Length: %d\r\n\r\n" % len(body)
                 + body[:10])
    time.sleep(1)  # a worker has the request and waits for the rest of its body
    gunicorn.send_signal(signal.SIGTERM)
    signalled = time.monotonic()
    time.sleep(0.5)
    assert gunicorn.poll() is None  # still waiting for the request in flight
    for i in range(10, len(body), 8):  # the rest, slowly
        conn.sendall(body[i:i + 8])
        time.sleep(0.1)
    response = b""
    while chunk := conn.recv(65536):
        response += chunk
    conn.close()
    head, _, payload = response.partition(b"\r\n\r\n")
    assert head.split()[1] == b"200", response[:300]
    assert b"x-request-id: in-flight" in head.lower()
    result = json.loads(payload)
    assert result["lang"] == "en" and result["level"] == "consultation" and result["record"] is None
    assert gunicorn.wait(gunicorn.graceful_timeout + 5) == 0
    assert time.monotonic() - signalled < gunicorn.graceful_timeout  # it finished, it was not cut off at the end
    with pytest.raises(OSError):  # nothing listens any more
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    lines = [json.loads(line) for line in gunicorn.log.read_bytes().splitlines() if line.startswith(b"{")]
    assert any(line.get("request_id") == "in-flight" and line.get("status") == 200 for line in lines)


def test_gunicorn_serves_https_with_certfile_and_keyfile(start_gunicorn, tmp_path):
    """CERTFILE + KEYFILE: gunicorn speaks TLS itself (a phone on the LAN gets a secure context), and the app sees
    the request as secure (HSTS, Secure cookies)."""
    assert shutil.which("openssl"), "openssl makes the test certificate: apt-get install openssl"
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=60)
    context = ssl.create_default_context(cafile=str(cert))
    context.check_hostname = False  # the certificate names 127.0.0.1 as CN only

    def https_get(port, path):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            with context.wrap_socket(raw) as conn:
                conn.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
                data = b""
                while chunk := conn.recv(65536):
                    data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        return head.decode("latin-1").lower(), body

    server = start_gunicorn(check=lambda port: https_get(port, "/healthz")[0].startswith("http/1.1 200"),
                            CERTFILE=str(cert), KEYFILE=str(key))
    head, body = https_get(server.port, "/healthz")
    assert head.startswith("http/1.1 200") and json.loads(body)["status"] == "ok"
    assert "strict-transport-security: max-age=" in head
    head, _ = https_get(server.port, "/vi/")
    assert "set-cookie: lang=vi" in head and "; secure" in head
    with pytest.raises(Exception):  # noqa: B017 (plain HTTP on the TLS port gets no HTTP answer)
        status, _ = _get(server.port, "/healthz")
        assert status == 200
    server.send_signal(signal.SIGTERM)
    assert server.wait(server.graceful_timeout + 5) == 0
