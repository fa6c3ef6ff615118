"""The server under test: gunicorn serving the real app on loopback with the rate limit off, and the CPU time its
processes use (from /proc), which other work on the machine disturbs far less than requests per second."""
import os
import runpy
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn_setting(name: str, env: dict, root: Path = ROOT) -> object:
    """A setting of `root`'s gunicorn.conf.py as it reads under `env`."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        return runpy.run_path(str(root / "gunicorn.conf.py"))[name]
    finally:
        os.environ.clear()
        os.environ.update(saved)


class Server:
    """gunicorn serving `app` (gunicorn's APP_MODULE) on a free loopback port, a throwaway SQLite database, run at
    scheduling priority `nice`; from the checkout at `root` (this one, or another commit's: bench/compare.py)."""

    def __init__(self, tmp: Path, nice: int = 0, settings: dict | None = None, app: str = "wsgi:app",
                 root: Path = ROOT):
        self.app = app
        self.root = root
        tmp.mkdir(parents=True, exist_ok=True)
        self.nice = nice
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "PORT": str(self.port), "HOST": "127.0.0.1", "RATELIMIT_ENABLED": "false",
                    "DATABASE_URL": f"sqlite:///{tmp / 'bench.db'}", "FLASK_APP": "wsgi", **(settings or {})}
        for key in ("ACCESS_LOG", "CERTFILE", "KEYFILE"):  # plain HTTP, no access log, whatever the shell has
            self.env.pop(key, None)
        self.log = tmp / "gunicorn.log"
        self.workers = gunicorn_setting("workers", self.env, root)
        self.worker_class = str(gunicorn_setting("worker_class", self.env, root))

    def prioritize(self) -> None:
        """In a child before exec: run at the chosen priority (gunicorn's workers inherit it)."""
        if self.nice:
            os.setpriority(os.PRIO_PROCESS, 0, self.nice)

    def __enter__(self) -> "Server":
        bin_dir = Path(sys.executable).parent
        subprocess.run([bin_dir / "flask", "db", "upgrade"], cwd=self.root, env=self.env, check=True,
                       capture_output=True)
        # The app logs one line per request: to a file, so the log costs what it costs in production.
        self.log_file = open(self.log, "wb")
        self.proc = subprocess.Popen([bin_dir / "gunicorn", "-c", "gunicorn.conf.py", self.app], cwd=self.root,
                                     env=self.env, stdout=self.log_file, stderr=subprocess.STDOUT,
                                     preexec_fn=self.prioritize)
        for _ in range(600):
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited: see {self.log}")
            try:
                urllib.request.urlopen(self.base + "/api/v1/meta", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")
        self.warm(self.base[len("http://"):], ("/vi/", "/en/", "/vi/checklist", "/en/checklist"))
        return self

    def warm(self, host: str, paths: tuple[str, ...]) -> None:
        """Every worker built its catalogue when it started; the first request from an origin makes the pages'
        bytes for it (their absolute links name the origin) and compresses them: done here, for every worker, as a
        server that has run a while has, not during a measurement. `host`: the origin's Host header."""
        for _ in range(self.workers * 4):
            for path in paths:
                request = urllib.request.Request(self.base + path, headers={"Accept-Encoding": "br, gzip",
                                                                            "Host": host})
                urllib.request.urlopen(request, timeout=60).read()

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.log_file.close()

    def cpu_seconds(self) -> float:
        """CPU time used so far by gunicorn's master and its live workers."""
        pid = self.proc.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            children = []
        total = 0
        for each in [pid, *map(int, children)]:
            try:
                fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / CLOCK_TICKS
