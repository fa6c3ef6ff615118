"""Locale negotiation: ?lang, then the path prefix, then the cookie, then Accept-Language, then vi."""
import pytest


@pytest.mark.parametrize(
    ("query", "cookie", "accept", "expected"),
    [
        ("", None, None, "vi"),
        ("", None, "en-GB,en;q=0.9", "en"),
        ("", None, "fr-FR,fr;q=0.9", "vi"),
        ("", None, "fr,vi;q=0.5,en;q=0.4", "vi"),
        ("", "en", "vi", "en"),
        ("", "xx", "en", "en"),
        ("?lang=vi", "en", "en", "vi"),
        ("?lang=en", "vi", "vi", "en"),
    ],
)
def test_api_locale_order(client, query, cookie, accept, expected):
    if cookie:
        client.set_cookie("lang", cookie)
    headers = {"Accept-Language": accept} if accept else {}
    response = client.get(f"/api/v1/content{query}", headers=headers)
    assert response.status_code == 200
    assert response.headers["Content-Language"] == expected
    assert response.json["lang"] == expected


def test_negotiated_response_varies_on_cookie_and_language(client):
    vary = client.get("/api/v1/content").headers["Vary"]
    assert "Accept-Language" in vary and "Cookie" in vary


def test_explicit_language_needs_no_vary_on_language(client):
    vary = client.get("/api/v1/content?lang=en").headers.get("Vary", "")
    assert "Accept-Language" not in vary


def test_unknown_lang_parameter_is_a_named_422(client):
    response = client.get("/api/v1/content?lang=fr")
    assert response.status_code == 422
    assert "lang" in response.json["error"]["fields"]


def test_error_messages_follow_the_locale(client):
    vi = client.get("/api/v1/nowhere?lang=vi").json["error"]["message"]
    en = client.get("/api/v1/nowhere?lang=en").json["error"]["message"]
    assert vi != en
    assert any(ch in vi for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý")
