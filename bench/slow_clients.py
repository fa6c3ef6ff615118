"""Normal-request latency while slow clients hold connections, as `make run` serves (gevent workers), against the
old sync workers. Loopback only, bounded: about three minutes.

    .venv/bin/python bench/slow_clients.py            # prints a Markdown table; docs/operations.md quotes it

Each run starts gunicorn (gunicorn.conf.py, wsgi:app) with 2 workers on a free port and a fresh SQLite file, opens
N connections that send a header line (half of them) or a body byte (the other half) every second and never finish,
then times 60 normal requests one after another (GET /vi/, GET /api/v1/meta, POST /api/v1/triage in turn), each on
a new connection with a 2 s limit (a request that gets no answer in 2 s counts as 2 s).
"""
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 2.0  # seconds a normal request is given
BODY = json.dumps({"answers": {"onset": "sudden"}, "lang": "en"}).encode()
NORMAL = (
    b"GET /vi/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    b"GET /api/v1/meta HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    b"POST /api/v1/triage HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n"
    b"Content-Length: %d\r\n\r\n%s" % (len(BODY), BODY),
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(worker_class: str, folder: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "WORKER_CLASS": worker_class, "WEB_CONCURRENCY": "2", "HOST": "127.0.0.1",
           "PORT": str(port), "DATABASE_URL": f"sqlite:///{folder / 'bench.db'}", "RATELIMIT_ENABLED": "false",
           "LOG_LEVEL": "WARNING"}
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"], cwd=ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc, port
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def slow_clients(port: int, count: int, stop: threading.Event) -> list[socket.socket]:
    conns = []
    for i in range(count):
        conn = socket.create_connection(("127.0.0.1", port), timeout=5)
        if i % 2:
            conn.sendall(b"POST /api/v1/triage HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         b"Content-Length: %d\r\n\r\n{" % len(BODY))
        else:
            conn.sendall(b"GET /vi/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        conns.append(conn)

    def trickle():
        while not stop.wait(1):
            for i, conn in enumerate(conns):
                try:
                    conn.sendall(b" " if i % 2 else b"X-Slow: 1\r\n")
                except OSError:
                    pass
    threading.Thread(target=trickle, daemon=True).start()
    return conns


def timed(port: int, raw: bytes) -> float:
    started = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=LIMIT) as conn:
            conn.sendall(raw)
            assert conn.recv(12).startswith(b"HTTP/1.1 200")
            while conn.recv(65536):
                pass
    except (OSError, AssertionError):
        return LIMIT
    return time.monotonic() - started


def measure(worker_class: str, slow: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        proc, port = serve(worker_class, Path(folder))
        stop = threading.Event()
        try:
            conns = slow_clients(port, slow, stop)
            time.sleep(2)
            waits = sorted(timed(port, NORMAL[i % 3]) for i in range(60))
        finally:
            stop.set()
            for conn in locals().get("conns", []):
                conn.close()
            proc.terminate()
            proc.wait(30)
    return {"workers": f"2 {worker_class}", "slow": slow, "p50_ms": round(statistics.median(waits) * 1000, 1),
            "p99_ms": round(waits[int(len(waits) * 0.99) - 1] * 1000, 1), "max_ms": round(waits[-1] * 1000, 1),
            "over_1s": sum(w > 1 for w in waits)}


def main() -> None:
    rows = [measure(kind, slow) for kind in ("gevent", "sync") for slow in (0, 60)]
    print(f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} CPUs, loopback.\n")
    print("| gunicorn workers | slow clients | p50 | p99 | max | requests over 1 s (of 60) |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['workers']} | {r['slow']} | {r['p50_ms']} ms | {r['p99_ms']} ms | {r['max_ms']} ms | "
              f"{r['over_1s']} |")


if __name__ == "__main__":
    main()
