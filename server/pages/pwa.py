"""What makes the pages an installable, offline app: /static/, the manifests, and /sw.js with its precache."""
import hashlib
import json
from pathlib import Path

from flask import Response, abort, current_app, request, send_from_directory, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from server.errors import MESSAGES
from server.pages.views import bp

PWA_DIR = Path(__file__).resolve().parents[2] / "pwa"
SW_SOURCE = PWA_DIR / "sw.js"
SW_PLACEHOLDER = "__SW_CONFIG__"
# Precached files, besides the pages and the API answers; screenshots (tools/screenshots.py makes them) and
# licences are not: only the install sheet shows the screenshots, online.
PRECACHED_GLOBS = ("css/*.css", "js/*.js", "vendor/*.js", "vendor/*/*.js", "vendor/*/*.mjs", "icons/*.png")
# Loaded by the service worker with importScripts, in this order.
SW_SCRIPTS = ("vendor/idb/umd.js", "js/db.js", "vendor/json-logic.js", "js/triage.js", "js/interview.js", "js/view.js")
THEME_COLOR = "#00527a"
YEAR = 365 * 24 * 3600
_hashes: dict[Path, tuple[int, int, str]] = {}


def file_hash(path: Path) -> str:
    """A short hash of a file's bytes, recomputed only when its size or time changes."""
    stat = path.stat()
    known = _hashes.get(path)
    if known is None or known[:2] != (stat.st_mtime_ns, stat.st_size):
        known = (stat.st_mtime_ns, stat.st_size, hashlib.sha256(path.read_bytes()).hexdigest()[:10])
        _hashes[path] = known
    return known[2]


def asset(filename: str) -> str:
    """The URL of a file in pwa/, versioned by its content so it can be cached for a year."""
    return url_for("pages.static", filename=filename, v=file_hash(PWA_DIR / filename))


@bp.route("/static/<path:filename>")
def static(filename: str):
    if filename == "sw.js":  # the source of /sw.js: served only rendered, at the root scope
        abort(404)
    response = send_from_directory(PWA_DIR, filename)
    if response.status_code == 200:  # small files, sent whole: Flask-Compress gzips no streamed response
        response.direct_passthrough = False
        response.make_sequence()
    fresh = request.args.get("v") == file_hash(PWA_DIR / filename)
    response.cache_control.no_cache = None if fresh else True
    if fresh:
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
    return response


@bp.route("/favicon.ico")
def favicon():
    return static("icons/favicon-32.png")


@bp.route("/apple-touch-icon.png")
def apple_touch_icon():
    return static("icons/apple-touch-icon.png")


@bp.route("/<any(vi, en):lang>/manifest.webmanifest")
def manifest(lang: str):
    with force_locale(lang):
        body = {
            "lang": lang,
            "dir": "ltr",
            "name": _("Leg Numbness Check"),
            "short_name": _("Leg numbness"),
            "description": _("A guide and checklist for leg numbness: warning signs, possible causes and what to do."),
            "id": "/",
            "start_url": url_for("pages.guidance", lang=lang, source="pwa"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": THEME_COLOR,
            "categories": ["health", "medical"],
            "icons": [
                {"src": asset("icons/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
                {"src": asset("icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
                {"src": asset("icons/maskable-512.png"), "sizes": "512x512", "type": "image/png",
                 "purpose": "maskable"},
            ],
            "screenshots": [
                {"src": asset(f"screenshots/{lang}-guide.png"), "sizes": "360x740",
                 "type": "image/png", "form_factor": "narrow", "label": _("The guide to leg numbness")},
                {"src": asset(f"screenshots/{lang}-checklist.png"), "sizes": "360x740",
                 "type": "image/png", "form_factor": "narrow", "label": _("The checklist, one question at a time")},
            ],
        }
    response = current_app.response_class(json.dumps(body, ensure_ascii=False), mimetype="application/manifest+json")
    response.cache_control.no_cache = True
    return response


def precache_urls() -> list[str]:
    """Everything the service worker keeps: both languages' pages and API answers, the rules, the shell files."""
    urls = []
    for lang in current_app.config["LANGUAGES"]:
        pages = ("pages.guidance", "pages.checklist", "pages.history", "pages.privacy", "pages.result")
        urls += [url_for(endpoint, lang=lang) for endpoint in pages]
        urls += [f"/api/v1/{name}?lang={lang}" for name in ("content", "checklist", "result-words")]
        urls.append(url_for("pages.manifest", lang=lang))
    urls.append("/api/v1/rules")
    files = sorted({p for pattern in PRECACHED_GLOBS for p in PWA_DIR.glob(pattern)} - {SW_SOURCE})
    urls += [asset(p.relative_to(PWA_DIR).as_posix()) for p in files]
    return urls


def _messages() -> dict:
    """The API's error words in each language, for the errors the worker answers itself offline."""
    from server.triage import schemas

    words = {}
    for lang in current_app.config["LANGUAGES"]:
        with force_locale(lang):
            words[lang] = {str(code): str(text) for code, text in MESSAGES.items() if code in (400, 422, 500)}
            words[lang].update({
                "unknown": str(schemas.UNKNOWN_FIELD), "not_allowed": str(schemas.NOT_ALLOWED_VALUE),
                "not_text": str(schemas.NOT_TEXT), "not_boolean": str(schemas.NOT_BOOLEAN),
                "not_uuid": str(schemas.NOT_UUID), "not_object": str(schemas.NOT_OBJECT),
            })
    return words


def _bodies(urls: list[str]) -> list[bytes]:
    """The bytes of each precached URL, fetched from this app itself, each in its own app context."""
    app = current_app._get_current_object()
    client = app.test_client()
    bodies = []
    for url in urls:
        with app.app_context():  # Babel keeps the locale on the app context: a fresh one per request
            response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"precache: {url} answered {response.status_code}")
        bodies.append(response.get_data())
    return bodies


def worker_config() -> dict:
    """The configuration injected into sw.js; its version hashes every byte the worker will cache."""
    cached = current_app.extensions.get("pages.sw")
    if cached is not None and not current_app.debug:
        return cached
    urls = precache_urls()
    config = {
        "precache": urls,
        "scripts": [asset(name) for name in SW_SCRIPTS],
        "langs": list(current_app.config["LANGUAGES"]),
        "default_lang": current_app.config["BABEL_DEFAULT_LOCALE"],
        "messages": _messages(),
    }
    digest = hashlib.sha256(SW_SOURCE.read_bytes())
    digest.update(json.dumps(config, sort_keys=True).encode())
    for url, body in zip(urls, _bodies(urls), strict=True):
        digest.update(url.encode() + b"\0" + hashlib.sha256(body).digest())
    config = {"version": digest.hexdigest()[:16], **config}
    current_app.extensions["pages.sw"] = config
    return config


@bp.route("/sw.js")
def service_worker():
    source = SW_SOURCE.read_text(encoding="utf-8")
    config = json.dumps(worker_config(), ensure_ascii=False, separators=(",", ":"))
    response = Response(source.replace(SW_PLACEHOLDER, config, 1), mimetype="text/javascript")
    response.cache_control.no_cache = True
    return response
