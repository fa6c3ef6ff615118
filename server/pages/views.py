"""Server-rendered pages: the guidance, the checklist (a real form), its result and the past results.

The guidance, the empty checklist, the past results, the privacy notice and the result page of GET /result (the same
for everyone) are rendered once per language at start-up (server/build.py); only a posted result, or a checklist
carrying answers or errors, is rendered per request.
"""
from datetime import UTC, datetime
from functools import cache
from urllib.parse import urlencode

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import force_locale, format_datetime
from marshmallow import ValidationError
from werkzeug.http import dump_cookie

from server.body import send
from server.catalogue import catalogue, page_body
from server.constants import LANG_NAMES, LANG_RULE, ONE_YEAR
from server.content.api import guidance
from server.content.privacy import privacy
from server.i18n import LANG_COOKIE, select_locale, set_lang, supported
from server.pages.screens import checklist_screens
from server.security import triage_limit
from server.triage.engine import evaluate, load_rules
from server.triage.present import checklist, result_view
from server.triage.schemas import TriageRequestSchema

bp = Blueprint("pages", __name__, template_folder="templates")
NOT_ANSWERS = ("consent", "lang")  # fields a form or link may carry besides the answers (?lang= picks a language)


@bp.context_processor
def page_context():
    lang = (request.view_args or {}).get("lang") or select_locale()
    other = _other(lang)
    return {
        "lang": lang, "other_lang": other, "lang_names": LANG_NAMES, "levels": load_rules().levels,
        "emergency_number": current_app.config["EMERGENCY_NUMBER"],
        "switch_url": url_for(request.endpoint, **{**(request.view_args or {}), "lang": other}),
    }


@bp.after_request
def page_headers(response):
    """Pages name their language in the path; remember it, and let caches revalidate. A result is a person's own
    answers: no cache keeps it."""
    lang = (request.view_args or {}).get("lang")
    if lang and response.mimetype == "text/html":
        response.headers.add("Set-Cookie", lang_cookie(lang, request.is_secure))
        if "ETag" in response.headers:  # a page of the catalogue: send() set its caching headers
            return response
        own = request.endpoint == "pages.result" and request.method == "POST"  # the page of /result is the same for all
        if own:
            response.cache_control.no_store = True
        else:
            response.cache_control.no_cache = True
        if request.method == "GET" and response.status_code == 200 and not own:
            response.add_etag()
            response.make_conditional(request)
    return response


@cache
def lang_cookie(lang: str, secure: bool) -> str:
    """The language cookie's header, made once per language and scheme: Max-Age alone (every browser the app
    supports reads it), so no Expires date goes stale in a long-running worker."""
    return dump_cookie(LANG_COOKIE, lang, max_age=ONE_YEAR, samesite="Lax", secure=secure, sync_expires=False)


def _cached(endpoint: str, lang: str):
    set_lang(lang, explicit=True)  # the path names it: Content-Language, and no Vary on the cookie
    return send(page_body(catalogue().pages[endpoint, lang]))


@bp.get("/")
def index():
    return redirect(url_for("pages.guidance", lang=select_locale()))


@bp.get(f"/{LANG_RULE}/", endpoint="guidance")
def guidance_page(lang: str):
    return _cached("guidance", lang)


@bp.route(f"/{LANG_RULE}/checklist", methods=["GET", "POST"], endpoint="checklist")
def checklist_page(lang: str):
    """The checklist; prefilled from posted answers ("Change my answers" under the no-JavaScript result)."""
    if request.method == "GET" and not request.args:
        return _cached("checklist", lang)
    answers, _ = _valid_answers(request.form if request.method == "POST" else request.args)
    return render_checklist(lang, answers)


