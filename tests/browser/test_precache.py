"""What the service worker downloads: a first install takes the bundles and puts every URL in its cache as the server
answers it (bytes, Content-Type, the security headers); an update downloads only the URLs whose bytes changed."""
import base64
import json
import re
import urllib.request

import pytest

from tests.browser.conftest import cached_versions, install_app

pytestmark = pytest.mark.browser

# Every URL in the cache of this version: its bytes (base64) and the headers compared with the server's.
HEADERS = ("content-type", "content-security-policy", "x-content-type-options", "etag")
CACHED = """async ([version, names]) => {
  const cache = await caches.open('te-chan-v-' + version);
  const found = {};
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    const bytes = new Uint8Array(await response.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    found[new URL(request.url).pathname + new URL(request.url).search] =
      [btoa(binary), Object.fromEntries(names.map((name) => [name, response.headers.get(name)]))];
  }
  return found;
}"""


def _differences(page, live, config: dict) -> list[str]:
    """How the cache of this version differs from what the server answers (read past the worker, by urllib)."""
    cached = page.evaluate(CACHED, [config["version"], list(HEADERS)])
    assert sorted(cached) == sorted(config["precache"])
    problems = []
    for url, (data, headers) in cached.items():
        with urllib.request.urlopen(live.url(url), timeout=10) as own:
            if base64.b64decode(data) != own.read():
                problems.append(f"{url}: other bytes")
            for name in HEADERS:
                if name != "etag" and headers[name] != own.headers.get(name):
                    problems.append(f"{url}: {name} {headers[name]!r}, not {own.headers.get(name)!r}")
        if url in config["etags"] and headers["etag"] != f'"{config["etags"][url]}"':
            problems.append(f"{url}: ETag {headers['etag']}")
    return problems


def _config(live) -> dict:
    source = urllib.request.urlopen(live.url("/sw.js"), timeout=10).read().decode()
    return json.loads(re.search(r"const CONFIG = (.*);\n", source).group(1))


def _worker_fetches(context) -> list[str]:
    """The paths (with query) the service worker asks the network for, from now on."""
    asked: list[str] = []
    context.on("request", lambda request: request.service_worker and asked.append("/" + request.url.split("/", 3)[3]))
    return asked


def test_first_install_takes_the_bundles_and_caches_every_url_as_served(context, page, live):
    asked = _worker_fetches(context)
    install_app(page, live, "vi")
    config = _config(live)
    bundles = set(config["bundles"])
    alone = {url for url in config["precache"] if not any(url in urls for urls in config["bundles"].values())}
    fetched = [url for url in asked if not url.startswith(("/sw.js", "/sw-parts.js"))]
    assert sorted(fetched) == sorted(bundles | alone)  # each once, and the pages' own files not in a bundle
    assert _differences(page, live, config) == []


def test_an_update_downloads_only_the_changed_urls(profile_context, profile_page, live):
    # A real profile, as for tests/browser/test_update.py: in an off-the-record context the new version's worker
    # sometimes starts fetching before its requests can be watched.
    context, page = profile_context, profile_page
    install_app(page, live, "vi")
    old = _config(live)
    live.restart(CLINIC_PHONE="0987 654 321")  # a content-only release: the guide shows it
    new = _config(live)
    changed = {url for url, etag in new["etags"].items() if old["etags"].get(url) != etag}
    assert changed and len(changed) < len(new["etags"]) / 2
    # A bundle only if every URL in it changed (then it is the cheaper way); else each changed URL alone.
    whole = {bundle for bundle, urls in new["bundles"].items() if set(urls) <= changed}
    expected = whole | (changed - {url for bundle in whole for url in new["bundles"][bundle]})
    asked = _worker_fetches(context)
    page.reload()  # Chromium looks for a new /sw.js
    page.wait_for_selector("#update-banner", state="visible", timeout=20_000)
    assert sorted(url for url in asked if not url.startswith(("/sw.js", "/sw-parts.js"))) == sorted(expected)
    assert not [url for url in asked if url.startswith("/static/")]  # hashed: never fetched again
    # installed (waiting for "Reload"): the new version's cache is whole, the unchanged URLs copied from the old one
    assert sorted(cached_versions(page)) == sorted([f"te-chan-v-{old['version']}", f"te-chan-v-{new['version']}"])
    assert _differences(page, live, new) == []
