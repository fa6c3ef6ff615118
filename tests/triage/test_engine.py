"""The triage engine on its own (no app): public cases, every SPEC rule, causes, advice and the SPEC tables."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from json_logic import jsonLogic

from server.triage.engine import CauseMatch, Result, evaluate, load_rules
from server.triage.jsonlogic import compile_logic, compile_truths
from tests.conftest import CASES, SHARED

ROOT = Path(__file__).resolve().parents[2]
SPEC = (SHARED / "triage" / "SPEC.md").read_text(encoding="utf-8")
RULES = load_rules()
EMERGENCIES = ("emergency_ambulance", "emergency")
YNU = ("yes", "no", "unsure")

# CONTRACTS.md, "advice ids": advice given for each listed cause, in the fixed advice order.
ADVICE_ORDER = ("stand_up_move", "change_posture", "avoid_cramped_positions", "keep_warm", "rest_muscle",
                "cold_compress", "burn_warning", "safety_net")
ADVICE_CAUSES = {
    "stand_up_move": {"posture"},
    "avoid_cramped_positions": {"posture"},
    "change_posture": {"posture", "sciatica", "piriformis_syndrome", "herniated_disc"},
    "keep_warm": {"cold_weather", "raynaud_phenomenon"},
    "rest_muscle": {"muscle_strain"},
    "cold_compress": {"muscle_strain", "trauma"},
}


def answer_sets() -> st.SearchStrategy[dict[str, str]]:
    """Any subset of the questions, each with any of its allowed values."""
    return st.fixed_dictionaries({}, optional={q.id: st.sampled_from(q.values) for q in RULES.questions.values()})


def fired_rules(answers: dict[str, str]) -> list[str]:
    """Oracle: every non-fallback rule of rules.json that fires, straight through the JsonLogic library."""
    data = dict(answers)
    for derived in RULES.data["derived"]:
        data["_" + derived["id"]] = bool(jsonLogic(derived["when"], data))
    return [r["id"] for r in RULES.data["rules"] if not r.get("fallback") and jsonLogic(r["when"], data)]


RULE_LEVEL = {r["id"]: r["level"] for r in RULES.data["rules"]}


# --- the public cases -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_public_case(case):
    result = evaluate(case["answers"])
    expected = case["expected"]
    assert result.level == expected["level"]
    assert set(expected["reasons_include"]) <= set(result.reasons)
    assert set(expected["causes_include"]) <= {c.id for c in result.causes}


def test_cases_are_for_this_rules_version():
    assert json.loads((SHARED / "triage" / "cases.json").read_text(encoding="utf-8"))["rules_version"] == RULES.version


# --- every rule of SPEC §3 --------------------------------------------------------------------------------------

RULE_EXAMPLES = [
    ("stroke_signs", {"one_side_weakness": "yes"}),
    ("stroke_signs", {"face_drooping": "yes"}),
    ("stroke_signs", {"speech_trouble": "yes"}),
    ("stroke_signs", {"vision_loss": "yes"}),
    ("stroke_signs", {"balance_loss": "yes"}),
    ("stroke_signs", {"thunderclap_headache": "yes"}),
    ("stroke_signs", {"onset": "sudden", "face_numbness": "yes"}),
    ("stroke_signs", {"onset": "sudden", "dizziness_headache_nausea": "yes"}),
    ("limb_ischaemia", {"cold_pale_leg": "yes"}),
    ("limb_ischaemia", {"onset": "sudden", "color_change": "yes"}),
    ("limb_ischaemia", {"onset": "sudden", "color_change": "yes", "trigger_cold": "yes"}),
    ("stroke_signs_unsure", {"onset": "sudden", "one_side_weakness": "unsure"}),
    ("stroke_signs_unsure", {"onset": "sudden", "balance_loss": "unsure"}),
    ("stroke_signs_unsure", {"onset": "sudden", "thunderclap_headache": "unsure"}),
    ("breathing_difficulty", {"breathing_swallowing": "yes"}),
    ("serious_injury", {"serious_injury": "yes"}),
    ("cauda_equina", {"saddle_numbness": "yes"}),
    ("cauda_equina", {"bladder_bowel": "yes"}),
    ("cauda_equina", {"both_legs_weak": "yes"}),
    ("cauda_equina", {"back_pain_radiating": "yes", "sides": "both"}),
    ("cauda_equina", {"back_pain_radiating": "yes", "sides": "both", "duration": "weeks"}),
    ("ascending_weakness", {"rising_numbness": "yes"}),
    ("ascending_weakness", {"sides": "both", "other_areas": "yes", "spreading_up": "yes", "duration": "hours"}),
    ("ascending_weakness", {"sides": "both", "other_areas": "yes", "spreading_up": "yes", "duration": "days"}),
    ("cord_compression", {"cancer_history": "yes"}),
    ("cord_compression", {"cancer_history": "yes", "trigger_posture": "yes", "eases_with_movement": "no"}),
    ("diabetic_foot_emergency", {"diabetes": "yes", "foot_wound": "yes", "fever": "yes"}),
    ("diabetic_foot_emergency", {"diabetes": "yes", "foot_wound": "yes", "color_change": "yes"}),
    ("spinal_infection", {"fever": "yes", "back_pain_radiating": "yes", "one_leg_weak": "yes"}),
    ("spinal_infection", {"fever": "yes", "back_pain_radiating": "yes", "foot_drop": "yes"}),
    ("pregnancy_vision", {"pregnant": "yes", "dizziness_headache_nausea": "yes", "vision_loss": "unsure"}),
    ("pregnancy_vision", {"pregnant": "yes", "dizziness_headache_nausea": "yes", "thunderclap_headache": "unsure"}),
    ("pregnancy_warning", {"pregnant": "yes", "dizziness_headache_nausea": "yes"}),
    ("new_weakness", {"one_leg_weak": "yes"}),
    ("new_weakness", {"foot_drop": "yes"}),
    ("spreading", {"spreading_up": "yes"}),
    ("spreading", {"face_numbness": "yes", "onset": "gradual"}),
    ("infection_signs", {"fever": "yes"}),
    ("cancer_signs", {"weight_loss_night_pain": "yes"}),
    ("foot_wound", {"foot_wound": "yes"}),
    ("color_change", {"color_change": "yes", "onset": "gradual"}),
    ("color_change", {"color_change": "yes", "trigger_cold": "yes", "eases_with_movement": "no"}),
    ("possible_dvt", {"leg_swelling": "yes"}),
    ("sudden_unexplained", {"onset": "sudden"}),
    ("sudden_unexplained", {"onset": "sudden", "trigger_posture": "yes", "eases_with_movement": "no"}),
    ("unsure_warning_sign", {"serious_injury": "unsure"}),
    ("persistent", {"duration": "days", "pattern": "constant"}),
    ("persistent", {"duration": "months", "pattern": "constant"}),
    ("persistent", {"eases_with_movement": "no"}),
    ("recurring", {"pattern": "comes_and_goes", "duration": "weeks"}),
    ("recurring", {"pattern": "comes_and_goes", "duration": "months", "trigger_cold": "no"}),
    ("sensory_loss", {"loss_of_feeling": "yes"}),
    ("chronic_pain", {"duration": "months", "back_pain_radiating": "yes"}),
    ("chronic_pain", {"duration": "months", "buttock_pain_sitting": "yes"}),
    ("chronic_pain", {"duration": "months", "leg_pain": "yes"}),
    ("chronic_pain", {"duration": "months", "muscle_spasm": "yes"}),
    ("claudication", {"walking_leg_pain": "yes"}),
    ("cold_colour_change", {"color_change": "yes", "trigger_cold": "yes", "eases_with_movement": "yes"}),
    ("systemic_symptoms", {"dizziness_headache_nausea": "yes"}),
    ("systemic_symptoms", {"fatigue_low_mood": "yes"}),
    ("systemic_symptoms", {"dry_skin_brittle_hair": "yes"}),
    ("systemic_symptoms", {"joint_pain_rash": "yes"}),
    ("systemic_symptoms", {"other_areas": "yes"}),
    ("risk_condition", {"pregnant": "yes"}),
    ("risk_condition", {"diabetes": "yes"}),
    ("risk_condition", {"autoimmune": "yes"}),
    ("older_back_pain", {"age_group": "50_64", "back_pain_radiating": "yes"}),
    ("older_back_pain", {"age_group": "65_plus", "buttock_pain_sitting": "yes"}),
    ("young_back_pain", {"age_group": "under_18", "back_pain_radiating": "yes"}),
    ("young_back_pain", {"age_group": "under_18", "buttock_pain_sitting": "yes", "trigger_posture": "yes"}),
    ("both_sides", {"sides": "both"}),
    ("leg_pain", {"leg_pain": "yes"}),
    ("positional", {"trigger_posture": "yes", "eases_with_movement": "yes"}),
    ("positional", {"trigger_cold": "yes", "eases_with_movement": "yes"}),
    ("mild_sciatica", {"back_pain_radiating": "yes"}),
    ("mild_sciatica", {"buttock_pain_sitting": "yes", "duration": "weeks"}),
    ("muscle_strain", {"muscle_spasm": "yes"}),
    ("unexplained", {}),
    ("unexplained", {"onset": "gradual", "duration": "hours", "sides": "one", "pattern": "comes_and_goes"}),
]


def test_every_rule_has_an_example():
    assert {rule for rule, _ in RULE_EXAMPLES} == set(RULES.rule_ids)


@pytest.mark.parametrize(("rule", "answers"), RULE_EXAMPLES, ids=[f"{r}-{i}" for i, (r, _) in enumerate(RULE_EXAMPLES)])
def test_rule_fires(rule, answers):
    result = evaluate(answers)
    assert result.level == RULE_LEVEL[rule]
    assert rule in result.reasons


@pytest.mark.parametrize(("rule", "answers"), [
    ("stroke_signs", {"onset": "gradual", "dizziness_headache_nausea": "yes"}),
    ("limb_ischaemia", {"onset": "gradual", "color_change": "yes"}),
    ("cauda_equina", {"back_pain_radiating": "yes", "sides": "one"}),
    ("cauda_equina", {"buttock_pain_sitting": "yes", "sides": "both"}),
    ("cauda_equina", {"back_pain_radiating": "yes", "sides": "both", "duration": "months"}),
    ("stroke_signs_unsure", {"onset": "gradual", "one_side_weakness": "unsure"}),
    ("stroke_signs_unsure", {"onset": "sudden", "cold_pale_leg": "unsure"}),
    ("limb_ischaemia", {"onset": "sudden", "color_change": "yes", "trigger_cold": "yes", "eases_with_movement": "yes"}),
    ("ascending_weakness", {"sides": "both", "other_areas": "yes", "spreading_up": "yes", "duration": "weeks"}),
    ("ascending_weakness", {"sides": "one", "other_areas": "yes", "spreading_up": "yes", "duration": "days"}),
    ("spinal_infection", {"fever": "yes", "back_pain_radiating": "yes"}),
    ("spinal_infection", {"back_pain_radiating": "yes", "one_leg_weak": "yes"}),
    ("pregnancy_vision", {"pregnant": "yes", "dizziness_headache_nausea": "yes", "vision_loss": "no"}),
    ("pregnancy_vision", {"pregnant": "no", "dizziness_headache_nausea": "yes", "vision_loss": "unsure"}),
    ("color_change", {"color_change": "yes", "trigger_cold": "yes", "eases_with_movement": "yes"}),
    ("possible_dvt", {"leg_swelling": "unsure"}),
    ("sudden_unexplained", {"onset": "sudden", "trigger_cold": "yes", "eases_with_movement": "yes"}),
    ("sudden_unexplained", {"onset": "sudden", "back_pain_radiating": "yes"}),
    ("sudden_unexplained", {"onset": "sudden", "muscle_spasm": "yes"}),
    ("cold_colour_change", {"color_change": "yes", "trigger_cold": "yes", "eases_with_movement": "no"}),
    ("risk_condition", {"pregnant": "yes", "trigger_posture": "yes", "eases_with_movement": "yes"}),
    ("young_back_pain", {"age_group": "18_49", "back_pain_radiating": "yes"}),
    ("young_back_pain", {"age_group": "under_18", "back_pain_radiating": "yes", "trigger_posture": "yes",
                         "eases_with_movement": "yes"}),
    ("cord_compression", {"cancer_history": "yes", "trigger_posture": "yes", "eases_with_movement": "yes"}),
    ("cord_compression", {"cancer_history": "no"}),
    ("diabetic_foot_emergency", {"diabetes": "yes", "foot_wound": "yes"}),
    ("pregnancy_warning", {"pregnant": "yes", "dizziness_headache_nausea": "unsure"}),
    ("persistent", {"duration": "weeks", "pattern": "constant", "back_pain_radiating": "yes"}),
    ("persistent", {"eases_with_movement": "no", "muscle_spasm": "yes"}),
    ("persistent", {"duration": "hours", "pattern": "constant"}),
    ("persistent", {"eases_with_movement": "unsure"}),
    ("recurring", {"pattern": "comes_and_goes", "duration": "days"}),
    ("recurring", {"pattern": "comes_and_goes", "duration": "weeks", "trigger_posture": "yes"}),
    ("chronic_pain", {"duration": "weeks", "leg_pain": "yes"}),
    ("older_back_pain", {"age_group": "18_49", "back_pain_radiating": "yes"}),
    ("both_sides", {"sides": "both", "trigger_cold": "yes"}),
    ("leg_pain", {"leg_pain": "yes", "back_pain_radiating": "yes"}),
    ("leg_pain", {"leg_pain": "yes", "muscle_spasm": "yes"}),
    ("positional", {"trigger_posture": "yes", "eases_with_movement": "no"}),
    ("mild_sciatica", {"back_pain_radiating": "yes", "duration": "months"}),
    ("muscle_strain", {"muscle_spasm": "yes", "duration": "months"}),
    ("unexplained", {"leg_pain": "yes"}),
])
def test_rule_does_not_fire(rule, answers):
    assert rule not in fired_rules(answers)
    assert rule not in evaluate(answers).reasons


@pytest.mark.parametrize("sign", RULES.steps[0][1])
def test_each_unsure_warning_sign_is_checked_again(sign):
    result = evaluate({sign: "unsure", "leg_pain": "yes"})
    assert result.level == "consultation_24"
    assert result.reasons == ("unsure_warning_sign",)
    assert result.check_again == (sign,)


@pytest.mark.parametrize("sign", RULES.steps[0][1])
def test_each_warning_sign_is_an_emergency(sign):
    assert evaluate({sign: "yes"}).level in EMERGENCIES


@settings(max_examples=500, deadline=None)
@given(answer_sets(), st.sampled_from(RULES.warning_signs))
def test_a_yes_to_any_warning_sign_gives_an_emergency_level_whatever_else_is_answered(answers, sign):
    assert evaluate({**answers, sign: "yes"}).level in EMERGENCIES


STROKE_SIGNS = ("one_side_weakness", "face_drooping", "speech_trouble", "vision_loss", "balance_loss",
                "thunderclap_headache")


@settings(max_examples=500, deadline=None)
@given(answer_sets(), st.sampled_from(STROKE_SIGNS))
def test_an_unsure_stroke_sign_with_a_sudden_start_calls_an_ambulance(answers, sign):
    result = evaluate({**answers, sign: "unsure", "onset": "sudden"})
    assert result.level == "emergency_ambulance"
    assert sign in result.check_again


def test_most_urgent_level_wins_and_reasons_are_that_levels_rules_only():
    result = evaluate({"face_drooping": "yes", "saddle_numbness": "yes", "fever": "yes", "muscle_spasm": "yes",
                       "bladder_bowel": "unsure", "speech_trouble": "yes"})
    assert result.level == "emergency_ambulance"
    assert result.reasons == ("stroke_signs",)
    assert result.check_again == ("bladder_bowel",)
    assert evaluate({"fever": "yes", "muscle_spasm": "yes", "sides": "both"}).reasons == ("infection_signs",)


def test_reasons_follow_the_spec_table_order():
    result = evaluate({"color_change": "yes", "fever": "yes", "foot_drop": "yes", "speech_trouble": "unsure"})
    assert result.reasons == ("new_weakness", "infection_signs", "color_change", "unsure_warning_sign")


@settings(max_examples=600, deadline=None)
@given(answer_sets())
def test_level_and_reasons_follow_from_the_fired_rules(answers):
    fired = fired_rules(answers)
    result = evaluate(answers)
    if not fired:
        assert (result.level, result.reasons) == ("consultation", ("unexplained",))
        return
    level = min((RULE_LEVEL[r] for r in fired), key=RULES.levels.index)
    assert result.level == level
    assert result.reasons == tuple(r for r in fired if RULE_LEVEL[r] == level)
    assert "unexplained" not in result.reasons
    signs = RULES.steps[0][1]
    assert result.check_again == tuple(q for q in signs if answers.get(q) == "unsure")


@settings(max_examples=300, deadline=None)
@given(answer_sets())
def test_compiled_logic_agrees_with_the_json_logic_library(answers):
    data = dict(answers)
    for derived in RULES.data["derived"]:
        data["_" + derived["id"]] = bool(jsonLogic(derived["when"], data))
    for rule in RULES.data["rules"]:
        if not rule.get("fallback"):
            assert compile_logic(rule["when"])(data) == jsonLogic(rule["when"], data), rule["id"]


ODD_VALUES = st.sampled_from([None, True, False, 0, 1, 2.5, "", "0", "yes", "no", "unsure", "sudden", [], ["yes"],
                               [1, 2], {}])
NAMES = sorted({*RULES.questions, *("_" + d["id"] for d in RULES.data["derived"]), "x"})


def same_outcome(run, *args):
    try:
        return "value", run(*args)
    except Exception as error:  # the library raises TypeError on some mixes of types: the compiled code must too
        return "raises", type(error)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(NAMES), ODD_VALUES))
def test_compiled_logic_agrees_with_the_library_on_any_values(data):
    """Not only answers: values of every JSON type, where the written-out `==`, `in`, `!` and the `and`/`or` over
    values that are not bools must still do what the library does, or raise as it does."""
    for logic in [r["when"] for r in RULES.data["rules"] + RULES.data["derived"] if "when" in r] + [
            {"and": [{"var": "x"}, {"var": "onset"}]}, {"or": [{"var": "x"}, {"==": [{"var": "x"}, "yes"]}]},
            {"and": []}, {"!": [{"var": "x"}]}, {"!!": {"var": "x"}}, {"in": [{"var": "x"}, [{"var": "onset"}, "a"]]},
            {"==": [{"var": "x"}, "1"]}, {"==": [{"var": "x"}, 1]}, {"!=": [{"var": "x"}, "yes"]}]:
        assert same_outcome(compile_logic(logic), data) == same_outcome(jsonLogic, logic, data), logic


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(NAMES), ODD_VALUES))
def test_the_rules_compiled_together_agree_with_each_rule_compiled_alone(data):
    """compile_truths (one function per level, one for the derived shorthands) gives the rules that each
    compile_logic({"!!": [logic]}) finds true, in order, on any values, and stores the shorthands as it goes."""
    derived = [("_" + d["id"], d["when"]) for d in RULES.data["derived"]]
    together, alone = dict(data), dict(data)
    assert same_outcome(compile_truths(derived, assign=True), together) == same_outcome(
        lambda: [name for name, logic in derived if alone.__setitem__(name, compile_logic({"!!": [logic]})(alone))
                 or alone[name]])
    assert together == alone
    rules = [(r["id"], r["when"]) for r in RULES.data["rules"] if not r.get("fallback")]
    assert same_outcome(compile_truths(rules), together) == same_outcome(
        lambda: [name for name, logic in rules if compile_logic({"!!": [logic]})(together)])


def test_rules_compiled_together_are_python_source_or_else_one_by_one():
    truths = compile_truths([("a", {"==": [{"var": "onset"}, "sudden"]}), ("b", {"!": {"var": "a"}})], assign=True)
    assert "true.append(" in truths.source and "data.get(" in truths.source
    data = {"onset": "sudden"}
    assert truths(data) == ["a"] and data == {"onset": "sudden", "a": True, "b": False}
    deep = {"!": {"var": "x"}}
    for _ in range(399):  # deeper than Python's parser takes: each condition on its own, same answer
        deep = {"!": [deep]}
    assert jsonLogic(deep, {"x": 1}) is True  # 400 negations of a true value
    for assign in (False, True):
        data = {"x": 1}
        assert compile_truths([("deep", deep), ("no", {"var": "y"})], assign=assign)(data) == ["deep"]
        assert data == ({"x": 1, "deep": True, "no": False} if assign else {"x": 1})


def test_compiled_logic_is_python_source():
    compiled = compile_logic({"and": [{"==": [{"var": "onset"}, "sudden"]}, {"!": {"var": "_chronic"}}]})
    assert "data.get(" in compiled.source and " and " in compiled.source
    deep = {"!": {"!": {"!": {"var": "x"}}}}
    for _ in range(400):  # deeper than Python's parser takes: left to the library, same answer
        deep = {"!": [deep]}
    assert compile_logic(deep)({"x": 1}) == jsonLogic(deep, {"x": 1})


def test_compiled_logic_leaves_other_operators_to_the_library():
    logic = {"if": [{"some": [{"var": "xs"}, {"==": [{"var": ""}, 2]}]}, {"cat": ["a", {"var": "y.z"}]}, "none"]}
    for data in ({"xs": [1, 2], "y": {"z": "!"}}, {"xs": [1]}, {}):
        assert compile_logic(logic)(data) == jsonLogic(logic, data)


# --- causes -----------------------------------------------------------------------------------------------------

def all_cause_scores(answers: dict[str, str]) -> list[tuple[str, int, int]]:
    """Oracle: (id, key findings present, score) for every cause, straight from rules.json."""
    def present(findings):
        return sum(answers.get(f.partition("=")[0]) == (f.partition("=")[2] or "yes") for f in findings)

    w = RULES.data["cause_weights"]
    return [(c["id"], present(c["key_findings"]),
             present(c["key_findings"]) * w["key_findings"] + present(c["risk_factors"]) * w["risk_factors"])
            for c in RULES.data["causes"]]


def named_causes(reasons: tuple[str, ...]) -> set[str]:
    return {c["id"] for c in RULES.data["causes"] if set(c["rules"]) & set(reasons)}


@settings(max_examples=500, deadline=None)
@given(answer_sets())
def test_causes_named_by_the_reasons_come_first_then_the_top_ones_with_a_key_finding(answers):
    result = evaluate(answers)
    named = named_causes(result.reasons)
    candidates = [(cid, score) for cid, keys, score in all_cause_scores(answers) if keys or cid in named]
    # stable sorts: ties keep the table order
    expected = sorted(sorted(candidates, key=lambda c: -c[1]), key=lambda c: c[0] not in named)[:3]
    assert [(c.id, c.score) for c in result.causes] == expected


@settings(max_examples=500, deadline=None)
@given(answer_sets())
def test_a_cause_named_by_a_reason_is_always_listed_first(answers):
    result = evaluate(answers)
    named = named_causes(result.reasons)
    if named:
        assert result.causes[0].id in named
        listed = [c.id in named for c in result.causes]
        assert listed == sorted(listed, reverse=True)  # no unnamed cause before a named one


def test_cause_ties_keep_the_table_order_and_at_most_three_are_listed():
    result = evaluate({"back_pain_radiating": "yes", "leg_pain": "yes", "walking_leg_pain": "yes",
                       "muscle_spasm": "yes", "trigger_posture": "yes", "sitting_work": "yes"})
    # claudication (a reason at the consultation level) names spinal stenosis and peripheral artery disease
    assert [(c.id, c.score) for c in result.causes] == [
        ("spinal_stenosis", 3), ("peripheral_artery_disease", 2), ("sciatica", 5)]
    tie = evaluate({"back_pain_radiating": "yes"})
    assert [c.id for c in tie.causes] == ["herniated_disc", "sciatica"]
    assert tie.causes[0] == CauseMatch("herniated_disc", "musculoskeletal", 2)


def test_causes_without_key_findings_are_listed_only_when_a_reason_names_them():
    fever_back = {"fever": "yes", "back_pain_radiating": "yes", "diabetes": "yes"}
    assert "spinal_infection" not in [c.id for c in evaluate(fever_back).causes]
    result = evaluate({**fever_back, "foot_drop": "yes"})
    assert result.reasons == ("spinal_infection",)
    assert result.causes[0] == CauseMatch("spinal_infection", "medical", 3)
    cold = evaluate({"color_change": "yes", "trigger_cold": "yes", "eases_with_movement": "yes"})
    assert cold.level == "consultation"
    assert [c.id for c in cold.causes][:1] == ["raynaud_phenomenon"]
    assert "keep_warm" in cold.advice


def test_risk_factors_alone_list_no_cause():
    assert evaluate({"heart_risk": "yes", "age_group": "65_plus", "sitting_work": "yes", "sides": "both",
                     "heavy_lifting": "yes", "eases_with_movement": "yes"}).causes == ()


def test_value_findings_count_only_for_that_value():
    assert evaluate({"trigger_cold": "yes", "age_group": "65_plus"}).causes[0].score == 3
    assert evaluate({"trigger_cold": "yes", "age_group": "50_64"}).causes[0].score == 2
    assert evaluate({"trigger_cold": "unsure"}).causes == ()


# --- advice -----------------------------------------------------------------------------------------------------

def expected_advice(result: Result) -> tuple[str, ...]:
    if result.level in EMERGENCIES:
        return ()
    listed = {c.id for c in result.causes}
    given = {a for a, causes in ADVICE_CAUSES.items() if causes & listed}
    if given & {"cold_compress", "keep_warm"}:
        given.add("burn_warning")
    if result.level == "self_care":
        given.add("safety_net")
    return tuple(a for a in ADVICE_ORDER if a in given)


def test_advice_ids_and_order_are_the_contracts():
    assert RULES.advice_ids == ADVICE_ORDER


@settings(max_examples=500, deadline=None)
@given(answer_sets())
def test_advice_follows_the_contract_mapping(answers):
    result = evaluate(answers)
    assert result.advice == expected_advice(result)
    if result.level == "self_care":
        assert "safety_net" in result.advice
    assert ("burn_warning" in result.advice) == bool({"cold_compress", "keep_warm"} & set(result.advice))


@pytest.mark.parametrize(("answers", "level", "advice"), [
    ({"trigger_posture": "yes", "eases_with_movement": "yes"}, "self_care",
     ("stand_up_move", "change_posture", "avoid_cramped_positions", "safety_net")),
    ({"trigger_cold": "yes", "eases_with_movement": "yes"}, "self_care", ("keep_warm", "burn_warning", "safety_net")),
    ({"muscle_spasm": "yes"}, "self_care", ("rest_muscle", "cold_compress", "burn_warning", "safety_net")),
    ({"buttock_pain_sitting": "yes"}, "self_care", ("change_posture", "safety_net")),
    ({"trigger_cold": "yes", "eases_with_movement": "no"}, "consultation", ("keep_warm", "burn_warning")),
    ({"muscle_spasm": "yes", "fever": "yes"}, "consultation_24", ("rest_muscle", "cold_compress", "burn_warning")),
    ({"loss_of_feeling": "yes"}, "consultation", ()),
    ({"muscle_spasm": "yes", "trigger_posture": "yes", "cancer_history": "yes"}, "emergency", ()),
    ({"serious_injury": "yes", "muscle_spasm": "yes"}, "emergency_ambulance", ()),
])
def test_advice_examples(answers, level, advice):
    result = evaluate(answers)
    assert (result.level, result.advice) == (level, advice)


# --- rules.json matches the SPEC tables -------------------------------------------------------------------------

def spec_sections() -> dict[str, str]:
    parts = re.split(r"^#{2,3} (\d+(?:\.\d+)?)\.? .*$", SPEC, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def table(body: str) -> list[list[str]]:
    rows = [line for line in body.splitlines() if line.startswith("|")][2:]
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]


def ticks(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text)


def spec_questions() -> list[tuple[str, str, str, tuple[str, ...], bool]]:
    """(id, step, kind, values, warning_sign) in SPEC order."""
    s = spec_sections()
    yn = ("yes_no_unsure", YNU)
    out = [(ticks(row[0])[0], "warning_signs", *yn, True) for row in table(s["2.1"])]
    for row in table(s["2.2"]):
        kind = yn if row[1].startswith("yes/no") else ("choice", tuple(ticks(row[1])))
        out.append((ticks(row[0])[0], "numbness", *kind, False))
    out += [(q, "symptoms", *yn, False) for q in ticks(s["2.3"])]
    choice, yes_no = s["2.4"].split("Yes/no:")
    age, *ages = ticks(choice)
    out.append((age, "about_you", "choice", tuple(ages), False))
    out += [(q, "about_you", *yn, False) for q in ticks(yes_no)]
    return out


def test_levels_match_the_spec():
    assert RULES.levels == tuple(ticks(row[0])[0] for row in table(spec_sections()["1"]))
    assert RULES.emergency_levels == EMERGENCIES


def test_questions_match_the_spec():
    # SPEC 6: the checklist may reorder after the warning signs; rules.json asks about the person (age) second.
    mine = {q.id: (q.id, q.step, q.kind, q.values, q.warning_sign) for q in RULES.questions.values()}
    spec = spec_questions()
    assert sorted(mine.values()) == sorted(spec)
    for step, questions in RULES.steps:
        assert list(questions) == [q[0] for q in spec if q[1] == step], step
    assert [step for step, _ in RULES.steps] == ["warning_signs", "about_you", "numbness", "symptoms"]
    assert RULES.steps[1][1][0] == "age_group"
    assert [q["id"] for q in RULES.data["questions"]] == [q for _, qs in RULES.steps for q in qs]
    assert {q["id"]: {k: v for k, v in q.items() if k != "ask_when"} for q in RULES.data["questions"]} == {
        i: {"id": i, "step": s, "kind": k, "values": list(v), "warning_sign": w} for i, s, k, v, w in spec}


def test_only_pregnant_has_an_ask_condition_and_it_asks_under_50():
    asked = {q["id"]: q["ask_when"] for q in RULES.data["questions"] if "ask_when" in q}
    assert list(asked) == ["pregnant"]
    for age, asks in [("under_18", True), ("18_49", True), (None, True), ("50_64", False), ("65_plus", False)]:
        assert bool(jsonLogic(asked["pregnant"], {"age_group": age})) is asks, age


def test_rules_match_the_spec_table_in_order():
    spec = [(ticks(row[1])[0], row[0]) for row in table(spec_sections()["3"])]
    assert [(r["id"], r["level"]) for r in RULES.data["rules"]] == spec
    assert RULES.rule_ids == tuple(r for r, _ in spec)
    assert [r["id"] for r in RULES.data["rules"] if r.get("fallback")] == ["unexplained"]


def test_derived_shorthands_match_the_spec():
    assert [d["id"] for d in RULES.data["derived"]] == re.findall(r"`(\w+) = ", spec_sections()["3"])


def test_causes_match_the_spec():
    def findings(cell: str) -> list[str]:
        return [f.strip() for f in cell.split(",") if f.strip()]

    spec = [{"id": ticks(row[0])[0], "group": row[1], "key_findings": findings(row[2]),
             "risk_factors": findings(row[3]), "rules": findings(row[4])} for row in table(spec_sections()["4"])]
    assert RULES.data["causes"] == spec
    assert RULES.cause_ids == tuple(c["id"] for c in spec)


def test_rule_logic_names_only_known_questions_and_values():
    questions = RULES.questions
    derived = {"_" + d["id"] for d in RULES.data["derived"]}

    def walk(node):
        if isinstance(node, dict):
            for op, args in node.items():
                if op == "==":
                    var, value = args
                    assert value in questions[var["var"]].values, node
                if op == "in" and isinstance(args[0], dict):
                    assert set(args[1]) <= set(questions[args[0]["var"]].values), node
                yield from walk(args)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)
        if isinstance(node, dict) and "var" in node:
            yield node["var"]

    exprs = [d["when"] for d in RULES.data["derived"]] + [r["when"] for r in RULES.data["rules"] if "when" in r]
    names = {name for expr in exprs for name in walk(expr)}
    assert names <= set(questions) | derived
    assert RULES.data["version"] == RULES.version == re.search(r"rules version ([\d.]+)", SPEC).group(1) == "2026.12"


# --- purity -----------------------------------------------------------------------------------------------------

def _imports_flask(code: str) -> bool:
    out = subprocess.run([sys.executable, "-c", code + "\nprint('flask' in sys.modules)"], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return out.stdout.strip() == "True"


def test_engine_module_imports_no_flask():
    # The engine's own imports, whatever the `server` package's __init__ does.
    assert not _imports_flask(
        "import sys, types\n"
        "pkg = types.ModuleType('server'); pkg.__path__ = ['server']; sys.modules['server'] = pkg\n"
        "import server.triage.engine")


def test_importing_the_engine_loads_no_flask():
    assert not _imports_flask("import sys\nimport server.triage.engine")


def test_results_are_frozen_ids():
    result = evaluate({"fever": "yes"})
    with pytest.raises(AttributeError):
        result.level = "self_care"  # type: ignore[misc]
    assert load_rules() is RULES and hash(result) == hash(evaluate({"fever": "yes"}))


def _broken(data: dict, change: str) -> dict:
    data = json.loads(json.dumps(data))
    if change == "a fractional weight":
        data["cause_weights"]["key_findings"] = 1.5
    elif change == "a negative weight":
        data["cause_weights"]["risk_factors"] = -1
    elif change == "an unknown level":
        data["rules"][0]["level"] = "later"
    elif change == "two fallbacks":
        data["rules"][0]["fallback"] = True
    elif change == "an unknown finding":
        data["causes"][0]["key_findings"].append("onset=someday")
    return data


@pytest.mark.parametrize(("change", "message"), [
    ("a fractional weight", "cause_weights"), ("a negative weight", "cause_weights"), ("an unknown level", "level"),
    ("two fallbacks", "fallback"), ("an unknown finding", "onset=someday")])
def test_a_rules_file_whose_parts_do_not_line_up_is_refused(tmp_path, change, message):
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(_broken(RULES.data, change)), encoding="utf-8")
    with pytest.raises(ValueError, match=f"rules.json: .*{re.escape(message)}"):
        load_rules(path)
