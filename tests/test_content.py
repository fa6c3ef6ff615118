"""The guidance API: the whole article in both languages, every cause, ETags, compression, meta."""
import gzip
import json
import re

import pytest

from tests.conftest import SHARED

SPEC = (SHARED / "triage" / "SPEC.md").read_text(encoding="utf-8")
CAUSE_IDS = re.findall(r"^\| `([a-z_]+)`\*? \| (?:musculoskeletal|medical|lifestyle) \|", SPEC, re.M)
SECTIONS = ["emergency_signs", "signs", "at_risk", "when_to_see_doctor", "relief", "treatment"]


def _content(client, lang):
    response = client.get(f"/api/v1/content?lang={lang}")
    assert response.status_code == 200
    return response.json


def test_spec_lists_twenty_three_causes():
    assert len(CAUSE_IDS) == 23


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_content_has_every_section_and_cause(client, lang):
    body = _content(client, lang)
    assert [s["id"] for s in body["sections"]] == SECTIONS
    assert [g["id"] for g in body["cause_groups"]] == ["musculoskeletal", "medical", "lifestyle"]
    causes = {c["id"]: c for g in body["cause_groups"] for c in g["causes"]}
    assert sorted(causes) == sorted(CAUSE_IDS)
    for cause in causes.values():
        assert cause["name"] and cause["summary"] and cause["body"] and all(cause["body"])
    assert body["notice"] and body["title"] and body["intro"]


def test_every_cause_is_really_translated(client):
    vi = {c["id"]: c for g in _content(client, "vi")["cause_groups"] for c in g["causes"]}
    en = {c["id"]: c for g in _content(client, "en")["cause_groups"] for c in g["causes"]}
    for cause_id in CAUSE_IDS:
        assert vi[cause_id]["summary"] != en[cause_id]["summary"], cause_id
        assert vi[cause_id]["body"] != en[cause_id]["body"], cause_id


def test_vietnamese_content_uses_the_clinic_terms(client):
    text = json.dumps(_content(client, "vi"), ensure_ascii=False)
    for term in ("tê chân", "đau thần kinh tọa", "thoát vị đĩa đệm", "hội chứng cơ hình lê", "đa xơ cứng",
                 "đột quỵ", "bệnh động mạch ngoại biên", "lupus ban đỏ", "thiếu máu", "hội chứng chùm đuôi ngựa",
                 "115", "huyết khối tĩnh mạch sâu", "tiền sản giật", "hẹp ống sống thắt lưng",
                 "nhiễm trùng cột sống", "hiện tượng raynaud", "tắc động mạch chi cấp tính",
                 "hội chứng guillain-barré", "dấu hiệu nguy hiểm", "ngồi vắt chéo chân"):
        assert term in text.lower(), term


def test_article_facts_are_there_in_both_languages(client):
    en = json.dumps(_content(client, "en"))
    assert "15 minutes" in en and "towel" in en
    vi = json.dumps(_content(client, "vi"), ensure_ascii=False)
    assert "15 phút" in vi and "khăn" in vi


def test_emergency_number_comes_from_configuration(make_app):
    """A setting is read when the app is made (the catalogue is built then): a new number means a new app."""
    body = make_app(EMERGENCY_NUMBER="911").test_client().get("/api/v1/content?lang=en").json
    emergency = json.dumps(body["sections"][0])
    assert "911" in emergency and "115" not in emergency


def test_etag_and_304(client):
    first = client.get("/api/v1/content?lang=vi")
    etag = first.headers["ETag"]
    again = client.get("/api/v1/content?lang=vi", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    other = client.get("/api/v1/content?lang=en", headers={"If-None-Match": etag})
    assert other.status_code == 200
    assert other.headers["ETag"] != etag


def test_compressed_when_accepted(client):
    response = client.get("/api/v1/content?lang=vi", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    body = json.loads(gzip.decompress(response.data))
    assert body["lang"] == "vi"
    plain = client.get("/api/v1/content?lang=vi")
    assert "Content-Encoding" not in plain.headers


def test_meta(client):
    body = client.get("/api/v1/meta").json
    assert body["default_language"] == "vi"
    assert body["languages"] == ["vi", "en"]
    assert body["emergency_number"] == "115"
    assert body["rules_version"] == "2026.12"
    assert re.fullmatch(r"[0-9a-f]{16}", body["content_version"])
    assert body["app_version"]
