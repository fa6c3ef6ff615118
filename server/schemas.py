"""Schemas shared by the API blueprints."""
from marshmallow import Schema, fields


class ApiErrorBodySchema(Schema):
    code = fields.Integer(required=True)
    message = fields.String(required=True)
    fields = fields.Dict(keys=fields.String())


class ApiErrorSchema(Schema):
    error = fields.Nested(ApiErrorBodySchema, required=True)
