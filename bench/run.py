"""Benchmarks, side by side in one run, so a busy machine slows every figure alike and the ratios hold.

  throughput  content (200 and 304), the guide and checklist pages, and POST /api/v1/triage with distinct random
              answer sets, each against the trivial GET /api/v1/meta, in interleaved rounds, with two do-nothing
              POST routes as the floor (bench/loads.py, bench/floor.py); then what each stage of a triage request
              adds to a whole request, in-process (bench/triage_profile.py)
  weight      gzipped bytes of /vi/'s first-load shell and of the service worker's precache (bench/weight.py)
  lighthouse  Lighthouse (mobile) on every page in both languages, or only /vi/ with --lighthouse-guide-only
  phone       time to offline-ready and bytes of a content-only update on an emulated slow phone (bench/slow_phone.py)

Usage: .venv/bin/python bench/run.py [--seconds 3] [--rounds 10] [--skip PART ...] [--lighthouse-runs 3]
                                     [--nice N] [--write-readme] [--strict]
Needs wrk (`apt-get install wrk`). Starts its own gunicorn (bench/server.py). Results: bench/results/latest.json;
--write-readme rewrites README.md's Performance section (bench/report.py).
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import report  # noqa: E402 (the repository root on the path first)
from bench.server import ROOT, Server  # noqa: E402

PARTS = ("throughput", "weight", "lighthouse", "phone")
DEFAULTS = {"seconds": 3, "rounds": 10, "lighthouse_runs": 3, "nice": 0}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=DEFAULTS["seconds"], help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=DEFAULTS["rounds"], help="interleaved rounds")
    parser.add_argument("--lighthouse-runs", type=int, default=DEFAULTS["lighthouse_runs"], help="median kept")
    parser.add_argument("--lighthouse-guide-only", action="store_true", help="Lighthouse on /vi/ only")
    parser.add_argument("--skip", nargs="+", choices=PARTS, default=[], help="parts not to run")
    parser.add_argument("--write-readme", action="store_true", help="rewrite README.md's Performance section")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target or budget is missed")
    parser.add_argument("--nice", type=int, default=DEFAULTS["nice"],
                        help="scheduling priority of gunicorn and wrk, e.g. -10 to run ahead of other work (root)")
    args = parser.parse_args()
    if args.nice < 0 and os.geteuid() != 0:
        sys.exit("--nice below 0 needs root")
    return args


def command_line(args: argparse.Namespace) -> str:
    flags = "".join(f" --{name.replace('_', '-')} {getattr(args, name)}" for name, default in DEFAULTS.items()
                    if getattr(args, name) != default)
    return (".venv/bin/python bench/run.py" + flags + (f" --skip {' '.join(args.skip)}" if args.skip else "")
            + (" --lighthouse-guide-only" if args.lighthouse_guide_only else "")
            + (" --write-readme" if args.write_readme else ""))


def main() -> None:
    args = arguments()
    parts = [p for p in PARTS if p not in args.skip]
    if "throughput" in parts and not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk (or --skip throughput)")
    if "lighthouse" in parts:
        from bench.lighthouse import lighthouse_bin

        lighthouse_bin()  # install (or fail clearly) before minutes of load
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(exist_ok=True)
    # A part left out keeps its figures of the last run, so parts can be measured again one at a time.
    previous = results_dir / "latest.json"
    results: dict = json.loads(previous.read_text(encoding="utf-8")) if args.skip and previous.exists() else {}
    for part in parts:
        results.pop(part, None)

    def save() -> None:  # after every part: a part that fails keeps the others' figures
        (results_dir / "latest.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n",
                                                 encoding="utf-8")

    # The production app with two do-nothing POST routes added (bench/floor.py), for the throughput run's floor rows.
    with tempfile.TemporaryDirectory() as tmp, Server(Path(tmp), args.nice, app="bench.floor:served_app()") as server:
        results["machine"] = report.machine(server.workers, server.worker_class, args.nice)
        results["command"] = command_line(args)
        if "throughput" in parts:
            from bench.loads import side_by_side

            results["throughput"] = side_by_side(server, Path(tmp), args.seconds, args.rounds)
            save()
            from bench.triage_profile import triage_profile

            results["throughput"]["triage_profile"] = triage_profile()
            save()
        if "weight" in parts:
            from bench.weight import page_weight

            results["weight"] = page_weight(server.base)
            save()
        if "lighthouse" in parts:
            from bench.lighthouse import lighthouse

            results["lighthouse"] = lighthouse(server.base, Path(tmp), args.lighthouse_runs,
                                               args.lighthouse_guide_only)
            save()
    if "phone" in parts:  # its own servers (two releases), after the others
        from bench.slow_phone import slow_phone

        with tempfile.TemporaryDirectory() as tmp:
            results["phone"] = slow_phone(Path(tmp), args.nice)
    save()
    if args.write_readme:
        report.write_readme(report.readme_section(results, results["command"]))
    print(json.dumps(report.summary(results), indent=1, ensure_ascii=False))
    missed = report.misses(results)
    for miss in missed:
        print("missed:", miss, file=sys.stderr)
    if missed and args.strict:
        sys.exit(1)


if __name__ == "__main__":
    main()
