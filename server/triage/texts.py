"""The checklist's and results' words, from content/<lang>/checklist.toml, keyed by the ids of rules.json.

Cause names and one-line summaries are not here: they are the cause headings of the guide (one place to edit).
"""
import tomllib
from functools import cache

from server.content.files import ContentError, path


@cache
def words(lang: str) -> dict:
    """Every checklist and result word in `lang`, placeholders still in; read once per process."""
    file = path(lang, "checklist.toml")
    try:
        with file.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"content/{lang}/checklist.toml: {error}") from None
