"""The result (issue #12): what matters in the first screen at 360×740 and at 200 % zoom, the number 115 always one
tap away on every page, the rest in order, answers never in a URL sent to the server, one history entry per check."""
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from tests.browser.conftest import CASES, LANGS, result_level, run_checklist, start_checklist
from tests.browser.test_a11y import (
    LEVEL_CASES,
    assert_axe,
    nojs_page,  # noqa: F401 - the fixture, for the page without JavaScript
    shot,
)

pytestmark = pytest.mark.browser

EMERGENCY = ("emergency_ambulance", "emergency")
ZOOM_200 = {"width": 180, "height": 370}  # 360×740 at 200 % page zoom, as Chrome lays it out (see test_layout.py)
IN_VIEW = """(selector) => [...document.querySelectorAll(selector)].some((el) => {
  if (!el.checkVisibility()) return false;
  const box = el.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth && box.height > 0;
})"""
TOP_IN_VIEW = """(selector) => { const el = document.querySelector(selector);
  const box = el.getBoundingClientRect();
  return el.checkVisibility() && box.top >= 0 && box.top < innerHeight - 20; }"""
CALL_LINK = 'a[href="tel:115"]'


def answers_of(level: str) -> dict:
    return CASES[LEVEL_CASES[level]]["answers"]


def fragment(lang: str, answers: dict) -> str:
    return f"/{lang}/result#{urlencode(answers)}"


def open_result(page, live, lang: str, answers: dict) -> str:
    page.goto(live.url(fragment(lang, answers)))
    return result_level(page)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level", list(LEVEL_CASES))
def test_first_screen_has_level_action_and_115(page, live, lang, level):
    assert open_result(page, live, lang, answers_of(level)) == level
    for selector in ("#result-title", ".result-action", "#restart"):  # and the next person's start (issue #10)
        assert page.evaluate(IN_VIEW, selector), f"{selector} is not in the first screen at 360×740"
    assert page.evaluate(IN_VIEW, CALL_LINK), "no 115 link in the first screen"
    if level in EMERGENCY:
        assert page.evaluate(IN_VIEW, "#call-emergency"), "the call button is not in the first screen"
    shot(page, f"{lang}-result-{level}-first-screen")
    page.set_viewport_size(ZOOM_200)
    page.goto("about:blank")
    assert open_result(page, live, lang, answers_of(level)) == level  # opened at 200 %: what shows first
    assert page.evaluate(TOP_IN_VIEW, "#result-title"), "the level is not in the first screen at 200 %"
    assert page.evaluate(IN_VIEW, CALL_LINK), "no 115 link in the first screen at 200 %"
    shot(page, f"{lang}-result-{level}-200")


@pytest.mark.parametrize("lang", LANGS)
def test_same_day_result_has_a_call_link_beside_its_words(page, live, lang):
    assert open_result(page, live, lang, answers_of("consultation_24")) == "consultation_24"
    link = page.locator(".result .call-secondary a")
    assert link.get_attribute("href") == "tel:115"
    assert link.is_visible()
    assert page.locator("#call-emergency").count() == 0  # not an emergency: no big red button


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level", ["self_care", "consultation"])
def test_routine_result_is_short_and_answers_are_folded(page, live, lang, level):
    assert open_result(page, live, lang, answers_of(level)) == level
    page.wait_for_selector(".doctor-summary-box")
    # the result, from its heading to its buttons, is at most 3 screens (the site's header comes before it)
    start = page.locator(".result").bounding_box()["y"]
    actions = page.locator("#result-actions").bounding_box()["y"] - start
    assert actions <= 3 * 740, f"actions {actions} px below the result's top: more than 3 screens"
    answers = page.locator(".result details[data-part=answers]")
    assert not answers.evaluate("d => d.open")
    assert page.locator(".result [data-list=answers] > div").count() == len(answers_of(level))
    # order: why, possible causes (each a link to its guide section), advice
    parts = [page.locator(f".result [data-part={p}]") for p in ("reasons", "possible_causes", "advice")]
    tops = [part.bounding_box()["y"] for part in parts if part.is_visible()]
    assert tops == sorted(tops) and tops
    answers.locator("summary").click()
    assert page.locator(".result [data-list=answers] > div").first.is_visible()
    assert_axe(page, f"{lang} {level} with answers open")


@pytest.mark.parametrize("lang", LANGS)
def test_cause_link_opens_its_guide_section(page, live, lang):
    open_result(page, live, lang, answers_of("self_care"))
    link = page.locator(".result [data-list=possible_causes] a").first
    href = link.get_attribute("href")
    assert urlsplit(href).path == f"/{lang}/" and urlsplit(href).fragment.startswith("cause-")
    link.click()
    target = page.locator("#" + urlsplit(href).fragment)
    page.wait_for_function("(id) => document.getElementById(id)?.open === true", arg=urlsplit(href).fragment)
    assert target.locator(".cause-summary").is_visible()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("path", ["/", "/checklist", "/history", "/result"])
def test_115_in_the_first_screen_of_every_page_and_while_scrolling(page, live, lang, path):
    url = fragment(lang, answers_of("self_care")) if path == "/result" else f"/{lang}{path}"
    page.goto(live.url(url))
    page.wait_for_selector("html.js", state="attached")
    for size in ({"width": 360, "height": 740}, {"width": 320, "height": 640}, ZOOM_200):
        page.set_viewport_size(size)
        for y in (0, 1500, 100_000):
            page.evaluate("(y) => scrollTo(0, y)", y)
            assert page.evaluate(IN_VIEW, "#call-emergency-bar"), f"115 not in view at {size} scrolled to {y}"
    # it covers nothing that cannot be scrolled into view: a link jumped to lands below it
    bar = page.locator(".emergency-bar").bounding_box()
    assert bar["height"] <= 0.2 * ZOOM_200["height"] + 1, "the bar takes more than a fifth of the screen at 200 %"


