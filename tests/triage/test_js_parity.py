"""The offline evaluator (pwa/js/triage.js under Node) gives exactly the server engine's results."""

import dataclasses
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.triage.engine import evaluate, load_rules
from tests.conftest import CASES, examples

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "tests" / "js" / "engine_cli.js"
RULES = load_rules()
SIGNS = RULES.steps[0][1]
URGENT_ENOUGH = RULES.levels[: RULES.levels.index("consultation_24") + 1]


def answer_sets() -> st.SearchStrategy[dict[str, str]]:
    """Any subset of the questions, each with any of its allowed values."""
    return st.fixed_dictionaries({}, optional={q.id: st.sampled_from(q.values) for q in RULES.questions.values()})


def node() -> str:
    path = shutil.which("node")
    if path is None:
        pytest.fail("node is needed to test the offline evaluator (pwa/js/triage.js)")
    return path


def run_js(inputs: list[dict[str, str]]) -> list[dict]:
    out = subprocess.run([node(), str(CLI)], input=json.dumps(inputs), capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def python_result(answers: dict[str, str]) -> dict:
    """The engine's Result in the JSON shape the JavaScript twin returns."""
    return json.loads(json.dumps(dataclasses.asdict(evaluate(answers))))


@pytest.fixture(scope="module")
def js_cases() -> dict[str, dict]:
    return dict(zip([c["id"] for c in CASES], run_js([c["answers"] for c in CASES]), strict=True))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_public_case_offline(case, js_cases):
    result = js_cases[case["id"]]
    expected = case["expected"]
    assert result["level"] == expected["level"]
    assert set(expected["reasons_include"]) <= set(result["reasons"])
    assert set(expected["causes_include"]) <= {c["id"] for c in result["causes"]}
    assert result == python_result(case["answers"])


def run_classic_scripts(files: list[str], expression: str):
    """Load `files` as a service worker's importScripts() (or <script> tags) would, with no module and no
    require, then print `expression` (which may use `self` and `rules`) as JSON and return it parsed."""
    script = f"""
        const fs = require("fs"), vm = require("vm");
        const scope = vm.createContext({{}});
        vm.runInContext("var self = this;", scope);
        for (const file of {json.dumps(files)}) {{
          vm.runInContext(fs.readFileSync(file, "utf8"), scope, {{filename: file}});
        }}
        const self = scope.self, rules = JSON.parse(fs.readFileSync("server/triage/rules.json", "utf8"));
        console.log(JSON.stringify({expression}));
    """
    out = subprocess.run([node(), "-e", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_classic_scripts_set_self_triage():
    result = run_classic_scripts(["pwa/vendor/json-logic.js", "pwa/js/triage.js"],
                                 'self.Triage.evaluate({face_drooping: "yes"}, rules)')
    assert result == python_result({"face_drooping": "yes"})


BATCH = 100


@settings(max_examples=examples(30), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(answer_sets(), min_size=BATCH, max_size=BATCH))
def test_python_and_javascript_agree(batch):
    # 30 batches of 100 answer sets: ~3000 comparisons, one node process per batch (a third in make test-fast).
    for answers, js in zip(batch, run_js(batch), strict=True):
        assert js == python_result(answers), answers


@settings(max_examples=examples(2000), deadline=None)
@given(answer_sets(), st.sampled_from(SIGNS))
def test_any_warning_sign_yes_is_an_emergency(answers, sign):
    assert evaluate({**answers, sign: "yes"}).level in RULES.emergency_levels


@settings(max_examples=examples(2000), deadline=None)
@given(answer_sets(), st.sampled_from(SIGNS))
def test_an_unsure_warning_sign_is_never_below_consultation_24(answers, sign):
    result = evaluate({**answers, sign: "unsure"})
    assert result.level in URGENT_ENOUGH
    assert sign in result.check_again


def risky_answer_sets() -> st.SearchStrategy[dict[str, str]]:
    """Answer sets weighted towards what 2026.12 changed: unsure warning signs, sudden starts, leg swelling."""
    leaning = {q: st.sampled_from(("unsure", "no", "yes", "unsure")) for q in SIGNS}
    leaning |= {"onset": st.sampled_from(("sudden", "sudden", "gradual")),
                "leg_swelling": st.sampled_from(("yes", "no"))}
    return st.builds(lambda base, extra: {**base, **extra}, answer_sets(),
                     st.fixed_dictionaries({}, optional=leaning))


@settings(max_examples=examples(10), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(risky_answer_sets(), min_size=BATCH, max_size=BATCH))
def test_python_and_javascript_agree_on_unsure_signs_and_leg_swelling(batch):
    for answers, js in zip(batch, run_js(batch), strict=True):
        assert js == python_result(answers), answers
