"""The checklist's screens (server/pages/screens.py): every question on exactly one screen, warning signs first,
age right after them, tick lists only for the yes/no facts SPEC §6 allows, and the plain form carrying them all."""
import re

from server.pages.screens import SCREENS
from server.triage.engine import load_rules

RULES = load_rules()
TICKABLE_STEPS = {"symptoms", "about_you"}  # SPEC 2.3 and 2.4


def test_every_question_on_exactly_one_screen():
    placed = [qid for screen in SCREENS for qid in screen.questions]
    assert len(placed) == len(set(placed))
    assert set(placed) == set(RULES.questions)


def test_warning_signs_first_then_age():
    order = [qid for screen in SCREENS for qid in screen.questions]
    signs = [qid for qid, q in RULES.questions.items() if q.warning_sign]
    assert set(order[: len(signs)]) == set(signs)
    assert order[len(signs)] == "age_group"
    assert order.index("age_group") < order.index("pregnant")


def test_tick_lists_only_where_the_spec_allows():
    for screen in SCREENS:
        if screen.tick:
            for qid in screen.questions:
                q = RULES.questions[qid]
                assert q.step in TICKABLE_STEPS and q.kind == "yes_no_unsure", qid
    ticked = {qid for screen in SCREENS if screen.tick for qid in screen.questions}
    signs = {qid for qid, q in RULES.questions.items() if q.warning_sign}
    assert "eases_with_movement" not in ticked and not ticked & signs


def test_plain_form_has_every_question_once_in_screen_order(client):
    html = client.get("/vi/checklist").get_data(as_text=True)
    ids = re.findall(r'data-question="([a-z_0-9]+)"', html)
    assert ids == [qid for screen in SCREENS for qid in screen.questions]
    for screen in SCREENS:
        for qid in screen.questions:
            kind = "checkbox" if screen.tick else "radio"
            for value in ["yes"] if screen.tick else RULES.questions[qid].values:
                assert f'<input type="{kind}" name="{qid}" value="{value}"' in html, (qid, value)
    assert html.count('data-action="next"') == 1
    # served as the stepper's first screen: the others are hidden until the stepper or nojs.css shows them
    assert html.count('class="screen later"') == len(SCREENS) - 1
    assert "css/nojs.css" in html and "<noscript><link" in html


def test_tick_list_posts_as_yes(client):
    response = client.post("/en/result", data={"fever": "yes", "diabetes": "yes"})
    assert response.status_code == 200
    assert 'data-level="consultation_24"' in response.get_data(as_text=True)
