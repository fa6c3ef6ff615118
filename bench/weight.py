"""Page weight: gzipped bytes of the first-load shell of /vi/ and of everything the service worker precaches.

Everything is fetched over HTTP from a running server (bench/run.py passes its gunicorn), as a browser would:
- the shell is /vi/ itself, its stylesheets, its module script and every module that one imports statically, and
  the page's own module (its data-module elements, loaded by app.js on first load);
- the precache is the URL list of the rendered /sw.js: pwa/sw.js with its configuration JSON put in place of
  __SW_CONFIG__ (server/offline/worker.py), key "precache"; `bundles` is what a first install downloads instead
  (key "bundles": the same URLs in a few responses, bytes as served, brotli).
Text files are counted gzipped (level 6, what Flask-Compress uses); images (PNG) as they are, since gzip does not
shrink them. `served_gzip` tells whether the server itself sends the file gzipped to a client that accepts only gzip
(Flask-Compress compresses streamed responses such as send_from_directory's only with COMPRESS_ALGORITHM_STREAMING,
by default zstd, br or deflate, never gzip); `not_served_gzipped` lists the text files it does not.
"""
import gzip
import json
import re
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
SW_SOURCE = ROOT / "pwa" / "sw.js"
SW_PLACEHOLDER = "__SW_CONFIG__"
SHELL_PAGE = "/vi/"
SHELL_BUDGET = 30 * 1024
PRECACHE_BUDGET = 150 * 1024
TEXT_TYPES = ("text/", "application/json", "application/javascript", "application/manifest+json", "image/svg+xml")
# The modules app.js loads for a page, by data-module name (pwa/js/app.js MODULES).
PAGE_MODULES = {"stepper": "stepper.js", "history": "history.js", "result": "result.js"}
STATIC_IMPORT = re.compile(r'^\s*import\s+(?:[\w*{}\s,]+\s+from\s+)?["\'](\.{1,2}/[^"\']+)["\']', re.M)


def fetch(base: str, url: str) -> dict:
    """One GET: its identity body, its gzipped size, and whether the server gzipped it itself."""
    plain = urllib.request.urlopen(urllib.request.Request(base + url), timeout=30)
    body = plain.read()
    if plain.status != 200:
        raise RuntimeError(f"{url} answered {plain.status}")
    content_type = plain.headers.get("Content-Type", "")
    asked = urllib.request.urlopen(urllib.request.Request(base + url, headers={"Accept-Encoding": "gzip"}), timeout=30)
    asked.read()
    text = content_type.startswith(TEXT_TYPES)
    return {
        "url": url, "type": content_type.split(";")[0], "bytes": len(body),
        "gzip_bytes": len(gzip.compress(body, compresslevel=6, mtime=0)) if text else len(body),
        "served_gzip": asked.headers.get("Content-Encoding") == "gzip",
        "body": body,
    }


def served(base: str, url: str) -> dict:
    """What a first install downloads for a precache bundle: its body as sent to a browser (brotli)."""
    request = urllib.request.Request(base + url, headers={"Accept-Encoding": "br, gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return {"url": url, "bytes": len(response.read()), "encoding": response.headers.get("Content-Encoding")}


def sw_config(sw_text: str) -> dict:
    """The configuration object injected into the rendered /sw.js, read at the placeholder's position."""
    prefix = SW_SOURCE.read_text(encoding="utf-8").split(SW_PLACEHOLDER, 1)[0]
    if not sw_text.startswith(prefix):
        raise RuntimeError("/sw.js does not start like pwa/sw.js: has its format changed?")
    config, _ = json.JSONDecoder().raw_decode(sw_text, len(prefix))
    return config


def shell_urls(base: str, page: dict) -> list[str]:
    """/vi/'s stylesheets and scripts, then, breadth first, the modules they import statically."""
    html = page["body"].decode("utf-8")
    urls = re.findall(r'<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"', html)
    urls += re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', html)
    modules = re.findall(r'<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"', html)
    entry = modules[0] if modules else None
    for name in dict.fromkeys(re.findall(r'\bdata-module="([^"]+)"', html)):
        if entry and name in PAGE_MODULES:
            urls.append(urljoin(entry, PAGE_MODULES[name]))
    seen, queue = [], [u for u in urls if u.startswith("/")]
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.append(url)
        if urlsplit(url).path.endswith(".js"):
            source = urllib.request.urlopen(base + url, timeout=30).read().decode("utf-8")
            queue += [urlsplit(urljoin(url, spec)).path for spec in STATIC_IMPORT.findall(source)]
    return seen


def page_weight(base: str) -> dict:
    page = fetch(base, SHELL_PAGE)
    shell = [page] + [fetch(base, url) for url in shell_urls(base, page)]
    config = sw_config(urllib.request.urlopen(base + "/sw.js", timeout=30).read().decode("utf-8"))
    precache = [fetch(base, url) for url in config["precache"]]
    bundles = [served(base, url) for url in config.get("bundles", {})]
    shell_bytes = sum(f["gzip_bytes"] for f in shell)
    precache_bytes = sum(f["gzip_bytes"] for f in precache)

    def listing(files: list[dict]) -> list[dict]:
        return [{k: v for k, v in f.items() if k != "body"} for f in files]

    return {
        "shell_gzip_bytes": shell_bytes, "shell_budget": SHELL_BUDGET, "shell_of_budget": shell_bytes / SHELL_BUDGET,
        "shell_ok": shell_bytes <= SHELL_BUDGET, "shell_files": listing(shell),
        "precache_gzip_bytes": precache_bytes, "precache_budget": PRECACHE_BUDGET,
        "precache_of_budget": precache_bytes / PRECACHE_BUDGET, "precache_ok": precache_bytes <= PRECACHE_BUDGET,
        "precache_count": len(precache), "precache_files": listing(precache),
        "bundles": bundles, "bundles_bytes": sum(b["bytes"] for b in bundles),
        "not_served_gzipped": sorted({f["url"] for f in shell + precache
                                      if f["type"].startswith(TEXT_TYPES) and not f["served_gzip"]}),
    }
