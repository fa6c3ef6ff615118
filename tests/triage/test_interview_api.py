"""POST /api/v1/triage carries the interview, so any client can run the adaptive checklist over HTTP."""
import dataclasses
import uuid

import pytest

from server.triage.engine import evaluate
from server.triage.interview import interview
from server.triage.schemas import TriageResultSchema
from tests.conftest import CASES
from tests.triage.interviews import RULES, SIGNS


def triage(client, answers: dict, **extra) -> dict:
    response = client.post("/api/v1/triage", json={"answers": answers, "lang": "en", **extra})
    assert response.status_code == 200, response.json
    assert TriageResultSchema().validate(response.json) == {}
    return response.json


@pytest.mark.parametrize("case", CASES[::5], ids=[c["id"] for c in CASES[::5]])
def test_the_result_carries_the_interview(client, case):
    state = interview(case["answers"])
    body = triage(client, case["answers"])
    assert body["interview"] == {"should_stop": state.should_stop, "next": list(state.next)}
    again = client.post("/api/v1/triage", json={"answers": case["answers"], "lang": "en"})
    assert again.json["interview"] == body["interview"]  # the memoized body too


def test_stored_results_carry_it_too(client):
    body = triage(client, {"face_drooping": "yes"}, consent=True, id=str(uuid.uuid4()))
    assert body["interview"] == {"should_stop": True, "next": []}
    assert body["record"]["stored"] is True


def test_a_client_runs_the_whole_checklist_over_http(client):
    # A person with no warning sign: ask only what the API says, one question at a time, until it says stop.
    person = {**dict.fromkeys(SIGNS, "no"), **{q: "no" for q, v in RULES.questions.items() if v.kind != "choice"},
              "age_group": "65_plus", "onset": "gradual", "duration": "weeks", "pattern": "constant", "sides": "both",
              "diabetes": "yes"}
    answers: dict[str, str] = {}
    body = triage(client, answers)
    assert body["interview"]["next"][: len(SIGNS)] == list(SIGNS)
    while not body["interview"]["should_stop"]:
        question = body["interview"]["next"][0]
        answers[question] = person[question]
        body = triage(client, answers)
    assert body["level"] == evaluate(person).level == "consultation"
    assert "pregnant" not in answers and len(answers) < len(RULES.questions)


def test_the_openapi_document_describes_it(client):
    schemas = client.get("/api/openapi.json").json["components"]["schemas"]
    result = schemas["TriageResult"]
    assert "interview" in result["required"] and "interview" in result["properties"]
    assert set(schemas["InterviewOut"]["required"]) == {"should_stop", "next"}


def test_the_interview_is_plain_data():
    assert dataclasses.asdict(interview({})).keys() == {"should_stop", "next", "level"}
