"""What the interview tests share: a person's complete answers, and the checklist run on them."""

from dataclasses import dataclass
from statistics import mean

from hypothesis import strategies as st

from server.triage.engine import evaluate, load_rules
from server.triage.interview import Interview, interview
from tests.conftest import CASES, ROOT

RULES = load_rules()
SIGNS = RULES.warning_signs
OLDER = ("50_64", "65_plus")  # SPEC §6: `pregnant` is not asked of them
OTHERS = {q.id: st.sampled_from(q.values) for q in RULES.questions.values() if not q.warning_sign}


def warning_answers() -> st.SearchStrategy[dict[str, str]]:
    """Mostly people with no warning sign (the ones the interview shortens), some with one."""
    def signs(values: tuple[str, ...]) -> st.SearchStrategy[dict[str, str]]:
        return st.fixed_dictionaries({}, optional={q: st.sampled_from(values) for q in SIGNS})

    return st.one_of(st.just(dict.fromkeys(SIGNS, "no")), signs(("no",)), signs(("no", "unsure")),
                     signs(("no", "unsure", "yes")))


def plausible(answers: dict[str, str]) -> dict[str, str]:
    """People of 50 or more answer `pregnant` "no" or not at all."""
    if answers.get("age_group") in OLDER and answers.get("pregnant") not in (None, "no"):
        return {q: v for q, v in answers.items() if q != "pregnant"}
    return answers


def complete_answers() -> st.SearchStrategy[dict[str, str]]:
    """A whole person: every question answered with one of its values, or left unanswered."""
    rest = st.fixed_dictionaries({}, optional=OTHERS)
    return st.builds(lambda signs, other: plausible({**signs, **other}), warning_answers(), rest)


@dataclass(frozen=True)
class Run:
    asked: tuple[str, ...]
    given: dict[str, str]
    last: Interview
    level: str


def run(person: dict[str, str], per_screen: bool = False) -> Run:
    """The checklist: ask what the interview asks (one at a time, or all of its next step's at once), answer
    from `person`, leave blank what `person` did not answer, until it stops or has nothing left to ask."""
    given: dict[str, str] = {}
    skipped: set[str] = set()
    asked: list[str] = []
    step = interview(given, RULES, skipped)
    while not step.should_stop and step.next:
        screen = step.next[:1]
        if per_screen:
            first = RULES.questions[step.next[0]].step
            screen = tuple(q for q in step.next if RULES.questions[q].step == first)
        for q in screen:
            asked.append(q)
            if q in person:
                given[q] = person[q]
            else:
                skipped.add(q)
        step = interview(given, RULES, skipped)
    return Run(tuple(asked), given, step, evaluate(given, RULES).level)


def stopped_by_warning_sign(answers: dict[str, str]) -> bool:
    return any(answers.get(q) == "yes" for q in SIGNS)


TODAY = 48  # rules 2026.11's checklist asked all its 48 questions, up to the first warning sign answered "yes"
DOC = ROOT / "docs" / "interview.md"
START, END = "<!-- interview-table:start -->", "<!-- interview-table:end -->"


def counts_table() -> str:
    """Questions asked for each public case (its answers as the whole person; the rest left blank)."""
    rows = ["| case | level | asked, one at a time | asked, a step's questions together | before |",
            "| --- | --- | ---: | ---: | ---: |"]
    singly, together, before = [], [], []
    for case in CASES:
        person = plausible(case["answers"])
        one, step = run(person), run(person, per_screen=True)
        singly.append(len(one.asked))
        together.append(len(step.asked))
        yes = [i for i, q in enumerate(SIGNS) if person.get(q) == "yes"]
        before.append(yes[0] + 1 if yes else TODAY)
        rows.append(f"| `{case['id']}` | {one.level} | {len(one.asked)} | {len(step.asked)} | {before[-1]} |")
    rows.append(f"| **mean of {len(CASES)}** | | **{mean(singly):.1f}** | **{mean(together):.1f}** | "
                f"**{mean(before):.1f}** |")
    return "\n".join(rows)


def doc_with_table(text: str) -> str:
    before, rest = text.split(START)
    return f"{before}{START}\n{counts_table()}\n{END}{rest.split(END)[1]}"


if __name__ == "__main__":  # rewrite the table: .venv/bin/python -m tests.triage.interviews
    DOC.write_text(doc_with_table(DOC.read_text(encoding="utf-8")), encoding="utf-8")
