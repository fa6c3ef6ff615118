"""The adaptive interview (SPEC §6) asks only what can change the level, and always reaches the same level."""

import json
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from server.triage.engine import evaluate, load_rules
from server.triage.interview import interview
from tests.conftest import CASES, examples
from tests.triage.interviews import (
    DOC,
    OLDER,
    RULES,
    SIGNS,
    complete_answers,
    doc_with_table,
    plausible,
    run,
    stopped_by_warning_sign,
)

URGENCY = {level: i for i, level in enumerate(RULES.levels)}


def check_same_level(person: dict[str, str], per_screen: bool = False) -> None:
    result = run(person, per_screen)
    full = evaluate(person, RULES).level
    assert result.last.should_stop, (person, result)
    assert set(result.given.items()) <= set(person.items())
    if stopped_by_warning_sign(result.given):
        # SPEC §6: a "yes" to a warning sign ends the checklist at once, with an emergency; a later answer
        # can only make it more urgent (e.g. a sudden start with face numbness adds the ambulance).
        assert result.level in RULES.emergency_levels
        assert URGENCY[full] <= URGENCY[result.level]
    else:
        assert result.level == full, (person, result)
        assert result.last.level == full


@settings(max_examples=examples(3000), deadline=None)
@given(complete_answers())
def test_the_interview_reaches_the_level_of_all_the_answers(person):
    check_same_level(person)


@settings(max_examples=examples(1000), deadline=None)
@given(complete_answers())
def test_a_screen_at_a_time_too(person):
    check_same_level(person, per_screen=True)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_public_cases(case):
    person = plausible(case["answers"])
    for per_screen in (False, True):
        result = run(person, per_screen)
        assert result.level == evaluate(person).level == case["expected"]["level"]


def completion(answers: dict[str, str], skipped: set[str], rnd: Random) -> dict[str, str]:
    """The answers plus a random answer (or none) to every question neither answered nor skipped."""
    more = {}
    for q, question in RULES.questions.items():
        if q not in answers and q not in skipped:
            value = rnd.choice((None, *question.values))
            more.update({q: value} if value else {})
    return plausible({**answers, **more})


@settings(max_examples=examples(500), deadline=None)
@given(complete_answers(), st.integers(min_value=0, max_value=60), st.randoms(use_true_random=False))
def test_once_it_stops_no_completion_changes_the_level(person, cut, rnd):
    """Soundness: stop the checklist anywhere; if the interview says stop, every way of going on agrees."""
    given_, skipped = {}, set()
    for q in run(person).asked[:cut]:
        given_.update({q: person[q]} if q in person else {})
        skipped.update(() if q in person else (q,))
    state = interview(given_, RULES, skipped)
    if not state.should_stop or stopped_by_warning_sign(given_):
        return
    assert state.next == () and state.level == evaluate(given_).level
    for _ in range(50):
        more = completion(given_, skipped, rnd)
        assert evaluate(more).level == state.level, more


@settings(max_examples=examples(1000), deadline=None)
@given(st.fixed_dictionaries({}, optional={q.id: st.sampled_from(q.values) for q in RULES.questions.values()}),
       st.randoms(use_true_random=False))
def test_a_question_left_out_cannot_change_the_level(answers, rnd):
    """Soundness, question by question: from any answers, change one question not asked next (and any
    others not asked yet): the level stays unless a question in `next` changed too."""
    state = interview(answers, RULES)
    if stopped_by_warning_sign(answers):
        return
    left_out = [q for q in RULES.questions if q not in answers and q not in state.next]
    if not left_out:
        return
    base = completion(answers, set(), rnd)
    q = rnd.choice(left_out)
    if q == "pregnant" and base.get("age_group") in OLDER:
        return
    for value in (None, *RULES.questions[q].values):
        changed = {k: v for k, v in base.items() if k != q} | ({q: value} if value else {})
        assert evaluate(changed).level == evaluate(base).level, (q, value, base)


def test_warning_signs_come_first_and_a_yes_stops():
    assert interview({}).next[: len(SIGNS)] == SIGNS
    for sign in SIGNS:
        state = interview({sign: "yes"})
        assert state.should_stop and state.next == ()


def test_an_explicit_no_is_an_unticked_box():
    # A tick list sends "no" for what was not ticked; the interview treats it as any other answer.
    nos = dict.fromkeys(SIGNS, "no")
    state = interview(nos)
    assert "onset" in state.next
    assert interview({**nos, "onset": "gradual"}).next != state.next


