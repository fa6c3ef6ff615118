"""Throughput of each endpoint against the trivial GET /api/v1/meta, measured with wrk in interleaved rounds, so a
busy machine slows every load alike and the ratios hold.

Every request says `Accept-Encoding: br, gzip`, as browsers do. Triage bodies are distinct random valid answer sets,
never the same twice in a run (bench/post_bodies.lua gives each wrk thread its own share of them).

Two loads have no target: the floor of a POST route in this app (bench/floor.py), the same bodies posted to a route
that sends a constant 2 KB, without and with the triage rate-limit decorator. What separates triage from them is
triage's own work; what separates them from the trivial endpoint is what any POST route costs.
"""
import json
import random
import re
import statistics
import subprocess
import urllib.request
from collections.abc import Callable
from pathlib import Path

from bench.floor import FLOOR, FLOOR_LIMITED
from bench.server import ROOT, Server

BENCH = ROOT / "bench"
RULES_PATH = ROOT / "server" / "triage" / "rules.json"
THREADS = 2
CONNECTIONS = 16
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}
ACCEPT = ("-H", "Accept-Encoding: br, gzip")
# name: (label, target as a share of the trivial endpoint's throughput; None: no target, a reference)
TARGETS = {
    "content": ("GET /api/v1/content?lang=vi", 0.9),
    "content_304": ("GET /api/v1/content?lang=vi with If-None-Match (304)", 0.9),
    "guide": ("GET /vi/ (guide page)", 0.9),
    "checklist": ("GET /vi/checklist (checklist page)", 0.9),
    "triage": ("POST /api/v1/triage, distinct random answer sets", 0.8),
    "post_floor": (f"POST {FLOOR}: the same bodies, a constant 2 KB answer (the floor)", None),
    "post_floor_limited": (f"POST {FLOOR_LIMITED}: the same under the triage rate-limit decorator", None),
}


def wrk(server: Server, path: str, seconds: int, *options: str, script_args: tuple[str, ...] = ()) -> dict:
    cmd = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "--latency", *ACCEPT,
           *options, server.base + path]
    if script_args:
        cmd += ["--", *script_args]
    cpu_before = server.cpu_seconds()
    run = subprocess.run(cmd, capture_output=True, text=True, preexec_fn=server.prioritize)
    cpu = server.cpu_seconds() - cpu_before
    out = run.stdout
    if run.returncode != 0 or "Requests/sec" not in out:
        raise RuntimeError(f"wrk failed: {' '.join(cmd)}\n{out}\n{run.stderr}")
    latency = {p: float(v) * UNITS[u] for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\b", out, re.M)}
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors += sum(map(int, socket_errors.groups())) if socket_errors else 0
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50_ms": latency["50"],
            "p99_ms": latency["99"], "requests": requests, "errors": errors,
            "server_cpu_ms_per_request": round(cpu * 1000 / max(requests, 1), 4)}


class RandomAnswers:
    """Distinct random valid answer sets, from rules.json's questions and values, never the same twice.

    Like real use: every warning sign answered, mostly "no" (otherwise almost every set is an emergency and the
    result is short); each other question answered or skipped, with any of its values; both languages.
    """

    def __init__(self, seed: int = 2026):
        rules = json.loads(RULES_PATH.read_text(encoding="utf-8"))
        self.questions = [(q["id"], q["values"], q["warning_sign"]) for q in rules["questions"]]
        self.rng = random.Random(seed)
        self.seen: set[str] = set()

    def one(self) -> dict:
        answers = {}
        for qid, values, warning in self.questions:
            if warning:
                answers[qid] = "no" if self.rng.random() < 0.97 else self.rng.choice(values)
            elif self.rng.random() < 0.75:
                answers[qid] = self.rng.choice(values)
        return answers

    def bodies(self, count: int) -> list[str]:
        out = []
        while len(out) < count:
            answers = self.one()
            key = json.dumps(answers, sort_keys=True)
            if key not in self.seen:
                self.seen.add(key)
                out.append(json.dumps({"answers": answers, "lang": ("vi", "en")[len(out) % 2]}, ensure_ascii=False))
        return out


def _etag(server: Server, path: str) -> str:
    return urllib.request.urlopen(server.base + path, timeout=30).headers["ETag"]


def loads(server: Server, tmp: Path, seconds: int) -> dict[str, Callable[[], dict]]:
    generator = RandomAnswers()
    etag = _etag(server, "/api/v1/content?lang=vi")

    size = 30000 * seconds  # more than a run can send
    floor_bodies = tmp / "floor.txt"  # the floor routes read no body: one file of them serves every round
    floor_bodies.write_text("\n".join(RandomAnswers(seed=1).bodies(size)) + "\n", encoding="utf-8")

    def post(path: str, bodies: Path) -> dict:
        return wrk(server, path, seconds, "-s", str(BENCH / "post_bodies.lua"), script_args=(str(bodies), str(THREADS)))

    def triage() -> dict:
        # Fresh sets every round: no request repeats any earlier one.
        fresh = tmp / "random.txt"
        fresh.write_text("\n".join(generator.bodies(size)) + "\n", encoding="utf-8")
        run = post("/api/v1/triage", fresh)
        run["repeats"] = max(0, run["requests"] - size)
        return run

    return {
        "trivial": lambda: wrk(server, "/api/v1/meta", seconds),
        "content": lambda: wrk(server, "/api/v1/content?lang=vi", seconds),
        "content_304": lambda: wrk(server, "/api/v1/content?lang=vi", seconds, "-H", f"If-None-Match: {etag}"),
        "guide": lambda: wrk(server, "/vi/", seconds),
        "checklist": lambda: wrk(server, "/vi/checklist", seconds),
        "triage": triage,
        "post_floor": lambda: post(FLOOR, floor_bodies),
        "post_floor_limited": lambda: post(FLOOR_LIMITED, floor_bodies),
    }


def side_by_side(server: Server, tmp: Path, seconds: int, rounds: int) -> dict:
    """Every load once per round, the order reversed every other round; ratios per round, then their median."""
    runs_by_load = loads(server, tmp, seconds)
    runs: dict[str, list[dict]] = {name: [] for name in runs_by_load}
    for n in range(rounds):
        for name in list(runs_by_load)[:: 1 if n % 2 == 0 else -1]:
            runs[name].append(runs_by_load[name]())
    trivial = runs["trivial"]
    out: dict = {"seconds_per_run": seconds, "rounds": rounds, "loads": {}}
    for name, rs in runs.items():
        entry = {key: round(statistics.median(r[key] for r in rs), 4) for key in
                 ("rps", "p50_ms", "p99_ms", "server_cpu_ms_per_request")}
        entry |= {"errors": sum(r["errors"] for r in rs), "requests": sum(r["requests"] for r in rs)}
        if name != "trivial":
            by_round = [round(r["rps"] / t["rps"], 3) for r, t in zip(rs, trivial, strict=True)]
            cpu = [round(t["server_cpu_ms_per_request"] / r["server_cpu_ms_per_request"], 3)
                   for r, t in zip(rs, trivial, strict=True)]
            label, target = TARGETS[name]
            entry |= {"label": label, "target": target, "ratio": statistics.median(by_round),
                      "ratio_by_round": by_round, "cpu_ratio": statistics.median(cpu), "cpu_ratio_by_round": cpu}
        if name == "triage":
            entry["repeats"] = sum(r["repeats"] for r in rs)
        out["loads"][name] = entry
    return out
