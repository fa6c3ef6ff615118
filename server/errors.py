"""One JSON error shape for everything under /api/: {"error": {"code", "message", "fields"}}."""
from flask import Flask, jsonify, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError

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
NOT_ALLOWED_VALUE = _l("This value is not allowed.")


def error_response(code: int, fields: dict | None = None, headers=None):
    body = {"error": {"code": code, "message": str(MESSAGES.get(code, MESSAGES[500])), "fields": fields or {}}}
    response = jsonify(body)
    response.status_code = code
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _fields(error: HTTPException) -> dict:
    """Field errors that webargs/flask-smorest attach to a 422, flattened to {field: [messages]}."""
    messages = (getattr(error, "data", None) or {}).get("messages") or {}
    flat: dict = {}
    for location in messages.values():  # {"json": {...}}
        if isinstance(location, dict):
            for name, value in location.items():
                flat[name] = value
    return flat


def init_app(app: Flask) -> None:
    def handle(error: Exception):
        if isinstance(error, RecursionError):  # JSON nested too deeply to parse
            error = BadRequest()
        if not isinstance(error, HTTPException):
            app.logger.exception("unhandled error")
            error = InternalServerError()
        if not request.path.startswith("/api/"):
            return error
        headers = {}
        if error.code == 405 and error.valid_methods:
            headers["Allow"] = ", ".join(error.valid_methods)
        if error.code == 429:
            headers.update(dict(error.get_response().headers))
            headers.pop("Content-Type", None)
            headers.pop("Content-Length", None)
        return error_response(error.code, _fields(error), headers)

    app.register_error_handler(HTTPException, handle)
    app.register_error_handler(Exception, handle)
