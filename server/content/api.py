"""GET /api/v1/content: the whole guidance, structured, in one language."""

import hashlib
import json

from flask import current_app
from flask_babel import force_locale
from flask_smorest import Blueprint

from server.content.guidance import build_guidance
from server.content.schemas import ContentSchema
from server.i18n import select_locale
from server.schemas import LangQuerySchema

blp = Blueprint(
    "content",
    __name__,
    description="The clinic's guidance on leg numbness, in Vietnamese or English.",
)
_cache: dict[tuple, dict] = {}


def _clinic() -> dict:
    cfg = current_app.config
    return {
        "name": cfg["CLINIC_NAME"],
        "phone": cfg["CLINIC_PHONE"],
        "address": cfg["CLINIC_ADDRESS"],
    }


def guidance(lang: str) -> dict:
    """The guidance in `lang`, built once per process and configuration."""
    number = current_app.config["EMERGENCY_NUMBER"]
    key = (lang, number, tuple(_clinic().values()))
    if key not in _cache:
        with force_locale(lang):
            _cache[key] = build_guidance(_clinic(), number)
    return _cache[key]


def content_version() -> str:
    """A short hash of the guidance in every language: changes whenever any text changes."""
    texts = [guidance(lang) for lang in current_app.config["LANGUAGES"]]
    key = id(texts[0]), id(texts[1])  # the cached dicts: a new build means a new hash
    if _versions.get("key") != key:
        blob = json.dumps(texts, sort_keys=True)
        _versions.update(key=key, value=hashlib.sha256(blob.encode()).hexdigest()[:16])
    return _versions["value"]


_versions: dict = {}


@blp.route("/content")
@blp.etag
@blp.arguments(LangQuerySchema, location="query", as_kwargs=True)
@blp.response(200, ContentSchema)
def get_content(lang: str | None = None):
    """The whole guidance: warning signs, signs, who is at risk, causes, when to see a doctor, relief, treatment.

    The language is `lang`, else the `lang` cookie, else Accept-Language, else Vietnamese.
    Answers conditional requests (If-None-Match) with 304.
    """
    lang = select_locale()
    return {"lang": lang, "content_version": content_version(), **guidance(lang)}
