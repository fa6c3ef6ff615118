"""The adaptive interview of SPEC §6: which unanswered questions can still change the level, and when to stop.

Pure Python over rules.json, like engine.py. An unanswered question is unknown: it may take any of its values
or stay unanswered. Each rule is then surely fired, surely not, or unknown (partial.py); the level is fixed
when no unknown rule could move it, and only the questions the still-deciding rules hang on are asked. Two
exceptions of §6, both from the data: a "yes" to a warning sign ends the checklist at once, and a question
with an `ask_when` condition (its entry in rules.json: `pregnant` only under 50) that is surely false is not asked and
counts as unanswered. pwa/js/interview.js is the JavaScript twin; tests check they ask the same questions.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import Any

from server.triage.engine import DERIVED_PREFIX, Rules, load_rules
from server.triage.partial import BOTH, NO_VALUE, Abs, AbsFn, Env, compile_partial, fixed, truth, unknown, variables

# A question's state: its answer, ABSENT (skipped, or not to be asked: counts as unanswered) or OPEN (still to come).
ABSENT = None
OPEN = ("open",)  # a tuple no answer can equal (answers are strings)
MEMO_SIZE = 4096  # states remembered per condition; a handful are common (most answers to warning signs are "no")


@dataclass(frozen=True)
class Interview:
    should_stop: bool  # no answer still to come can change the level (or a warning sign was answered "yes")
    next: tuple[str, ...]  # the unanswered questions that could still change it, in the checklist's order
    level: str | None  # the level when it is fixed, else None


class _Condition:
    """A condition over partly known answers, remembered per state of the questions it reads (derived shorthands
    followed down to their questions): the abstract value is a function of those states alone, so a state seen
    before costs one dict lookup. Only a state not seen yet builds the abstract answers (`env()`) and runs it."""

    def __init__(self, logic: Any, positions: tuple[int, ...]):
        self.run = compile_partial({"!!": [logic]})
        self.key: Callable[[list], Any] = itemgetter(*positions) if positions else (lambda states: ())
        self.seen: dict[Any, Abs] = {}

    def __call__(self, states: list, env: Callable[[], Env]) -> Abs:
        key = self.key(states)
        found = self.seen.get(key)
        if found is None:
            if len(self.seen) >= MEMO_SIZE:
                self.seen.clear()
            found = self.seen[key] = self.run(env())
        return found


@dataclass(frozen=True)
class _Plan:
    questions: tuple[tuple[str, Abs, _Condition | None], ...]  # (id, its value while open, ask_when), in order
    order: tuple[str, ...]  # the questions' ids, in order
    position: Mapping[str, int]  # id -> position in `questions`
    gates: tuple[tuple[int, _Condition], ...]  # (position, ask_when) of the questions asked only when it holds
    derived: Mapping[str, AbsFn]
    rules: tuple[tuple[int, _Condition], ...]  # (level's index, condition): all but the fallback, most urgent first
    fallback: int
    warning_signs: tuple[int, ...]  # positions in `questions`


@cache
def _plan(rules: Rules) -> _Plan:
    """Compiled once per rules object: the interview runs on every API call."""
    order = [q for _, qs in rules.steps for q in qs]
    position = {q: i for i, q in enumerate(order)}
    derived = {DERIVED_PREFIX + d["id"]: d["when"] for d in rules.data["derived"]}

    def positions(logic: Any) -> tuple[int, ...]:
        """The questions `logic` reads, derived shorthands followed down to the answers they read."""
        names, reads, followed = variables(logic), set(), set()
        while names:
            name = names.pop()
            if name == "*":  # a computed name may read anything
                return tuple(range(len(order)))
            if name in derived and name not in followed:
                followed.add(name)
                names |= variables(derived[name])
            elif name in position:
                reads.add(position[name])
        return tuple(sorted(reads))

    for n, (name, logic) in enumerate(derived.items()):
        # engine.py works them out in order, each reading the answers and the shorthands before it; here each is
        # worked out when first read, which agrees only while no shorthand reads one after it.
        if not variables(logic) <= set(order) | set(list(derived)[:n]):
            raise ValueError(f"rules.json: derived {name[len(DERIVED_PREFIX):]!r} may only read answers and the "
                             "derived shorthands before it")
    ask_when = {q["id"]: q["ask_when"] for q in rules.data["questions"] if "ask_when" in q}
    for qid, logic in ask_when.items():
        # Asking first the questions it waits for is what lets the checklist adapt.
        if qid not in order or not variables(logic) <= set(order[: order.index(qid)]):
            raise ValueError(f"rules.json: ask_when of {qid!r} may only read questions asked before it")
    level = {name: i for i, name in enumerate(rules.levels)}
    gates = {q: _Condition(ask_when[q], positions(ask_when[q])) for q in order if q in ask_when}
    return _Plan(
        questions=tuple((q, unknown(rules.questions[q].values, q), gates.get(q)) for q in order),
        order=tuple(order),
        position=position,
        gates=tuple((position[q], gate) for q, gate in gates.items()),
        derived={name: compile_partial({"!!": [logic]}) for name, logic in derived.items()},
        rules=tuple(sorted(((level[r["level"]], _Condition(r["when"], positions(r["when"])))
                           for r in rules.data["rules"] if not r.get("fallback")), key=lambda rule: rule[0])),
        fallback=level[rules.fallback[1]],
        warning_signs=tuple(position[q] for q in rules.warning_signs),
    )


class _Env(dict):
    """The abstract answers of these states, and the derived shorthands over them, each worked out when a condition
    first reads it (partial.py reads `env[name]`): a condition missing from its memo reads a few of them, and
    working out all ten shorthands was most of what a miss cost. Built for one state of the questions only.
    What reads it whole (`get`, `values`, `items`: partial.py's operators it does not model) gets every value."""

    def __init__(self, plan: _Plan, states: list):
        super().__init__()
        self.plan, self.states = plan, states

    def get(self, name: str, default: Any = None) -> Any:
        if name in self.plan.position or name in self.plan.derived:
            return self[name]
        return super().get(name, default)

    def values(self):
        self._fill()
        return super().values()

    def items(self):
        self._fill()
        return super().items()

    def _fill(self) -> None:
        for name in (*self.plan.order, *self.plan.derived):
            self.get(name)

    def __missing__(self, name: str) -> Abs:
        plan = self.plan
        i = plan.position.get(name)
        if i is not None:
            state = self.states[i]
            value = plan.questions[i][1] if state is OPEN else fixed(state)
        elif name in plan.derived:
            value = plan.derived[name](self)
        else:
            value = NO_VALUE
        self[name] = value
        return value


def interview(answers: Mapping[str, str], rules: Rules | None = None, skipped: Collection[str] = ()) -> Interview:
    """What to ask next given the answers so far; `skipped`: questions shown and left unanswered (not asked again).

    Sound: a question missing from `next` cannot change the level, whatever it and every other unanswered
    question turn out to be; with should_stop (and no warning sign "yes"), evaluate(answers) gives the level.
    """
    rules = rules or load_rules()
    plan = _plan(rules)
    states: list = []
    built: list[Env] = []

    def env() -> Env:  # built at most once per call, and only for a state some condition has not seen yet
        if not built:
            built.append(_Env(plan, states))
        return built[0]

    states[:] = [OPEN if (answer := answers.get(qid)) is None else answer for qid in plan.order]
    for qid in skipped:
        i = plan.position.get(qid)
        if i is not None and states[i] is OPEN:
            states[i] = ABSENT
    for i, gate in plan.gates:  # in order: a gate reads only questions before it, settled by then
        if states[i] is OPEN and truth(gate(states, lambda: _Env(plan, states))) is False:
            states[i] = ABSENT
    # Rules run most urgent first: the first one surely fired fixes the floor, and no rule after it can matter.
    least: int | None = None
    open_rules: list[tuple[int, Abs]] = []
    for index, condition in plan.rules:
        status = condition.seen.get(condition.key(states)) or condition(states, env)  # the lookup inlined: 37 rules
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
    if level is not None or any(states[i] == "yes" for i in plan.warning_signs):
        return Interview(True, (), level)
    wanted = set().union(*(deps for _, deps in deciding))
    wanted.update(plan.questions[i][0] for i in plan.warning_signs if states[i] is OPEN)  # always asked, first
    for qid, _, ask_when in reversed(plan.questions):  # backwards: a gate may have a gate of its own
        if ask_when is not None and qid in wanted:
            wanted |= ask_when(states, env)[1]  # ask what decides whether to ask it (age before pregnancy)
    return Interview(False, tuple(q for q, _, _ in plan.questions if q in wanted), None)
