"""Every error under /api/ is JSON {"error": {"code", "message", "fields"}}, localized, never HTML; outside /api/
an error is a small HTML page in the visitor's language, with the app's stylesheet and a link home."""
import json

import pytest
from werkzeug.exceptions import InternalServerError

from server.app import create_app
from server.config import TestConfig


def _assert_error(response, code):
    assert response.status_code == code
    assert response.mimetype == "application/json"
    error = response.json["error"]
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["fields"], dict)
    assert b"Traceback" not in response.data and b"<html" not in response.data.lower()
    return error


def test_400_malformed_json(client):
    response = client.post("/api/v1/triage", data="{not json", content_type="application/json")
    _assert_error(response, 400)


def test_404(client):
    _assert_error(client.get("/api/v1/nothing-here"), 404)


def test_405_names_the_allowed_methods(client):
    response = client.delete("/api/v1/triage")
    _assert_error(response, 405)
    assert "POST" in response.headers["Allow"]


def test_413(client):
    body = json.dumps({"answers": {}, "pad": "x" * 40_000})
    _assert_error(client.post("/api/v1/triage", data=body, content_type="application/json"), 413)


def test_415(client):
    _assert_error(client.post("/api/v1/triage", data="answers=1", content_type="text/plain"), 415)


def test_422_names_the_field(client):
    error = _assert_error(client.post("/api/v1/triage", json={"answers": {"not_a_question": "yes"}}), 422)
    assert "not_a_question" in error["fields"]["answers"]


def test_422_message_is_localized(client):
    vi = client.post("/api/v1/triage", json={"answers": {"onset": "never"}, "lang": "vi"}).json["error"]
    en = client.post("/api/v1/triage", json={"answers": {"onset": "never"}, "lang": "en"}).json["error"]
    assert "onset" in vi["fields"]["answers"] and "onset" in en["fields"]["answers"]
    assert vi["message"] != en["message"]


def test_429_with_retry_after(tmp_path):
    app = create_app(TestConfig, {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'rl.db'}", "RATELIMIT_ENABLED": True,
        "TRIAGE_RATE_LIMIT": "2 per minute",
    })
    client = app.test_client()
    for _ in range(2):
        assert client.post("/api/v1/triage", json={"answers": {}}).status_code == 200
    response = client.post("/api/v1/triage", json={"answers": {}})
    _assert_error(response, 429)
    assert int(response.headers["Retry-After"]) > 0


def test_500_is_json_without_traceback(make_app):
    app = make_app()  # its own: a route is added
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/api/v1/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/api/v1/boom")
    _assert_error(response, 500)
    assert b"secret internals" not in response.data


def test_http_500_exception_is_json(make_app):
    app = make_app()  # its own: a route is added
    @app.get("/api/v1/boom-http")
    def boom_http():
        raise InternalServerError()

    _assert_error(app.test_client().get("/api/v1/boom-http"), 500)


@pytest.mark.parametrize("body", [
    "{not json", "[]", '"text"', '{"answers": []}', '{"answers": {"onset": 3}}', '{"consent": "yes"}',
    '{"consent": true, "id": "not-a-uuid"}', '{"extra": 1}',
])
def test_bad_input_stores_nothing(client, stored, body):
    before = len(stored())
    response = client.post("/api/v1/triage", data=body, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert "error" in response.json
    assert len(stored()) == before


def test_pages_outside_api_are_not_json(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"


# --- outside /api/: a localized HTML page --------------------------------------------------------------------------

VI_404 = ("Không tìm thấy trang", "Không có nội dung nào ở địa chỉ này.", "Về trang chủ", "Cần cấp cứu? Gọi 115")
EN_404 = ("Page not found", "There is nothing at this address.", "Go to the home page", "Emergency? Call 115")


def _assert_page(response, code, lang, texts):
    assert response.status_code == code
    assert response.mimetype == "text/html" and response.headers["Content-Language"] == lang
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}"' in html
    assert all(text in html for text in texts), html
    assert f'href="/{lang}/"' in html  # the link home, in the same language
    assert 'rel="stylesheet" href="/static/css/app.css?v=' in html
    assert "<script" not in html and "style=" not in html  # nothing the CSP would have to allow
    for werkzeug_text in ("Not Found", "The requested URL", "Method Not Allowed", "Internal Server Error"):
        assert werkzeug_text not in html
    assert "Traceback" not in html
    assert response.headers["Cache-Control"] == "no-store"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    return html


@pytest.mark.parametrize("path, kwargs, lang", [
    ("/vi/no-such-page", {}, "vi"),
    ("/en/no-such-page", {}, "en"),
    ("/vi/no-such-page", {"cookie": "en", "headers": {"Accept-Language": "en"}}, "vi"),  # the path wins
    ("/no-such-page", {}, "vi"),  # the default
    ("/no-such-page", {"headers": {"Accept-Language": "en-US,en;q=0.9"}}, "en"),
    ("/no-such-page", {"headers": {"Accept-Language": "vi-VN,vi;q=0.9,en;q=0.5"}}, "vi"),
    ("/no-such-page", {"cookie": "en", "headers": {"Accept-Language": "vi"}}, "en"),  # the cookie wins
    ("/no-such-page?lang=en", {}, "en"),
    ("/static/no-such-file.css", {"headers": {"Accept-Language": "en"}}, "en"),
    ("/fr/", {"headers": {"Accept-Language": "fr"}}, "vi"),
])
def test_a_404_outside_the_api_is_a_localized_page(client, path, kwargs, lang):
    kwargs = dict(kwargs)
    if "cookie" in kwargs:
        client.set_cookie("lang", kwargs.pop("cookie"))
    response = client.get(path, **kwargs)
    _assert_page(response, 404, lang, VI_404 if lang == "vi" else EN_404)


def test_the_page_says_which_error_it_is(client):
    assert "Lỗi 404" in client.get("/vi/nothing").get_data(as_text=True)
    assert "Error 404" in client.get("/en/nothing").get_data(as_text=True)


@pytest.mark.parametrize("lang, texts", [
    ("vi", ("Phương thức này không được phép ở đây.", "Lỗi 405")),
    ("en", ("This method is not allowed here.", "Error 405")),
])
def test_a_405_outside_the_api_is_a_localized_page_with_allow(client, stored, lang, texts):
    response = client.delete(f"/{lang}/")
    _assert_page(response, 405, lang, texts)
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "HEAD"}
    assert "DELETE" not in response.headers["Allow"]
    assert stored() == []


@pytest.mark.parametrize("lang, texts", [
    ("vi", ("Đã xảy ra lỗi", "Hệ thống đang gặp sự cố. Vui lòng thử lại.", "Lỗi 500")),
    ("en", ("Something went wrong", "Something went wrong on our side. Please try again.", "Error 500")),
])
def test_a_500_outside_the_api_is_a_localized_page_without_internals(make_app, lang, texts):
    app = make_app()  # its own: a route is added
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/<any(vi, en):lang>/boom")
    def boom(lang):
        raise RuntimeError("secret internals")

    response = app.test_client().get(f"/{lang}/boom")
    html = _assert_page(response, 500, lang, texts)
    assert "secret internals" not in html and "RuntimeError" not in html


def test_a_broken_error_page_falls_back_to_a_plain_one(app, monkeypatch):
    """If rendering the page fails, the visitor still gets the right status, not a 500 about the 404."""
    from server import errors

    def broken(*args, **kwargs):
        raise RuntimeError("template trouble")

    monkeypatch.setattr(errors, "render_template", broken)
    response = app.test_client().get("/vi/no-such-page")
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert b"template trouble" not in response.data
