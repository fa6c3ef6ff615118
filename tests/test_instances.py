"""Several instances on one PostgreSQL and one Redis, and a PostgreSQL that freezes (SIGSTOP): the PostgreSQL part of
CI (`make test-db`), which provides TEST_DATABASE_URL, TEST_REDIS_URL and TEST_PG_PID (.ci/run). Marked `postgres`:
`make test` (SQLite) deselects them, `make test-db` runs them; without those variables they fail, saying so."""
import json
import os
import signal
import threading
import time
import uuid
from pathlib import Path

import pytest

from tests.servers import get, request

pytestmark = pytest.mark.postgres


def needed(name: str) -> str:
    value = os.environ.get(name, "")
    assert value, f"{name} is needed: `make test-db` under .ci/run provides it (PostgreSQL, Redis)"
    return value


@pytest.fixture
def shared(make_app):
    """The test database's tables made (and dropped after), and an emptied Redis: what both instances share."""
    import redis  # noqa: PLC0415

    make_app()
    url = needed("TEST_REDIS_URL")
    redis.Redis.from_url(url).flushdb()
    return {"DATABASE_URL": needed("TEST_DATABASE_URL"), "RATELIMIT_STORAGE_URI": url}


def post(port: int, body: dict) -> tuple[int, dict]:
    data = json.dumps(body).encode()
    raw = request(port, b"POST /api/v1/triage HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        b"Connection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(data), data))
    head, _, payload = raw.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(payload)


def test_two_instances_share_one_rate_limit_and_one_database(start_gunicorn, shared):
    a, b = (start_gunicorn(migrate=False, RATELIMIT_ENABLED="true", TRIAGE_RATE_LIMIT="6 per minute", **shared)
            for _ in range(2))
    statuses = [post(server.port, {"answers": {}})[0] for server in (a, b) * 4]
    assert statuses == [200] * 6 + [429, 429]  # one count across both, not 6 on each
    record_id = str(uuid.uuid4())
    body = {"answers": {"fever": "yes"}, "consent": True, "id": record_id}
    import redis  # noqa: PLC0415

    redis.Redis.from_url(shared["RATELIMIT_STORAGE_URI"]).flushdb()  # a new minute, as far as the limit knows
    first, again = post(a.port, body), post(b.port, body)
    assert first[0] == again[0] == 200
    assert first[1]["record"] == again[1]["record"] == {"id": record_id, "stored": True}  # stored once, by A
    other = post(b.port, {**body, "answers": {"onset": "sudden", "face_drooping": "yes"}})[1]
    assert other["level"] == "emergency_ambulance" and other["record"]["reason"] == "conflict"


def _family(pid: int) -> list[int]:
    """The postmaster and every process it started (backends, checkpointer, ...): the whole server."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return [pid, *children]


def test_a_frozen_postgresql_delays_only_the_consented_posts(start_gunicorn, shared):
    """SIGSTOP on the whole PostgreSQL server (its kernel still accepts and acknowledges: no TCP timeout helps):
    five consented posts answer 200 with their result and stored: false within a few seconds; pages and API calls
    meanwhile within 1 s; /healthz 503 within 2 s. SIGCONT in a finally, whatever happens."""
    server = start_gunicorn(migrate=False, DATABASE_TIMEOUT="3", **shared)
    port = server.port
    assert get(port, "/healthz")[0] == 200  # the pool holds live connections: the freeze catches them too
    frozen = _family(int(needed("TEST_PG_PID")))
    posted: list[tuple[float, int, dict]] = []

    def consented():
        started = time.monotonic()
        status, body = post(port, {"answers": {"face_drooping": "yes"}, "lang": "en", "consent": True})
        posted.append((time.monotonic() - started, status, body))

    try:
        for pid in frozen:
            os.kill(pid, signal.SIGSTOP)
        posts = [threading.Thread(target=consented) for _ in range(5)]
        for thread in posts:
            thread.start()
        time.sleep(0.3)
        waits = []
        for path in ("/vi/", "/api/v1/meta", "/en/checklist") * 3:
            started = time.monotonic()
            assert get(port, path)[0] == 200
            waits.append(time.monotonic() - started)
        started = time.monotonic()
        health = get(port, "/healthz")
        health_wait = time.monotonic() - started
        for thread in posts:
            thread.join(20)
    finally:
        for pid in frozen:
            os.kill(pid, signal.SIGCONT)
    assert max(waits) < 1, waits
    assert health[0] == 503 and json.loads(health[1])["database"] == "timeout" and health_wait < 2
    assert len(posted) == 5
    for seconds, status, body in posted:
        assert status == 200 and body["level"] == "emergency_ambulance"
        assert body["record"]["stored"] is False and body["record"]["reason"] == "unavailable"
        assert seconds < 5, seconds
    deadline = time.monotonic() + 10
    while get(port, "/healthz")[0] != 200:  # thawed: healthy again
        assert time.monotonic() < deadline
        time.sleep(0.2)
