"""Security headers on every response, HSTS and cookies behind an HTTPS proxy, limits, and bad input storing nothing.

All against the real app and database; bodies that would be stored (consent: true) prove that bad input stores
nothing by counting the rows before and after.
"""
import io
import json
import uuid

import pytest
from flask import session

from server.extensions import db
from server.models import Assessment
from tests.conftest import ROOT

CONSENTED = {"answers": {"onset": "sudden"}, "consent": True}

# One of every kind of response: API JSON (200, 4xx, 304), the health check, the OpenAPI document, pages,
# the service worker, the manifest, a static file, a redirect, and 404s in and outside the API.
PATHS = [
    "/api/v1/meta", "/api/v1/checklist?lang=en", "/api/v1/nothing-here", "/api/v1/content?lang=fr", "/healthz",
    "/api/openapi.json", "/", "/vi/", "/en/", "/sw.js", "/vi/manifest.webmanifest", "/static/css/app.css",
    "/vi/no-such-page", "/static/no-such-file.js",
]


def assert_security_headers(response):
    h = response.headers
    csp = [part.strip() for part in h["Content-Security-Policy"].split(";")]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "unsafe-inline" not in h["Content-Security-Policy"] and "unsafe-eval" not in h["Content-Security-Policy"]
    assert all(not d.startswith(("script-src", "style-src")) or d.split()[1:] == ["'self'"] for d in csp), csp
    assert h["X-Content-Type-Options"] == "nosniff"
    assert h["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in h["Permissions-Policy"] and "geolocation=()" in h["Permissions-Policy"]
    assert h["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code < 500
    assert_security_headers(response)
    assert "Strict-Transport-Security" not in response.headers  # plain http


def test_the_pages_and_service_worker_exist(client):
    """So the header test above covers real pages, not only 404s."""
    for path in ("/vi/", "/en/", "/sw.js", "/api/openapi.json", "/healthz"):
        assert client.get(path).status_code == 200, path
    assert client.get("/").status_code in (301, 302, 303, 307, 308)


@pytest.mark.parametrize("method, path, kwargs, status", [
    ("post", "/api/v1/triage", {"json": CONSENTED}, 200),
    ("post", "/api/v1/triage", {"json": {"answers": {"onset": "never"}}}, 422),
    ("post", "/api/v1/triage", {"data": "{", "content_type": "application/json"}, 400),
    ("post", "/api/v1/triage", {"data": "x", "content_type": "text/plain"}, 415),
    ("post", "/api/v1/triage", {"data": "x" * 20_000, "content_type": "application/json"}, 413),
    ("put", "/api/v1/triage", {"json": {}}, 405),
    ("post", "/vi/result", {"data": {"onset": "sudden"}}, 200),
])
def test_error_and_post_responses_carry_the_headers_too(client, method, path, kwargs, status):
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status
    assert_security_headers(response)


def test_a_not_modified_answer_carries_the_headers(client):
    etag = client.get("/api/v1/checklist?lang=vi").headers["ETag"]
    response = client.get("/api/v1/checklist?lang=vi", headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert_security_headers(response)


def test_a_rate_limited_answer_carries_the_headers(make_app):
    client = make_app(RATELIMIT_ENABLED=True, TRIAGE_RATE_LIMIT="1 per minute").test_client()
    client.post("/api/v1/triage", json={})
    response = client.post("/api/v1/triage", json={})
    assert response.status_code == 429
    assert_security_headers(response)


# --- HTTPS behind a proxy: HSTS and secure cookies --------------------------------------------------------------

HTTPS = {"X-Forwarded-Proto": "https"}
HSTS = "Strict-Transport-Security"


def test_hsts_behind_an_https_proxy(make_app):
    client = make_app(PROXY_FIX_X_PROTO=1).test_client()
    for path in ("/api/v1/meta", "/vi/", "/healthz", "/api/v1/nothing-here"):
        response = client.get(path, headers=HTTPS)
        max_age = response.headers[HSTS].split(";")[0]
        assert max_age.startswith("max-age=") and int(max_age[8:]) >= 15_552_000  # at least 180 days
        assert_security_headers(response)
        assert HSTS not in client.get(path).headers  # the proxy says plain http
        assert HSTS not in client.get(path, headers={"X-Forwarded-Proto": "http"}).headers


def test_no_hsts_from_a_forged_header_without_a_trusted_proxy(client):
    assert HSTS not in client.get("/api/v1/meta", headers=HTTPS).headers


def test_the_lang_cookie_is_secure_behind_https(make_app):
    client = make_app(PROXY_FIX_X_PROTO=1).test_client()
    over_https = client.get("/en/", headers=HTTPS).headers.getlist("Set-Cookie")
    over_http = client.get("/en/").headers.getlist("Set-Cookie")
    lang_https = next(c for c in over_https if c.startswith("lang="))
    lang_http = next(c for c in over_http if c.startswith("lang="))
    assert "; Secure" in lang_https and "SameSite=Lax" in lang_https
    assert "Secure" not in lang_http and "SameSite=Lax" in lang_http  # a Secure cookie would be lost over http
    for cookie in (lang_https, lang_http):  # remembered a year from this visit, by every later page
        assert "Max-Age=31536000" in cookie and "Path=/" in cookie and cookie.count("SameSite") == 1


def test_every_cookie_the_app_sets_gets_samesite_and_secure_over_https(make_app):
    app = make_app(PROXY_FIX_X_PROTO=1)

    @app.get("/api/v1/cookie-test")
    def cookie_test():
        response = app.json.response({"ok": True})
        response.set_cookie("plain", "1")
        response.set_cookie("strict", "2", samesite="Strict", secure=True)
        return response

    client = app.test_client()
    cookies = client.get("/api/v1/cookie-test", headers=HTTPS).headers.getlist("Set-Cookie")
    assert len(cookies) == 2
    plain, strict = sorted(cookies)
    assert plain.startswith("plain=") and "; Secure" in plain and "SameSite=Lax" in plain
    assert strict.startswith("strict=") and strict.count("Secure") == 1 and "SameSite=Strict" in strict
    assert "SameSite=Lax" not in strict
    plain_http = client.get("/api/v1/cookie-test").headers.getlist("Set-Cookie")
    assert any(c.startswith("plain=") and "Secure" not in c and "SameSite=Lax" in c for c in plain_http)


def test_the_session_cookie_flags(make_app):
    behind_https = make_app(PROXY_FIX_X_PROTO=1)
    plain = make_app()
    for app, secure in ((behind_https, True), (plain, False)):
        assert app.config["SESSION_COOKIE_HTTPONLY"] is True
        assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
        assert app.config["SESSION_COOKIE_SECURE"] is secure

        @app.get("/api/v1/session-test")
        def session_test():
            session["seen"] = True
            return {"ok": True}

        cookie = app.test_client().get("/api/v1/session-test", headers=HTTPS).headers["Set-Cookie"]
        assert cookie.startswith("session=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert ("Secure" in cookie) is secure


# --- bad input: a 4xx, JSON under /api/, naming the field, and nothing stored ------------------------------------

def post(client, body: str, content_type="application/json"):
    return client.post("/api/v1/triage", data=body, content_type=content_type)


def assert_api_error(response, code):
    assert response.status_code == code, response.data[:300]
    assert response.mimetype == "application/json"
    error = response.json["error"]
    assert error["code"] == code and error["message"]
    assert b"Traceback" not in response.data
    return error


def test_a_consented_valid_body_is_stored(client, stored):
    """The control for the tests below: the same kind of body, valid, is stored."""
    before = len(stored())
    assert client.post("/api/v1/triage", json=CONSENTED).status_code == 200
    assert len(stored()) == before + 1


@pytest.mark.parametrize("body", [
    '{"consent": true, "answers": {"onset": "sudden"}',  # cut short
    '{"consent": true, "answers": {"onset": "sudden"}} {}',
    "{'consent': true}",
    '{"consent": true,}',
    "",
    "\ufeff" + json.dumps(CONSENTED),
    "\x00",
    b'{"consent": true, "answers": {"onset": "\xff"}}',  # not UTF-8
    json.dumps(CONSENTED).encode("utf-16"),
    b"\xff\xfe\x00\x00",
    "null garbage",
    '{"consent": true, "answers": {"onset": "sudden"}}}',
    json.dumps({**CONSENTED, "consent": float("nan")}),  # json.dumps writes NaN and Infinity: not JSON (RFC 8259)
    json.dumps({**CONSENTED, "consent": float("-inf")}),
    json.dumps({**CONSENTED, "answers": {"onset": float("inf")}}),
    '{"consent": true, "id": 1e400}',  # past a double
])
def test_malformed_json_is_400(client, stored, body):
    before = len(stored())
    assert_api_error(post(client, body), 400)
    assert len(stored()) == before


@pytest.mark.parametrize("body, field", [
    ([], "_schema"),
    ([CONSENTED], "_schema"),
    ("consent", "_schema"),
    (1, "_schema"),
    (None, "_schema"),
    ({**CONSENTED, "answers": []}, "answers"),
    ({**CONSENTED, "answers": "onset=sudden"}, "answers"),
    ({**CONSENTED, "answers": None}, "answers"),
    ({**CONSENTED, "answers": {"onset": 1}}, "answers"),
    ({**CONSENTED, "answers": {"onset": True}}, "answers"),
    ({**CONSENTED, "answers": {"onset": ["sudden"]}}, "answers"),
    ({**CONSENTED, "answers": {"onset": {"value": "sudden"}}}, "answers"),
    ({**CONSENTED, "answers": {"onset": "never"}}, "answers"),
    ({**CONSENTED, "answers": {"not_a_question": "yes"}}, "answers"),
    ({**CONSENTED, "answers": {"__proto__": "yes"}}, "answers"),
    ({**CONSENTED, "is_admin": True}, "is_admin"),
    ({**CONSENTED, "consent": "true"}, "consent"),
    ({**CONSENTED, "consent": 1}, "consent"),
    ({**CONSENTED, "consent": None}, "consent"),
    ({**CONSENTED, "offline": 1}, "offline"),
    ({**CONSENTED, "lang": "fr"}, "lang"),
    ({**CONSENTED, "lang": None}, "lang"),
    ({**CONSENTED, "lang": ["vi"]}, "lang"),
    ({**CONSENTED, "id": "not-a-uuid"}, "id"),
    ({**CONSENTED, "id": 12345}, "id"),
    ({**CONSENTED, "id": "../../etc/passwd"}, "id"),
    ({**CONSENTED, "answers": {"onset": "sudden", "x" * 5000: "yes"}}, "answers"),
])
def test_wrong_types_and_unknown_fields_are_422_naming_the_field(client, stored, body, field):
    before = len(stored())
    error = assert_api_error(post(client, json.dumps(body)), 422)
    assert field in error["fields"], error
    messages = error["fields"][field]
    leaves = messages if isinstance(messages, list) else [m for ms in messages.values() for m in ms]
    assert leaves and all(isinstance(m, str) and m for m in leaves), error
    assert len(stored()) == before


def test_field_messages_are_localized_lists(client):
    body = {**CONSENTED, "consent": None, "id": 1}
    words = {}
    for lang in ("vi", "en"):
        error = assert_api_error(post(client, json.dumps({**body, "lang": lang})), 422)
        assert isinstance(error["fields"]["consent"], list) and isinstance(error["fields"]["id"], list)
        words[lang] = error["fields"]["consent"] + error["fields"]["id"]
    assert all(m.isascii() for m in words["en"]), words
    assert all(not m.isascii() for m in words["vi"]), words  # Vietnamese, with its diacritics: not English


@pytest.mark.parametrize("depth", [8_000, 50_000])
def test_deeply_nested_json_is_400_or_413(client, stored, depth):
    before = len(stored())
    nested_object = '{"consent": true, "answers": ' + '{"a": ' * depth + "1" + "}" * depth + "}"
    for body in ("[" * depth + "]" * depth, nested_object):
        response = post(client, body)
        assert response.status_code in (400, 413)
        assert_api_error(response, response.status_code)
    assert len(stored()) == before


def test_deep_nesting_under_a_raised_size_limit_is_400_not_500(make_app):
    """With the size limit out of the way, 50 000 levels reach the JSON parser itself."""
    app = make_app(MAX_CONTENT_LENGTH=1_000_000)
    client = app.test_client()
    body = '{"consent": true, "answers": ' + "[" * 50_000 + "]" * 50_000 + "}"
    assert_api_error(post(client, body), 400)
    with app.app_context():
        assert db.session.query(Assessment).count() == 0


def test_a_body_over_the_limit_is_413(client, stored, app):
    limit = app.config["MAX_CONTENT_LENGTH"]
    assert limit <= 64 * 1024  # a few KB is plenty for a set of answers
    before = len(stored())
    padded = json.dumps({**CONSENTED, "id": str(uuid.uuid4()), "pad": "x" * limit})
    assert_api_error(post(client, padded), 413)
    assert len(stored()) == before


def _chunked(client, body: bytes, path="/api/v1/triage", content_type="application/json"):
    """As gunicorn passes a chunked body: no Content-Length, a stream the server ends (wsgi.input_terminated)."""
    return client.post(
        path, input_stream=io.BytesIO(body), content_type=content_type, headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )


def test_a_chunked_body_over_the_limit_is_413(client, stored, app):
    """No Content-Length to refuse in advance; cut at the limit, this body would even be valid JSON."""
    limit = app.config["MAX_CONTENT_LENGTH"]
    before = len(stored())
    valid = json.dumps(CONSENTED).encode()
    body = valid + b" " * (limit - len(valid)) + b"tail beyond the limit"
    assert_api_error(_chunked(client, body), 413)
    assert_api_error(_chunked(client, json.dumps({**CONSENTED, "pad": "x" * limit}).encode()), 413)
    form = _chunked(client, b"onset=sudden&" * limit, "/vi/result", "application/x-www-form-urlencoded")
    assert form.status_code == 413  # a page: HTML, not the API's JSON
    assert len(stored()) == before


def test_a_chunked_body_within_the_limit_is_read_whole(client, stored, app):
    limit = app.config["MAX_CONTENT_LENGTH"]
    before = len(stored())
    valid = json.dumps(CONSENTED).encode()
    assert _chunked(client, valid).status_code == 200
    assert _chunked(client, valid + b" " * (limit - len(valid))).status_code == 200  # exactly at the limit
    assert len(stored()) == before + 2


@pytest.mark.parametrize("content_type", [
    "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
    "text/json", None,
])
def test_a_body_that_is_not_sent_as_json_is_415(client, stored, content_type):
    before = len(stored())
    assert_api_error(post(client, json.dumps(CONSENTED), content_type), 415)
    assert len(stored()) == before


@pytest.mark.parametrize("method", ["get", "put", "delete", "patch"])
def test_other_methods_are_405_with_allow(client, stored, method):
    before = len(stored())
    response = getattr(client, method)("/api/v1/triage", json=CONSENTED)
    assert_api_error(response, 405)
    allowed = {m.strip() for m in response.headers["Allow"].split(",")}
    assert "POST" in allowed and method.upper() not in allowed
    assert len(stored()) == before


@pytest.mark.parametrize("path", [
    "/api/v1/meta", "/api/v1/content", "/api/v1/checklist", "/api/v1/result-words", "/api/v1/rules",
])
def test_read_only_endpoints_refuse_writes(client, stored, path):
    before = len(stored())
    for method in ("post", "put", "delete", "patch"):
        response = getattr(client, method)(path, json=CONSENTED)
        assert_api_error(response, 405)
        assert "GET" in response.headers["Allow"]
    assert len(stored()) == before


def test_head_on_the_post_only_endpoint_is_405_with_allow(client, stored):
    before = len(stored())
    response = client.head("/api/v1/triage")
    assert response.status_code == 405 and "POST" in response.headers["Allow"]
    assert len(stored()) == before


def test_a_huge_body_is_413_before_it_is_read(client, stored, app):
    """Far over MAX_CONTENT_LENGTH (2 MB): refused from its Content-Length, JSON under /api/, nothing stored."""
    before = len(stored())
    huge = b'{"consent": true, "answers": {"onset": "sudden"}, "pad": "' + b"x" * 2_000_000 + b'"}'
    assert_api_error(post(client, huge), 413)
    assert len(stored()) == before


def test_a_huge_form_on_a_page_is_413_as_a_localized_page(client, stored, app):
    before = len(stored())
    response = client.post("/vi/result", data=b"onset=sudden&" * 200_000,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413 and response.mimetype == "text/html"
    assert "Yêu cầu quá lớn." in response.get_data(as_text=True)
    assert len(stored()) == before


def test_rate_limited_posts_store_nothing(make_app):
    app = make_app(RATELIMIT_ENABLED=True, TRIAGE_RATE_LIMIT="2 per minute")
    client = app.test_client()
    for _ in range(2):
        assert client.post("/api/v1/triage", json=CONSENTED).status_code == 200
    response = client.post("/api/v1/triage", json={**CONSENTED, "id": str(uuid.uuid4())})
    error = assert_api_error(response, 429)
    assert error["message"] and int(response.headers["Retry-After"]) > 0
    with app.app_context():
        assert db.session.query(Assessment).count() == 2


def test_the_rate_limit_is_per_client_behind_a_trusted_proxy(make_app):
    client = make_app(RATELIMIT_ENABLED=True, TRIAGE_RATE_LIMIT="1 per minute", PROXY_FIX_X_FOR=1).test_client()
    one, two = {"X-Forwarded-For": "198.51.100.1"}, {"X-Forwarded-For": "198.51.100.2"}
    assert client.post("/api/v1/triage", json={}, headers=one).status_code == 200
    assert client.post("/api/v1/triage", json={}, headers=one).status_code == 429
    assert client.post("/api/v1/triage", json={}, headers=two).status_code == 200


def test_a_forged_forwarded_for_does_not_escape_the_limit(make_app):
    client = make_app(RATELIMIT_ENABLED=True, TRIAGE_RATE_LIMIT="1 per minute").test_client()
    assert client.post("/api/v1/triage", json={}, headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 200
    assert client.post("/api/v1/triage", json={}, headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 429


# --- static files: no way out of pwa/ ------------------------------------------------------------------------------

SECRETS = (b"SECRET_KEY", b"create_app", b"root:", b"import ")


@pytest.mark.parametrize("path", [
    "/static/../server/config.py",
    "/static/%2e%2e/server/config.py",
    "/static/..%2fwsgi.py",
    "/static/%2e%2e%2fwsgi.py",
    "/static/css/../../wsgi.py",
    "/static/css/%2e%2e/%2e%2e/wsgi.py",
    "/static/..%5cwsgi.py",
    "/static/%2F..%2F..%2Fwsgi.py",
    "/static//etc/passwd",
    "/static/../../../../etc/passwd",
    "/static/%252e%252e/wsgi.py",
    "/static/sw.js/../../wsgi.py",
    "/sw.js/../wsgi.py",
    "/static/..",
    # backslashes, raw and encoded
    "/static/..\\wsgi.py",
    "/static/css\\..\\..\\wsgi.py",
    "/static/%5c..%5c..%5cwsgi.py",
    "/static/..%5c..%5cserver%5cconfig.py",
    "/static/\\etc\\passwd",
    # absolute paths, dot segments, NUL
    "/static/%2fetc%2fpasswd",
    "/static/./../wsgi.py",
    "/static/css/app.css%00../../wsgi.py",
    "/static/icons/../../../server/app.py",
    "/static/C:%5cwindows%5cwin.ini",
    # the other file routes: /sw.js, /favicon.ico, /apple-touch-icon.png, the /{lang}/ paths and their manifests
    "/sw.js%2f..%2fwsgi.py",
    "/sw.js/%2e%2e/wsgi.py",
    "/favicon.ico/../wsgi.py",
    "/favicon.ico%2f..%2f..%2fwsgi.py",
    "/favicon.ico/%2e%2e/%2e%2e/server/config.py",
    "/apple-touch-icon.png/../../wsgi.py",
    "/vi/../wsgi.py",
    "/vi/%2e%2e/wsgi.py",
    "/vi/..%2f..%2fwsgi.py",
    "/en/%2e%2e/%2e%2e/server/config.py",
    "/en/..%5c..%5cwsgi.py",
    "/vi/manifest.webmanifest/../../wsgi.py",
    "/en/manifest.webmanifest%2f..%2f..%2fserver%2fconfig.py",
    "/vi/static/../../wsgi.py",
    "/%2e%2e/wsgi.py",
    "/..%2fserver%2fconfig.py",
    "/static/sw.js",  # the service worker's source: only ever served rendered, at /sw.js
])
def test_path_traversal_on_static_routes_is_4xx(client, path):
    response = client.get(path, follow_redirects=True)
    assert 400 <= response.status_code < 500, (path, response.status_code)
    for answer in (response, *response.history):
        assert not any(secret in answer.data for secret in SECRETS), path
        assert not any(source in answer.data for source in SOURCES), path


# Lines only the server's own files hold: none may appear in any answer to a traversal attempt.
SOURCES = tuple(
    line.encode() for name in ("wsgi.py", "server/config.py", "server/app.py", "gunicorn.conf.py", "pwa/sw.js")
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines()
    if len(line.strip()) > 30 and "__SW_CONFIG__" not in line
)


def test_static_files_are_served_from_pwa_only(client):
    """The control for the traversal test: a real file is served, and it is the file in pwa/."""
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert response.data == (ROOT / "pwa" / "css" / "app.css").read_bytes()
