"""Build the app's Catalogue once, in create_app: every answer that does not depend on the request.

Pages are rendered in a request context for their own URL, as if served from catalogue.build_origin(); JSON answers are
dumped through their response schemas, so they are byte for byte what the API documents.
"""
from flask import Flask, current_app, url_for
from flask_babel import force_locale
from marshmallow import Schema

from server.body import Body
from server.catalogue import EXTENSION, Catalogue, Page, build_origin
from server.content import api as content_api
from server.content.schemas import ContentSchema
from server.offline import bundle, manifest, worker
from server.pages.views import RENDERERS
from server.triage.engine import load_rules
from server.triage.present import checklist, result_words
from server.triage.schemas import ChecklistSchema, ResultWordsSchema

JSON = "application/json"


def _json(data, schema: Schema | None = None, mimetype: str = JSON) -> Body:
    dumped = schema.dump(data) if schema else data
    return Body((current_app.json.dumps(dumped) + "\n").encode(), mimetype)


def build(app: Flask) -> Catalogue:
    langs = tuple(app.config["LANGUAGES"])
    origin = build_origin(app)
    with app.test_request_context(base_url=origin):
        guides = {lang: content_api.guidance(lang) for lang in langs}
        content_version = content_api.content_version()
        words, lists = {}, {}
        for lang in langs:
            with force_locale(lang):
                words[lang], lists[lang] = result_words(lang), checklist()
        content = {lang: _json({"lang": lang, "content_version": content_version, **guides[lang]}, ContentSchema())
                   for lang in langs}
        checklists = {lang: _json({"lang": lang, **lists[lang]}, ChecklistSchema()) for lang in langs}
        word_bodies = {lang: _json({"lang": lang, **words[lang]}, ResultWordsSchema()) for lang in langs}
        manifests = {lang: _json(manifest.manifest(lang), mimetype=manifest.MIMETYPE) for lang in langs}
        rules = _json(load_rules().data)
        paths = {(endpoint, lang): url_for(f"pages.{endpoint}", lang=lang) for lang in langs for endpoint in RENDERERS}
    pages = {}
    for (endpoint, lang), path in paths.items():
        with app.test_request_context(path, base_url=origin):  # its own URL: url_for, request.endpoint, the locale
            pages[endpoint, lang] = Page(Body(RENDERERS[endpoint](lang).encode(), "text/html"), origin)
    with app.test_request_context(base_url=origin):
        precached = {}  # what the service worker caches besides the static files, in the order it fetches them
        for lang in langs:
            precached.update({paths[endpoint, lang]: pages[endpoint, lang].template for endpoint in RENDERERS})
            # Not /api/v1/content: the pages carry the guide themselves, and no page asks for it (17 KB gzipped).
            precached.update({f"/api/v1/checklist?lang={lang}": checklists[lang],
                              f"/api/v1/result-words?lang={lang}": word_bodies[lang],
                              url_for("manifest.webmanifest", lang=lang): manifests[lang]})
        precached["/api/v1/rules"] = rules
        bundles, bundle_urls = _bundles(precached, {pages[key].template for key in paths}, origin)
        sw_scripts = worker.parts()
        sw, sw_config = worker.worker(precached, sw_scripts, bundle_urls)
    return Catalogue(
        content_version=content_version, rules_version=load_rules().version, content=content,
        checklist=checklists, result_words=word_bodies, words=words, manifests=manifests, pages=pages,
        rules=rules, worker=sw, worker_scripts=sw_scripts, worker_config=sw_config, bundles=bundles,
    )


def _bundles(precached: dict[str, Body], pages: set[Body], origin: str) -> tuple[dict[str, Page], dict[str, list[str]]]:
    """The precache for a first install in three responses, fetched side by side: the pages (their bytes name the
    origin), the other answers of the app, and the static files not every page loads itself. By kind, as
    alike files compress best together; and of similar sizes (about 30 KB of brotli each)."""
    files = {url: bundle.static_body(url) for url in worker.file_urls()}
    groups = {
        "pages": {url: body for url, body in precached.items() if body in pages},
        "data": {url: body for url, body in precached.items() if body not in pages},
        "files": {url: body for url, body in files.items() if url not in bundle.named_by_all(pages)},
    }
    bundles = {name: Page(bundle.multipart(entries), origin) for name, entries in groups.items()}
    urls = {url_for("worker.bundle", name=name, v=bundles[name].etag[:worker.PARTS_HASH]): list(entries)
            for name, entries in groups.items()}
    return bundles, urls


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = catalogue = build(app)
    if not app.testing:  # tests send no Accept-Encoding: they compress only what they ask for
        catalogue.precompress()
