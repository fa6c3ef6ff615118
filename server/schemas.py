"""Schemas shared by the API blueprints."""
from marshmallow import Schema, fields, validate

from server.constants import LANGUAGES
from server.messages import NOT_ALLOWED_VALUE


class LangQuerySchema(Schema):
    lang = fields.String(
        validate=validate.OneOf(LANGUAGES, error=NOT_ALLOWED_VALUE), metadata={"description": " or ".join(LANGUAGES)},
    )


class ApiErrorBodySchema(Schema):
    code = fields.Integer(required=True)
    message = fields.String(required=True)
    fields = fields.Dict(keys=fields.String())


class ApiErrorSchema(Schema):
    error = fields.Nested(ApiErrorBodySchema, required=True)
