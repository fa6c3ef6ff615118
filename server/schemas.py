"""Schemas shared by the API blueprints."""
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate

NOT_ALLOWED_VALUE = _l("This value is not allowed.")


class LangQuerySchema(Schema):
    lang = fields.String(
        validate=validate.OneOf(("vi", "en"), error=NOT_ALLOWED_VALUE), metadata={"description": "vi or en"},
    )


class ApiErrorBodySchema(Schema):
    code = fields.Integer(required=True)
    message = fields.String(required=True)
    fields = fields.Dict(keys=fields.String())


class ApiErrorSchema(Schema):
    error = fields.Nested(ApiErrorBodySchema, required=True)
