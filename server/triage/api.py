"""The checklist API: questions, rules, result words, and POST /api/v1/triage."""
import uuid
from functools import lru_cache, wraps

from flask import abort, current_app, jsonify, request
from flask_smorest import Blueprint
from sqlalchemy.exc import IntegrityError

from server.extensions import db, limiter
from server.i18n import select_locale, set_lang
from server.models import Assessment
from server.schemas import ApiErrorSchema, LangQuerySchema
from server.triage.engine import evaluate, load_rules
from server.triage.interview import interview
from server.triage.present import checklist, localized_result, result_words
from server.triage.schemas import ChecklistSchema, ResultWordsSchema, TriageRequestSchema, TriageResultSchema

blp = Blueprint("triage", __name__, description="The leg-numbness checklist and its result.")


@blp.before_request
def require_json():
    if request.method == "POST":
        if not request.is_json:
            abort(415)
        if not request.get_data(cache=True):  # webargs would read an empty body as {}: it is not JSON
            abort(400)


def rate_limited(limit):
    """flask-limiter's limit, not even consulted when RATELIMIT_ENABLED is off (its wrapper still does work)."""
    def decorate(view):
        limited = limiter.limit(limit)(view)

        @wraps(view)
        def wrapper(*args, **kwargs):
            return (limited if limiter.enabled else view)(*args, **kwargs)
        return wrapper
    return decorate


@lru_cache(maxsize=4096)
def _anonymous_body(answers: tuple, lang: str, number: str) -> bytes:
    """The serialized result of answers nobody stored: the same input, the same bytes."""
    body = {**localized_result(dict(answers), lang), "interview": _interview(dict(answers)), "record": None}
    return (current_app.json.dumps(body) + "\n").encode()


def _interview(answers: dict) -> dict:
    """SPEC §6 for any client: whether more answers could change the level, and which questions could."""
    state = interview(answers)
    return {"should_stop": state.should_stop, "next": list(state.next)}


@blp.route("/checklist")
@blp.etag
@blp.arguments(LangQuerySchema, location="query", as_kwargs=True)
@blp.response(200, ChecklistSchema)
def get_checklist(lang: str | None = None):
    """The questions in order, grouped in steps, warning signs first, with their allowed answers."""
    return {"lang": select_locale(), **checklist()}


@blp.route("/result-words")
@blp.etag
@blp.arguments(LangQuerySchema, location="query", as_kwargs=True)
@blp.response(200, ResultWordsSchema)
def get_result_words(lang: str | None = None):
    """Every word a result can show, by id, so an offline client can build a result in this language."""
    return {"lang": select_locale(), **result_words()}


@blp.route("/rules")
@blp.etag
@blp.response(200)
def get_rules():
    """The rules file itself (JsonLogic), as the offline client evaluates it."""
    return load_rules().data


def _store(record_id: str, answers: dict, lang: str, offline: bool) -> dict:
    """Store a consented assessment once; a repeated id stores nothing new and returns the first answers."""
    existing = db.session.get(Assessment, record_id)
    if existing is None:
        result = evaluate(answers)
        db.session.add(Assessment(
            id=record_id, answers=answers, level=result.level, reasons=list(result.reasons),
            lang=lang, rules_version=load_rules().version, offline=offline,
        ))
        try:
            db.session.commit()
            return answers
        except IntegrityError:  # the same id posted twice at once
            db.session.rollback()
            existing = db.session.get(Assessment, record_id)
    return existing.answers


@blp.route("/triage", methods=["POST"])
@rate_limited(lambda: current_app.config["TRIAGE_RATE_LIMIT"])
@blp.arguments(TriageRequestSchema())
@blp.response(200, TriageResultSchema())
@blp.alt_response(400, schema=ApiErrorSchema, description="The body is not JSON (malformed, empty or too deep).")
@blp.alt_response(413, schema=ApiErrorSchema, description="The body is larger than MAX_CONTENT_LENGTH.")
@blp.alt_response(415, schema=ApiErrorSchema, description="The body is not sent as application/json.")
@blp.alt_response(422, schema=ApiErrorSchema, description="An unknown question id or answer value, named in `fields`.")
@blp.alt_response(429, schema=ApiErrorSchema, description="Too many requests; `Retry-After` says when to try again.")
def post_triage(body: dict):
    """Evaluate answers; store them anonymously only when `consent` is true.

    With `consent: true` the assessment is stored under the client's UUID `id` (one is made if absent);
    posting the same id again stores nothing new and returns the same result.
    """
    answers = body["answers"]
    lang = body.get("lang")
    if lang:
        set_lang(lang, explicit=True)
    else:
        lang = select_locale()
    # Built from trusted data in TriageResultSchema's shape (tests check it), so it skips a second dump.
    if not body["consent"]:
        key = tuple(sorted(answers.items()))
        return current_app.response_class(
            _anonymous_body(key, lang, current_app.config["EMERGENCY_NUMBER"]), mimetype="application/json")
    record_id = str(body.get("id") or uuid.uuid4())
    answers = _store(record_id, answers, lang, body["offline"])
    return jsonify({**localized_result(answers, lang), "interview": _interview(answers),
                    "record": {"id": record_id, "stored": True}})
