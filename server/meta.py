"""GET /api/v1/meta: versions, languages and the emergency number."""
from flask import current_app
from flask_smorest import Blueprint

from server.content.api import content_version
from server.content.schemas import MetaSchema
from server.triage.engine import load_rules

APP_VERSION = "0.1.0"
blp = Blueprint("meta", __name__, description="Versions, languages and the emergency number.")


@blp.route("/meta")
@blp.response(200, MetaSchema)
def get_meta():
    """What a client needs to know before anything else; cheap to call."""
    cfg = current_app.config
    return {
        "app_version": APP_VERSION,
        "content_version": content_version(),
        "rules_version": load_rules().version,
        "languages": list(cfg["LANGUAGES"]),
        "default_language": cfg["BABEL_DEFAULT_LOCALE"],
        "emergency_number": cfg["EMERGENCY_NUMBER"],
    }
