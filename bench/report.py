"""bench/results/latest.json → the README's Performance section, the terminal summary, and the missed targets."""
import datetime
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

from bench.loads import CONNECTIONS, THREADS
from bench.server import ROOT

README = ROOT / "README.md"
README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"


def machine(workers: int, worker_class: str, nice: int) -> dict:
    gunicorn = subprocess.run([Path(sys.executable).parent / "gunicorn", "--version"], capture_output=True,
                              text=True).stdout.strip()
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True) if shutil.which("wrk") else None
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(), "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(), "platform": platform.platform(terse=True),
        "gunicorn": gunicorn.split()[-1].strip("()") if gunicorn else None,
        "gunicorn_workers": workers, "gunicorn_worker_class": worker_class,
        "wrk": (wrk_version.stdout + wrk_version.stderr).split()[1] if wrk_version else None,
        "wrk_threads": THREADS, "wrk_connections": CONNECTIONS, "nice": nice,
    }


def kib(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def _mark(ok: bool) -> str:
    return "✅" if ok else "❌"


def throughput_lines(t: dict) -> list[str]:
    trivial = t["loads"]["trivial"]
    lines = ["| Load | Requests/s | p50 | p99 | Errors | Server CPU per request | Ratio to trivial: throughput "
             "| by server CPU | Target |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
             f"| GET /api/v1/meta (trivial) | {trivial['rps']:.0f} | {trivial['p50_ms']:.1f} ms | "
             f"{trivial['p99_ms']:.1f} ms | {trivial['errors']} | {trivial['server_cpu_ms_per_request']:.2f} ms "
             "| 1 | 1 | |"]
    for name, r in t["loads"].items():
        if name == "trivial":
            continue
        target = r["target"]
        marks = (f" {_mark(r['ratio'] >= target)}", f" {_mark(r['cpu_ratio'] >= target)}", f"≥ {target}") \
            if target is not None else ("", "", "(reference)")
        lines.append(f"| {r['label']} | {r['rps']:.0f} | {r['p50_ms']:.1f} ms | {r['p99_ms']:.1f} ms | "
                     f"{r['errors']} | {r['server_cpu_ms_per_request']:.2f} ms | {r['ratio']:.2f}{marks[0]} | "
                     f"{r['cpu_ratio']:.2f}{marks[1]} | {marks[2]} |")
    per_round = "; ".join(f"{name} {', '.join(f'{x:.2f}' for x in r['ratio_by_round'])}"
                          for name, r in t["loads"].items() if name != "trivial")
    lines += ["", f"{t['rounds']} interleaved rounds of {t['seconds_per_run']} s per load (order reversed every "
              "other round); requests/s and latencies are medians over the rounds, a ratio is the median of the "
              f"rounds' ratios. Throughput ratio per round: {per_round}. Triage sent "
              f"{t['loads']['triage']['requests']} requests, {t['loads']['triage']['repeats']} of them repeats. "
              "Server CPU per request is the CPU time of gunicorn's processes during a run over its requests; the "
              "CPU ratio (trivial's over the load's) is what the throughput ratio would be if the server's CPU "
              "alone were the limit, and moves far less than requests/s when other processes share the machine.",
              ""]
    if "triage_profile" in t:
        lines += triage_profile_lines(t["triage_profile"])
    return lines


def triage_profile_lines(p: dict) -> list[str]:
    stages = p["stages_in_request_us"]
    lines = ["| What each part of a triage request adds to a whole request (in-process) | CPU |", "|---|---:|",
             f"| a POST route of this app that reads nothing and sends a constant 2 KB (the floor) | "
             f"{p['post_floor_us']:.0f} µs |"]
    lines += [f"| + {stage} | {us:.1f} µs |" for stage, us in stages.items()]
    lines += [f"| = POST /api/v1/triage, the whole request | {p['whole_request_us']:.0f} µs |",
              f"| GET /api/v1/meta (trivial), the same way | {p['trivial_request_us']:.0f} µs |",
              "", f"Whole requests through the WSGI app without an HTTP server (Flask, the hooks and the log line "
              f"included), the process's CPU clock, best of several passes over {p['sets']} distinct random answer "
              "sets (bench/triage_profile.py). Each stage is timed inside whole requests: routes of the same app run "
              "the view's stages cumulatively, and a stage's cost is what it adds to the route before it (timed "
              "alone in a loop they cost about half: the caches stay warm), good to a few µs from run to run. "
              "Triage's own work, from reading the body to the rate limit and the view's language and headers, is "
              f"{sum(stages.values()):.0f} µs in-process; "
              "under gunicorn, with other processes on the same CPUs, it costs more, as the throughput table's "
              "floor rows show.", ""]
    return lines


def readme_section(results: dict, command: str) -> str:
    m = results["machine"]
    lines = [README_START, "",
             f"Measured {m['date']} on {m['cpus']} CPUs (load average {m['load_average_at_start'][0]} at the start), "
             f"Python {m['python']}, gunicorn {m['gunicorn']} with {m['gunicorn_workers']} "
             f"{m['gunicorn_worker_class']} workers, "
             f"wrk with {m['wrk_threads']} threads and {m['wrk_connections']} connections, all on loopback with the "
             "rate limit off. Absolute numbers depend on the machine and what else runs on it; the ratios are of "
             "runs taken side by side, round after round, in the same run.", ""]
    if "throughput" in results:
        lines += throughput_lines(results["throughput"])
    if "weight" in results:
        w = results["weight"]
        lines += ["| Page weight (gzipped) | Bytes | Budget | Share of budget |", "|---|---:|---:|---:|",
                  f"| Shell: first load of /vi/ ({len(w['shell_files'])} files: HTML, CSS, JS) | "
                  f"{kib(w['shell_gzip_bytes'])} | {kib(w['shell_budget'])} | {w['shell_of_budget']:.0%} "
                  f"{_mark(w['shell_ok'])} |",
                  f"| Precache of /sw.js ({w['precache_count']} URLs) | {kib(w['precache_gzip_bytes'])} | "
                  f"{kib(w['precache_budget'])} | {w['precache_of_budget']:.0%} {_mark(w['precache_ok'])} |",
                  "", "Text gzipped at level 6, images as they are.", ""]
    if "lighthouse" in results:
        lh = results["lighthouse"]
        targets = lh["targets"]
        lines += [f"| Lighthouse {lh['version']} ({lh['form_factor']}) | "
                  + " | ".join(targets) + " | layout shift |",
                  "|---|" + "---:|" * (len(targets) + 1)]
        for path, page in lh["pages"].items():
            cells = [f"{page['scores'][c]:g} {_mark(page['scores'][c] >= t)}" for c, t in targets.items()]
            label = path.split("?")[0] + (" (a result)" if "?" in path else "")
            shift = f"{page['cls']:g} {_mark(page['cls'] <= lh['max_cls'])}"
            lines.append(f"| {label} | " + " | ".join(cells) + f" | {shift} |")
        lines += ["", f"Targets: performance ≥ {targets['performance']}, the others {targets['accessibility']}, "
                  f"layout shift ≤ {lh['max_cls']}; median of {lh['runs']} run(s) per page; results are one public "
                  "case of each level (the no-JavaScript result page).", ""]
    if "phone" in results:
        ph = results["phone"]
        lines += ["| Emulated slow phone (" f"{ph['kbps']} kbps, {ph['rtt_ms']} ms RTT, CPU ×{ph['cpu_slowdown']}) | "
                  "Figure | Target |", "|---|---:|---:|",
                  f"| First visit to /vi/ until it works offline | {ph['offline_ready_s']:.1f} s "
                  f"{_mark(ph['offline_ready_s'] < 8)} | < 8 s |",
                  f"| Bytes downloaded by that first visit | {kib(ph['first_visit_bytes'])} | |",
                  f"| Bytes an installed phone downloads for a release changing the guide's words | "
                  f"{kib(ph['update_bytes'])} | only the changed files |",
                  f"| Time until that update is installed | {ph['update_s']:.1f} s | |", "",
                  "A TCP proxy between Chromium and gunicorn delays every chunk by half the round trip and shares "
                  "one link per direction (bench/throttle.py), so the service worker's fetches are throttled too; "
                  "bytes are what crossed the link, headers included.", ""]
    lines += ["Reproduce (needs `apt-get install wrk`, npm and Chromium; Lighthouse is installed into "
              "bench/.lighthouse on first use; `--skip throughput weight lighthouse phone` leaves parts out; "
              "`make bench` runs the same):", "", "```sh", command, "```", "",
              "Full figures, per round and per file: `bench/results/latest.json`.", "", README_END]
    return "\n".join(lines)


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
    else:
        body = section + "\n" + body
    README.write_text(head + sep + body.rstrip("\n") + "\n" + ("\n" + tail if tail else ""), encoding="utf-8")


def misses(results: dict) -> list[str]:
    """The targets and budgets this run missed (throughput: by requests/s)."""
    out = []
    for name, r in results.get("throughput", {}).get("loads", {}).items():
        if r.get("target") is not None and r["ratio"] < r["target"]:
            out.append(f"{name} ratio {r['ratio']} < {r['target']}")
        if r["errors"]:
            out.append(f"{name}: {r['errors']} errors")
    w = results.get("weight")
    if w:
        out += [f"{part} {w[part + '_gzip_bytes']} bytes > budget {w[part + '_budget']}"
                for part in ("shell", "precache") if not w[part + "_ok"]]
    if results.get("phone", {}).get("offline_ready_s", 0) >= 8:
        out.append(f"offline ready after {results['phone']['offline_ready_s']} s >= 8 s")
    lh = results.get("lighthouse")
    if lh:
        out += [f"lighthouse {path}: {c} {page['scores'][c]:g} < {target}" for path, page in lh["pages"].items()
                for c, target in lh["targets"].items() if page["scores"][c] < target]
        out += [f"lighthouse {path}: layout shift {page['cls']}" for path, page in lh["pages"].items()
                if page["cls"] > lh["max_cls"]]
    return out


def summary(results: dict) -> dict:
    """The headline figures, for the terminal; everything else is in bench/results/latest.json."""
    out: dict = {"machine": results["machine"]}
    if "throughput" in results:
        out["throughput"] = {name: {k: r.get(k) for k in ("rps", "ratio", "cpu_ratio", "ratio_by_round", "errors")}
                             for name, r in results["throughput"]["loads"].items()}
    if "weight" in results:
        w = results["weight"]
        out["weight"] = {k: w[k] for k in ("shell_gzip_bytes", "shell_ok", "precache_gzip_bytes", "precache_ok")}
    if "lighthouse" in results:
        lh = results["lighthouse"]
        out["lighthouse"] = {path: page["scores"] | {"cls": page["cls"]} for path, page in lh["pages"].items()}
    if "phone" in results:
        out["phone"] = results["phone"]
    return out


if __name__ == "__main__":  # rewrite the README from the last run, e.g. after editing this file
    import json

    last = json.loads((ROOT / "bench" / "results" / "latest.json").read_text(encoding="utf-8"))
    write_readme(readme_section(last, last["command"]))
