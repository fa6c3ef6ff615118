"""Accessibility: axe-core finds no serious or critical WCAG 2.2 AA violation on any page, in both languages.

axe-core is the copy bundled with axe-playwright-python, injected with page.evaluate (never fetched). The VIEWS
below (how to reach each page as a person would) are driven once per language by tests/browser/test_pages.py,
which runs axe_problems() there together with the layout and language checks; each page is also kept as a 360×740
screenshot in test-artifacts/screenshots/<lang>-<view>.png.
"""
import re
from urllib.parse import urlencode, urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import (
    CASES,
    SCREENSHOTS,
    WARNING_SIGNS,
    answer,
    answer_until,
    result_level,
    run_checklist,
    start_checklist,
)

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
BLOCKING = ("serious", "critical")
# Axe.run() without its unbounded wait: a page that stops axe from finishing fails in a minute, not never.
AXE_RUN = """(options) => Promise.race([
    axe.run(document, options),
    new Promise((_, fail) => setTimeout(() => fail(new Error("axe-core did not finish in 60 s")), 60000)),
])"""
AXE_VERSION = re.search(r"axe v([\d.]+)", AXE_SCRIPT[:200]).group(1)
# One public case (../shared/triage/cases.json) for each level.
LEVEL_CASES = {
    "emergency_ambulance": "stroke-one-side", "emergency": "ces-bilateral-sciatica", "consultation_24": "foot-drop",
    "consultation": "recurring", "self_care": "driver",
}


# ------------------------------------------------------------------------------------ how to reach each page


def wait_started(page) -> None:
    """app.js has run (it marks <html class="js">)."""
    page.wait_for_selector("html.js", state="attached")


def show_guidance(page, live, lang):
    page.goto(live.url(f"/{lang}/"))
    wait_started(page)


def show_privacy(page, live, lang):
    page.goto(live.url(f"/{lang}/privacy"))
    wait_started(page)


def show_checklist_warning_signs(page, live, lang):
    start_checklist(page, live, lang)


def show_checklist_later_step(page, live, lang):
    start_checklist(page, live, lang)
    answer_until(page, {"onset": "gradual"}, stop_at="sides")


def show_checklist_last_step(page, live, lang):
    """A "tick any that apply" list, late in the checklist."""
    start_checklist(page, live, lang)
    answer_until(page, {}, stop_at="fever")


def show_checklist_nojs(page, live, lang):
    page.goto(live.url(f"/{lang}/checklist"))


def show_checklist_error_nojs(page, live, lang):
    """The plain form, posted with a value no option has (a stale or tampered form): the error summary."""
    page.goto(live.url(f"/{lang}/checklist"))
    page.check('input[name="onset"][value="sudden"]')
    page.eval_on_selector('input[name="onset"]:checked', "input => { input.value = 'tomorrow'; }")
    page.click("#see-result")
    page.wait_for_selector("#error-summary")


def result_answers(level: str) -> dict:
    case = CASES[LEVEL_CASES[level]]
    assert case["expected"]["level"] == level
    return case["answers"]


def show_result(level):
    """The server-rendered result (the no-JavaScript form's answer; JavaScript adds print and share)."""
    def show(page, live, lang):
        page.goto(live.url(f"/{lang}/result?" + urlencode(result_answers(level))))
        wait_started(page)
        assert page.get_attribute(".result[data-level]", "data-level") == level
    return show


def checklist_to_result(page, answers: dict) -> str:
    """Through the stepper to the result it shows; a warning sign answered yes shows it at once."""
    signs = {q: v for q, v in answers.items() if q in WARNING_SIGNS and v == "yes"}
    if signs:
        answer(page, next(iter(signs)), "yes")
        return result_level(page)
    return run_checklist(page, answers)


def show_result_js(level):
    """The result as the stepper shows it on the phone (rendered from the <template> by result.js)."""
    def show(page, live, lang):
        start_checklist(page, live, lang)
        assert checklist_to_result(page, result_answers(level)) == level
    return show


def stored_count(page, count: int) -> None:
    """Waits (in the page, on IndexedDB itself) until the past results hold `count` entries."""
    page.evaluate("""async (count) => {
        for (;;) {
            if (self.TchanDB && (await self.TchanDB.all('history')).length === count) return;
            await new Promise((done) => setTimeout(done, 50));
        }
    }""", count)


def add_history(page, live, lang):
    for count, level in enumerate(("self_care", "emergency_ambulance"), 1):
        start_checklist(page, live, lang)
        checklist_to_result(page, result_answers(level))
        stored_count(page, count)


def show_history_empty(page, live, lang):
    page.goto(live.url(f"/{lang}/history"))
    page.wait_for_selector("#history-empty", state="visible")


def show_history_entries(page, live, lang):
    add_history(page, live, lang)
    page.goto(live.url(f"/{lang}/history"))
    page.wait_for_selector("#history-list li:nth-child(2) .history-item")


