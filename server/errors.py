"""Errors: one JSON shape under /api/ ({"error": {"code", "message", "fields"}}), a small localized page elsewhere."""
from flask import Flask, current_app, jsonify, make_response, render_template, request, url_for
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError

from server.i18n import select_locale
from server.messages import MESSAGES, OTHER_TITLE, TITLES


def error_response(code: int, fields: dict | None = None, headers=None):
    body = {"error": {"code": code, "message": str(MESSAGES.get(code, MESSAGES[500])), "fields": fields or {}}}
    response = jsonify(body)
    response.status_code = code
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _messages(value):
    """Field errors as {field: [message]} at every level: a lazy (localized) message is not a str, so marshmallow
    leaves it bare instead of in a list."""
    if isinstance(value, dict):
        return {str(key): _messages(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_messages(item) if isinstance(item, dict) else str(item) for item in value]
    return [str(value)]


def _fields(error: HTTPException) -> dict:
    """Field errors that webargs/flask-smorest attach to a 422, flattened to {field: [messages]}."""
    messages = (getattr(error, "data", None) or {}).get("messages") or {}
    flat: dict = {}
    for location in messages.values():  # {"json": {...}}
        if isinstance(location, dict):
            for name, value in location.items():
                flat[str(name)] = _messages(value)
    return flat


def _passed_on_headers(error: HTTPException) -> dict:
    """Headers an error carries besides its body: Allow on a 405, Retry-After and the rate-limit ones on a 429."""
    headers = {}
    if error.code == 405 and error.valid_methods:
        headers["Allow"] = ", ".join(error.valid_methods)
    if error.code == 429:
        headers.update(dict(error.get_response().headers))
        headers.pop("Content-Type", None)
        headers.pop("Content-Length", None)
    return headers


def error_page(error: HTTPException):
    """A small HTML page in the visitor's language (path prefix, ?lang, cookie, Accept-Language, then vi), with the
    app's stylesheet and a link home. If even that fails, werkzeug's own plain page is the answer."""
    code = error.code or 500
    try:
        lang = select_locale()
        html = render_template(
            "error.html", lang=lang, code=code, title=str(TITLES.get(code, OTHER_TITLE)),
            message=str(MESSAGES.get(code, MESSAGES[500])), home=url_for("pages.guidance", lang=lang),
            emergency_number=current_app.config["EMERGENCY_NUMBER"],
        )
    except Exception:  # a broken template or catalog must not turn a 404 into a 500, nor a 500 into a loop
        current_app.logger.exception("error page failed")
        return error
    response = make_response(html, code)
    response.headers.update(_passed_on_headers(error))
    response.cache_control.no_store = True
    return response


def init_app(app: Flask) -> None:
    def handle(error: Exception):
        if isinstance(error, RecursionError):  # JSON nested too deeply to parse
            error = BadRequest()
        if not isinstance(error, HTTPException):
            app.logger.exception("unhandled error")
            error = InternalServerError()
        if not request.path.startswith("/api/"):
            return error_page(error)
        return error_response(error.code, _fields(error), _passed_on_headers(error))

    app.register_error_handler(HTTPException, handle)
    app.register_error_handler(Exception, handle)
