"""Benchmarks, side by side in one run: triage against a trivial endpoint, a mixed load, page weight.

Usage: .venv/bin/python bench/run.py [--seconds 10] [--rounds 3] [--mixed-seconds 60]
Needs wrk (Debian package `wrk`). Starts its own gunicorn on a free loopback port with the rate limit off.
"""
import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
CASES = json.loads((ROOT.parent / "shared" / "triage" / "cases.json").read_text(encoding="utf-8"))["cases"]
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn serving the real app on loopback, with the rate limit switched off."""

    def __init__(self, tmp: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "PORT": str(self.port), "HOST": "127.0.0.1", "RATELIMIT_ENABLED": "false",
                    "DATABASE_URL": f"sqlite:///{tmp / 'bench.db'}", "FLASK_APP": "wsgi"}

    def __enter__(self):
        bin_dir = Path(sys.executable).parent
        subprocess.run([bin_dir / "flask", "db", "upgrade"], cwd=ROOT, env=self.env, check=True,
                       capture_output=True)
        self.proc = subprocess.Popen([bin_dir / "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"], cwd=ROOT,
                                     env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + "/api/v1/meta", timeout=1)
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def wrk(base: str, path: str, seconds: int, script: Path | None = None, data: Path | None = None,
        connections: int = 16) -> dict:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        cmd += ["-s", str(script)]
    cmd.append(base + path)
    if data:
        cmd += ["--", str(data)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    latency = {p: float(v) * UNITS[u] for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)", out, re.M)}
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket_errors:
        errors += sum(map(int, socket_errors.groups()))
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50_ms": latency["50"], "p99_ms": latency["99"], "errors": errors}


def triage_vs_trivial(base: str, tmp: Path, seconds: int, rounds: int) -> dict:
    bodies = tmp / "triage.txt"
    bodies.write_text("\n".join(json.dumps({"answers": c["answers"], "lang": lang})
                                for c in CASES for lang in ("vi", "en")) + "\n", encoding="utf-8")
    runs: dict[str, list[dict]] = {"triage": [], "trivial": []}
    for _ in range(rounds):  # interleaved, so both see the same machine
        runs["triage"].append(wrk(base, "/api/v1/triage", seconds, BENCH / "triage.lua", bodies))
        runs["trivial"].append(wrk(base, "/api/v1/meta", seconds))
    summary = {name: {key: statistics.median(r[key] for r in rs) for key in ("rps", "p50_ms", "p99_ms")}
               | {"errors": sum(r["errors"] for r in rs)} for name, rs in runs.items()}
    summary["ratio"] = summary["triage"]["rps"] / summary["trivial"]["rps"]
    return summary


def mixed(base: str, tmp: Path, seconds: int) -> dict:
    lines = []
    for lang in ("vi", "en"):
        etag = urllib.request.urlopen(f"{base}/api/v1/content?lang={lang}").headers["ETag"]
        lines += [f"GET\t/api/v1/content?lang={lang}\t\t", f"GET\t/api/v1/content?lang={lang}\t{etag}\t",
                  f"GET\t/api/v1/checklist?lang={lang}\t\t"]
        lines += [f"POST\t/api/v1/triage\t\t{json.dumps({'answers': c['answers'], 'lang': lang})}"
                  for c in CASES[::6]]
    data = tmp / "mixed.txt"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return wrk(base, "/", seconds, BENCH / "mixed.lua", data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--mixed-seconds", type=int, default=60)
    parser.add_argument("--no-weight", dest="weight", action="store_false")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    results = {}
    with tempfile.TemporaryDirectory() as tmp, Server(Path(tmp)) as server:
        results["triage_vs_trivial"] = triage_vs_trivial(server.base, Path(tmp), args.seconds, args.rounds)
        if args.mixed_seconds:
            results["mixed"] = mixed(server.base, Path(tmp), args.mixed_seconds)
    if args.weight:
        from bench.weight import page_weight

        results["page_weight"] = page_weight()
    out = BENCH / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=1))
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
