"""Make the screenshots the web app manifests show in the install sheet: pwa/screenshots/{vi,en}-{guide,checklist}.png.

    .venv/bin/python tools/screenshots.py [--chromium /usr/bin/chromium] [--out pwa/screenshots]

Starts the app on its own (gunicorn on 127.0.0.1 and a free port, a throwaway SQLite file), opens each page in a
headless Chromium at a phone's 360×740 and keeps what the screen shows, then makes each PNG smaller with pngquant
and optipng when they are installed (`apt-get install pngquant optipng`); without them the PNGs are kept as they are.
The service worker is blocked, so no "ready to work offline" note shows. Run it again after changing how the guide
or the checklist looks, and commit the four files. They are not precached (server/offline/worker.py's PRECACHED_GLOBS).
"""
import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = {"width": 360, "height": 740}
LANGS = ("vi", "en")
BUDGET = 80 * 1024  # bytes per screenshot: a warning above it


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(port: int, database: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "GUNICORN_"))}
    env.update(
        FLASK_APP="wsgi", DATABASE_URL=f"sqlite:///{database}", HOST="127.0.0.1", PORT=str(port),
        WEB_CONCURRENCY="1", GUNICORN_THREADS="4", APP_ENV="development", SECRET_KEY="screenshots",
        RATELIMIT_ENABLED="false", LOG_LEVEL="WARNING", EMERGENCY_NUMBER=os.environ.get("EMERGENCY_NUMBER", "115"),
    )
    for key in ("CERTFILE", "KEYFILE"):  # plain http on the loopback
        env.pop(key, None)
    return env


def start_server(workdir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = server_env(port, workdir / "app.db")
    subprocess.run([sys.executable, "-m", "flask", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    log = open(workdir / "gunicorn.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"], cwd=ROOT,
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited with {proc.returncode}: see {workdir / 'gunicorn.log'}")
        try:
            with urllib.request.urlopen(base + "/vi/", timeout=5):
                return proc, base
        except (urllib.error.URLError, OSError):
            if time.monotonic() > deadline:
                stop_server(proc)
                raise SystemExit("gunicorn did not answer in 30 s") from None
            time.sleep(0.1)


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # its own process group: only what it started
            proc.wait(timeout=10)


def capture(base: str, out: Path, chromium: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    files = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, headless=True,
                                         args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            for lang in LANGS:
                context = browser.new_context(viewport=SIZE, screen=SIZE, device_scale_factor=1, locale=lang,
                                              service_workers="block", reduced_motion="reduce")
                # Only this app: nothing may be asked of another site.
                context.route(lambda url: not url.startswith(base), lambda route: route.abort())
                page = context.new_page()
                page.goto(f"{base}/{lang}/")
                page.wait_for_load_state("networkidle")
                files.append(shot(page, out / f"{lang}-guide.png"))
                page.goto(f"{base}/{lang}/checklist")
                page.evaluate("localStorage.clear()")
                page.goto(f"{base}/{lang}/checklist")
                page.wait_for_selector("#stepper-nav:not([hidden])")  # the stepper's first screen
                page.wait_for_load_state("networkidle")
                files.append(shot(page, out / f"{lang}-checklist.png"))
                context.close()
        finally:
            browser.close()
    return files


def shot(page, path: Path) -> Path:
    page.evaluate("document.activeElement && document.activeElement.blur()")  # no focus ring in the picture
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(path), full_page=False, animations="disabled", caret="hide")
    return path


def optimize(path: Path) -> None:
    """Lossy palette (pngquant, if installed), then lossless (optipng, if installed): only when smaller."""
    if shutil.which("pngquant"):
        smaller = path.with_suffix(".q.png")
        done = subprocess.run(["pngquant", "--quality=70-95", "--speed=1", "--strip", "--force",
                               "--output", str(smaller), str(path)], capture_output=True)
        if done.returncode == 0 and smaller.stat().st_size < path.stat().st_size:
            smaller.replace(path)
        smaller.unlink(missing_ok=True)
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o5", "-strip", "all", str(path)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    parser.add_argument("--out", type=Path, default=ROOT / "pwa" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if not shutil.which("pngquant") and not shutil.which("optipng"):
        print("pngquant and optipng are not installed: the screenshots are kept as Chromium made them", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        proc, base = start_server(Path(tmp))
        try:
            files = capture(base, args.out, args.chromium)
        finally:
            stop_server(proc)
    for path in files:
        optimize(path)
        size = path.stat().st_size
        note = "" if size <= BUDGET else f"  (over {BUDGET // 1024} KB)"
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {size // 1024} KB{note}")


if __name__ == "__main__":
    main()
