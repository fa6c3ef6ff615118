"""The adaptive interview of SPEC §6: which unanswered questions can still change the level, and when to stop.

Pure Python over rules.json, like engine.py. An unanswered question is unknown: it may take any of its values
or stay unanswered. Each rule is then surely fired, surely not, or unknown (partial.py); the level is fixed
when no unknown rule could move it, and only the questions the still-deciding rules hang on are asked. Two
exceptions of §6, both from the data: a "yes" to a warning sign ends the checklist at once, and a question
with an `ask_when` condition (its entry in rules.json: `pregnant` only under 50) that is surely false is not asked and
counts as unanswered. pwa/js/interview.js is the JavaScript twin; tests check they ask the same questions.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache

from server.triage.engine import DERIVED_PREFIX, Rules, load_rules
from server.triage.partial import BOTH, Abs, AbsFn, Env, fixed, memoized, truth, unknown, variables


@dataclass(frozen=True)
class Interview:
    should_stop: bool  # no answer still to come can change the level (or a warning sign was answered "yes")
    next: tuple[str, ...]  # the unanswered questions that could still change it, in the checklist's order
    level: str | None  # the level when it is fixed, else None


@dataclass(frozen=True)
class _Plan:
    questions: tuple[tuple[str, Abs, AbsFn | None], ...]  # (id, its value while unanswered, ask_when), in order
    derived: tuple[tuple[str, AbsFn], ...]
    rules: tuple[tuple[int, AbsFn], ...]  # (level's index, condition): all but the fallback, most urgent first
    fallback: int
    warning_signs: tuple[str, ...]


@cache
def _plan(rules: Rules) -> _Plan:
    """Compiled once per rules object: the interview runs on every API call."""
    order = [q for _, qs in rules.steps for q in qs]
    ask_when = {q["id"]: q["ask_when"] for q in rules.data["questions"] if "ask_when" in q}
    for qid, logic in ask_when.items():
        # Asking first the questions it waits for is what lets the checklist adapt.
        if qid not in order or not variables(logic) <= set(order[: order.index(qid)]):
            raise ValueError(f"rules.json: ask_when of {qid!r} may only read questions asked before it")
    level = {name: i for i, name in enumerate(rules.levels)}
    gates = {q: memoized({"!!": [logic]}) for q, logic in ask_when.items()}
    return _Plan(
        questions=tuple((q, unknown(rules.questions[q].values, q), gates.get(q)) for q in order),
        derived=tuple((DERIVED_PREFIX + d["id"], memoized({"!!": [d["when"]]})) for d in rules.data["derived"]),
        rules=tuple(sorted(((level[r["level"]], memoized({"!!": [r["when"]]}))
                           for r in rules.data["rules"] if not r.get("fallback")), key=lambda rule: rule[0])),
        fallback=level[rules.fallback[1]],
        warning_signs=rules.warning_signs,
    )


def interview(answers: Mapping[str, str], rules: Rules | None = None, skipped: Collection[str] = ()) -> Interview:
    """What to ask next given the answers so far; `skipped`: questions shown and left unanswered (not asked again).

    Sound: a question missing from `next` cannot change the level, whatever it and every other unanswered
    question turn out to be; with should_stop (and no warning sign "yes"), evaluate(answers) gives the level.
    """
    rules = rules or load_rules()
    plan = _plan(rules)
    env: Env = {}
    for qid, open_value, ask_when in plan.questions:
        answer = answers.get(qid)
        if answer is not None:
            env[qid] = fixed(answer)
        elif qid in skipped or (ask_when is not None and truth(ask_when(env)) is False):
            env[qid] = fixed(None)
        else:
            env[qid] = open_value
    for name, logic in plan.derived:
        env[name] = logic(env)
    # Rules run most urgent first: the first one surely fired fixes the floor, and no rule after it can matter.
    least: int | None = None
    open_rules: list[tuple[int, Abs]] = []
    for index, logic in plan.rules:
        status = logic(env)
        values = status[0] or BOTH  # a `!!`: (True,), (False,) or both
        if len(values) == 2:
            open_rules.append((index, status))
        elif values[0]:
            least = index
            break
    # The level is the most urgent fired rule's, else the fallback's. Which open rules could move it:
    if least is not None:
        deciding = [status for index, status in open_rules if index < least]
        possible = {least} | {index for index, _ in open_rules if index < least}
    else:
        below = any(index > plan.fallback for index, _ in open_rules)  # e.g. self-care: then fallback-level rules count
        deciding = [status for index, status in open_rules if index != plan.fallback or below]
        possible = {plan.fallback} | {index for index, _ in open_rules}
    level = rules.levels[possible.pop()] if len(possible) == 1 else None
    if level is not None or any(answers.get(q) == "yes" for q in plan.warning_signs):
        return Interview(True, (), level)
    wanted = set().union(*(deps for _, deps in deciding))
    wanted.update(q for q in plan.warning_signs if env[q][1])  # warning signs are always asked, first
    for qid, _, ask_when in reversed(plan.questions):  # backwards: a gate may have a gate of its own
        if ask_when is not None and qid in wanted:
            wanted |= ask_when(env)[1]  # ask what decides whether to ask it (age before pregnancy)
    return Interview(False, tuple(q for q, _, _ in plan.questions if q in wanted), None)
