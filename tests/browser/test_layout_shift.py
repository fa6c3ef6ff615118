"""Layout shift (issue #14 item 6: at most 0.05 on every page): the checklist and the past results measured as a
slow phone loads them (network and CPU throttled as Lighthouse's mobile run), with the browser's own
layout-shift entries, until the page has settled (the stepper has started, the history is listed). The guide and
a result from a link (worked out on the phone) too."""
import pytest

from tests.browser.conftest import LANGS
from tests.browser.test_result_page import answers_of, fragment

pytestmark = pytest.mark.browser

MAX_CLS = 0.05
OBSERVE = """() => { window.__shifts = [];
  const name = (s) => s.node ? s.node.id || s.node.className || s.node.nodeName : "?";
  new PerformanceObserver((list) => { for (const e of list.getEntries()) {
    if (e.hadRecentInput) continue; // a shift the person caused by a tap does not count
    window.__shifts.push({ value: e.value, at: Math.round(e.startTime), moved: e.sources.map(name) });
  } }).observe({ type: "layout-shift", buffered: true }); }"""


def slow_phone(page) -> None:
    """Lighthouse's mobile throttling: about 1.6 Mbps, 150 ms round trips, CPU four times slower."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 150,
             "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["checklist", "history", "", "result"])
def test_no_layout_shift_while_loading(page, live, lang, path):
    slow_phone(page)
    page.add_init_script(f"addEventListener('DOMContentLoaded', {OBSERVE})")
    page.goto(live.url(fragment(lang, answers_of("emergency")) if path == "result" else f"/{lang}/{path}"))
    page.wait_for_timeout(4000)  # the stepper starts its evaluator 2 s after the start; the history reads IndexedDB
    shifts = page.evaluate("window.__shifts")
    total = sum(s["value"] for s in shifts)
    assert total <= MAX_CLS, f"/{lang}/{path}: layout shift {total:.3f} > {MAX_CLS}: {shifts}"
