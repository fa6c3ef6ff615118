"""What the service worker downloads: a first install takes the bundles and puts every URL in its cache as the server
answers it (bytes, Content-Type, the security headers); an update downloads only the URLs whose bytes changed."""
import json
import re
import urllib.request

import pytest

from tests.browser.conftest import cached_versions, install_app, wait_true

pytestmark = pytest.mark.browser

# Every cached URL against the network's own answer, read in the page.
COMPARE = """async () => {
  const source = await (await fetch('/sw.js')).text();
  const config = JSON.parse(source.match(/const CONFIG = (.*);\\n/)[1]);
  const cache = await caches.open('te-chan-v-' + config.version);
  const problems = [];
  for (const url of config.precache) {
    const kept = await cache.match(url);
    const own = await fetch(url, { cache: 'no-store' });
    const [a, b] = [new Uint8Array(await kept.arrayBuffer()), new Uint8Array(await own.arrayBuffer())];
    if (a.length !== b.length || a.some((byte, i) => byte !== b[i])) problems.push(url + ': other bytes');
    for (const name of ['content-type', 'content-security-policy', 'x-content-type-options']) {
      if (kept.headers.get(name) !== own.headers.get(name)) problems.push(`${url}: ${name} ${kept.headers.get(name)}`);
    }
    if (config.etags[url] && kept.headers.get('etag') !== `"${config.etags[url]}"`) problems.push(url + ': etag');
  }
  return problems;
}"""


def _config(live) -> dict:
    source = urllib.request.urlopen(live.url("/sw.js"), timeout=10).read().decode()
    return json.loads(re.search(r"const CONFIG = (.*);\n", source).group(1))


def _worker_fetches(context) -> list[str]:
    """The paths (with query) the service worker asks the network for, from now on."""
    asked: list[str] = []
    context.on("request", lambda request: request.service_worker and asked.append(
        request.url.split("/", 3)[3].join(("/", ""))))
    return asked


def test_first_install_takes_the_bundles_and_caches_every_url_as_served(context, page, live):
    asked = _worker_fetches(context)
    install_app(page, live, "vi")
    config = _config(live)
    bundles = set(config["bundles"])
    alone = {url for url in config["precache"] if not any(url in urls for urls in config["bundles"].values())}
    fetched = [url for url in asked if not url.startswith(("/sw.js", "/sw-parts.js"))]
    assert sorted(fetched) == sorted(bundles | alone)  # each once, and the pages' own files not in a bundle
    assert page.evaluate(COMPARE) == []


def test_an_update_downloads_only_the_changed_urls(context, page, live):
    install_app(page, live, "vi")
    old = _config(live)
    live.restart(CLINIC_PHONE="0987 654 321")  # a content-only release: the guide and the result words show it
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
    wait_true(page, "(name) => caches.keys().then((k) => k.includes(name))", f"te-chan-v-{new['version']}")
    page.click("#update-reload")
    wait_true(page, "(name) => caches.keys().then((k) => !k.includes(name))", f"te-chan-v-{old['version']}")
    assert cached_versions(page) == [f"te-chan-v-{new['version']}"]
    assert page.evaluate(COMPARE) == []
