"""GET /api/v1/meta: versions, languages and the emergency number."""
from flask import current_app
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from server.catalogue import catalogue

APP_VERSION = "0.1.0"
blp = Blueprint("meta", __name__, description="Versions, languages and the emergency number.")


class MetaSchema(Schema):
    app_version = fields.String(required=True)
    content_version = fields.String(required=True)
    rules_version = fields.String(required=True)
    languages = fields.List(fields.String(), required=True)
    default_language = fields.String(required=True)
    emergency_number = fields.String(required=True)


@blp.route("/meta")
@blp.response(200, MetaSchema)
def get_meta():
    """What a client needs to know before anything else; cheap to call."""
    cfg = current_app.config
    found = catalogue()
    return {
        "app_version": APP_VERSION,
        "content_version": found.content_version,
        "rules_version": found.rules_version,
        "languages": list(cfg["LANGUAGES"]),
        "default_language": cfg["BABEL_DEFAULT_LOCALE"],
        "emergency_number": cfg["EMERGENCY_NUMBER"],
    }
