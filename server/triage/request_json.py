"""The triage request's JSON body: parsed once by the API's own guard, then loaded by its marshmallow schema.

A leaf module. server/triage/api.py runs `parse_body` before the view (a body that is not JSON is a 400 before the
rate limit counts it) and the view loads what it left on `flask.g` with TriageRequestSchema. No webargs parser in
between: its decorators cost more than the validation itself, and the schema still documents the body (OpenAPI)."""
import json
from typing import Any

from flask import abort, g
from marshmallow import Schema, ValidationError
from webargs.flaskparser import abort as abort_with_fields

PARSED = "triage_json_body"  # flask.g attribute


def parse_body(data: bytes) -> Any:
    """The body parsed, or 400 for what is not JSON (UTF-8 only, so no BOM nor UTF-16) or parses into what Python
    cannot carry on with: a number past the int conversion limit (4,300 digits: a ValueError) or a lone surrogate
    (\\ud800: no UTF-8 can hold it, so even the error naming the field could not be sent)."""
    try:
        parsed = json.loads(data.decode("utf-8"))
        if b"\\u" in data:  # only an escape can make a lone surrogate: re-encoding finds it
            json.dumps(parsed, ensure_ascii=False).encode()
    except (ValueError, RecursionError):  # UnicodeError and JSONDecodeError are ValueErrors
        abort(400)
    setattr(g, PARSED, parsed)
    return parsed


def load_body(schema: Schema) -> dict:
    """The parsed body loaded by `schema`, or a 422 naming each field that is wrong (server/errors.py's shape)."""
    try:
        return schema.load(g.get(PARSED))
    except ValidationError as error:
        abort_with_fields(422, exc=error, messages={"json": error.messages})
