"""Offline for real: nothing listens on the server's port any more and the app still works from its service worker:
both languages, the checklist through the stepper to the right result, the language switch."""
import http.client
import socket
import urllib.request

import pytest

from tests.browser.conftest import (
    CASES,
    LANGS,
    WARNING_SIGNS,
    answer,
    answer_until,
    install_app,
    result_level,
    run_checklist,
    start_checklist,
    visible_questions,
)

pytestmark = pytest.mark.browser

# One public case of every level (shared/triage/cases.json), none with a warning sign answered "yes" (that shows
# the result at once: test_warning_sign_shows_result_at_once), alternating the languages.
CASE_BY_LEVEL = {
    "emergency_ambulance": ("stroke-sudden-dizziness", "vi"),
    "emergency": ("ces-bilateral-sciatica", "en"),
    "consultation_24": ("unsure-bladder", "vi"),
    "consultation": ("claudication", "en"),
    "self_care": ("cold-morning", "vi"),
}


def text(page, selector: str) -> str:
    return page.locator(selector).first.inner_text().strip()


def test_stopped_the_server_is_unreachable_for_real(live):
    """What "offline" is in these tests (tests/browser/conftest.py, Door): the port refuses connections, and one the
    browser kept alive is cut; started again, the same port answers."""
    kept = http.client.HTTPConnection("127.0.0.1", live.port, timeout=10)
    kept.request("GET", "/api/v1/meta")
    response = kept.getresponse()
    assert response.status == 200 and response.read() and not response.will_close  # kept alive
    live.stop()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", live.port), timeout=5)
    with pytest.raises((ConnectionError, http.client.HTTPException)):
        kept.request("GET", "/api/v1/meta")
        kept.getresponse()
    kept.close()
    live.start()
    with urllib.request.urlopen(live.url("/api/v1/meta"), timeout=10) as again:
        assert again.status == 200


def test_offline_reload_both_languages(context, page, live):
    install_app(page, live, "vi")
    online = {lang: None for lang in ("vi", "en")}
    online["vi"] = text(page, "main h1")
    live.stop()

    page.reload()
    assert page.evaluate("document.documentElement.lang") == "vi"
    assert text(page, "main h1") == online["vi"]
    # the shell came from the cache too: styles applied, the app module ran
    assert page.evaluate("document.documentElement.classList.contains('js')")
    header = "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    assert page.evaluate(header) != "rgba(0, 0, 0, 0)"

    # the other language was never opened, yet is there offline
    page.goto(live.url("/en/"))
    assert page.evaluate("document.documentElement.lang") == "en"
    assert text(page, "main h1") != online["vi"]
    page.reload()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate("navigator.serviceWorker.controller !== null")

    for path in ("/en/checklist", "/vi/checklist", "/en/history", "/vi/history"):
        page.goto(live.url(path))
        assert page.evaluate("document.documentElement.lang") == path[1:3], path
        assert page.locator("main h1").is_visible(), path

    # "/" goes to the language used last; an address never cached, to the guide in its language
    page.goto(live.url("/"))
    assert page.url == live.url("/vi/")
    page.goto(live.url("/en/no-such-page"))
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("#start-checklist").is_visible()  # the guide, in place of a page it cannot make offline
    # an old link with answers in its query: the cached result page, the answers moved to the fragment
    page.goto(live.url("/en/result?onset=sudden"))
    assert result_level(page) and page.url == live.url("/en/result#onset=sudden")


@pytest.mark.parametrize("level", CASE_BY_LEVEL)
def test_checklist_offline_gives_the_right_result(page, live, reference, level):
    case_id, lang = CASE_BY_LEVEL[level]
    case = CASES[case_id]
    assert case["expected"]["level"] == level
    install_app(page, live, lang)
    live.stop()

    start_checklist(page, live, lang)
    assert run_checklist(page, case["answers"]) == level

    # the same words the server gives for the answers the checklist asked for, in this language, worked out on the
    # phone (it stops asking once the level is settled, so fewer reasons may fire than with every answer)
    server = reference(page.evaluate("JSON.parse(localStorage.getItem('te-chan.progress')).answers"), lang)
    assert server["level"] == level
    card = page.locator("#result-area > .result")
    assert card.locator("[data-slot=title]").inner_text() == server["title"]
    assert card.locator("[data-slot=action]").inner_text() == server["action"]
    reasons = card.locator("[data-list=reasons] > li").all_inner_texts()
    assert reasons == [r["text"] for r in server["reasons"]]
    assert page.locator("#call-emergency").count() == (1 if server["emergency"] else 0)
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator("#result-actions").is_visible()


def test_warning_sign_shows_result_at_once_offline(page, live, reference):
    case = CASES["stroke-speech"]
    install_app(page, live, "en")
    live.stop()
    start_checklist(page, live, "en")
    answer(page, "one_side_weakness", "no")
    page.click("[data-action=next]")
    assert "speech_trouble" in visible_questions(page)
    answer(page, "speech_trouble", "yes")  # no "Continue": a warning sign is enough
    assert result_level(page) == case["expected"]["level"] == "emergency_ambulance"
    title = page.locator("#result-area [data-slot=title]").inner_text()
    assert title == reference({"one_side_weakness": "no", "speech_trouble": "yes"}, "en")["title"]
    assert page.locator("#call-emergency").get_attribute("href") == "tel:115"


