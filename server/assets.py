"""Content-hashed URLs of the files in pwa/: cacheable for a year, because a new content means a new URL.

A leaf module: the hashes are worked out once per app (init_app) and `asset()` is a Jinja global.
"""
import hashlib
import re
from functools import cache
from pathlib import Path

from flask import Flask, current_app, url_for

PWA_DIR = Path(__file__).resolve().parent.parent / "pwa"
EXTENSION = "assets"  # app.extensions key: {relative path: hash}
STATIC_IMPORT = re.compile(r'^import\s[^"\']*["\']\./([\w.-]+\.js)["\'];?$', re.M)  # import … from "./x.js"


def file_hash(path: Path) -> str:
    """A short hash of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10]


def hashes(root: Path = PWA_DIR) -> dict[str, str]:
    """{path relative to pwa/: hash} of every file, read once at start-up: a changed file needs a restart."""
    return {p.relative_to(root).as_posix(): file_hash(p) for p in sorted(root.rglob("*")) if p.is_file()}


def current_hash(filename: str) -> str | None:
    return current_app.extensions[EXTENSION].get(filename)


def asset(filename: str) -> str:
    """The URL of a file in pwa/, versioned by its content."""
    return url_for("files.static", filename=filename, v=current_hash(filename))


@cache  # each module of pwa/ read once: a changed file needs a restart, as for its hash
def _imported(filename: str) -> tuple[str, ...]:
    folder = Path(filename).parent
    names = STATIC_IMPORT.findall((PWA_DIR / filename).read_text(encoding="utf-8"))
    return tuple((folder / name).as_posix() for name in names)


def module_graph(*filenames: str) -> list[str]:
    """The URLs of these modules of pwa/ and of every module they import statically, transitively, each once (an
    import names a file: no hash): what a page that will import them can preload at once, rather than one round
    trip per level of imports."""
    seen: dict[str, None] = {}
    todo = list(filenames)
    while todo:
        name = todo.pop(0)
        if name not in seen:
            seen[name] = None
            todo.extend(_imported(name))
    return [url_for("files.static", filename=name) for name in seen]


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = hashes()
    app.jinja_env.globals["asset"] = asset
    app.jinja_env.globals["module_graph"] = module_graph
