"""The checklist people finish: personas of every level in both languages, driven through the stepper at 360×740
as a person would (only the questions it shows, "None of these" on warning-sign screens with nothing to say, then
Continue), counting screens and taps against the budgets (≤ 14 screens, ≤ 30 taps), checking that each screen's
questions, answers and Continue are all above the fold, and that the level is the one the complete answers give.
Also: a warning sign tapped before the scripts run, a fresh start after a result, and the same offline.
The persona test writes its figures (the README's per-persona table) to test-artifacts/checklist-flow.json."""
import json
import re

import pytest

from server.triage.engine import load_rules
from tests.browser.conftest import (
    LANGS,
    ROOT,
    SETTLED,
    VIEWPORT,
    WARNING_SIGNS,
    install_app,
    result_level,
    result_shown,
    start_checklist,
    visible_questions,
    wait_true,
)
from tests.browser.test_result_page import EMERGENCY, IN_VIEW

pytestmark = pytest.mark.browser

MAX_SCREENS, MAX_TAPS = 14, 30
RULES = load_rules()
CHOICES = {"onset": "gradual", "duration": "weeks", "pattern": "constant", "sides": "one", "age_group": "18_49"}


def complete(**given: str) -> dict:
    """A whole answer set: every yes/no question "no" and everyday choices, with `given` over them (questions the
    rules in this version lack are left out)."""
    answers = {qid: "no" for qid, q in RULES.questions.items() if q.kind == "yes_no_unsure"}
    answers.update(CHOICES)
    answers.update(given)
    return {k: v for k, v in answers.items() if k in RULES.questions}


PERSONAS = {
    "stroke_sign_yes": complete(one_side_weakness="yes", onset="sudden", age_group="65_plus"),
    "stroke_unsure_sudden": complete(speech_trouble="unsure", onset="sudden", duration="minutes",
                                     age_group="65_plus"),
    "cauda_equina": complete(back_pain_radiating="yes", sides="both", duration="days", age_group="50_64"),
    "possible_dvt": complete(leg_swelling="yes", sides="one", duration="days", age_group="18_49", pregnant="yes"),
    "consultation_older": complete(duration="months", age_group="65_plus", loss_of_feeling="yes", diabetes="yes"),
    "self_care_positional": complete(trigger_posture="yes", eases_with_movement="yes", duration="minutes",
                                     pattern="comes_and_goes", sitting_work="yes"),
}

# Every part of a screen a person needs: the visible questions' text and answers, and the button to move on.
BELOW_FOLD = """(height) => {
  const needed = [...document.querySelectorAll('#checklist [data-question], #checklist label, [data-action]')]
    .filter((el) => el.checkVisibility());
  return needed.filter((el) => el.getBoundingClientRect().bottom > height + 0.5)
    .map((el) => (el.dataset.question || el.dataset.action || el.textContent.trim().slice(0, 30)) + ' ends at ' +
         Math.round(el.getBoundingClientRect().bottom));
}"""

SCREEN_WORDS = """() => [...document.querySelectorAll('#checklist section[data-screen]')]
  .filter((s) => s.checkVisibility()).map((s) => s.innerText).join(' ').split(/\\s+/).filter(Boolean).length"""


def drive(page, answers: dict) -> dict:
    """Through the checklist with these answers, as a person would; the screens, taps, words read and level."""
    screens, taps, words, asked = 0, 0, 0, []
    page.wait_for_selector("#step-next:not([disabled])")
    while not result_shown(page):
        screens += 1
        assert page.evaluate("scrollY") == 0
        below = page.evaluate(BELOW_FOLD, VIEWPORT["height"])
        assert not below, f"screen {screens}: below the fold at 360×740: {below}"
        words += page.evaluate(SCREEN_WORDS)
        shown = visible_questions(page)
        asked += shown
        signs = [q for q in shown if q in WARNING_SIGNS]
        if signs and all(answers[q] == "no" for q in signs):
            page.click("[data-action=none]:visible")
            taps += 1
            wait_true(page, SETTLED)
            continue
        for qid in shown:
            box = page.locator(f'input[type=checkbox][name="{qid}"]')
            if box.count():
                if answers[qid] == "yes":
                    box.check()
                    taps += 1
            else:
                page.click(f'input[name="{qid}"][value="{answers[qid]}"]')
                taps += 1
            if qid in WARNING_SIGNS and answers[qid] == "yes":
                break  # the result, at once
        else:
            page.click("[data-action=next]")
            taps += 1
        wait_true(page, SETTLED)
    return {"screens": screens, "taps": taps, "words": words, "asked": asked, "level": result_level(page)}


