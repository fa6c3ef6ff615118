"""Where triage ids meet words: the checklist, the result words, and a localized result."""
from flask import current_app
from flask_babel import get_locale

from server.content.files import fill
from server.content.guide import causes
from server.triage.engine import Result, load_rules
from server.triage.texts import words


def _t(text: str) -> str:
    """A word of the content files with the emergency number filled in."""
    return fill(text, {"number": current_app.config["EMERGENCY_NUMBER"]})


def checklist() -> dict:
    rules = load_rules()
    w = words(str(get_locale()))
    steps = []
    for step_id, question_ids in rules.steps:
        step = w["steps"][step_id]
        questions = []
        for qid in question_ids:
            q = rules.questions[qid]
            qw = w["questions"][qid]
            labels = qw.get("options", w["answers"])
            questions.append({
                "id": qid, "kind": q.kind, "warning_sign": q.warning_sign,
                "text": _t(qw["text"]), "why": _t(qw["why"]),
                "options": [{"value": v, "label": _t(labels[v])} for v in q.values],
            })
        steps.append({"id": step_id, "title": _t(step["title"]), "intro": _t(step["intro"]), "questions": questions})
    return {"rules_version": rules.version, "emergency_number": current_app.config["EMERGENCY_NUMBER"],
            "steps": steps}


def result_words(lang: str) -> dict:
    """Every word a result can show, by id, in `lang`: what the offline client needs to build a result itself.
    Built once per language, into the catalogue (server/build.py)."""
    rules = load_rules()
    w, named = words(lang), causes(lang)
    return {
        "rules_version": rules.version,
        "emergency_number": current_app.config["EMERGENCY_NUMBER"],
        "emergency_levels": list(rules.emergency_levels),
        "levels": {
            level: {part: _t(w["levels"][level][part]) for part in ("title", "action", "urgency")}
            for level in rules.levels
        },
        "reasons": {rule_id: _t(w["reasons"][rule_id]) for rule_id in rules.rule_ids},
        "advice": {advice_id: _t(w["advice"][advice_id]) for advice_id in rules.advice_ids},
        "warning_signs": {qid: _t(w["questions"][qid]["short"]) for qid in rules.steps[0][1]},
        "causes": {
            cause_id: {"name": _t(named[cause_id]["name"]), "summary": _t(named[cause_id]["summary"])}
            for cause_id in rules.cause_ids
        },
        "check_again_intro": _t(w["check_again_intro"]),
        "disclaimer": _t(w["disclaimer"]),
    }


def result_view(result: Result, w: dict) -> dict:
    """The localized result, from result_words() `w`. pwa/js/local-result.js builds the same shape from them offline."""
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
