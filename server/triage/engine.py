"""Pure-Python evaluator of rules.json: answers in, a Result of ids out (no Flask, no words)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, NoReturn

from server.triage.jsonlogic import compile_truths

RULES_PATH = Path(__file__).with_name("rules.json")
DERIVED_PREFIX = "_"  # derived shorthands live in the data as "_" + id, beside the answers

Finding = tuple[str, str]  # (question id, value)


@dataclass(frozen=True)
class Question:
    id: str
    step: str
    kind: str
    values: tuple[str, ...]
    warning_sign: bool


@dataclass(frozen=True)
class CauseMatch:
    id: str
    group: str
    score: int


@dataclass(frozen=True)
class Result:
    level: str
    reasons: tuple[str, ...]
    check_again: tuple[str, ...]
    causes: tuple[CauseMatch, ...]
    advice: tuple[str, ...]


@dataclass(frozen=True)
class _Cause:
    id: str
    group: str
    key_findings: tuple[Finding, ...]
    risk_factors: tuple[Finding, ...]
    rules: frozenset[str]  # the rules that name this cause: listed, and first, when one is among the reasons


@dataclass(frozen=True)
class _Advice:
    id: str
    causes: frozenset[str]
    with_advice: frozenset[str]
    at_levels: frozenset[str]


@dataclass(frozen=True, eq=False)
class Rules:
    """One rules file: its ids for everyone, `data` as parsed (served to the phone as is), and precomputed parts."""

    version: str
    levels: tuple[str, ...]
    emergency_levels: tuple[str, ...]
    steps: tuple[tuple[str, tuple[str, ...]], ...]
    questions: Mapping[str, Question]
    rule_ids: tuple[str, ...]
    cause_ids: tuple[str, ...]
    advice_ids: tuple[str, ...]
    data: dict[str, Any] = field(repr=False)
    # Precomputed at load time: compiled conditions (one function for the derived shorthands, one per level giving
    # the ids of its rules that fire), parsed findings, advice sets.
    derive: Callable[[dict[str, Any]], list[str]] = field(repr=False)
    tiers: tuple[tuple[str, Callable[[dict[str, Any]], list[str]]], ...] = field(repr=False)
    fallback: tuple[str, str] = field(repr=False)
    warning_signs: tuple[str, ...] = field(repr=False)
    causes: tuple[_Cause, ...] = field(repr=False)
    # (question, value) -> (index in `causes`, weight, whether a key finding) of each cause naming it, once per listing.
    findings: Mapping[Finding, tuple[tuple[int, int, bool], ...]] = field(repr=False)
    finding_set: frozenset[Finding] = field(repr=False)  # the keys of `findings`, for one intersection in C
    matches: tuple[tuple[CauseMatch, ...], ...] = field(repr=False)  # [cause's index][score], made once
    named_by: Mapping[str, tuple[int, ...]] = field(repr=False)  # rule id -> the indexes of the causes it names
    max_causes: int = field(repr=False)
    advice_levels: frozenset[str] = field(repr=False)
    advice: tuple[_Advice, ...] = field(repr=False)


def _finding(text: str) -> Finding:
    question, _, value = text.partition("=")
    return question, value or "yes"


def _build(data: dict[str, Any]) -> Rules:
    levels = tuple(level["id"] for level in data["levels"])
    questions = {
        q["id"]: Question(q["id"], q["step"], q["kind"], tuple(q["values"]), bool(q["warning_sign"]))
        for q in data["questions"]
    }
    rules = data["rules"]
    fallbacks = [(r["id"], r["level"]) for r in rules if r.get("fallback")]
    if len(fallbacks) != 1:
        _fail("exactly one fallback rule is needed")
    tiers = tuple(
        (level, compile_truths([(r["id"], r["when"]) for r in rules if r["level"] == level and not r.get("fallback")]))
        for level in levels
    )
    causes = tuple(
        _Cause(
            c["id"], c["group"], tuple(map(_finding, c["key_findings"])), tuple(map(_finding, c["risk_factors"])),
            frozenset(c.get("rules", ())),
        )
        for c in data["causes"]
    )
    key_weight, risk_weight = data["cause_weights"]["key_findings"], data["cause_weights"]["risk_factors"]
    if not all(type(weight) is int and weight >= 0 for weight in (key_weight, risk_weight)):
        _fail("cause_weights are whole numbers, 0 or more")
    findings: dict[Finding, list[tuple[int, int, bool]]] = {}
    for index, cause in enumerate(causes):
        for finding in cause.key_findings:
            findings.setdefault(finding, []).append((index, key_weight, True))
        for finding in cause.risk_factors:
            findings.setdefault(finding, []).append((index, risk_weight, False))
    advice = tuple(
        _Advice(a["id"], frozenset(a.get("causes", ())), frozenset(a.get("with", ())), frozenset(a.get("at", ())))
        for a in data["advice"]["items"]
    )
    rules_obj = Rules(
        version=data["version"],
        levels=levels,
        emergency_levels=tuple(level["id"] for level in data["levels"] if level["emergency"]),
        steps=tuple((s["id"], tuple(s["questions"])) for s in data["steps"]),
        questions=MappingProxyType(questions),
        rule_ids=tuple(r["id"] for r in rules),
        cause_ids=tuple(c.id for c in causes),
        advice_ids=tuple(a.id for a in advice),
        data=data,
        derive=compile_truths([(DERIVED_PREFIX + d["id"], d["when"]) for d in data["derived"]], assign=True),
        tiers=tiers,
        fallback=fallbacks[0],
        warning_signs=tuple(q.id for q in questions.values() if q.warning_sign),
        causes=causes,
        findings=MappingProxyType({finding: tuple(hits) for finding, hits in findings.items()}),
        finding_set=frozenset(findings),
        matches=tuple(
            tuple(CauseMatch(c.id, c.group, s)
                  for s in range(len(c.key_findings) * key_weight + len(c.risk_factors) * risk_weight + 1))
            for c in causes),
        named_by=MappingProxyType({
            rid: tuple(i for i, cause in enumerate(causes) if rid in cause.rules) for rid in (r["id"] for r in rules)
        }),
        max_causes=data["max_causes"],
        advice_levels=frozenset(data["advice"]["levels"]),
        advice=advice,
    )
    _check(rules_obj)
    return rules_obj


def _fail(message: str) -> NoReturn:
    raise ValueError(f"rules.json: {message}")


def _check(rules: Rules) -> None:
    """Refuse a rules file whose ids do not line up, rather than give silently wrong results."""
    for rule in rules.data["rules"]:
        if rule["level"] not in rules.levels:
            _fail(f"rule {rule['id']!r} has unknown level {rule['level']!r}")
    for cause in rules.causes:
        for question, value in cause.key_findings + cause.risk_factors:
            if value not in getattr(rules.questions.get(question), "values", ()):
                _fail(f"cause {cause.id!r} names unknown finding {question}={value}")
        if not cause.rules <= set(rules.rule_ids):
            _fail(f"cause {cause.id!r} is named by an unknown rule")
    for item in rules.advice:
        if not item.causes <= set(rules.cause_ids) or not item.at_levels <= rules.advice_levels:
            _fail(f"advice {item.id!r} names an unknown cause or level")
    if [q for _, qs in rules.steps for q in qs] != list(rules.questions):
        _fail("steps and questions disagree")


@cache
def load_rules(path: str | Path | None = None) -> Rules:
    """Read and precompute a rules file (default: the rules.json beside this module); cached per path."""
    with open(path or RULES_PATH, encoding="utf-8") as f:
        return _build(json.load(f))


def _causes(answers: Mapping[str, str], reasons: tuple[str, ...], rules: Rules) -> tuple[CauseMatch, ...]:
    # Only the answers that are some cause's finding (one intersection, in C) add to the causes naming them.
    try:
        matched = rules.finding_set.intersection(answers.items())
    except TypeError:  # an unhashable value (a list) matches no finding: find the others one by one
        matched = [answer for answer in answers.items() if _hashable(answer[1]) and answer in rules.finding_set]
    scores: dict[int, int] = {}
    keyed: set[int] = set()  # causes with a key finding: only these, and those the reasons name, are listed
    for finding in matched:
        for index, weight, is_key in rules.findings[finding]:
            scores[index] = scores.get(index, 0) + weight
            if is_key:
                keyed.add(index)
    named = {index for reason in reasons for index in rules.named_by.get(reason, ())}
    if not keyed and not named:
        return ()
    # Causes named by the reasons first, then the others; each part by score, ties in the table's order.
    listed = sorted([(i not in named, -scores.get(i, 0), i) for i in named | keyed])[: rules.max_causes]
    return tuple(rules.matches[i][-minus] for _, minus, i in listed)


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _advice(level: str, causes: tuple[CauseMatch, ...], rules: Rules) -> tuple[str, ...]:
    if level not in rules.advice_levels:
        return ()
    listed = {c.id for c in causes}
    given: list[str] = []
    for item in rules.advice:
        if item.causes & listed or item.with_advice.intersection(given) or level in item.at_levels:
            given.append(item.id)
    return tuple(given)


def evaluate(answers: Mapping[str, str], rules: Rules | None = None) -> Result:
    """Triage one set of answers; unanswered questions are simply absent."""
    if rules is None:
        rules = load_rules()
    data = dict(answers)
    rules.derive(data)
    rule_id, level = rules.fallback
    reasons: tuple[str, ...] = (rule_id,)
    # Tiers run most urgent first; the first tier with a fired rule decides the level and its reasons.
    for tier_level, fired_in in rules.tiers:
        fired = fired_in(data)
        if fired:
            level, reasons = tier_level, tuple(fired)
            break
    causes = _causes(answers, reasons, rules)
    return Result(
        level=level,
        reasons=reasons,
        check_again=tuple(q for q in rules.warning_signs if answers.get(q) == "unsure"),
        causes=causes,
        advice=_advice(level, causes, rules),
    )
