"""The guide: content/<lang>/guide.md parsed once into the structure /api/v1/content serves.

The shape an editor keeps (content/README.md explains it): `# title`, the intro paragraph, the notice as a
`> quote`, then `##` sections with paragraphs and `###` items, and `##` cause groups (class `.causes`) whose
`###` causes start with their one-line summary. Every heading carries its id on the line above: `{#id}`.
"""
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin

from server.content.files import ContentError, path

_md = MarkdownIt("commonmark", {"html": False}).use(attrs_block_plugin)


def _text(inline: Token) -> str:
    """The plain text of an inline token: emphasis and links keep their words, line breaks become spaces."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


@cache
def guide(lang: str) -> dict:
    """The guide in `lang` with its placeholders still in: read and parsed once per process."""
    return parse(path(lang, "guide.md").read_text(encoding="utf-8"), f"content/{lang}/guide.md")


def parse(text: str, name: str) -> dict:
    """The structure of a guide file; a ContentError naming `name` and the line when its shape is wrong."""
    tokens = _md.parse(text)
    doc: dict = {"title": "", "intro": "", "notice": "", "sections": [], "cause_groups": []}
    h2 = h3 = None
    quoted = False
    for i, token in enumerate(tokens):
        where = f"{name}, line {token.map[0] + 1 if token.map else '?'}"
        if token.type == "heading_open":
            title, ident = _text(tokens[i + 1]), token.attrs.get("id")
            if token.tag == "h1":
                doc["title"] = title
                continue
            if not ident:
                raise ContentError(f"{where}: the heading needs its id on the line above, like {{#id}}")
            if token.tag == "h2":
                h3 = None
                if "causes" in str(token.attrs.get("class", "")):
                    h2 = {"id": ident, "title": title, "causes": []}
                    doc["cause_groups"].append(h2)
                else:
                    h2 = {"id": ident, "title": title, "paragraphs": [], "items": []}
                    doc["sections"].append(h2)
            elif token.tag == "h3" and h2 is not None:
                h3 = {"id": ident, "name": title, "summary": "", "body": []} if "causes" in h2 else \
                    {"id": ident, "title": title, "text": ""}
                h2["causes" if "causes" in h2 else "items"].append(h3)
            else:
                raise ContentError(f"{where}: only # (title), ## (sections) and ### (items, causes) are used")
        elif token.type in ("blockquote_open", "blockquote_close"):
            quoted = token.type == "blockquote_open"
        elif token.type == "inline" and tokens[i - 1].type == "paragraph_open":
            _place(doc, h2, h3, _text(token), quoted, where)
        elif token.type not in ("heading_close", "paragraph_open", "paragraph_close", "inline"):
            raise ContentError(f"{where}: {token.type} is not used in the guide (write plain paragraphs)")
    return doc


def _place(doc: dict, h2: dict | None, h3: dict | None, text: str, quoted: bool, where: str) -> None:
    if quoted:
        doc["notice"] = text
    elif h2 is None:
        if doc["intro"]:
            raise ContentError(f"{where}: the intro is one paragraph")
        doc["intro"] = text
    elif h3 is None:
        if "causes" in h2:
            raise ContentError(f"{where}: a cause group has no text of its own; put it under a ### cause")
        h2["paragraphs"].append(text)
    elif "summary" in h3:
        if h3["summary"]:
            h3["body"].append(text)
        else:
            h3["summary"] = text
    elif h3["text"]:
        raise ContentError(f"{where}: an item is one paragraph")
    else:
        h3["text"] = text


def causes(lang: str) -> dict[str, dict]:
    """Cause id → its name, summary and group, as the results list them."""
    return {c["id"]: {**c, "group": g["id"]} for g in guide(lang)["cause_groups"] for c in g["causes"]}
