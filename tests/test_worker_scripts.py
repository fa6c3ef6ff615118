"""/sw.js imports its scripts as one file, /sw-parts.js: the repository's files joined unchanged, in order, at a
hashed URL cached for a year; and the precache leaves out what only installing uses."""
import re

from server.assets import PWA_DIR
from server.offline.worker import SW_SCRIPTS


def _config(client) -> str:
    return client.get("/sw.js").get_data(as_text=True)


def test_one_hashed_script_holding_every_part_unchanged(client):
    scripts = re.search(r'"scripts":\[([^\]]*)\]', _config(client)).group(1).split(",")
    assert len(scripts) == 1
    url = scripts[0].strip('"')
    assert re.fullmatch(r"/sw-parts\.js\?v=[0-9a-f]{10}", url)
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    joined = response.get_data(as_text=True)
    assert joined.startswith('"use strict";\n')
    at = 0
    for name in SW_SCRIPTS:  # every file whole, byte for byte, in the order importScripts() took them
        found = joined.find((PWA_DIR / name).read_text(encoding="utf-8"), at)
        assert found > at, name
        at = found


def test_an_unhashed_or_stale_address_is_revalidated(client):
    for url in ("/sw-parts.js", "/sw-parts.js?v=0000000000"):
        response = client.get(url)
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-cache"
        assert client.get(url, headers={"If-None-Match": response.headers["ETag"]}).status_code == 304


def test_precache_leaves_out_the_install_only_icons(client):
    precache = re.search(r'"precache":\[([^\]]*)\]', _config(client)).group(1)
    assert "icons/icon-192.png" in precache and "icons/favicon-32.png" in precache
    for name in ("icon-512.png", "maskable-512.png", "apple-touch-icon.png", "screenshots/"):
        assert name not in precache
