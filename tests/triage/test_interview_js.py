"""The JavaScript interview (pwa/js/interview.js under Node) asks the same questions in the same order as Python."""

import dataclasses
import json
import subprocess

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.triage.interview import interview
from server.triage.partial import PLAIN
from tests.conftest import CASES, examples
from tests.triage.interviews import RULES, complete_answers, plausible, run
from tests.triage.test_js_parity import ROOT, node, run_classic_scripts

CLI = ROOT / "tests" / "js" / "interview_cli.js"
BATCH = 100
QUESTIONS = list(RULES.questions)


def run_js(states: list[tuple[dict[str, str], list[str]]]) -> list[dict]:
    data = json.dumps([{"answers": answers, "skipped": skipped} for answers, skipped in states])
    out = subprocess.run([node(), str(CLI)], input=data, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def python(answers: dict[str, str], skipped: list[str]) -> dict:
    return json.loads(json.dumps(dataclasses.asdict(interview(answers, RULES, skipped))))


def check(states: list[tuple[dict[str, str], list[str]]]) -> None:
    for (answers, skipped), js in zip(states, run_js(states), strict=True):
        assert js == python(answers, skipped), (answers, skipped)


def prefixes(person: dict[str, str]) -> list[tuple[dict[str, str], list[str]]]:
    """Every state the checklist passes through for this person, as (answers so far, skipped so far)."""
    states: list[tuple[dict[str, str], list[str]]] = [({}, [])]
    for q in run(person).asked:
        answers, skipped = states[-1]
        states.append(({**answers, q: person[q]}, skipped) if q in person else (answers, [*skipped, q]))
    return states


any_answers = st.fixed_dictionaries({}, optional={q.id: st.sampled_from(q.values) for q in RULES.questions.values()})
any_state = st.tuples(any_answers, st.lists(st.sampled_from(QUESTIONS), max_size=8, unique=True))


@settings(max_examples=examples(20), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(any_state, min_size=BATCH, max_size=BATCH))
def test_same_questions_for_any_answers(batch):
    check(batch)


@settings(max_examples=examples(15), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(complete_answers(), min_size=10, max_size=10))
def test_same_questions_all_along_a_checklist(people):
    # 10 people per node run (15 runs, 5 in make test-fast), every state each one's checklist passes through.
    check([state for person in people for state in prefixes(person)])


def test_same_questions_for_the_public_cases():
    check([state for case in CASES for state in prefixes(plausible(case["answers"]))])


def test_the_same_operators_are_modelled():
    out = subprocess.run([node(), "-e", "console.log(JSON.stringify(require('./pwa/js/interview.js').PLAIN))"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert sorted(json.loads(out.stdout)) == sorted(PLAIN)


def test_classic_script_sets_self_interview():
    result = run_classic_scripts(["pwa/vendor/json-logic.js", "pwa/js/interview.js"],
                                 'self.Interview.next({face_drooping: "yes"}, rules)')
    assert result == {"should_stop": True, "next": [], "level": "emergency_ambulance"}
