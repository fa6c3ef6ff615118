"""/sw.js: the service worker's source with its configuration injected: the precache list and a version that is
a hash of everything it caches, worked out at start-up from the catalogue's own bodies (server/build.py)."""
import hashlib
import json
from collections.abc import Mapping

from flask import Blueprint, current_app

from server.assets import PWA_DIR, asset
from server.body import Body, send
from server.catalogue import catalogue

bp = Blueprint("worker", __name__)
SW_SOURCE = PWA_DIR / "sw.js"
SW_PLACEHOLDER = "__SW_CONFIG__"
MIMETYPE = "text/javascript"
# Precached files, besides the pages and the API answers; screenshots (tools/screenshots.py makes them) and
# licences are not: only the install sheet shows the screenshots, online.
PRECACHED_GLOBS = ("css/*.css", "js/*.js", "vendor/*.js", "vendor/*/*.js", "vendor/*/*.mjs", "icons/*.png")
# Loaded by the service worker with importScripts, in this order: the scripts it shares with the pages, then its parts.
SW_SCRIPTS = ("vendor/idb/umd.js", "js/db.js", "vendor/json-logic.js", "js/triage.js", "js/interview.js",
              "js/local-result.js", "sw/precache.js", "sw/routes.js", "sw/triage.js", "sw/outbox.js")


def file_urls() -> list[str]:
    files = sorted({p for pattern in PRECACHED_GLOBS for p in PWA_DIR.glob(pattern)} - {SW_SOURCE})
    return [asset(p.relative_to(PWA_DIR).as_posix()) for p in files]


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