@bp.route(f"/{LANG_RULE}/result", methods=["GET", "POST"], endpoint="result")
@triage_limit
def result_page(lang: str):
    """The result. POST: the no-JavaScript form's answer, rendered here (nothing stored: sharing answers needs the
    consent box, which only the JavaScript checklist offers). GET: the page that shows the answers in its URL
    fragment (`#onset=sudden&…`, from a QR code or the language switch), worked out on the phone, offline too.

    Health answers never travel in a query: an old `?question=value` link is sent, unread, to the same answers in
    the fragment, so they leave the browser's history and reach no server or log again.
    """
    if request.method == "GET":
        if request.query_string:
            moved = urlencode([(k, v) for k, v in request.args.items(multi=True) if k not in NOT_ANSWERS])
            return redirect(url_for("pages.result", lang=lang) + "#" + moved, 303)
        return _cached("result", lang)
    answers, errors = _valid_answers(request.form)
    if errors:
        return render_checklist(lang, answers, errors), 422
    with force_locale(lang):
        view = result_view(evaluate(answers), catalogue().words[lang])
        summary = _summary(answers)
        date = format_datetime(datetime.now(UTC), "medium")
    return render_template(
        "result.html", page="result", view=view, summary=summary, date=date, answers=answers,
        switch_url=url_for("pages.result", lang=_other(lang)) + "#" + urlencode(answers),
    )


@bp.get(f"/{LANG_RULE}/privacy", endpoint="privacy")
def privacy_page(lang: str):
    return _cached("privacy", lang)


@bp.get(f"/{LANG_RULE}/history", endpoint="history")
def history_page(lang: str):
    return _cached("history", lang)


def render_guidance(lang: str) -> str:
    return render_template("guidance.html", page="guidance", guide=guidance(lang))


def render_history(lang: str) -> str:
    return render_template("history.html", page="history")


def render_result_shell(lang: str) -> str:
    """GET /result: the same page for everyone; the phone works the result out from the URL fragment."""
    return render_template("result.html", page="result", view=None)


def render_privacy(lang: str) -> str:
    cfg = current_app.config
    notice = privacy(lang, cfg["CLINIC_NAME"], cfg["RETENTION_DAYS"])
    return render_template("privacy.html", page="privacy", notice=notice)


def render_checklist(lang: str, answers: dict, errors: dict | None = None) -> str:
    with force_locale(lang):
        data = checklist()
    known = load_rules().questions
    problems = [
        {"id": key if key in known else "", "text": _question_text(data, key) or key, "messages": msgs}
        for key, msgs in (errors or {}).items()
    ]
    query = "?" + urlencode(answers) if answers else ""
    return render_template(
        "checklist.html", page="checklist", screens=checklist_screens(data), answers=answers, errors=errors or {},
        problems=problems, switch_url=url_for("pages.checklist", lang=_other(lang)) + query,
    )


# The pages rendered at start-up, in the order the service worker precaches them.
RENDERERS = {"guidance": render_guidance, "checklist": lambda lang: render_checklist(lang, {}),
             "history": render_history, "privacy": render_privacy, "result": render_result_shell}


def _other(lang: str) -> str:
    return next((code for code in supported() if code != lang), lang)


def _valid_answers(source) -> tuple[dict, dict]:
    """Answers from form or query fields, through the API's own schema; the ones that pass, and the errors."""
    answers = {key: source.get(key) for key in source if key not in NOT_ANSWERS}
    try:
        TriageRequestSchema().load({"answers": answers})
        return answers, {}
    except ValidationError as error:
        messages = error.messages.get("answers", {})
        fields = messages if isinstance(messages, dict) else {"": messages}
        return {k: v for k, v in answers.items() if k not in fields}, fields


def _question_text(data: dict, qid: str) -> str:
    return next((q["text"] for step in data["steps"] for q in step["questions"] if q["id"] == qid), "")


def _summary(answers: dict) -> list[dict]:
    """The answers given, as words, in question order, with their value and step: for the summary for the doctor."""
    rows = []
    for step in checklist()["steps"]:
        for q in step["questions"]:
            if q["id"] in answers:
                label = next(o["label"] for o in q["options"] if o["value"] == answers[q["id"]])
                rows.append({"id": q["id"], "q": q["text"], "a": label, "value": answers[q["id"]],
                             "step": step["title"]})
    return rows
