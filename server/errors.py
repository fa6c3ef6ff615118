"""Errors: one JSON shape under /api/ ({"error": {"code", "message", "fields"}}), a small localized page elsewhere."""
from flask import Flask, current_app, jsonify, make_response, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError

from server.extensions import api
from server.schemas import NOT_ALLOWED_VALUE, ApiErrorSchema  # noqa: F401 (NOT_ALLOWED_VALUE: re-exported)

# The OpenAPI document's default and 422 error responses describe this module's shape, not flask-smorest's own
# ErrorSchema (which the handlers below never send). Read by api.init_app(), so it is set at import.
api.ERROR_SCHEMA = ApiErrorSchema

MESSAGES = {
    400: _l("The request could not be understood."),
    404: _l("There is nothing at this address."),
    405: _l("This method is not allowed here."),
    413: _l("The request is too large."),
    415: _l("Send the request body as JSON (Content-Type: application/json)."),
    422: _l("Some answers are not valid."),
    429: _l("Too many requests. Please wait a moment and try again."),
    500: _l("Something went wrong on our side. Please try again."),
}
UNKNOWN_FIELD = _l("Unknown field.")
# Headings of the error page outside /api/; its text is the code's message above.
TITLES = {404: _l("Page not found"), 500: _l("Something went wrong")}
OTHER_TITLE = _l("This request could not be completed")


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
    from server.i18n import select_locale  # noqa: PLC0415 (server.i18n and server.pages import this module)
    from server.pages.pwa import asset  # noqa: PLC0415

    code = error.code or 500
    try:
        lang = select_locale()
        html = render_template(
            "error.html", lang=lang, code=code, title=str(TITLES.get(code, OTHER_TITLE)),
            message=str(MESSAGES.get(code, MESSAGES[500])), home=url_for("pages.guidance", lang=lang),
            asset=asset, emergency_number=current_app.config["EMERGENCY_NUMBER"],
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
