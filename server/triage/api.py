"""The checklist API: questions, rules, result words, and POST /api/v1/triage."""
import uuid

from flask import abort, current_app, request
from flask_smorest import Blueprint
from sqlalchemy.exc import IntegrityError

from server.body import send, send_made
from server.catalogue import catalogue
from server.extensions import db, limiter
from server.i18n import LANG_PARAMETER, query_lang, select_locale, set_lang
from server.models import Assessment
from server.schemas import ApiErrorSchema
from server.triage.engine import evaluate, load_rules
from server.triage.present import result_view
from server.triage.schemas import ChecklistSchema, ResultWordsSchema, TriageRequestSchema, TriageResultSchema

blp = Blueprint("triage", __name__, description="The leg-numbness checklist and its result.")


@blp.before_request
def require_json():
    if request.method == "POST":
        if not request.is_json:
            abort(415)
        if not request.get_data(cache=True):  # webargs would read an empty body as {}: it is not JSON
            abort(400)


NOT_MODIFIED = "Not modified: the If-None-Match ETag is current."
BAD_LANG = "`lang` is not one of the languages."


@blp.route("/checklist")
@blp.doc(parameters=[LANG_PARAMETER])
@blp.response(200, ChecklistSchema)
@blp.alt_response(304, description=NOT_MODIFIED)
@blp.alt_response(422, schema=ApiErrorSchema, description=BAD_LANG)
def get_checklist():
    """The questions in order, grouped in steps, warning signs first, with their allowed answers."""
    return send(catalogue().checklist[query_lang()])


@blp.route("/result-words")
@blp.doc(parameters=[LANG_PARAMETER])
@blp.response(200, ResultWordsSchema)
@blp.alt_response(304, description=NOT_MODIFIED)
@blp.alt_response(422, schema=ApiErrorSchema, description=BAD_LANG)
def get_result_words():
    """Every word a result can show, by id, so an offline client can build a result in this language."""
    return send(catalogue().result_words[query_lang()])


@blp.route("/rules")
@blp.response(200)
@blp.alt_response(304, description=NOT_MODIFIED)
def get_rules():
    """The rules file itself (JsonLogic), as the offline client evaluates it."""
    return send(catalogue().rules)


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
@limiter.limit(lambda: current_app.config["TRIAGE_RATE_LIMIT"])
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
    record = None
    if body["consent"]:
        record_id = str(body.get("id") or uuid.uuid4())
        answers = _store(record_id, answers, lang, body["offline"])
        record = {"id": record_id, "stored": True}
    # Built from the catalogue's words in TriageResultSchema's shape (tests/test_triage_api.py and schemathesis check
    # answers against it), so it is sent as is: a marshmallow dump of trusted data cost a fifth of the request.
    result = {**result_view(evaluate(answers), catalogue().words[lang]), "lang": lang, "record": record}
    return send_made((current_app.json.dumps(result) + "\n").encode(), "application/json")