def show_history_entry(page, live, lang):
    show_history_entries(page, live, lang)
    page.click("#history-list .history-item >> nth=0")
    page.wait_for_selector("#result-area:not([hidden]) > .result[data-level]")


# name -> (how to reach it, needs JavaScript)
VIEWS = {
    "guidance": (show_guidance, True),
    "checklist-warning-signs": (show_checklist_warning_signs, True),
    "checklist-later-step": (show_checklist_later_step, True),
    "checklist-last-step": (show_checklist_last_step, True),
    "checklist-nojs": (show_checklist_nojs, False),
    "checklist-error-nojs": (show_checklist_error_nojs, False),
    **{f"result-{level}": (show_result(level), True) for level in LEVEL_CASES},
    **{f"result-js-{level}": (show_result_js(level), True) for level in LEVEL_CASES},
    "history-empty": (show_history_empty, True),
    "history-entries": (show_history_entries, True),
    "history-entry": (show_history_entry, True),
    "privacy": (show_privacy, True),
}


@pytest.fixture
def nojs_page(page):
    """The ordinary fresh profile with scripting turned off (DevTools' Emulation.setScriptExecutionDisabled, as
    Playwright's java_script_enabled=False does): <noscript> shows and no module runs. checked() turns scripting
    back on for axe-core, which needs timers; the page, parsed without scripts, stays as it was."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setScriptExecutionDisabled", {"value": True})
    page.scripts_off = cdp  # see scripts_on()
    return page


def scripts_on(page) -> None:
    cdp = getattr(page, "scripts_off", None)
    if cdp is not None:
        assert not page.evaluate("document.documentElement.classList.contains('js')"), "app.js ran without scripts"
        cdp.send("Emulation.setScriptExecutionDisabled", {"value": False})


def view_page(request, view: str):
    """The page fixture this view needs: the ordinary one, or one with JavaScript turned off."""
    return request.getfixturevalue("page" if VIEWS[view][1] else "nojs_page")


def other_origins(context, base: str) -> list[str]:
    """Starts recording requests to anything but the app (data: and blob: URLs are not requests to a site)."""
    seen: list[str] = []

    def check(req):
        url = req.url
        if not url.startswith(("data:", "blob:")) and urlsplit(url)[:2] != urlsplit(base)[:2]:
            seen.append(url)

    context.on("request", check)
    return seen


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))  # the viewport: 360×740


# ------------------------------------------------------------------------------------------------- axe-core


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{', '.join(t for t in v['tags'] if 'wcag' in t)}]")
        for node in v["nodes"][:8]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def run_axe(page) -> list[dict]:
    """Inject the bundled axe-core and run the WCAG 2.x A/AA rules; axe itself must fetch nothing."""
    fetched: list[str] = []
    watch = lambda req: fetched.append(req.url) if "axe" in req.url.lower() else None  # noqa: E731
    page.context.on("request", watch)
    scripts_on(page)
    try:
        page.evaluate(Axe().axe_script)  # the library's bundled axe.min.js, as Axe.run() injects it
        results = page.evaluate(AXE_RUN, AXE_OPTIONS)
    finally:
        page.context.remove_listener("request", watch)
    assert not fetched, f"axe fetched {fetched}: it must be injected from the bundled copy"
    assert page.evaluate("axe.version") == AXE_VERSION, "not the bundled axe-core"
    assert page.evaluate("document.querySelector('script[src*=axe]') === null"), "axe was loaded by a <script src>"
    assert results["testEngine"]["version"] == AXE_VERSION
    return results["violations"]


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def assert_axe(page, where: str) -> None:
    # At the top: axe judges one scroll position, and counts whatever has scrolled under the sticky 115 bar at that
    # moment as an obscured target (the bar scrolls nothing out of reach: content moves out from under it).
    page.evaluate("scrollTo(0, 0)")
    blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert not blocking, f"{where}: serious or critical WCAG 2.2 AA faults:\n{describe(blocking)}"


def axe_problems(page, where: str) -> list[str]:
    """Serious or critical WCAG 2.2 AA faults axe-core finds on the page as it is (tests/browser/test_pages.py runs
    it on every view and language); minor and moderate ones are printed, not failed."""
    violations = run_axe(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    others = [v for v in violations if v["impact"] not in BLOCKING]
    if others:
        print(f"{where}: minor or moderate (not failing):\n{describe(others)}")
    if blocking:
        return [f"{where} at {page.url}: serious or critical WCAG 2.2 AA faults:\n{describe(blocking)}"]
    return []


def test_axe_checks_something(page, live):
    """A page with a known fault fails: the checker is really running, with the WCAG rules."""
    show_guidance(page, live, "vi")
    page.evaluate("document.querySelector('#start-checklist').textContent = ''")
    page.evaluate("document.querySelector('.brand img').removeAttribute('alt')")
    ids = {v["id"] for v in run_axe(page) if v["impact"] in BLOCKING}
    assert {"link-name", "image-alt"} <= ids, ids