@pytest.mark.parametrize("age, asked", [("under_18", True), ("18_49", True), ("50_64", False), ("65_plus", False)])
def test_pregnant_is_asked_only_under_50(age, asked):
    answers = {**dict.fromkeys(SIGNS, "no"), "age_group": age}
    assert ("pregnant" in interview(answers).next) is asked


def test_age_is_asked_before_pregnant_when_it_decides():
    state = interview(dict.fromkeys(SIGNS, "no"))
    assert state.next.index("age_group") < state.next.index("pregnant")
    assert "pregnant" in interview(dict.fromkeys(SIGNS, "no"), skipped={"age_group"}).next


def test_skipped_questions_are_not_asked_again():
    state = interview({}, skipped={"one_side_weakness"})
    assert "one_side_weakness" not in state.next


def test_the_plan_refuses_an_ask_when_that_reads_a_later_question():
    from server.triage.engine import _build  # noqa: PLC0415  (a rules object made from edited data)

    data = load_rules().data
    data = {**data, "questions": [{**q, "ask_when": {"var": "pregnant"}} if q["id"] == "age_group" else q
                                  for q in data["questions"]]}
    with pytest.raises(ValueError, match="ask_when"):
        interview({}, _build(data))


def test_a_diabetic_with_a_foot_sore_is_asked_far_fewer_questions():
    person = {**dict.fromkeys(SIGNS, "no"), "onset": "gradual", "duration": "months", "foot_wound": "yes",
              "diabetes": "yes", "age_group": "65_plus"}
    result = run(person)
    assert result.level == evaluate(person).level
    assert len(result.asked) <= len(RULES.questions) - 15 and "pregnant" not in result.asked


def test_the_docs_table_of_questions_asked_is_current():
    text = DOC.read_text(encoding="utf-8")
    assert text == doc_with_table(text), "run .venv/bin/python -m tests.triage.interviews"


@settings(max_examples=examples(1000), deadline=None)
@given(st.fixed_dictionaries({}, optional={q.id: st.sampled_from(q.values) for q in RULES.questions.values()}),
       st.lists(st.sampled_from(list(RULES.questions)), max_size=8, unique=True))
def test_next_holds_only_open_questions_in_checklist_order(answers, skipped):
    state = interview(answers, RULES, skipped)
    order = [q for _, qs in RULES.steps for q in qs]
    assert list(state.next) == [q for q in order if q in state.next]
    assert not set(state.next) & (set(answers) | set(skipped))
    assert not (state.should_stop and state.next)
    assert (state.level is not None) <= state.should_stop


def test_a_derived_shorthand_reading_one_defined_after_it_is_refused(tmp_path):
    """The engine works the shorthands out in order and the interview when first read: the same only while none
    reads a later one, so such a rules file is refused rather than asked differently."""
    data = json.loads(json.dumps(load_rules().data))
    first, last = data["derived"][0], data["derived"][-1]
    first["when"] = {"or": [first["when"], {"var": "_" + last["id"]}]}
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=f"derived '{first['id']}' may only read"):
        interview({}, load_rules(path))


OPAQUE_AND_PLAIN = [  # operators partial.py models, and ones it leaves to the library once every name is known
    {"==": [{"var": "onset"}, "sudden"]}, {"!": {"var": "_sudden"}},
    {"cat": [{"var": "onset"}, {"var": "_sudden"}]}, {"var": "onset.x"}, {"var": {"cat": ["on", "set"]}},
    {"some": [[{"var": "duration"}], {"==": [{"var": ""}, "hours"]}]},
]


@settings(max_examples=150, deadline=None)
@given(st.fixed_dictionaries({}, optional={q: st.sampled_from([*RULES.questions[q].values, None])
                                           for q in RULES.questions}))
def test_the_lazy_abstract_answers_read_as_the_whole_ones(answers):
    """A memo miss works out only the abstract answers its condition reads; whatever reads them whole (operators
    partial.py leaves to the library) still sees every one, so any condition gives what the full set gives."""
    from server.triage.interview import OPEN, _Env, _plan
    from server.triage.partial import compile_partial
    plan = _plan(RULES)
    states = [OPEN if qid not in answers else answers[qid] for qid in plan.order]
    whole = dict(_Env(plan, states).items())
    assert set(whole) == set(plan.order) | set(plan.derived)
    for logic in OPAQUE_AND_PLAIN:
        run = compile_partial({"!!": [logic]})
        assert run(_Env(plan, states)) == run(whole), logic
