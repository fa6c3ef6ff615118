"""Precache bundles: what a first install needs, in a few responses instead of one per URL.

On a slow phone a first install was mostly waiting: 46 URLs over the six connections a browser opens to a host are
eight waves of round trips (400 ms each at 400 kbps), and ~1 KB of headers each. A bundle is one response holding
many of them, as multipart/form-data, which the worker reads with the browser's own parser (`Response.formData()`,
binary-safe: every part is a file) and puts in its cache one URL at a time. Compressed as one, similar files
compress far better (the ten pages: 51 KB of brotli one by one, 28 KB together).

Bundles serve only URLs a phone has none of: an update takes the unchanged ones from the previous version's cache
and fetches the changed ones alone (pwa/sw/precache.js), so a release still costs only the files it changes.
"""
import hashlib
import mimetypes
import re
from collections.abc import Iterable, Mapping

from werkzeug.utils import get_content_type

from server.assets import PWA_DIR
from server.body import Body

STATIC_PREFIX = "/static/"
# Static files every page's HTML names itself (the stylesheet, the scripts in <head>, the icons): whichever page came
# first, the browser has them in its HTTP cache (immutable) when the worker installs, so they are fetched alone, from
# there, not sent a second time.
NAMED = re.compile(rb'\s(?:href|src)="(/static/[^"?]+\?v=[0-9a-f]+)"')


def static_body(url: str) -> Body:
    """A hashed static URL's bytes as /static/ serves them."""
    name = url[len(STATIC_PREFIX):].split("?", 1)[0]
    mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return Body((PWA_DIR / name).read_bytes(), mimetype)


def named_by_all(pages: Iterable[Body]) -> set[str]:
    """The hashed static URLs that every one of the pages' HTML names."""
    return set.intersection(*({match.decode() for match in NAMED.findall(page.data)} for page in pages))


def multipart(entries: Mapping[str, Body]) -> Body:
    """multipart/form-data: one part per URL (its name), each a file with the Content-Type the URL is served with.

    The boundary is a hash of the parts, so it is the same for the same bytes, and is checked to be in none."""
    boundary = "te-chan-" + hashlib.sha256(b"".join(body.etag.encode() for body in entries.values())).hexdigest()[:32]
    chunks = []
    for url, body in entries.items():
        if boundary.encode() in body.data or '"' in url:
            raise ValueError(f"{url} cannot be a part with boundary {boundary}")
        filename = url.rsplit("/", 1)[-1].split("?", 1)[0] or "index"
        head = (f'--{boundary}\r\nContent-Disposition: form-data; name="{url}"; filename="{filename}"\r\n'
                f"Content-Type: {get_content_type(body.mimetype, 'utf-8')}\r\n\r\n")
        chunks.append(head.encode() + body.data + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return Body(b"".join(chunks), f"multipart/form-data; boundary={boundary}")
