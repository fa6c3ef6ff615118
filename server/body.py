"""A response body built once: its bytes, its ETag, and its gzip and brotli forms, compressed once each.

Requests only choose among them: a conditional request is answered 304 before anything else, and Flask-Compress
leaves a body that already has a Content-Encoding alone.
"""
import gzip
import hashlib
from dataclasses import dataclass, field
from functools import cached_property

import brotli
from flask import Response, request

ENCODINGS = ("br", "gzip")  # the ones we keep, best first


@dataclass(frozen=True, eq=False)
class Body:
    data: bytes
    mimetype: str
    etag: str = field(default="")

    def __post_init__(self) -> None:
        if not self.etag:
            object.__setattr__(self, "etag", hashlib.sha256(self.data).hexdigest()[:32])

    @cached_property
    def br(self) -> bytes:
        return brotli.compress(self.data, quality=11)

    @cached_property
    def gzip(self) -> bytes:
        return gzip.compress(self.data, compresslevel=9, mtime=0)

    def precompress(self) -> None:
        """Compress now rather than on the first request that asks (done at start-up outside tests)."""
        assert self.br and self.gzip

    def encoded(self, encoding: str | None) -> bytes:
        return {"br": self.br, "gzip": self.gzip}[encoding] if encoding else self.data


def send(body: Body, status: int = 200) -> Response:
    """`body` as the answer to this request: 304 when the client has it, else the best encoding it accepts.

    Revalidated on every use (no-cache): the URL stays the same when the body changes."""
    response = Response(status=status, mimetype=body.mimetype)
    response.set_etag(body.etag)
    response.cache_control.no_cache = True
    response.vary.add("Accept-Encoding")
    if request.if_none_match.contains(body.etag):
        response.status_code = 304
        return response
    encoding = request.accept_encodings.best_match(ENCODINGS)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.set_data(body.encoded(encoding))
    return response
