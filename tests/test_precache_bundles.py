"""A first install takes the precache in a few bundles (/sw-bundle/<name>): every part byte for byte what its own URL
answers, with its Content-Type; the bundles' URLs are hashed and cached a year; what the pages load themselves stays
out; and the worker's configuration names the ETag of every URL without a hash, so an update asks for no other."""
import json
import re
from io import BytesIO

import pytest
from werkzeug.wrappers import Request

from server.assets import PWA_DIR

HASHED_STATIC = re.compile(r"/static/[^?]+\?v=[0-9a-f]{10}")


def _config(client) -> dict:
    source = client.get("/sw.js").get_data(as_text=True)
    return json.loads(re.search(r"const CONFIG = (.*);\n", source).group(1))


def _parts(response) -> dict[str, tuple[bytes, str]]:
    """The bundle parsed by werkzeug's own multipart parser: {part name: (bytes, Content-Type)}."""
    body = response.get_data()
    request = Request.from_values(input_stream=BytesIO(body), content_length=len(body),
                                  content_type=response.headers["Content-Type"], method="POST")
    assert not request.form, "every part is a file, so a browser's formData() keeps its bytes as they are"
    return {name: (part.read(), part.content_type) for name, part in request.files.items()}


def test_every_precached_url_is_in_one_bundle_or_loaded_by_every_page(client):
    config = _config(client)
    bundled = [url for urls in config["bundles"].values() for url in urls]
    assert len(bundled) == len(set(bundled)) and set(bundled) <= set(config["precache"])
    alone = [url for url in config["precache"] if url not in bundled]
    assert alone and all(HASHED_STATIC.fullmatch(url) for url in alone)
    for name in ("/vi/", "/en/checklist", "/vi/history", "/en/privacy"):  # the pages name them: in the HTTP cache
        page = client.get(name).get_data(as_text=True)
        assert all(f'="{url}"' in page for url in alone), name


def test_each_part_is_what_its_url_answers(client):
    config = _config(client)
    for bundle, urls in config["bundles"].items():
        parts = _parts(client.get(bundle))
        assert list(parts) == urls
        for url, (data, content_type) in parts.items():
            own = client.get(url)
            assert own.status_code == 200 and data == own.get_data(), url
            assert content_type == own.headers["Content-Type"], url


def test_bundles_are_cached_a_year_at_their_hashed_url(client):
    for bundle in _config(client)["bundles"]:
        assert re.fullmatch(r"/sw-bundle/\w+\?v=[0-9a-f]{10}", bundle)
        response = client.get(bundle)
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        stale = client.get(bundle.split("?")[0] + "?v=0000000000")
        assert stale.status_code == 200 and stale.headers["Cache-Control"] == "no-cache"
        assert client.get(bundle, headers={"If-None-Match": response.headers["ETag"]}).status_code == 304
    assert client.get("/sw-bundle/nothing").status_code == 404


def test_a_bundle_is_compressed_once_for_all(client):
    for bundle in _config(client)["bundles"]:
        response = client.get(bundle, headers={"Accept-Encoding": "br, gzip"})
        assert response.headers["Content-Encoding"] == "br"


def test_the_etags_are_those_the_urls_answer_with(client):
    config = _config(client)
    unhashed = [url for url in config["precache"] if not HASHED_STATIC.fullmatch(url)]
    assert sorted(config["etags"]) == sorted(unhashed)
    for url in unhashed:
        assert client.get(url).headers["ETag"] == f'"{config["etags"][url]}"', url


def test_hashed_static_urls_are_never_revalidated(client):
    for url in _config(client)["precache"]:
        if HASHED_STATIC.fullmatch(url):
            assert client.get(url).headers["Cache-Control"] == "public, max-age=31536000, immutable", url
    assert client.get("/static/js/app.js").headers["Cache-Control"] == "no-cache"  # no hash: asked again


def test_the_guide_content_api_is_not_precached(client):
    """The pages carry the guide themselves and no page asks for /api/v1/content: not downloaded for offline."""
    assert not [url for url in _config(client)["precache"] if url.startswith("/api/v1/content")]


def test_pages_preload_the_modules_app_js_imports(client):
    """Fetched with app.js, not one round trip after it: the worker is registered that much sooner."""
    page = client.get("/vi/").get_data(as_text=True)
    preloaded = re.findall(r'<link rel="modulepreload" href="([^"]+)">', page)
    source = (PWA_DIR / "js" / "app.js").read_text(encoding="utf-8")
    imported = re.findall(r'^import .* from "\./([\w-]+\.js)";$', source, re.M)
    assert preloaded == [f"/static/js/{name}" for name in imported] and len(imported) >= 3


def _imports(name: str) -> set[str]:
    """The modules `name` (in pwa/js) imports statically, and those they import, transitively."""
    found, todo = set(), [name]
    while todo:
        source = (PWA_DIR / "js" / todo.pop()).read_text(encoding="utf-8")
        for imported in re.findall(r'^import .* from "\./([\w-]+\.js)";$', source, re.M):
            if imported not in found:
                found.add(imported)
                todo.append(imported)
    return found


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_result_from_a_link_asks_for_everything_it_needs_at_once(client, lang):
    """The result page the answers come to in its fragment (a QR code) preloads its modules, the evaluator and the
    rules and words it fetches, rather than finding each one after the last has loaded; the no-JavaScript result
    and the other pages preload none of these."""
    page = client.get(f"/{lang}/result").get_data(as_text=True)
    head = page.split("<body", 1)[0]
    modules = re.findall(r'<link rel="modulepreload" href="/static/js/([\w-]+\.js)">', head)
    assert set(modules) >= {"result.js", "fragment.js"} | _imports("result.js") | _imports("fragment.js")
    assert len(modules) == len(set(modules))
    scripts = re.findall(r'<link rel="preload" as="script" href="([^"]+)">', head)
    assert scripts and " ".join(scripts) == re.search(r'data-evaluator="([^"]+)"', page)[1]
    data = re.findall(r'<link rel="preload" as="fetch" crossorigin href="([^"]+)">', head)
    assert data == ["/api/v1/rules", f"/api/v1/result-words?lang={lang}", f"/api/v1/checklist?lang={lang}"]
    fetched = (PWA_DIR / "js" / "local-result.js").read_text() + (PWA_DIR / "js" / "answers.js").read_text()
    assert all(url.split("?")[0] in fetched for url in data)  # the URLs the modules fetch, not others
    for url in [f"/static/js/{name}" for name in modules] + scripts + data:
        assert client.get(url).status_code == 200, url
    for other in (client.post(f"/{lang}/result", data={"onset": "sudden"}), client.get(f"/{lang}/"),
                  client.get(f"/{lang}/checklist")):
        assert 'rel="preload"' not in other.get_data(as_text=True)