def test_language_switch_offline_keeps_answers_and_place(page, live, reference):
    install_app(page, live, "vi")
    live.stop()
    start_checklist(page, live, "vi")
    given = {"one_side_weakness": "no", "age_group": "18_49", "duration": "weeks"}
    left = answer_until(page, given, stop_at="pattern")
    assert not left
    vi_legend = text(page, "#legend-pattern")

    page.click("#lang-switch")
    page.wait_for_url(live.url("/en/checklist") + "#q=onset")  # the screen of onset, sides and pattern
    page.wait_for_selector("#step-next:not([disabled])")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert visible_questions(page) == ["onset", "sides", "pattern"]  # the same place
    assert text(page, "#legend-pattern") != vi_legend
    for qid, value in given.items():  # the same answers
        assert page.locator(f'input[name="{qid}"][value="{value}"]').is_checked(), qid

    # on to the result in English, then switch back: the result again, in Vietnamese, same answers
    rest = {"onset": "gradual", "pattern": "constant", "sides": "one"}
    answer_until(page, rest)
    answers = {**given, **rest}
    level = result_level(page)
    assert level == reference(answers, "en")["level"]
    page.click("#lang-switch")
    page.wait_for_url(live.url("/vi/checklist") + "#result")
    assert page.evaluate("document.documentElement.lang") == "vi"
    assert result_level(page) == level
    title = page.locator("#result-area [data-slot=title]").inner_text()
    assert title == reference(answers, "vi")["title"]


def test_offline_note_when_the_phone_is_offline(context, page, live):
    install_app(page, live, "vi")
    assert page.locator("#offline-note").is_hidden()
    context.set_offline(True)
    page.wait_for_selector("#offline-note", state="visible")
    page.reload()  # from the service worker: Chromium's own network is off
    assert page.locator("#offline-note").is_visible()
    page.goto(live.url("/en/checklist"))
    assert page.evaluate("document.documentElement.lang") == "en"
    context.set_offline(False)
    page.wait_for_selector("#offline-note", state="hidden")


@pytest.mark.parametrize("lang", LANGS)
def test_offline_fallback_stays_in_the_language_asked(page, live, lang):
    """An address the worker never cached falls back to a page of its own language, never the other one."""
    other = next(code for code in LANGS if code != lang)
    install_app(page, live, other)  # the app was installed, and used last, in the other language
    live.stop()
    for path in (f"/{lang}/no-such-page", f"/{lang}/?utm=x"):
        page.goto(live.url(path))
        assert page.evaluate("document.documentElement.lang") == lang, path
        assert page.locator("#start-checklist").is_visible(), path  # the guide
    # the no-JavaScript form's POST: the checklist again, in its language
    page.evaluate(
        """(action) => {
             const form = document.createElement('form');
             form.method = 'post';
             form.action = action;
             document.body.append(form);
             form.submit();
           }""",
        f"/{lang}/result",
    )
    page.wait_for_url(live.url(f"/{lang}/result"))
    page.wait_for_selector("#checklist")
    assert page.evaluate("document.documentElement.lang") == lang
    # "/" goes to the language used last: now this one
    page.goto(live.url("/"))
    assert page.url == live.url(f"/{lang}/")
    assert page.evaluate("document.documentElement.lang") == lang


@pytest.mark.parametrize("lang", LANGS)
def test_every_warning_sign_can_be_answered_not_sure_offline(page, live, reference, lang):
    """Each warning sign offers "Not sure" in the page's language; offline, "Not sure" asks to check it again."""
    install_app(page, live, lang)
    words = page.evaluate("(lang) => fetch('/api/v1/checklist?lang=' + lang).then((r) => r.json())", lang)
    signs = {q["id"]: q for step in words["steps"] for q in step["questions"] if q["warning_sign"]}
    assert set(signs) == WARNING_SIGNS
    live.stop()
    start_checklist(page, live, lang)
    for qid, question in signs.items():
        label = next(o["label"] for o in question["options"] if o["value"] == "unsure")
        option = page.locator(f'input[name="{qid}"][value="unsure"]')
        assert option.count() == 1, qid
        assert option.locator("xpath=..").inner_text().strip() == label, qid
    assert {"Not sure": "en", "Không chắc": "vi"}[label] == lang

    answers = {qid: "no" for qid in signs}
    answers["bladder_bowel"] = "unsure"
    assert run_checklist(page, answers) == "consultation_24"
    server = reference(answers, lang)
    again = page.locator("#result-area [data-list=check_again] > li").all_inner_texts()
    assert again == [item["text"] for item in server["check_again"]] != []


def test_privacy_notice_offline_from_the_consent_box(page, live):
    """The consent box links to the privacy notice; with the server stopped it still opens, in both languages."""
    install_app(page, live, "vi")
    live.stop()
    for lang in LANGS:
        page.goto(live.url(f"/{lang}/checklist"))
        href = page.get_attribute("#consent-privacy", "href")
        assert href == f"/{lang}/privacy"
        page.goto(live.url(href))
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.locator("main h1").is_visible()
        assert "91/2025/QH15" in page.locator("main").inner_text()
