"""Benchmarks, side by side in one run, so a busy machine slows every figure alike and the ratios hold.

  triage   POST /api/v1/triage against the trivial GET /api/v1/meta, interleaved round by round: the public cases
           (results memoized by the app) and distinct random valid answer sets (never memoized), as ratios of
           requests/s, and of gunicorn's CPU time per request (read from /proc), which other processes disturb less.
  mixed    a mixed load (content 200 and 304 via If-None-Match, checklist, triage): requests/s, p99, errors.
  weight   gzipped bytes of /vi/'s first-load shell and of the service worker's precache, against budgets.
  lighthouse  Lighthouse (mobile) on /vi/: performance, accessibility, best-practices, SEO, and failing audits.

Usage: .venv/bin/python bench/run.py [--seconds 3] [--rounds 10] [--mixed-seconds 60] [--skip PART ...]
                                     [--lighthouse-runs 3] [--write-readme]
Needs wrk (`apt-get install wrk`); Lighthouse needs npm and Chromium (CHROME_PATH, default /usr/bin/chromium) and
is installed into bench/.lighthouse on first use. Starts its own gunicorn (gunicorn.conf.py) on a free loopback port
with the rate limit off and a throwaway SQLite database. Results: bench/results/latest.json.
"""
import argparse
import datetime
import json
import os
import platform
import random
import re
import runpy
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
README = ROOT / "README.md"
CASES_PATH = Path(os.environ.get("SHARED_DIR") or ROOT.parent / "shared") / "triage" / "cases.json"
RULES_PATH = ROOT / "server" / "triage" / "rules.json"
LIGHTHOUSE_DIR = BENCH / ".lighthouse"
LIGHTHOUSE_VERSION = "13.5.0"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
LIGHTHOUSE_TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 95}
TRIAGE_TARGET = 0.8
PARTS = ("triage", "mixed", "weight", "lighthouse")
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}
THREADS = 2
CONNECTIONS = 16
README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn_setting(name: str, env: dict) -> object:
    """A setting of gunicorn.conf.py as it reads under `env`."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        return runpy.run_path(str(ROOT / "gunicorn.conf.py"))[name]
    finally:
        os.environ.clear()
        os.environ.update(saved)


class Server:
    """gunicorn serving the real app on loopback, with the rate limit switched off."""

    def __init__(self, tmp: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "PORT": str(self.port), "HOST": "127.0.0.1", "RATELIMIT_ENABLED": "false",
                    "DATABASE_URL": f"sqlite:///{tmp / 'bench.db'}", "FLASK_APP": "wsgi"}
        for key in ("ACCESS_LOG", "CERTFILE", "KEYFILE"):  # plain HTTP, no access log, whatever the shell has
            self.env.pop(key, None)
        self.log = tmp / "gunicorn.log"
        self.workers = gunicorn_setting("workers", self.env)

    def __enter__(self):
        bin_dir = Path(sys.executable).parent
        subprocess.run([bin_dir / "flask", "db", "upgrade"], cwd=ROOT, env=self.env, check=True,
                       capture_output=True)
        # The app logs one line per request: to a file, so the log costs what it costs in production.
        self.log_file = open(self.log, "wb")
        self.proc = subprocess.Popen([bin_dir / "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"], cwd=ROOT,
                                     env=self.env, stdout=self.log_file, stderr=subprocess.STDOUT,
                                     preexec_fn=prioritize)
        for _ in range(300):
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited: see {self.log}")
            try:
                urllib.request.urlopen(self.base + "/api/v1/meta", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")
        # Warm every worker: the first /sw.js renders the precache; pages and answers fill their caches.
        for _ in range(self.workers * 3):
            for path in ("/sw.js", "/vi/", "/api/v1/content?lang=vi", "/api/v1/checklist?lang=vi"):
                urllib.request.urlopen(self.base + path, timeout=60).read()
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.log_file.close()


NICE = 0  # --nice: the scheduling priority of gunicorn and wrk (negative: ahead of other work; needs root)
SERVER_PID: int | None = None  # gunicorn's master, whose CPU time (with its workers') wrk() reads around each run
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def prioritize() -> None:
    """In a child before exec: run at the --nice priority (its children, gunicorn's workers, inherit it)."""
    if NICE:
        os.setpriority(os.PRIO_PROCESS, 0, NICE)


def server_cpu_seconds() -> float:
    """CPU time used so far by gunicorn's master and its live workers (from /proc)."""
    if SERVER_PID is None:
        return 0.0
    pids = [SERVER_PID]
    try:
        children = Path(f"/proc/{SERVER_PID}/task/{SERVER_PID}/children").read_text().split()
    except OSError:
        children = []
    pids += [int(c) for c in children]
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


def wrk(base: str, path: str, seconds: int, script: Path | None = None, *script_args: str) -> dict:
    cmd = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    if script:
        cmd += ["-s", str(script)]
    cmd.append(base + path)
    if script_args:
        cmd += ["--", *script_args]
    cpu_before = server_cpu_seconds()
    run = subprocess.run(cmd, capture_output=True, text=True, preexec_fn=prioritize)
    cpu = server_cpu_seconds() - cpu_before
    out = run.stdout
    if run.returncode != 0 or "Requests/sec" not in out:
        raise RuntimeError(f"wrk failed: {' '.join(cmd)}\n{out}\n{run.stderr}")
    latency = {p: float(v) * UNITS[u] for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\b", out, re.M)}
    non_2xx_3xx = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    sock = sum(map(int, socket_errors.groups())) if socket_errors else 0
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
              "p50_ms": latency["50"], "p99_ms": latency["99"],
              "requests": int(re.search(r"(\d+) requests in", out).group(1)),
              "errors": non_2xx_3xx + sock, "non_2xx_3xx": non_2xx_3xx, "socket_errors": sock}
    if SERVER_PID is not None and result["requests"]:
        result["server_cpu_ms_per_request"] = round(cpu * 1000 / result["requests"], 4)
    statuses = re.search(r"^statuses (.*)$", out, re.M)
    if statuses:
        result["statuses"] = {k: int(v) for k, v in (p.split("=") for p in statuses.group(1).split())}
    return result


def median_of(runs: list[dict]) -> dict:
    keys = ("rps", "p50_ms", "p99_ms", "server_cpu_ms_per_request")
    summary = {key: round(statistics.median(r[key] for r in runs), 4 if key.startswith("server") else 2)
               for key in keys if all(key in r for r in runs)}
    return summary | {"errors": sum(r["errors"] for r in runs), "requests": sum(r["requests"] for r in runs),
                      "rounds": [{k: r[k] for k in (*keys, "errors") if k in r} for r in runs]}


# ---- triage against the trivial endpoint ------------------------------------------------------------------------

def public_bodies() -> list[str]:
    cases = json.loads(CASES_PATH.read_text(encoding="utf-8"))["cases"]
    return [json.dumps({"answers": c["answers"], "lang": lang}, ensure_ascii=False) for c in cases
            for lang in ("vi", "en")]


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


def level_mix(base: str, bodies: list[str]) -> dict:
    """The levels of a sample of the random sets (asked of the server), to show what the uncached load is like."""
    levels: dict[str, int] = {}
    for body in bodies:
        request = urllib.request.Request(base + "/api/v1/triage", data=body.encode(),
                                         headers={"Content-Type": "application/json"})
        level = json.load(urllib.request.urlopen(request, timeout=30))["level"]
        levels[level] = levels.get(level, 0) + 1
    return dict(sorted(levels.items()))


def triage_vs_trivial(base: str, tmp: Path, seconds: int, rounds: int) -> dict:
    public = tmp / "public.txt"
    public.write_text("\n".join(public_bodies()) + "\n", encoding="utf-8")
    generator = RandomAnswers()
    runs: dict[str, list[dict]] = {"trivial": [], "triage_cached": [], "triage_uncached": []}
    mix = level_mix(base, generator.bodies(200))

    def uncached(n: int) -> dict:
        # Fresh sets every round, more than the round can send: no request repeats any earlier one.
        sent = [r["rps"] for r in runs["triage_cached"] + runs["trivial"]] or [1000]
        size = max(20000, int(max(sent) * seconds * 1.5))
        fresh = tmp / f"random-{n}.txt"
        fresh.write_text("\n".join(generator.bodies(size)) + "\n", encoding="utf-8")
        run = wrk(base, "/api/v1/triage", seconds, BENCH / "triage.lua", str(fresh), str(THREADS))
        run["distinct"], run["repeats"] = size, max(0, run["requests"] - size)
        fresh.unlink()
        return run

    loads = {
        "trivial": lambda n: wrk(base, "/api/v1/meta", seconds),
        "triage_cached": lambda n: wrk(base, "/api/v1/triage", seconds, BENCH / "triage.lua", str(public),
                                       str(THREADS)),
        "triage_uncached": uncached,
    }
    for n in range(rounds):  # interleaved, order reversed every other round, so all three see the same machine
        for name in (list(loads) if n % 2 == 0 else list(loads)[::-1]):
            runs[name].append(loads[name](n))
    summary = {name: median_of(rs) for name, rs in runs.items()}
    summary["triage_uncached"] |= {"distinct_sets": sum(r["distinct"] for r in runs["triage_uncached"]),
                                   "repeats": sum(r["repeats"] for r in runs["triage_uncached"]),
                                   "levels_in_sample_of_200": mix}
    # Each round's ratio is of runs a few seconds apart; the headline ratio is their median.
    for kind in ("cached", "uncached"):
        by_round = [round(c["rps"] / t["rps"], 3)
                    for c, t in zip(runs["triage_" + kind], runs["trivial"], strict=True)]
        summary["ratio_" + kind] = round(statistics.median(by_round), 3)
        summary[f"ratio_{kind}_by_round"] = by_round
        # The same comparison by server CPU per request (trivial's over triage's): what the throughput ratio would
        # be if the server alone were the limit; much less sensitive to other processes than requests/s.
        if "server_cpu_ms_per_request" in summary["trivial"]:
            cpu_rounds = [round(t["server_cpu_ms_per_request"] / c["server_cpu_ms_per_request"], 3)
                          for c, t in zip(runs["triage_" + kind], runs["trivial"], strict=True)]
            summary[f"cpu_ratio_{kind}"] = round(statistics.median(cpu_rounds), 3)
            summary[f"cpu_ratio_{kind}_by_round"] = cpu_rounds
    summary["target"] = TRIAGE_TARGET
    summary["seconds_per_run"] = seconds
    return summary


# ---- mixed load -------------------------------------------------------------------------------------------------

def mixed(base: str, tmp: Path, seconds: int) -> dict:
    lines = []
    bodies = public_bodies()
    random_bodies = RandomAnswers(seed=7).bodies(40)
    for lang in ("vi", "en"):
        url = f"/api/v1/content?lang={lang}"
        etag = urllib.request.urlopen(base + url, timeout=30).headers["ETag"]
        check = urllib.request.Request(base + url, headers={"If-None-Match": etag})
        try:
            status = urllib.request.urlopen(check, timeout=30).status
        except urllib.error.HTTPError as e:
            status = e.code
        if status != 304:
            raise RuntimeError(f"{url} with If-None-Match answered {status}, not 304")
        lines += [f"GET\t{url}\t\t", f"GET\t{url}\t{etag}\t", f"GET\t{url}\t{etag}\t",
                  f"GET\t/api/v1/checklist?lang={lang}\t\t"]
    # As many triage posts as content and checklist gets together: public cases and some random sets.
    posts = bodies[::3] + random_bodies
    mixed_lines = []
    for n, post in enumerate(posts):
        mixed_lines.append(lines[n % len(lines)])
        mixed_lines.append(f"POST\t/api/v1/triage\t\t{post}")
    data = tmp / "mixed.txt"
    data.write_text("\n".join(mixed_lines) + "\n", encoding="utf-8")
    result = wrk(base, "/", seconds, BENCH / "mixed.lua", str(data))
    result["seconds"] = seconds
    result["lines"] = len(mixed_lines)
    return result


# ---- Lighthouse -------------------------------------------------------------------------------------------------

def lighthouse_bin() -> Path:
    """bench/.lighthouse's Lighthouse, installed there with npm on first use."""
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if binary.exists():
        return binary
    npm = shutil.which("npm")
    if not npm:
        raise SystemExit("Lighthouse needs Node.js and npm (e.g. apt-get install npm), or skip it: --skip lighthouse")
    LIGHTHOUSE_DIR.mkdir(exist_ok=True)
    print(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {LIGHTHOUSE_DIR} ...", file=sys.stderr)
    subprocess.run([npm, "install", "--prefix", str(LIGHTHOUSE_DIR), "--no-audit", "--no-fund",
                    f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    if not binary.exists():
        raise SystemExit(f"npm did not install {binary}")
    return binary


def failing_audits(report: dict) -> dict:
    """Per category, every audit scoring below 1 (what keeps the category from 100), with its details."""
    out = {}
    for cat_id, category in report["categories"].items():
        failing = []
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if audit.get("score") is None or audit["score"] >= 1:
                continue
            if audit.get("scoreDisplayMode") in ("notApplicable", "manual", "informative"):
                continue
            items = (audit.get("details") or {}).get("items") or []
            failing.append({
                "id": ref["id"], "weight": ref.get("weight", 0), "score": audit["score"],
                "title": audit.get("title"), "display_value": audit.get("displayValue"),
                "items": [_item(item) for item in items[:8]],
            })
        out[cat_id] = failing
    return out


def _item(item: dict) -> dict:
    """The telling parts of one row of an audit's details: its URL, its element, its numbers, its sub-items."""
    kept = {k: item[k] for k in ("url", "description", "reason", "wastedBytes", "wastedMs", "totalBytes", "score")
            if isinstance(item.get(k), str | int | float)}
    for value in item.values():
        if isinstance(value, dict) and value.get("type") == "node":
            kept |= {k: value[k][:300] for k in ("selector", "snippet", "explanation") if value.get(k)}
        elif isinstance(value, dict) and value.get("type") == "source-location":
            kept["source"] = f"{value.get('url')}:{value.get('line')}"
        elif isinstance(value, dict) and value.get("type") == "url":
            kept["url"] = value.get("value")
        elif isinstance(value, dict) and value.get("type") == "subitems":
            kept["subitems"] = [_item(sub) for sub in value.get("items", [])[:5]]
    return {k: v for k, v in kept.items() if v not in ({}, [], None)}


def lighthouse(base: str, tmp: Path, runs: int) -> dict:
    binary = lighthouse_bin()
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome).exists():
        raise SystemExit(f"Chromium not found at {chrome}: set CHROME_PATH (apt-get install chromium)")
    env = {**os.environ, "CHROME_PATH": chrome}
    url = base + "/vi/"
    reports = []
    for n in range(runs):
        out = tmp / f"lighthouse-{n}.json"
        cmd = [str(binary), url, "--output=json", f"--output-path={out}", "--quiet",
               "--only-categories=performance,accessibility,best-practices,seo", f"--chrome-flags={CHROME_FLAGS}"]
        run = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        if run.returncode != 0 or not out.exists():
            raise RuntimeError(f"lighthouse failed ({run.returncode}):\n{run.stderr[-3000:]}")
        reports.append(json.loads(out.read_text(encoding="utf-8")))
    scores = [{c: round(r["categories"][c]["score"] * 100) for c in LIGHTHOUSE_TARGETS} for r in reports]
    median = {c: statistics.median(s[c] for s in scores) for c in LIGHTHOUSE_TARGETS}
    # The report whose performance score is the median one is the one whose audits are listed.
    chosen = sorted(range(runs), key=lambda i: scores[i]["performance"])[runs // 2]
    report = reports[chosen]
    # The whole report, for whoever fixes the pages (not committed: bench/.lighthouse is ignored).
    (LIGHTHOUSE_DIR / "report-vi.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    metrics = {a: report["audits"][a].get("displayValue") for a in (
        "first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
        "speed-index") if a in report["audits"]}
    return {
        "url": "/vi/", "version": report.get("lighthouseVersion"),
        "form_factor": report["configSettings"]["formFactor"],
        "runs": runs, "scores": median, "scores_by_run": scores, "targets": LIGHTHOUSE_TARGETS,
        "ok": all(median[c] >= t for c, t in LIGHTHOUSE_TARGETS.items()),
        "metrics": metrics, "failing_audits": failing_audits(report),
        "run_warnings": report.get("runWarnings", []),
    }


# ---- README -----------------------------------------------------------------------------------------------------

def machine(server_workers: int | None) -> dict:
    gunicorn = subprocess.run([Path(sys.executable).parent / "gunicorn", "--version"], capture_output=True,
                              text=True).stdout.strip()
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(), "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(), "platform": platform.platform(terse=True),
        "gunicorn": gunicorn.split()[-1].strip("()") if gunicorn else None,
        "gunicorn_workers": server_workers, "gunicorn_worker_class": "sync",
        "wrk": (wrk_version.stdout + wrk_version.stderr).split()[1] if shutil.which("wrk") else None,
        "wrk_threads": THREADS, "wrk_connections": CONNECTIONS, "nice": NICE,
    }


def kib(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def readme_section(results: dict, command: str) -> str:
    m = results["machine"]
    lines = [README_START, "",
             f"Measured {m['date']} on {m['cpus']} CPUs (load average {m['load_average_at_start'][0]} at the start), "
             f"Python {m['python']}, gunicorn {m['gunicorn']} with {m['gunicorn_workers']} sync workers, "
             f"wrk with {m['wrk_threads']} threads and {m['wrk_connections']} connections, all on loopback with the "
             "rate limit off. Absolute numbers depend on the machine and what else runs on it; the ratios are of "
             "runs taken side by side, round after round, in the same run.", ""]
    if "triage" in results:
        t = results["triage"]
        tr = t["trivial"]
        def cpu(r: dict) -> str:
            return f"{r['server_cpu_ms_per_request']:.2f} ms" if "server_cpu_ms_per_request" in r else "–"

        lines += ["| Load | Requests/s | p50 | p99 | Errors | Server CPU per request | Ratio to trivial: throughput "
                  "| by server CPU |", "|---|---:|---:|---:|---:|---:|---:|---:|",
                  f"| GET /api/v1/meta (trivial) | {tr['rps']:.0f} | {tr['p50_ms']:.1f} ms | {tr['p99_ms']:.1f} ms "
                  f"| {tr['errors']} | {cpu(tr)} | 1 | 1 |"]
        for key, label in (("triage_cached", "POST /api/v1/triage, public cases (memoized)"),
                           ("triage_uncached", "POST /api/v1/triage, distinct random answers (uncached)")):
            r = t[key]
            kind = key.split("_")[1]
            ratio = t["ratio_" + kind]
            mark = "✅" if ratio >= t["target"] else "❌"
            cpu_ratio = t.get(f"cpu_ratio_{kind}")
            lines.append(f"| {label} | {r['rps']:.0f} | {r['p50_ms']:.1f} ms | {r['p99_ms']:.1f} ms | "
                         f"{r['errors']} | {cpu(r)} | {ratio:.2f} {mark} | "
                         f"{'–' if cpu_ratio is None else f'{cpu_ratio:.2f}'} |")
        lines += ["", f"{len(tr['rounds'])} interleaved rounds of {t['seconds_per_run']} s per load; requests/s and "
                  "latencies are medians over the rounds, the ratio is the median of each round's ratio; target: "
                  f"triage ≥ {t['target']} of the trivial throughput. Per round, cached "
                  f"{', '.join(f'{x:.2f}' for x in t['ratio_cached_by_round'])}; uncached "
                  f"{', '.join(f'{x:.2f}' for x in t['ratio_uncached_by_round'])}. The uncached run sent "
                  f"{t['triage_uncached']['requests']} requests from {t['triage_uncached']['distinct_sets']} distinct "
                  f"answer sets ({t['triage_uncached']['repeats']} repeats). " + noise_note(t)
                  + "Server CPU per request is the CPU time of "
                  "gunicorn's processes during a run over its requests; the CPU ratio (trivial's over triage's) is "
                  "what the throughput ratio would be if the server's CPU alone were the limit, and moves far less "
                  "than requests/s when other processes share the machine.", ""]
    if "mixed" in results:
        x = results["mixed"]
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(x.get("statuses", {}).items()))
        lines += ["| Mixed load | Requests/s | p50 | p99 | Errors |", "|---|---:|---:|---:|---:|",
                  f"| {x['seconds']} s of content (200 and 304), checklist and triage | {x['rps']:.0f} | "
                  f"{x['p50_ms']:.1f} ms | {x['p99_ms']:.1f} ms | {x['errors']} |", "",
                  f"Answers by status: {statuses}.", ""]
    if "weight" in results:
        w = results["weight"]
        lines += ["| Page weight (gzipped) | Bytes | Budget | Share of budget |", "|---|---:|---:|---:|",
                  f"| Shell: first load of /vi/ ({len(w['shell_files'])} files: HTML, CSS, JS) | "
                  f"{kib(w['shell_gzip_bytes'])} | {kib(w['shell_budget'])} | {w['shell_of_budget']:.0%} "
                  f"{'✅' if w['shell_ok'] else '❌'} |",
                  f"| Precache of /sw.js ({w['precache_count']} URLs) | {kib(w['precache_gzip_bytes'])} | "
                  f"{kib(w['precache_budget'])} | {w['precache_of_budget']:.0%} {'✅' if w['precache_ok'] else '❌'} |",
                  "", "Text gzipped at level 6, images as they are.", ""]
    if "lighthouse" in results:
        lh = results["lighthouse"]
        lines += [f"| Lighthouse {lh['version']} on /vi/ ({lh['form_factor']}) | Score | Target |",
                  "|---|---:|---:|"]
        for cat, target in lh["targets"].items():
            score = lh["scores"][cat]
            lines.append(f"| {cat} | {score:g} {'✅' if score >= target else '❌'} | {'≥ ' if target < 100 else ''}"
                         f"{target} |")
        failing = sorted({a["id"] for audits in lh["failing_audits"].values() for a in audits if a["weight"]})
        lines += ["", f"Median of {lh['runs']} run(s)"
                  + (f"; audits below full marks: {', '.join(f'`{a}`' for a in failing)}." if failing else "."), ""]
    lines += ["Reproduce (needs `apt-get install wrk`, npm and Chromium; Lighthouse is installed into "
              "bench/.lighthouse on first use; `--skip triage mixed weight lighthouse` leaves parts out; "
              "`make bench` runs the same):", "",
              "```sh", command, "```", "", "Full figures, per round and per file, and the failing audits with their "
              "details: `bench/results/latest.json`.", "", README_END]
    return "\n".join(lines)


def noise_note(t: dict) -> str:
    """A warning when the rounds disagree so much that the throughput ratio says more about the machine."""
    spread = [r for kind in ("cached", "uncached") for r in t[f"ratio_{kind}_by_round"]]
    if max(spread) / min(spread) < 1.5 or "cpu_ratio_cached" not in t:
        return ""
    return (f"The rounds' throughput ratios range from {min(spread):.2f} to {max(spread):.2f}: other work on the "
            f"machine moved them more than the endpoints differ, so the CPU ratios ({t['cpu_ratio_cached']:.2f} "
            f"cached, {t['cpu_ratio_uncached']:.2f} uncached) are the better estimate; re-run on an idle machine. ")


def write_readme(section: str) -> None:
    text = README.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\n## Performance\n")
    if not sep:
        raise SystemExit("README.md has no '## Performance' section")
    nxt = re.search(r"^## ", rest, re.M)
    body, tail = (rest[: nxt.start()], rest[nxt.start():]) if nxt else (rest, "")
    if README_START in body and README_END in body:
        before, _, after = body.partition(README_START)
        _, _, after = after.partition(README_END)
        body = before + section + after
    elif "<!-- bench: filled from a real run -->" in body:
        body = body.replace("<!-- bench: filled from a real run -->", section, 1)
    else:
        body = section + "\n" + body
    README.write_text(head + sep + body.rstrip("\n") + "\n" + ("\n" + tail if tail else ""), encoding="utf-8")


# ---- main -------------------------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=3, help="seconds per triage/trivial run (default 3)")
    parser.add_argument("--rounds", type=int, default=10, help="interleaved rounds (default 10)")
    parser.add_argument("--mixed-seconds", type=int, default=60, help="seconds of mixed load (default 60)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs, median kept (default 3)")
    parser.add_argument("--skip", nargs="+", choices=PARTS, default=[], help="parts not to run")
    parser.add_argument("--write-readme", action="store_true", help="rewrite README.md's Performance section")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target or budget is missed")
    parser.add_argument("--nice", type=int, default=0,
                        help="scheduling priority of gunicorn and wrk, e.g. -10 to run ahead of other work (root only)")
    args = parser.parse_args()
    parts = [p for p in PARTS if p not in args.skip]
    if {"triage", "mixed"} & set(parts) and not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk (or --skip triage mixed)")
    if "lighthouse" in parts:
        lighthouse_bin()  # install (or fail clearly) before minutes of load
    command = ".venv/bin/python bench/run.py" + "".join(
        f" {flag} {value}" for flag, value, default in (
            ("--seconds", args.seconds, 3), ("--rounds", args.rounds, 10),
            ("--mixed-seconds", args.mixed_seconds, 60), ("--lighthouse-runs", args.lighthouse_runs, 3),
            ("--nice", args.nice, 0))
        if value != default) + (f" --skip {' '.join(args.skip)}" if args.skip else "") + (
        " --write-readme" if args.write_readme else "")
    results: dict = {}
    global SERVER_PID, NICE
    if args.nice:
        try:
            os.setpriority(os.PRIO_PROCESS, 0, os.getpriority(os.PRIO_PROCESS, 0))  # probe
            if args.nice < 0 and os.geteuid() != 0:
                sys.exit("--nice below 0 needs root")
        except OSError as e:
            sys.exit(f"--nice: {e}")
        NICE = args.nice
    with tempfile.TemporaryDirectory() as tmp, Server(Path(tmp)) as server:
        SERVER_PID = server.proc.pid
        results["machine"] = machine(server.workers)
        results["command"] = command
        if "triage" in parts:
            results["triage"] = triage_vs_trivial(server.base, Path(tmp), args.seconds, args.rounds)
        if "mixed" in parts:
            results["mixed"] = mixed(server.base, Path(tmp), args.mixed_seconds)
        if "weight" in parts:
            from bench.weight import page_weight

            results["weight"] = page_weight(server.base)
        if "lighthouse" in parts:
            results["lighthouse"] = lighthouse(server.base, Path(tmp), args.lighthouse_runs)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.write_readme:
        write_readme(readme_section(results, command))
    print(json.dumps(summary(results), indent=1, ensure_ascii=False))
    missed = misses(results)
    for miss in missed:
        print("missed:", miss, file=sys.stderr)
    if missed and args.strict:
        sys.exit(1)


def misses(results: dict) -> list[str]:
    """The targets and budgets this run missed."""
    out = []
    t = results.get("triage")
    if t:
        out += [f"triage {kind} ratio {t['ratio_' + kind]} < {t['target']}" for kind in ("cached", "uncached")
                if t["ratio_" + kind] < t["target"]]
        out += [f"{k}: {t[k]['errors']} errors" for k in ("trivial", "triage_cached", "triage_uncached")
                if t[k]["errors"]]
    if results.get("mixed", {}).get("errors"):
        out.append(f"mixed load: {results['mixed']['errors']} errors")
    w = results.get("weight")
    if w:
        out += [f"{part} {w[part + '_gzip_bytes']} bytes > budget {w[part + '_budget']}"
                for part in ("shell", "precache") if not w[part + "_ok"]]
    lh = results.get("lighthouse")
    if lh:
        out += [f"lighthouse {c} {lh['scores'][c]:g} < {target}" for c, target in lh["targets"].items()
                if lh["scores"][c] < target]
    return out


def summary(results: dict) -> dict:
    """The headline figures, for the terminal; everything else is in bench/results/latest.json."""
    out = {"machine": results["machine"]}
    if "triage" in results:
        t = results["triage"]
        out["triage"] = {k: {f: t[k].get(f) for f in ("rps", "p50_ms", "p99_ms", "errors", "server_cpu_ms_per_request")}
                         for k in ("trivial", "triage_cached", "triage_uncached")}
        out["triage"] |= {k: t[k] for k in ("ratio_cached", "ratio_uncached", "ratio_cached_by_round",
                                            "ratio_uncached_by_round", "cpu_ratio_cached", "cpu_ratio_uncached")
                          if k in t}
    if "mixed" in results:
        out["mixed"] = {k: results["mixed"].get(k) for k in ("rps", "p50_ms", "p99_ms", "errors", "statuses")}
    if "weight" in results:
        w = results["weight"]
        out["weight"] = {k: w[k] for k in ("shell_gzip_bytes", "shell_ok", "precache_gzip_bytes", "precache_ok",
                                           "not_served_gzipped")}
    if "lighthouse" in results:
        lh = results["lighthouse"]
        out["lighthouse"] = {"scores": lh["scores"], "scores_by_run": lh["scores_by_run"], "ok": lh["ok"],
                             "failing": {c: [a["id"] for a in audits] for c, audits in lh["failing_audits"].items()}}
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
