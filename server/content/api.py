"""GET /api/v1/content: the whole guidance, structured, in one language, from content/<lang>/guide.md."""
import hashlib
import json

from flask import current_app
from flask_smorest import Blueprint

from server.apidoc import documented
from server.body import send
from server.catalogue import catalogue
from server.content.files import files_digest, fill, placeholders
from server.content.guide import guide
from server.content.schemas import ContentSchema
from server.i18n import LANG_PARAMETER, query_lang
from server.schemas import ApiErrorSchema

blp = Blueprint(
    "content",
    __name__,
    description="The clinic's guidance on leg numbness, in Vietnamese or English.",
)


@blp.record_once
def _read_at_start(state) -> None:
    """Parse every content file when the app starts: a mistake in an edited file stops the start, not a page."""
    from server.triage.texts import words

    for lang in state.app.config["LANGUAGES"]:
        guide(lang)
        words(lang)


def _values() -> dict[str, str]:
    cfg = current_app.config
    return {
        "number": cfg["EMERGENCY_NUMBER"],
        "clinic": cfg["CLINIC_NAME"],
        "phone": cfg["CLINIC_PHONE"] or "",
        "address": cfg["CLINIC_ADDRESS"] or "",
    }


def _build(lang: str, values: dict[str, str]) -> dict:
    raw = guide(lang)

    def text(s: str) -> str:
        return fill(s, values)

    def kept(s: str) -> bool:
        """A paragraph about the clinic's phone or address shows only when the clinic has one."""
        return all(values.get(name, "x") for name in placeholders(s))

    return {
        "title": text(raw["title"]),
        "intro": text(raw["intro"]),
        "notice": text(raw["notice"]),
        "sections": [
            {
                "id": s["id"], "title": text(s["title"]),
                "paragraphs": [text(p) for p in s["paragraphs"] if kept(p)],
                "items": [{"id": i["id"], "title": text(i["title"]), "text": text(i["text"])} for i in s["items"]],
            }
            for s in raw["sections"]
        ],
        "cause_groups": [
            {
                "id": g["id"], "title": text(g["title"]),
                "causes": [
                    {"id": c["id"], "name": text(c["name"]), "summary": text(c["summary"]),
                     "body": [text(p) for p in c["body"]]}
                    for c in g["causes"]
                ],
            }
            for g in raw["cause_groups"]
        ],
        "clinic": {"name": values["clinic"], "phone": values["phone"], "address": values["address"]},
    }


def guidance(lang: str) -> dict:
    """The guidance in `lang` for this app's configuration; built once, into the catalogue (server/build.py)."""
    return _build(lang, _values())


def content_version() -> str:
    """A short hash of every content file and the values filled in: changes whenever any word changes.
    Worked out once, into the catalogue (server/build.py)."""
    blob = files_digest(current_app.config["LANGUAGES"]) + json.dumps(tuple(_values().values()))
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


@blp.route("/content")
@documented
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
