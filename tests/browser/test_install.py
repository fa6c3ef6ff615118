"""Installable, and controlled by its service worker (issue 4, item 9)."""
import json

import pytest

from tests.browser.conftest import LANGS, cached_versions, install_app

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", LANGS)
def test_no_installability_errors(profile_context, profile_page, live, lang):
    """In a real profile: Chromium installs nothing from an off-the-record context (it says "in-incognito")."""
    install_app(profile_page, live, lang)
    cdp = profile_context.new_cdp_session(profile_page)
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"] == live.url(f"/{lang}/manifest.webmanifest")
    assert manifest.get("errors", []) == []
    assert json.loads(manifest["data"])["lang"] == lang
    parsed = manifest.get("manifest")
    if parsed:  # Chromium's own reading of it (recent versions): opens standalone on the guide in this language
        assert parsed["startUrl"] == live.url(f"/{lang}/?source=pwa")
        assert parsed["display"] == "kStandalone"
        assert parsed["scope"] == live.url("/")


def test_service_worker_controls_the_page(page, live):
    script = install_app(page, live, "vi")
    assert script == live.url("/sw.js")
    # the worker took the page without a reload too: a fresh navigation is controlled from the first byte
    page.goto(live.url("/en/checklist"))
    controller = "navigator.serviceWorker.controller && navigator.serviceWorker.controller.state"
    assert page.evaluate(controller) == "activated"
    assert page.evaluate("navigator.serviceWorker.ready.then((r) => r.scope)") == live.url("/")
    # exactly one versioned cache: this server's version, holding every precached URL
    assert cached_versions(page) == [f"te-chan-v-{live.sw_version}"]
    missing = page.evaluate(
        """async () => {
             const source = await (await fetch('/sw.js')).text();
             const config = JSON.parse(source.match(/const CONFIG = (.*);\\n/)[1]);
             const cache = await caches.open('te-chan-v-' + config.version);
             const missing = [];
             for (const url of config.precache) if (!(await cache.match(url))) missing.push(url);
             return missing;
           }"""
    )
    assert missing == []


@pytest.mark.parametrize("lang", LANGS)
def test_manifest_images_load(page, live, lang):
    """Every icon and screenshot the manifest names is a PNG of the size it says."""
    page.goto(live.url(f"/{lang}/"))
    problems = page.evaluate(
        """async (href) => {
             const manifest = await (await fetch(href)).json();
             const problems = [];
             for (const image of [...manifest.icons, ...(manifest.screenshots || [])]) {
               const response = await fetch(image.src);
               if (!response.ok) { problems.push(`${image.src}: ${response.status}`); continue; }
               const bitmap = await createImageBitmap(await response.blob());
               if (`${bitmap.width}x${bitmap.height}` !== image.sizes) {
                 problems.push(`${image.src}: ${bitmap.width}x${bitmap.height}, not ${image.sizes}`);
               }
             }
             return problems;
           }""",
        page.eval_on_selector("link[rel=manifest]", "(link) => link.href"),
    )
    assert problems == []


def test_screenshots_are_not_precached(page, live):
    """Only the install sheet shows them, online: they stay out of the service worker's precache."""
    page.goto(live.url("/en/"))
    shots, precache = page.evaluate(
        """async () => {
             const shots = [];
             for (const lang of ['vi', 'en']) {
               const manifest = await (await fetch(`/${lang}/manifest.webmanifest`)).json();
               shots.push(...manifest.screenshots.map((s) => new URL(s.src, location.href).pathname));
             }
             const source = await (await fetch('/sw.js')).text();
             const config = JSON.parse(source.match(/const CONFIG = (.*);\\n/)[1]);
             return [shots, config.precache.map((url) => new URL(url, location.href).pathname)];
           }"""
    )
    assert sorted(shots) == [f"/static/screenshots/{lang}-{name}.png" for lang in ("en", "vi")
                             for name in ("checklist", "guide")]
    assert not [url for url in precache if "/screenshots/" in url]