def test_old_query_links_move_the_answers_to_the_fragment(page, live):
    answers = answers_of("consultation")
    page.goto(live.url("/en/result?" + urlencode(answers)))
    assert result_level(page) == "consultation"
    url = urlsplit(page.url)
    assert url.query == "" and dict(parse_qsl(url.fragment)) == answers


@pytest.mark.parametrize("lang", LANGS)
def test_fragment_result_is_worked_out_on_the_phone(page, live, lang):
    """A QR code's link: the result from the rules on the phone, never asked of the server; a damaged link says
    which answer it does not know (in the page's language) instead of giving a result from part of it."""
    asked = []
    page.on("request", lambda r: asked.append(r.url) if "/api/v1/triage" in r.url else None)
    assert open_result(page, live, lang, answers_of("emergency")) == "emergency"
    page.goto(live.url(fragment(lang, {**answers_of("self_care"), "onset": "yesterday"})))
    page.wait_for_selector("#result-error:not([hidden])")
    text = page.locator("#result-error-text").inner_text()
    assert "onset" in text and ("không nhận ra" in text if lang == "vi" else "does not know" in text), text
    assert page.locator("#result-area").is_hidden()  # the same page, another fragment: the last result is gone
    assert not asked, f"the server was asked: {asked}"


def test_a_result_from_a_link_fetches_each_file_once_and_uses_every_preload(page, live):
    """What the page preloads (tests/test_precache_bundles.py) is what its scripts then ask for: each file is
    requested once, and Chromium warns of no preload left unused."""
    asked, warnings = [], []
    page.on("request", lambda r: asked.append(r.url))
    page.on("console", lambda m: warnings.append(m.text) if "preload" in m.text else None)
    assert open_result(page, live, "vi", answers_of("emergency")) == "emergency"
    page.wait_for_timeout(3500)  # Chromium warns of an unused preload after 3 s
    assert "/api/v1/rules" in " ".join(asked)
    assert len(asked) == len(set(asked)), sorted(asked)
    assert not warnings, warnings


@pytest.mark.parametrize("lang", LANGS)
def test_language_switch_and_change_answers_keep_answers_out_of_urls(page, live, lang):
    answers = answers_of("consultation_24")
    seen = []
    page.on("request", lambda r: seen.append(r.url))
    open_result(page, live, lang, answers)
    other = "en" if lang == "vi" else "vi"
    page.click("#lang-switch")
    page.wait_for_url(f"**/{other}/result#*")
    assert result_level(page) == "consultation_24"
    page.locator("#result-back").click()
    page.wait_for_url(f"**/{other}/checklist*")
    page.wait_for_selector("#step-next:not([disabled])")  # the stepper has started
    for qid, value in answers.items():
        assert page.locator(f'input[name="{qid}"][value="{value}"]').is_checked(), qid
    leaked = [u for u in seen if any(f"{k}={v}" in urlsplit(u).query for k, v in answers.items())]
    assert not leaked, f"answers sent in a URL: {leaked}"


def test_no_javascript_result_posts_its_answers_back(request, live):
    page = request.getfixturevalue("nojs_page")
    answers = answers_of("consultation")
    page.goto(live.url("/en/checklist"))
    for qid, value in answers.items():
        page.check(f'input[name="{qid}"][value="{value}"]')
    page.click("#see-result")
    assert page.get_attribute(".result", "data-level") == "consultation"
    assert urlsplit(page.url).path == "/en/result" and not urlsplit(page.url).query
    page.click("#result-back")  # a form: the answers go back in the body of a POST
    assert urlsplit(page.url).path == "/en/checklist" and not urlsplit(page.url).query
    for qid, value in answers.items():
        assert page.locator(f'input[name="{qid}"][value="{value}"]').is_checked(), qid


def test_history_keeps_one_entry_per_check(page, live):
    start_checklist(page, live, "en")
    assert run_checklist(page, answers_of("self_care")) == "self_care"
    for _ in range(2):  # a cause in the guide, and back; a reload
        page.locator(".result [data-list=possible_causes] a").first.click()
        page.wait_for_url("**/en/#cause-*")
        page.go_back()
        result_level(page)
        page.reload()
        result_level(page)
    page.goto(live.url("/en/history"))
    page.wait_for_selector("#history-list .history-item")
    assert page.locator("#history-list .history-item").count() == 1


def test_summary_goes_away_with_its_result(page, live):
    """Back from a result to the checklist or to the list of past results: its summary is not left behind."""
    start_checklist(page, live, "vi")
    run_checklist(page, answers_of("self_care"))
    page.wait_for_selector(".doctor-summary-box", state="attached")
    page.click("#result-back")
    page.wait_for_selector("#step-next:not([disabled])")  # the stepper has started
    assert page.locator(".doctor-summary-box").is_hidden()
    page.goto(live.url("/vi/history"))
    page.locator("#history-list .history-item").first.click()
    page.wait_for_selector(".doctor-summary-box")
    page.click("#history-back")
    page.wait_for_selector("#history-list .history-item")
    assert page.locator(".doctor-summary-box").is_hidden()
