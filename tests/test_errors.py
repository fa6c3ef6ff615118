"""Every error under /api/ is JSON {"error": {"code", "message", "fields"}}, localized, never HTML."""
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
        "DATABASE_URL": f"sqlite:///{tmp_path / 'rl.db'}", "RATELIMIT_ENABLED": True, "TRIAGE_RATE_LIMIT": "2 per minute",
    })
    client = app.test_client()
    for _ in range(2):
        assert client.post("/api/v1/triage", json={"answers": {}}).status_code == 200
    response = client.post("/api/v1/triage", json={"answers": {}})
    _assert_error(response, 429)
    assert int(response.headers["Retry-After"]) > 0


def test_500_is_json_without_traceback(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/api/v1/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/api/v1/boom")
    _assert_error(response, 500)
    assert b"secret internals" not in response.data


def test_http_500_exception_is_json(app):
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
