"""GET /api/v1/content: the whole guidance, structured, in one language."""
from flask import current_app
from flask_babel import force_locale
from flask_smorest import Blueprint

from server.body import send
from server.catalogue import catalogue
from server.content.guidance import build_guidance
from server.content.schemas import ContentSchema
from server.i18n import LANG_PARAMETER, query_lang
from server.schemas import ApiErrorSchema

blp = Blueprint(
    "content",
    __name__,
    description="The clinic's guidance on leg numbness, in Vietnamese or English.",
)


def guidance(lang: str) -> dict:
    """The guidance in `lang`, for this app's configuration; built once, into the catalogue (server/build.py)."""
    cfg = current_app.config
    clinic = {"name": cfg["CLINIC_NAME"], "phone": cfg["CLINIC_PHONE"], "address": cfg["CLINIC_ADDRESS"]}
    with force_locale(lang):
        return build_guidance(clinic, cfg["EMERGENCY_NUMBER"])


@blp.route("/content")
@blp.doc(parameters=[LANG_PARAMETER])
@blp.response(200, ContentSchema)
@blp.alt_response(304, description="Not modified: the If-None-Match ETag is current.")
@blp.alt_response(422, schema=ApiErrorSchema, description="`lang` is not one of the languages.")
def get_content():
    """The whole guidance: warning signs, signs, who is at risk, causes, when to see a doctor, relief, treatment.

    The language is `lang`, else the `lang` cookie, else Accept-Language, else Vietnamese.
    Answers conditional requests (If-None-Match) with 304.
    """
    return send(catalogue().content[query_lang()])
