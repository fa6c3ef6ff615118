"""The triage request's JSON body, read, parsed and loaded by its marshmallow schema in one pass.

A leaf module, called by the view (server/triage/api.py). No webargs parser in between: its decorators cost more
than the validation itself, and the schema still documents the body (OpenAPI). The request object is looked up
once: each use of flask.request or flask.g goes through a context-local proxy."""
import json
from typing import Any

from flask import abort, request
from marshmallow import Schema, ValidationError
from webargs.flaskparser import abort as abort_with_fields


def parse_json(data: bytes) -> Any:
    """The body parsed, or 400 for what is not JSON (UTF-8 only, so no BOM nor UTF-16) or parses into what Python
    cannot carry on with: a number past the int conversion limit (4,300 digits: a ValueError) or a lone surrogate
    (\\ud800: no UTF-8 can hold it, so even the error naming the field could not be sent)."""
    try:
        parsed = json.loads(data.decode("utf-8"))
        if b"\\u" in data:  # only an escape can make a lone surrogate: re-encoding finds it
            json.dumps(parsed, ensure_ascii=False).encode()
    except (ValueError, RecursionError):  # UnicodeError and JSONDecodeError are ValueErrors
        abort(400)
    return parsed


def read_body(schema: Schema) -> dict:
    """This request's JSON body loaded by `schema`: 415 when it is not sent as JSON, 400 when it is not JSON (an
    empty body included), 422 naming each field that is wrong (server/errors.py's shape)."""
    req = request._get_current_object()
    if not req.is_json:
        abort(415)
    data = req.get_data(cache=True)
    if not data:
        abort(400)
    parsed = parse_json(data)
    try:
        return schema.load(parsed)
    except ValidationError as error:
        abort_with_fields(422, exc=error, messages={"json": error.messages})
