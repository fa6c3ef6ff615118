"""Where triage ids meet words: the checklist, the result words, and a localized result."""
from flask import current_app

from server.content.guidance import CAUSES
from server.triage import texts
from server.triage.engine import Result, load_rules


def _t(lazy) -> str:
    """A lazy string in the current locale, with the emergency number filled in where it has one."""
    text = str(lazy)
    return text % {"number": current_app.config["EMERGENCY_NUMBER"]} if "%(number)s" in text else text


def checklist() -> dict:
    rules = load_rules()
    steps = []
    for step_id, question_ids in rules.steps:
        title, intro = texts.STEPS[step_id]
        questions = []
        for qid in question_ids:
            q = rules.questions[qid]
            text, why = texts.QUESTIONS[qid]
            labels = texts.CHOICE_LABELS.get(qid, texts.ANSWER_LABELS)
            questions.append({
                "id": qid, "kind": q.kind, "warning_sign": q.warning_sign,
                "text": _t(text), "why": _t(why),
                "options": [{"value": v, "label": _t(labels[v])} for v in q.values],
            })
        steps.append({"id": step_id, "title": _t(title), "intro": _t(intro), "questions": questions})
    return {"rules_version": rules.version, "emergency_number": current_app.config["EMERGENCY_NUMBER"],
            "steps": steps}


def result_words() -> dict:
    """Every word a result can show, by id, in the current locale: what the offline client needs to build a result
    itself. Built once per language, into the catalogue (server/build.py)."""
    rules = load_rules()
    return {
        "rules_version": rules.version,
        "emergency_number": current_app.config["EMERGENCY_NUMBER"],
        "emergency_levels": list(rules.emergency_levels),
        "levels": {
            level: dict(zip(("title", "action", "urgency"), map(_t, texts.LEVELS[level]), strict=True))
            for level in rules.levels
        },
        "reasons": {rule_id: _t(texts.REASONS[rule_id]) for rule_id in rules.rule_ids},
        "advice": {advice_id: _t(texts.ADVICE[advice_id]) for advice_id in rules.advice_ids},
        "warning_signs": {qid: _t(texts.WARNING_SIGN_SHORT[qid]) for qid in rules.steps[0][1]},
        "causes": {
            cause_id: {"name": _t(CAUSES[cause_id].name), "summary": _t(CAUSES[cause_id].summary)}
            for cause_id in rules.cause_ids
        },
        "check_again_intro": _t(texts.CHECK_AGAIN_INTRO),
        "disclaimer": _t(texts.DISCLAIMER),
    }


def result_view(result: Result, words: dict) -> dict:
    """The localized result. pwa/js/view.js builds the same shape from result_words() offline."""
    w = words
    safety_net = "safety_net" in result.advice
    return {
        "level": result.level,
        "emergency": result.level in w["emergency_levels"],
        **w["levels"][result.level],
        "reasons": [{"id": r, "text": w["reasons"][r]} for r in result.reasons],
        "check_again": [{"id": q, "text": w["warning_signs"][q]} for q in result.check_again],
        "check_again_intro": w["check_again_intro"] if result.check_again else "",
        "possible_causes": [{"id": c.id, "group": c.group, **w["causes"][c.id]} for c in result.causes],
        "advice": [{"id": a, "text": w["advice"][a]} for a in result.advice],
        "warning_signs": [{"id": q, "text": t} for q, t in w["warning_signs"].items()] if safety_net else [],
        "emergency_number": w["emergency_number"],
        "disclaimer": w["disclaimer"],
        "rules_version": w["rules_version"],
    }
