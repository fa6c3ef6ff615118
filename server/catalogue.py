"""The per-app catalogue: everything that is a pure function of (language, content, rules, configuration),
built once by server/build.py when the app is created, then only looked up.

Content, rules or template changes therefore need a restart; a configuration change means a new app anyway.
"""
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from flask import current_app, request
from markupsafe import escape

from server.body import Body

EXTENSION = "catalogue"  # app.extensions key
# Pages are rendered at start-up as if served from here (or the first of TRUSTED_HOSTS, which would refuse this
# one); each request gets them with its own origin (they carry absolute hreflang links), made once per origin.
ORIGIN = "http://te-chan.invalid"
MAX_ORIGINS = 16  # a Host header is the client's to choose: keep few


@dataclass(frozen=True, eq=False)
class Page:
    """A page rendered once; its bytes for an origin are made on the first request from that origin."""

    template: Body
    origin: str = ORIGIN  # the origin the template was rendered for
    _origins: dict[str, Body] = field(default_factory=dict, repr=False)

    @property
    def etag(self) -> str:
        return self.template.etag  # an ETag is per URL, and the URL names the origin

    @cached_property
    def same_for_every_origin(self) -> bool:  # e.g. a bundle of static files
        return self.origin.encode() not in self.template.data

    def body(self, origin: str) -> Body:
        if self.same_for_every_origin:
            return self.template
        found = self._origins.get(origin)
        if found is None:
            if len(self._origins) >= MAX_ORIGINS:
                self._origins.clear()
            data = self.template.data.replace(self.origin.encode(), str(escape(origin)).encode())
            found = self._origins[origin] = Body(data, self.template.mimetype, self.template.etag)
        return found


@dataclass(frozen=True, eq=False)
class Catalogue:
    content_version: str
    rules_version: str
    content: dict[str, Body]  # by language: GET /api/v1/content
    checklist: dict[str, Body]  # GET /api/v1/checklist
    result_words: dict[str, Body]  # GET /api/v1/result-words
    words: dict[str, dict[str, Any]]  # result words by language, for results made on the server
    manifests: dict[str, Body]
    pages: dict[tuple[str, str], Page]  # (endpoint, language): the pages that do not depend on the request
    rules: Body
    worker: Body  # /sw.js
    worker_scripts: Body  # /sw-parts.js: the scripts /sw.js imports, in one file
    worker_config: dict[str, Any]  # what /sw.js carries: version, precache list, scripts, …
    bundles: dict[str, Page]  # by name: GET /sw-bundle/<name>, the precache in a few responses

    def precompress(self) -> None:
        """Compress every body now (pages: per origin, on its first request, as their bytes depend on it)."""
        for body in (*self.content.values(), *self.checklist.values(), *self.result_words.values(),
                     *self.manifests.values(), self.rules, self.worker, self.worker_scripts,
                     *(bundle.template for bundle in self.bundles.values() if bundle.same_for_every_origin)):
            body.precompress()


def build_origin(app) -> str:
    """The origin pages are rendered for at start-up: one the app accepts as its host."""
    trusted = app.config.get("TRUSTED_HOSTS")
    return f"http://{trusted[0].lstrip('.')}" if trusted else ORIGIN


def catalogue() -> Catalogue:
    return current_app.extensions[EXTENSION]


def page_body(page: Page) -> Body:
    """The page for this request's origin; the ETag is known before, so a 304 needs no bytes at all."""
    return page.body(f"{request.scheme}://{request.host}")
