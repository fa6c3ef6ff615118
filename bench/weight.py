"""Page weight: gzipped bytes of the first-load shell and of everything the service worker precaches."""
import gzip
import re

from server.app import create_app
from server.config import Config

SHELL_BUDGET = 30 * 1024
PRECACHE_BUDGET = 150 * 1024


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def page_weight() -> dict:
    app = create_app(Config, {"RATELIMIT_ENABLED": False})
    client = app.test_client()
    page = client.get("/vi/")
    html = page.data.decode()
    assets = re.findall(r'(?:src|href)="(/static/[^"]+\.(?:css|js))"', html)
    shell = _gz(page.data) + sum(_gz(client.get(url).data) for url in assets)
    sw = client.get("/sw.js").data.decode()
    urls = sorted(set(re.findall(r'"(/[^"\s]*)"', sw.split("PRECACHE", 1)[-1].split("]", 1)[0])))
    precache = sum(_gz(client.get(url).data) for url in urls)
    return {
        "shell_gzip_bytes": shell, "shell_budget": SHELL_BUDGET, "shell_ratio": shell / SHELL_BUDGET,
        "shell_files": ["/vi/", *assets],
        "precache_gzip_bytes": precache, "precache_budget": PRECACHE_BUDGET,
        "precache_ratio": precache / PRECACHE_BUDGET, "precache_files": len(urls),
    }
