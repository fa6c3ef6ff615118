"""The checklist API: questions, rules, result words, and POST /api/v1/triage."""
import uuid

import orjson
from flask_smorest import Blueprint

from server.apidoc import documented
from server.body import send, send_made
from server.catalogue import catalogue
from server.i18n import LANG_PARAMETER, query_lang, select_locale, set_lang
from server.schemas import ApiErrorSchema
from server.security import triage_limit
from server.triage.engine import evaluate
from server.triage.interview import interview
from server.triage.present import result_view
from server.triage.request_json import read_body
from server.triage.schemas import ChecklistSchema, ResultWordsSchema, TriageRequestSchema, TriageResultSchema
from server.triage.store import store

blp = Blueprint("triage", __name__, description="The leg-numbness checklist and its result.")


def _interview(answers: dict) -> dict:
    """SPEC §6 for any client: whether more answers could change the level, and which questions could."""
    state = interview(answers)
    return {"should_stop": state.should_stop, "next": list(state.next)}


NOT_MODIFIED = "Not modified: the If-None-Match ETag is current."
BAD_LANG = "`lang` is not one of the languages."


@blp.route("/checklist")
@documented
@blp.doc(parameters=[LANG_PARAMETER])
@blp.response(200, ChecklistSchema)
@blp.alt_response(304, description=NOT_MODIFIED)
@blp.alt_response(422, schema=ApiErrorSchema, description=BAD_LANG)
def get_checklist():
    """The questions in order, grouped in steps, warning signs first, with their allowed answers."""
    return send(catalogue().checklist[query_lang()])


@blp.route("/result-words")
@documented
@blp.doc(parameters=[LANG_PARAMETER])
@blp.response(200, ResultWordsSchema)
@blp.alt_response(304, description=NOT_MODIFIED)
@blp.alt_response(422, schema=ApiErrorSchema, description=BAD_LANG)
def get_result_words():
    """Every word a result can show, by id, so an offline client can build a result in this language."""
    return send(catalogue().result_words[query_lang()])


@blp.route("/rules")
@documented
@blp.response(200)
@blp.alt_response(304, description=NOT_MODIFIED)
def get_rules():
    """The rules file itself (JsonLogic), as the offline client evaluates it."""
    return send(catalogue().rules)


TRIAGE_REQUEST = TriageRequestSchema()


# The view reads its body itself (request_json.read_body) and sends the result as made: documented, not wrapped.
@blp.route("/triage", methods=["POST"])
@triage_limit
@documented
@blp.doc(requestBody={"required": True, "content": {"application/json": {"schema": TriageRequestSchema}}})
@blp.alt_response(200, schema=TriageResultSchema, description="OK", success=True)
@blp.alt_response(400, schema=ApiErrorSchema, description="The body is not JSON (malformed, empty or too deep).")
@blp.alt_response(413, schema=ApiErrorSchema, description="The body is larger than MAX_CONTENT_LENGTH.")
@blp.alt_response(415, schema=ApiErrorSchema, description="The body is not sent as application/json.")
@blp.alt_response(422, schema=ApiErrorSchema, description="An unknown question id or answer value, named in `fields`.")
@blp.alt_response(429, schema=ApiErrorSchema, description="Too many requests; `Retry-After` says when to try again.")
def post_triage():
    """Evaluate answers; store them anonymously only when `consent` is true.

    The result is always of the answers just sent, worked out before anything is stored. With `consent: true`
    the assessment is then stored under the client's UUID `id` (one is made if absent): `record.stored` says
    whether it was. The same id with the same answers again stores nothing new (`stored: true`); with other
    answers nothing is stored (`stored: false, reason: "conflict"`: never another person's result); a database
    that fails or does not answer within DATABASE_TIMEOUT gives `stored: false, reason: "unavailable"` (try later).
    """
    body = read_body(TRIAGE_REQUEST)
    answers = body["answers"]
    lang = body.get("lang")
    if lang:
        set_lang(lang, explicit=True)
    else:
        lang = select_locale()
    result = result_view(evaluate(answers), catalogue().words[lang])  # worked out before anything is stored
    record = None
    if body["consent"]:
        record_id = str(body.get("id") or uuid.uuid4())
        outcome = store(record_id, answers, lang, body["offline"])
        record = {"id": record_id, "stored": True} if outcome == "stored" else {
            "id": record_id, "stored": False, "reason": outcome}
    # Built from the catalogue's words in TriageResultSchema's shape (tests/test_triage_api.py and schemathesis check
    # answers against it), so it is sent as is: a marshmallow dump of trusted data cost a fifth of the request, and
    # orjson writes it in a ninth of the json module's time (1 µs against 9).
    answer = {**result, "lang": lang, "interview": _interview(answers), "record": record}
    response = send_made(orjson.dumps(answer, option=orjson.OPT_APPEND_NEWLINE), "application/json")
    response.headers["Cache-Control"] = "no-store"  # a person's result: no cache keeps it
    return response
