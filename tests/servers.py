"""Real servers for tests: gunicorn as `make run` starts it (gunicorn.conf.py, wsgi:app) on a free loopback port,
and raw HTTP over sockets (the path and the timing reach the server as written). A pytest plugin (conftest.py)."""
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from server.config import ENV_KEYS
from tests.conftest import ROOT

# gunicorn.conf.py's own settings: the harness sets what it needs, whatever the shell has.
SERVER_KEYS = ("APP_ENV", "CERTFILE", "KEYFILE", "HOST", "PORT", "WORKER_CLASS", "WEB_CONCURRENCY", "GUNICORN_THREADS",
               "GRACEFUL_TIMEOUT", "GUNICORN_CMD_ARGS")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port: int, raw: bytes, timeout=10) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(raw)
        chunks = []
        try:
            while chunk := conn.recv(65536):
                chunks.append(chunk)
        except ConnectionResetError:  # the server answered before reading all of a refused body, then closed
            assert chunks
    return b"".join(chunks)


def get(port: int, path: str) -> tuple[int, bytes]:
    raw = request(port, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    head, _, body = raw.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def wait_until_serving(proc, check, log_path):
    deadline = time.monotonic() + 30
    while True:
        try:
            if check():
                return
        except OSError:
            pass
        assert proc.poll() is None and time.monotonic() < deadline, log_path.read_text()
        time.sleep(0.1)


def clean_env() -> dict:
    return {k: v for k, v in os.environ.items()
            if k not in ENV_KEYS and not k.startswith("FLASK_") and k not in SERVER_KEYS}


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """A SQLite file made by `flask db upgrade`, once per test process: each server below starts on a copy."""
    path = tmp_path_factory.mktemp("migrated") / "migrated.db"
    upgrade = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT,
                             env={**clean_env(), "DATABASE_URL": f"sqlite:///{path}"}, capture_output=True, text=True,
                             timeout=60)
    assert upgrade.returncode == 0, upgrade.stderr
    return path


@pytest.fixture
def start_gunicorn(tmp_path, migrated_sqlite):
    """The real server: a new SQLite file as `flask db upgrade` makes it (a copy of migrated_sqlite), then
    gunicorn -c gunicorn.conf.py wsgi:app, with the environment given on top of a clean one. Killed at the end if a
    test has not stopped it."""
    started = []

    def start(check=None, migrate: bool = True, **extra: str):  # check(port): True once serving
        env = clean_env()
        port = free_port()
        database = tmp_path / "served.db"
        env.update(
            DATABASE_URL=f"sqlite:///{database}", RATELIMIT_ENABLED="false", HOST="127.0.0.1",
            PORT=str(port), WEB_CONCURRENCY="2", GRACEFUL_TIMEOUT="10", PYTHONUNBUFFERED="1",
        )
        env.update(extra)
        if migrate:  # else the test made the tables (make_app)
            assert env["DATABASE_URL"] == f"sqlite:///{database}", "migrate=True is for the server's own SQLite file"
            shutil.copyfile(migrated_sqlite, database)
        log_path = tmp_path / f"gunicorn{len(started)}.log"
        log = open(log_path, "w+b")  # noqa: SIM115 (read by the test, closed below)
        proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        started.append((proc, log))
        proc.port, proc.log, proc.graceful_timeout = port, log_path, int(env["GRACEFUL_TIMEOUT"])
        check_port = check or (lambda p: get(p, "/healthz")[0] == 200)
        wait_until_serving(proc, lambda: check_port(port), log_path)
        return proc

    yield start
    for proc, log in started:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        log.close()




def self_signed(folder) -> tuple[str, str]:
    """A throwaway certificate for 127.0.0.1 (openssl), as CERTFILE and KEYFILE."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    return str(cert), str(key)
