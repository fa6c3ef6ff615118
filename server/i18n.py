"""Locale choice: ?lang, a /vi or /en path prefix or a JSON body's lang; then the cookie, Accept-Language, vi."""
from flask import Flask, current_app, request
from flask_smorest import abort
from werkzeug.exceptions import HTTPException

from server.constants import LANGUAGES
from server.messages import NOT_ALLOWED_VALUE

LANG_COOKIE = "lang"
ENV_KEY = "te_chan.lang"  # the chosen language, kept on the request (not g: tests share an app context)
EXPLICIT_KEY = "te_chan.explicit_lang"  # what the request names itself, worked out once


def supported() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


def explicit_lang() -> str | None:
    """The language the request names itself (query, path or JSON body), if it is one we have; once per request."""
    environ = request.environ
    if EXPLICIT_KEY not in environ:
        environ[EXPLICIT_KEY] = _explicit_lang()
    return environ[EXPLICIT_KEY]


def _explicit_lang() -> str | None:
    langs = supported()
    lang = request.args.get("lang")
    if lang in langs:
        return lang
    first = request.path.strip("/").split("/", 1)[0]
    if first in langs:
        return first
    if request.is_json and request.method == "POST":  # {"lang": ...} in a JSON body, even one that fails validation
        try:
            body = request.get_json(silent=True)
        except (RecursionError, HTTPException):  # too deep or too large: the error handler says so
            body = None
        if isinstance(body, dict) and body.get("lang") in langs:
            return body["lang"]
    return None


# The ?lang query parameter of the GET API answers, as documented in OpenAPI (@blp.doc(parameters=[LANG_PARAMETER])).
LANG_PARAMETER = {"in": "query", "name": "lang", "required": False, "description": " or ".join(LANGUAGES),
                  "schema": {"type": "string", "enum": list(LANGUAGES)}}


def query_lang() -> str:
    """The language of a GET API answer: a valid ?lang, else the usual choice; an unknown ?lang is a 422 naming it.

    Checked here rather than by a webargs schema: these answers are looked up, and parsing was most of their cost."""
    lang = request.args.get("lang")
    if lang is not None and lang not in supported():
        abort(422, messages={"query": {"lang": [NOT_ALLOWED_VALUE]}})
    return select_locale()


def set_lang(lang: str, explicit: bool = False) -> None:
    """Fix the request's language; `explicit` when the request named it (e.g. a JSON body's valid `lang`)."""
    request.environ[ENV_KEY] = lang
    if explicit:
        request.environ[EXPLICIT_KEY] = lang


def select_locale() -> str:
    if ENV_KEY in request.environ:
        return request.environ[ENV_KEY]
    langs = supported()
    lang = explicit_lang() or request.cookies.get(LANG_COOKIE)
    if lang not in langs:
        lang = request.accept_languages.best_match(langs) or current_app.config["BABEL_DEFAULT_LOCALE"]
    set_lang(lang)
    return lang


def init_app(app: Flask) -> None:
    @app.after_request
    def add_language_headers(response):
        if ENV_KEY in request.environ:
            response.headers["Content-Language"] = request.environ[ENV_KEY]
            if explicit_lang() is None:  # the choice came from the cookie or Accept-Language
                response.vary.add("Cookie")
                response.vary.add("Accept-Language")
        return response
