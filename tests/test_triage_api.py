"""The checklist and triage API over HTTP, on the real app and database."""
import json
import uuid

import pytest

from tests.conftest import CASES, ROOT

RULES = json.loads((ROOT / "server" / "triage" / "rules.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_public_case_over_http(client, case, lang):
    response = client.post("/api/v1/triage", json={"answers": case["answers"], "lang": lang})
    assert response.status_code == 200, response.json
    body = response.json
    expected = case["expected"]
    assert body["level"] == expected["level"]
    assert set(expected["reasons_include"]) <= {r["id"] for r in body["reasons"]}
    assert set(expected["causes_include"]) <= {c["id"] for c in body["possible_causes"]}
    assert body["lang"] == lang and body["rules_version"] == "2026.12"
    assert body["emergency_number"] == "115" and body["disclaimer"]
    assert all(r["text"] for r in body["reasons"]) and body["title"] and body["action"]
    assert body["record"] is None


@pytest.mark.parametrize("consent", [False, True])
def test_every_answer_has_the_documented_shape(client, consent):
    """The result is sent as built (no marshmallow dump): it must still be exactly what TriageResultSchema says."""
    from server.triage.schemas import TriageResultSchema  # noqa: PLC0415

    known = {q["id"] for q in RULES["questions"]}
    cases = [c for c in CASES if set(c["answers"]) <= known]  # cases of a newer rules version are checked elsewhere
    assert len(cases) >= 10
    for case in cases:
        response = client.post("/api/v1/triage", json={"answers": case["answers"], "consent": consent})
        assert response.status_code == 200, case["id"]
        assert TriageResultSchema().validate(response.json) == {}, case["id"]
        assert set(response.json) == set(TriageResultSchema().fields), case["id"]


def test_same_input_same_output(client):
    answers = CASES[0]["answers"]
    first = client.post("/api/v1/triage", json={"answers": answers, "lang": "vi"}).data
    assert client.post("/api/v1/triage", json={"answers": answers, "lang": "vi"}).data == first


def test_emergency_result_names_the_number_and_says_not_a_diagnosis(client):
    vi = client.post("/api/v1/triage", json={"answers": {"face_drooping": "yes"}, "lang": "vi"}).json
    assert vi["level"] == "emergency_ambulance" and vi["emergency"] is True
    assert "115" in vi["title"] + vi["action"]
    assert "chẩn đoán" in vi["disclaimer"].lower()
    en = client.post("/api/v1/triage", json={"answers": {"face_drooping": "yes"}, "lang": "en"}).json
    assert "diagnosis" in en["disclaimer"].lower()


def test_unsure_warning_sign_is_listed_to_check_again(client):
    body = client.post("/api/v1/triage", json={"answers": {"bladder_bowel": "unsure"}, "lang": "en"}).json
    assert body["level"] == "consultation_24"
    assert [c["id"] for c in body["check_again"]] == ["bladder_bowel"]
    assert "115" in body["check_again_intro"]


def test_self_care_carries_the_safety_net(client):
    answers = {"trigger_posture": "yes", "eases_with_movement": "yes"}
    body = client.post("/api/v1/triage", json={"answers": answers, "lang": "vi"}).json
    assert body["level"] == "self_care"
    assert "safety_net" in {a["id"] for a in body["advice"]}
    assert len(body["warning_signs"]) == 13


def test_nothing_is_stored_without_consent(client, stored):
    client.post("/api/v1/triage", json={"answers": {"onset": "sudden"}, "id": str(uuid.uuid4())})
    client.post("/api/v1/triage", json={"answers": {"onset": "sudden"}, "consent": False})
    assert stored() == []


def test_consented_record_is_stored_once(client, stored):
    record_id = str(uuid.uuid4())
    body = {"answers": {"speech_trouble": "yes"}, "lang": "en", "consent": True, "id": record_id, "offline": True}
    first = client.post("/api/v1/triage", json=body)
    second = client.post("/api/v1/triage", json=body)
    assert first.status_code == second.status_code == 200
    assert first.json == second.json
    assert first.json["record"] == {"id": record_id, "stored": True}
    rows = stored()
    assert len(rows) == 1
    row = rows[0]
    assert row.answers == {"speech_trouble": "yes"} and row.level == "emergency_ambulance"
    assert row.reasons == ["stroke_signs"] and row.lang == "en" and row.offline is True
    assert row.rules_version == "2026.12" and row.created_at is not None


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_checklist(client, lang):
    body = client.get(f"/api/v1/checklist?lang={lang}").json
    assert body["rules_version"] == "2026.12" and body["lang"] == lang
    steps = body["steps"]
    assert [s["id"] for s in steps] == ["warning_signs", "about_you", "numbness", "symptoms"]
    warning = steps[0]["questions"]
    assert len(warning) == 13 and all(q["warning_sign"] for q in warning)
    assert all(q["kind"] == "yes_no_unsure" for q in warning)
    questions = {q["id"]: q for s in steps for q in s["questions"]}
    assert len(questions) == len(RULES["questions"])
    for spec in RULES["questions"]:
        qid = spec["id"]
        assert [o["value"] for o in questions[qid]["options"]] == list(spec["values"])
        assert questions[qid]["text"] and questions[qid]["why"]
        assert all(o["label"] for o in questions[qid]["options"])
    assert [o["value"] for o in questions["onset"]["options"]] == ["sudden", "gradual"]


def test_checklist_languages_differ(client):
    vi = client.get("/api/v1/checklist?lang=vi").json["steps"][0]["questions"][0]["text"]
    en = client.get("/api/v1/checklist?lang=en").json["steps"][0]["questions"][0]["text"]
    assert vi != en


def test_rules_endpoint_serves_the_one_rules_file(client):
    assert client.get("/api/v1/rules").json == RULES


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_result_words_cover_every_id(client, lang):
    words = client.get(f"/api/v1/result-words?lang={lang}").json
    rule_ids = {r["id"] for r in RULES["rules"]}
    assert rule_ids <= set(words["reasons"])
    assert set(words["levels"]) == {"emergency_ambulance", "emergency", "consultation_24", "consultation", "self_care"}
    assert len(words["causes"]) == 23 and len(words["warning_signs"]) == 13


def test_openapi_document(client):
    doc = client.get("/api/openapi.json").json
    assert doc["openapi"].startswith("3.")
    for path in ("/api/v1/content", "/api/v1/meta", "/api/v1/checklist", "/api/v1/triage"):
        assert path in doc["paths"], path
    assert "https://" not in json.dumps(doc)  # nothing that points a client at another site


def test_openapi_documents_views_that_run_unwrapped(client):
    """server/apidoc.py drops flask-smorest's wrappers at run time: what they documented must all be there."""
    paths = client.get("/api/openapi.json").json["paths"]
    post = paths["/api/v1/triage"]["post"]
    body = post["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/TriageRequest"}
    assert post["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/TriageResult"}
    assert {"200", "400", "413", "415", "422", "429", "default"} <= set(post["responses"])
    assert post["summary"].startswith("Evaluate answers")
    for path in ("/api/v1/checklist", "/api/v1/result-words", "/api/v1/content"):
        get = paths[path]["get"]
        assert {"200", "304", "422"} <= set(get["responses"]), path
        assert [p["name"] for p in get["parameters"]] == ["lang"], path
        assert "$ref" in get["responses"]["200"]["content"]["application/json"]["schema"], path
    assert {"200", "304"} <= set(paths["/api/v1/rules"]["get"]["responses"])
