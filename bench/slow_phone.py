"""A first visit and an update on an emulated slow phone: 400 kbps each way, 400 ms round trip (bench/throttle.py)
and a CPU 6× slower (Chromium's CPU throttling, over the DevTools protocol).

  offline_ready_s   from typing the address of /vi/ until the page says it works offline (the service worker has
                    installed, i.e. its whole precache is in)
  update_bytes      bytes the phone downloads when the app has a new release that changes only the guide's words
                    (simulated with a new CLINIC_PHONE, which the guide shows): from reopening the app until the new
                    version is installed and offers "Reload"
Run by bench/run.py (part `phone`); not a test.
"""
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.server import Server
from bench.throttle import Throttle
from bench.weight import sw_config

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-quic", "--no-first-run"]
VIEWPORT = {"width": 360, "height": 740}


def _visible(page, selector: str, timeout_s: float) -> float:
    start = time.monotonic()
    page.wait_for_selector(selector, state="visible", timeout=timeout_s * 1000)
    return time.monotonic() - start


def warm(server: Server, host: str) -> None:
    """The pages and the precache bundles made and compressed for the phone's origin in every worker, as they are
    on a server that has served that origin before (bench/server.py warms its own origin the same way)."""
    config = sw_config(urllib.request.urlopen(server.base + "/sw.js", timeout=30).read().decode("utf-8"))
    server.warm(host, (*config["etags"], *config["bundles"]))


def slow_phone(tmp: Path, nice: int = 0) -> dict:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (a test dependency, only for this part)

    with Server(tmp / "v1", nice, {"CLINIC_PHONE": "0123 456 789"}) as first, sync_playwright() as p:
        throttle = Throttle(first.port)
        origin = f"http://127.0.0.1:{throttle.port}"  # a secure context, like the phone's https origin
        warm(first, origin[len("http://"):])
        context = p.chromium.launch_persistent_context(
            str(tempfile.mkdtemp(dir=tmp)), executable_path=CHROMIUM, headless=True, args=ARGS, viewport=VIEWPORT,
            service_workers="allow")
        page = context.new_page()
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 6})
        start = time.monotonic()
        page.goto(origin + "/vi/", wait_until="commit", timeout=120_000)
        _visible(page, "#offline-ready", 180)
        ready = time.monotonic() - start
        first_visit_bytes = throttle.down.bytes
        page.close()
        with Server(tmp / "v2", nice, {"CLINIC_PHONE": "0987 654 321"}) as second:
            throttle.target_port = second.port
            warm(second, origin[len("http://"):])
            before = throttle.down.bytes
            page = context.new_page()
            page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 6})
            page.goto(origin + "/vi/", wait_until="commit", timeout=120_000)
            update_s = _visible(page, "#update-banner", 180)
            update_bytes = throttle.down.bytes - before
        context.close()
    return {"kbps": throttle.kbps, "rtt_ms": throttle.rtt_ms, "cpu_slowdown": 6,
            "offline_ready_s": round(ready, 1), "first_visit_bytes": first_visit_bytes,
            "update_s": round(update_s, 1), "update_bytes": update_bytes}
