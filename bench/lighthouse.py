"""Lighthouse (mobile) on a page of the running server: the four category scores, the metrics, the failing audits.

Lighthouse is installed with npm into bench/.lighthouse on first use; Chromium is CHROME_PATH (default
/usr/bin/chromium).
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

from bench.server import ROOT

LIGHTHOUSE_DIR = ROOT / "bench" / ".lighthouse"
LIGHTHOUSE_VERSION = "13.5.0"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
LIGHTHOUSE_TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_CLS = 0.05
CASES_PATH = Path(os.environ.get("SHARED_DIR") or ROOT.parent / "shared") / "triage" / "cases.json"


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
            if not isinstance(items, list):  # some audits keep a mapping here, not rows
                items = []
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


ATTEMPTS = 3  # Lighthouse sometimes fails to record its own trace (NO_NAVSTART, NO_FCP): that run is done again


def _run(binary: Path, url: str, out: Path, env: dict) -> dict:
    cmd = [str(binary), url, "--output=json", f"--output-path={out}", "--quiet",
           "--only-categories=performance,accessibility,best-practices,seo", f"--chrome-flags={CHROME_FLAGS}"]
    for attempt in range(ATTEMPTS):
        out.unlink(missing_ok=True)
        run = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        if run.returncode == 0 and out.exists():
            return json.loads(out.read_text(encoding="utf-8"))
        if "Runtime error encountered" not in run.stderr or attempt == ATTEMPTS - 1:
            break
    raise RuntimeError(f"lighthouse failed on {url} ({run.returncode}):\n{run.stderr[-3000:]}")


def lighthouse_page(binary: Path, base: str, path: str, tmp: Path, runs: int, env: dict) -> dict:
    """The median of `runs` runs on one page; the audits below full marks of the run with the median score."""
    reports = [_run(binary, base + path, tmp / f"lighthouse-{n}.json", env) for n in range(runs)]
    scores = [{c: round(r["categories"][c]["score"] * 100) for c in LIGHTHOUSE_TARGETS} for r in reports]
    median = {c: statistics.median(s[c] for s in scores) for c in LIGHTHOUSE_TARGETS}
    report = reports[sorted(range(runs), key=lambda i: scores[i]["performance"])[runs // 2]]
    cls = report["audits"]["cumulative-layout-shift"]["numericValue"]
    return {"scores": median, "scores_by_run": scores, "cls": round(cls, 3),
            "ok": all(median[c] >= t for c, t in LIGHTHOUSE_TARGETS.items()) and cls <= MAX_CLS,
            "failing_audits": failing_audits(report), "version": report.get("lighthouseVersion"),
            "form_factor": report["configSettings"]["formFactor"]}


def pages() -> list[str]:
    """Every page in both languages: the guide, the checklist, a result of each level, past results, privacy."""
    cases = json.loads(CASES_PATH.read_text(encoding="utf-8"))["cases"]
    by_level = {}
    for case in cases:
        by_level.setdefault(case["expected"]["level"], case["answers"])
    paths = []
    for lang in ("vi", "en"):
        paths += [f"/{lang}/", f"/{lang}/checklist", f"/{lang}/history", f"/{lang}/privacy"]
        paths += [f"/{lang}/result?{urlencode(answers)}" for _, answers in sorted(by_level.items())]
    return paths


def lighthouse(base: str, tmp: Path, runs: int, only_guide: bool = False) -> dict:
    binary = lighthouse_bin()
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome).exists():
        raise SystemExit(f"Chromium not found at {chrome}: set CHROME_PATH (apt-get install chromium)")
    env = {**os.environ, "CHROME_PATH": chrome}
    results = {path: lighthouse_page(binary, base, path, tmp, runs, env) for path in
               (["/vi/"] if only_guide else pages())}
    first = next(iter(results.values()))
    return {"version": first["version"], "form_factor": first["form_factor"], "runs": runs,
            "targets": LIGHTHOUSE_TARGETS, "max_cls": MAX_CLS, "pages": results,
            "ok": all(r["ok"] for r in results.values())}
