"""/sw.js: the service worker's source with its configuration injected: the precache list and a version that is
a hash of everything it caches, worked out at start-up from the catalogue's own bodies (server/build.py)."""
import hashlib
import json
from collections.abc import Mapping

from flask import Blueprint, current_app
from flask_babel import force_locale

from server.assets import PWA_DIR, asset
from server.body import Body, send
from server.catalogue import catalogue
from server.messages import (
    MESSAGES,
    NOT_ALLOWED_VALUE,
    NOT_BOOLEAN,
    NOT_OBJECT,
    NOT_TEXT,
    NOT_UUID,
    UNKNOWN_FIELD,
)

bp = Blueprint("worker", __name__)
SW_SOURCE = PWA_DIR / "sw.js"
SW_PLACEHOLDER = "__SW_CONFIG__"
MIMETYPE = "text/javascript"
# Precached files, besides the pages and the API answers; screenshots (tools/screenshots.py makes them) and
# licences are not: only the install sheet shows the screenshots, online.
PRECACHED_GLOBS = ("css/*.css", "js/*.js", "vendor/*.js", "vendor/*/*.js", "vendor/*/*.mjs", "icons/*.png")
# Loaded by the service worker with importScripts, in this order.
SW_SCRIPTS = ("vendor/idb/umd.js", "js/db.js", "vendor/json-logic.js", "js/triage.js", "js/interview.js",
              "js/local-result.js")


def file_urls() -> list[str]:
    files = sorted({p for pattern in PRECACHED_GLOBS for p in PWA_DIR.glob(pattern)} - {SW_SOURCE})
    return [asset(p.relative_to(PWA_DIR).as_posix()) for p in files]


def _messages() -> dict:
    """The API's error words in each language, for the errors the worker still answers itself offline."""
    words = {}
    for lang in current_app.config["LANGUAGES"]:
        with force_locale(lang):
            words[lang] = {str(code): str(text) for code, text in MESSAGES.items() if code in (400, 422, 500)}
            words[lang].update({
                "unknown": str(UNKNOWN_FIELD), "not_allowed": str(NOT_ALLOWED_VALUE), "not_text": str(NOT_TEXT),
                "not_boolean": str(NOT_BOOLEAN), "not_uuid": str(NOT_UUID), "not_object": str(NOT_OBJECT),
            })
    return words


def worker(bodies: Mapping[str, Body]) -> tuple[Body, dict]:
    """/sw.js and its configuration. `bodies`: the bytes of the URLs the app makes (pages, API answers, manifests,
    rules), in the order the worker caches them; the static files' URLs carry their own hash.

    The version changes whenever a byte the worker caches changes, or the worker itself, or its configuration."""
    source = SW_SOURCE.read_text(encoding="utf-8")
    config = {
        "precache": [*bodies, *file_urls()],
        "scripts": [asset(name) for name in SW_SCRIPTS],
        "langs": list(current_app.config["LANGUAGES"]),
        "default_lang": current_app.config["BABEL_DEFAULT_LOCALE"],
        "messages": _messages(),
    }
    digest = hashlib.sha256(source.encode())
    digest.update(json.dumps(config, sort_keys=True).encode())
    for url, body in bodies.items():
        digest.update(url.encode() + b"\0" + body.etag.encode())
    config = {"version": digest.hexdigest()[:16], **config}
    text = source.replace(SW_PLACEHOLDER, json.dumps(config, ensure_ascii=False, separators=(",", ":")), 1)
    return Body(text.encode(), MIMETYPE), config


@bp.route("/sw.js")
def service_worker():
    return send(catalogue().worker)
