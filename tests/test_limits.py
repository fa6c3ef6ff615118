"""Limits that hold: the no-JavaScript result page shares the triage rate limit (a localized HTML 429), what
PROXY_FIX_X_FOR trusts, and the headers on every result."""
import pytest

from server.config import TestConfig

STROKE = {"face_drooping": "yes", "onset": "sudden"}


@pytest.fixture
def limited(make_app):
    return make_app(TestConfig, RATELIMIT_ENABLED=True, TRIAGE_RATE_LIMIT="3 per minute")


@pytest.mark.parametrize("lang, words", [("vi", "Bạn gửi quá nhiều yêu cầu"), ("en", "Too many requests")])
def test_the_html_result_page_is_limited_with_a_localized_page(limited, lang, words):
    client = limited.test_client()
    statuses = [client.post(f"/{lang}/result", data=STROKE).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    response = client.post(f"/{lang}/result", data=STROKE)
    assert response.status_code == 429 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert f'lang="{lang}"' in html and words in html
    assert 0 < int(response.headers["Retry-After"]) <= 60
    assert response.headers["Cache-Control"] == "no-store"


def test_the_page_and_the_api_draw_on_one_count(limited):
    """Alternating between the API and the form does not double the allowance; nor does GET with a query."""
    client = limited.test_client()
    assert client.post("/api/v1/triage", json={"answers": STROKE}).status_code == 200
    assert client.post("/en/result", data=STROKE).status_code == 200
    assert client.get("/en/result?face_drooping=yes").status_code == 303  # sent on to the fragment, unread
    assert client.post("/api/v1/triage", json={"answers": STROKE}).status_code == 429
    assert client.post("/en/result", data=STROKE).status_code == 429
    other = {"REMOTE_ADDR": "198.51.100.7"}  # another client still has its own count
    assert client.post("/en/result", data=STROKE, environ_base=other).status_code == 200


def test_without_proxy_fix_a_forged_forwarded_address_changes_nothing(limited):
    client = limited.test_client()
    statuses = [client.post("/api/v1/triage", json={"answers": {}}, headers={"X-Forwarded-For": f"203.0.113.{i}"})
                .status_code for i in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_with_proxy_fix_the_forwarded_address_is_trusted(make_app):
    """Why PROXY_FIX_X_FOR=1 is only safe when nothing but the proxy reaches gunicorn (gunicorn.conf.py then binds
    127.0.0.1 by default, docs/operations.md): the app believes whatever X-Forwarded-For says, so a client reaching
    it directly escapes the limit with a new address each time."""
    app = make_app(TestConfig, RATELIMIT_ENABLED=True, TRIAGE_RATE_LIMIT="3 per minute", PROXY_FIX_X_FOR=1)
    client = app.test_client()
    forged = [client.post("/api/v1/triage", json={"answers": {}}, headers={"X-Forwarded-For": f"203.0.113.{i}"})
              .status_code for i in range(6)]
    assert forged == [200] * 6
    same = [client.post("/api/v1/triage", json={"answers": {}}, headers={"X-Forwarded-For": "192.0.2.1"}).status_code
            for _ in range(4)]
    assert same == [200, 200, 200, 429]


@pytest.mark.parametrize("consent", [False, True])
def test_triage_answers_are_never_cached(client, consent):
    response = client.post("/api/v1/triage", json={"answers": STROKE, "consent": consent})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/vi/", "/api/v1/meta", "/healthz", "/sw.js", "/api/v1/nope", "/vi/result?onset=x"])
def test_every_response_says_same_origin_only(client, path):
    assert client.get(path).headers["Cross-Origin-Resource-Policy"] == "same-origin"


def test_the_result_page_itself_is_not_counted(limited):
    """GET /<lang>/result without a query is the same page for everyone (the service worker precaches it in both
    languages when the app is installed): it uses up nothing of the limit."""
    client = limited.test_client()
    assert [client.get(f"/{lang}/result").status_code for lang in ("vi", "en") for _ in range(3)] == [200] * 6
    assert [client.post("/api/v1/triage", json={"answers": STROKE}).status_code for _ in range(4)] == [200] * 3 + [429]
