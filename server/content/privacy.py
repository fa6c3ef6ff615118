"""The privacy notice: content/<lang>/privacy.md rendered to HTML once per language and configuration."""
from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin

from server.content.files import fill, path

# Raw HTML off: the file and the values filled in (clinic name…) are escaped, never trusted as markup.
_md = MarkdownIt("commonmark", {"html": False}).use(attrs_block_plugin)


def source(lang: str) -> str:
    return path(lang, "privacy.md").read_text(encoding="utf-8")


@cache
def privacy(lang: str, clinic: str, retention_days: int) -> dict[str, str]:
    """{"title", "html"}: the notice's first heading, and the whole notice as HTML."""
    text = fill(source(lang), {"clinic": clinic, "retention_days": str(retention_days)})
    tokens = _md.parse(text)
    title = next(tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1")
    return {"title": title, "html": _md.renderer.render(tokens, _md.options, {})}
