"""/sw.js: the service worker's source with its configuration injected: the precache list and a version that is
a hash of everything it caches, worked out at start-up from the catalogue's own bodies (server/build.py);
/sw-parts.js: the scripts it imports, joined into one file at start-up; /sw-bundle/<name>: the precache in a few
responses, for a first install (server/offline/bundle.py)."""
import hashlib
import json
from collections.abc import Mapping

from flask import Blueprint, Response, abort, current_app, request, url_for

from server.assets import PWA_DIR, asset
from server.body import Body, send
from server.catalogue import catalogue, page_body
from server.constants import ONE_YEAR

bp = Blueprint("worker", __name__)
SW_SOURCE = PWA_DIR / "sw.js"
SW_PLACEHOLDER = "__SW_CONFIG__"
MIMETYPE = "text/javascript"
# Precached files, besides the pages and the API answers. Not: screenshots (tools/screenshots.py makes them) and
# licences, which only the install sheet shows, online; nor the icons that serve only installing the app (512 px,
# maskable, Apple's: 20 KB, an eighth of the precache), done online too. The pages show these two.
PRECACHED_GLOBS = ("css/*.css", "js/*.js", "vendor/*.js", "vendor/*/*.js", "vendor/*/*.mjs",
                   "icons/favicon-32.png", "icons/icon-192.png")
# Imported by the service worker, in this order: the scripts it shares with the pages, then its parts.
SW_SCRIPTS = ("vendor/idb/umd.js", "js/db.js", "vendor/json-logic.js", "js/triage.js", "js/interview.js",
              "js/local-result.js", "sw/precache.js", "sw/routes.js", "sw/triage.js", "sw/outbox.js")
PARTS_HASH = 10  # characters of the parts' ETag in their URL, as for the static files


def file_urls() -> list[str]:
    files = sorted({p for pattern in PRECACHED_GLOBS for p in PWA_DIR.glob(pattern)} - {SW_SOURCE})
    return [asset(p.relative_to(PWA_DIR).as_posix()) for p in files]


def parts() -> Body:
    """SW_SCRIPTS joined, each file's bytes as they are in the repository.

    importScripts() fetches its scripts one after another while the worker starts: ten round trips before the
    precache even begins (4 s at a slow phone's 400 ms). One file is one round trip, and as its URL carries its
    hash an update that changes none of them takes it from the HTTP cache. One script rather than ten: the first
    line makes all of them strict, as each of ours is on its own (the vendored ones are strict inside too)."""
    chunks = ['"use strict";\n']
    for name in SW_SCRIPTS:
        # ";" after each: a file ending without one cannot run into the next (`(function…` would call it).
        chunks.append(f"/* pwa/{name} */\n{(PWA_DIR / name).read_text(encoding='utf-8')}\n;\n")
    return Body("".join(chunks).encode(), MIMETYPE)


def worker(bodies: Mapping[str, Body], scripts: Body, bundles: Mapping[str, list[str]]) -> tuple[Body, dict]:
    """/sw.js and its configuration. `bodies`: the bytes of the URLs the app makes (pages, API answers, manifests,
    rules), in the order the worker caches them; the static files' URLs carry their own hash. `scripts`: parts().
    `bundles`: {hashed URL of a bundle: the URLs it holds}.

    The version changes whenever a byte the worker caches changes, or the worker itself, or its configuration.
    `etags` names the bytes of each URL without a hash, so an update knows which it has already, asking nothing."""
    source = SW_SOURCE.read_text(encoding="utf-8")
    config = {
        "precache": [*bodies, *file_urls()],
        "etags": {url: body.etag for url, body in bodies.items()},
        "bundles": dict(bundles),
        "scripts": [url_for("worker.scripts", v=scripts.etag[:PARTS_HASH])],
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


def _hashed(response: Response, etag: str) -> Response:
    if request.args.get("v") == etag[:PARTS_HASH]:  # a hashed URL never changes: never ask again
        response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    return response


@bp.route("/sw-parts.js")
def scripts():
    body = catalogue().worker_scripts
    return _hashed(send(body), body.etag)


@bp.route("/sw-bundle/<name>")
def bundle(name: str):
    found = catalogue().bundles.get(name) or abort(404)
    return _hashed(send(page_body(found)), found.etag)