def minutes(run: dict, wpm: int, per_tap: float) -> float:
    return round((run["words"] / wpm * 60 + run["taps"] * per_tap) / 60, 1)


@pytest.fixture(scope="module")
def figures():
    collected = {}
    yield collected
    out = ROOT / "test-artifacts" / "checklist-flow.json"
    out.parent.mkdir(exist_ok=True)
    known = json.loads(out.read_text()) if out.exists() else {}
    out.write_text(json.dumps({**known, **collected}, indent=1, sort_keys=True))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_persona_within_budgets(page, live, reference, figures, persona, lang):
    answers = PERSONAS[persona]
    start_checklist(page, live, lang)
    run = drive(page, answers)
    expected = reference(answers, lang)["level"]
    assert run["level"] == expected, (persona, run)
    assert run["screens"] <= MAX_SCREENS, run
    assert run["taps"] <= MAX_TAPS, run
    if answers.get("age_group") in ("50_64", "65_plus"):
        assert "pregnant" not in run["asked"]
    figures[f"{persona}/{lang}"] = {
        **{k: run[k] for k in ("screens", "taps", "words", "level")},
        "adult_min": minutes(run, 200, 1.2), "over_65_min": minutes(run, 130, 2.0),
    }
    # Start again, from the result, without scrolling (issue #10 item 5), with the level and what to do
    for selector in ("#result-title", ".result-action", "#restart"):
        assert page.evaluate(IN_VIEW, selector), f"{selector} is not in the first screen at 360×740"
    if run["level"] in EMERGENCY:
        assert page.evaluate(IN_VIEW, "#call-emergency"), "the call button is not in the first screen"
    page.click("#restart")
    assert visible_questions(page)[0] == "one_side_weakness"


@pytest.mark.parametrize("lang", LANGS)
def test_early_tap_on_a_warning_sign_counts(page, live, lang):
    """On a slow first visit the form shows before the scripts run: a "yes" tapped then still gives the emergency
    result as soon as they do, and the page does not jump (the first screen is the one served)."""
    held = []
    deferred = re.compile(r"/static/(js/(?!text-size\.js)|vendor/)")  # all but the tiny blocking text-size script
    page.route(deferred, lambda route: held.append(route))
    page.goto(live.url(f"/{lang}/checklist"), wait_until="commit")  # deferred scripts hold DOMContentLoaded back
    page.wait_for_selector('input[name="face_drooping"][value="yes"]')
    first = visible_questions(page)
    assert "one_side_weakness" in first and "onset" not in first  # the stepper's first screen, before any script
    top = page.locator("#q-face_drooping").bounding_box()["y"]
    page.click('input[name="face_drooping"][value="yes"]')
    assert not result_shown(page)
    while held:
        held.pop().continue_()
        page.wait_for_timeout(50)
    page.unroute(deferred)
    assert result_level(page) == "emergency_ambulance"
    assert page.locator("#call-emergency").get_attribute("href") == "tel:115"
    page.click("#result-back")
    assert page.locator("#q-face_drooping").bounding_box()["y"] == top


@pytest.mark.parametrize("lang", LANGS)
def test_fresh_start_after_a_result(page, live, lang):
    """The next person who opens the checklist from the menu gets a new check; the result stays in History."""
    start_checklist(page, live, lang)
    page.click('input[name="face_drooping"][value="yes"]')
    assert result_level(page) == "emergency_ambulance"
    page.goto(live.url(f"/{lang}/"))
    page.click("#nav-checklist")
    page.wait_for_selector("#step-next:not([disabled])")
    assert not result_shown(page)
    assert visible_questions(page)[0] == "one_side_weakness"
    assert not page.locator('input[name="face_drooping"][value="yes"]').is_checked()
    page.goto(live.url(f"/{lang}/history"))
    page.wait_for_selector("#history-list li")
    assert page.locator("#history-list li").count() == 1


def test_offline_persona(context, page, live, reference):
    """With the server gone, the same adaptive checklist and the same level, worked out on the phone."""
    install_app(page, live, "vi")
    live.stop()
    start_checklist(page, live, "vi")
    answers = PERSONAS["cauda_equina"]
    run = drive(page, answers)
    assert run["level"] == reference(answers, "vi")["level"] == "emergency"
    assert run["screens"] <= MAX_SCREENS and run["taps"] <= MAX_TAPS
