"""Schemas of the guidance content API."""

from marshmallow import Schema, fields


class ItemSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    text = fields.String(required=True)


class SectionSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    paragraphs = fields.List(fields.String(), required=True)
    items = fields.List(fields.Nested(ItemSchema), required=True)


class CauseSchema(Schema):
    id = fields.String(required=True, metadata={"description": "cause id of the triage specification"})
    name = fields.String(required=True)
    summary = fields.String(required=True)
    body = fields.List(fields.String(), required=True)


class CauseGroupSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    causes = fields.List(fields.Nested(CauseSchema), required=True)


class ClinicSchema(Schema):
    name = fields.String(required=True)
    phone = fields.String(required=True)
    address = fields.String(required=True)


class ContentSchema(Schema):
    lang = fields.String(required=True)
    content_version = fields.String(required=True)
    title = fields.String(required=True)
    intro = fields.String(required=True)
    notice = fields.String(required=True)
    sections = fields.List(fields.Nested(SectionSchema), required=True)
    cause_groups = fields.List(fields.Nested(CauseGroupSchema), required=True)
    clinic = fields.Nested(ClinicSchema, required=True)

