"""Two commits served side by side on one machine, in interleaved rounds: the trivial endpoint and triage with
distinct random answer sets, and each one's ratio, by throughput and by server CPU.

Whether a change made triage faster: a full bench an hour earlier ran on what is, for this purpose, another machine
(the same commit's ratio moved by 0.04 between runs of one session), while here both servers share every moment.
A commit other than the work tree is checked out with `git worktree` into a temporary directory and served by this
virtualenv; both get the same random bodies.

Usage: .venv/bin/python -m bench.compare BASE [OTHER] [--rounds 8] [--seconds 3]   (OTHER: the work tree)
"""
import argparse
import contextlib
import statistics
import subprocess
import tempfile
from pathlib import Path

from bench.loads import THREADS, RandomAnswers, wrk
from bench.server import ROOT, Server

BENCH = ROOT / "bench"


@contextlib.contextmanager
def checkout(commit: str | None, tmp: Path):
    """The work tree itself for None, else a worktree of `commit`, removed afterwards."""
    if commit is None:
        yield ROOT
        return
    path = tmp / f"tree-{commit}"
    subprocess.run(["git", "worktree", "add", "--detach", str(path), commit], cwd=ROOT, check=True,
                   capture_output=True)
    try:
        yield path
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT, check=True, capture_output=True)


def compare(commits: list[str | None], rounds: int, seconds: int) -> dict:
    generator = RandomAnswers(seed=7)
    results: dict[str, dict[str, list[dict]]] = {}
    with tempfile.TemporaryDirectory() as name, contextlib.ExitStack() as stack:
        tmp = Path(name)
        servers = {}
        for commit in commits:
            label = commit or "work tree"
            root = stack.enter_context(checkout(commit, tmp))
            servers[label] = stack.enter_context(Server(tmp / label.replace(" ", "-"), root=root))
            results[label] = {"trivial": [], "triage": []}
        for _ in range(rounds):
            bodies = tmp / "bodies.txt"  # fresh for each round, the same for both servers
            bodies.write_text("\n".join(generator.bodies(30000 * seconds)) + "\n", encoding="utf-8")
            script, script_args = str(BENCH / "post_bodies.lua"), (str(bodies), str(THREADS))
            for label, server in servers.items():
                results[label]["trivial"].append(wrk(server, "/api/v1/meta", seconds))
                results[label]["triage"].append(
                    wrk(server, "/api/v1/triage", seconds, "-s", script, script_args=script_args))
    summary = {}
    for label, runs in results.items():
        pairs = list(zip(runs["trivial"], runs["triage"], strict=True))
        summary[label] = {
            "ratio": round(statistics.median(b["rps"] / a["rps"] for a, b in pairs), 3),
            "cpu_ratio": round(statistics.median(a["server_cpu_ms_per_request"] / b["server_cpu_ms_per_request"]
                                                 for a, b in pairs), 3),
            "triage_cpu_ms": round(statistics.median(b["server_cpu_ms_per_request"] for _, b in pairs), 4),
            "trivial_cpu_ms": round(statistics.median(a["server_cpu_ms_per_request"] for a, _ in pairs), 4),
        }
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base")
    parser.add_argument("other", nargs="?")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=3)
    args = parser.parse_args()
    for label, figures in compare([args.base, args.other], args.rounds, args.seconds).items():
        print(f"{label}: triage at {figures['ratio']} of trivial by throughput, {figures['cpu_ratio']} by server CPU "
              f"({figures['triage_cpu_ms']} ms against {figures['trivial_cpu_ms']} ms a request)")


if __name__ == "__main__":
    main()
