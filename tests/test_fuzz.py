"""Fuzzing: schemathesis against /api/openapi.json, hypothesis against the triage validators.

Both run on the real app and database (SQLite, or PostgreSQL with TEST_DATABASE_URL), bounded in examples.
"""
import json
import uuid

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marshmallow import ValidationError
from schemathesis import checks

from server.app import create_app
from server.config import TestConfig
from server.triage.engine import load_rules
from server.triage.schemas import TriageRequestSchema

QUESTIONS = {qid: tuple(q.values) for qid, q in load_rules().questions.items()}
FIELDS = ("answers", "lang", "consent", "id", "offline")

# The document is read once from an app of its own (it does not touch the database); every generated request goes
# to the test's own `app` (a fresh database). schemathesis.pytest.from_fixture() does not work with pytest 9 yet.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", create_app(TestConfig, {"DATABASE_URL": "sqlite://"}))

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
# On top of schemathesis's default checks, named so that they cannot drop out with a change of defaults.
REQUIRED_CHECKS = [checks.not_a_server_error, checks.response_schema_conformance, checks.status_code_conformance,
                   checks.content_type_conformance]


def test_every_operation_is_documented(client):
    """The fuzz below covers the documented operations, so an endpoint cannot drop out of the document silently."""
    document = client.get("/api/openapi.json").json
    operations = {(method.upper(), path) for path, ops in document["paths"].items() for method in ops}
    expected = {("GET", f"/api/v1/{name}") for name in ("meta", "content", "checklist", "result-words", "rules")}
    assert expected | {("POST", "/api/v1/triage")} <= operations
    fuzzed = {(op.ok().method.upper(), op.ok().path) for op in schema.get_all_operations()}
    assert fuzzed == operations == FUZZED  # every documented operation is fuzzed below, each by a test of its own


def conforms_to_its_document(case, app, stored) -> None:
    """No 5xx; status, content type, headers and body as documented; nothing stored unless consented and valid."""
    before = {row.id for row in stored()}
    # requests' default Accept-Encoding asks for br; over HTTP the client decodes it, in-process nothing does.
    response = case.call_and_validate(
        app=app, headers={"Accept-Encoding": "identity"}, additional_checks=REQUIRED_CHECKS)
    after = {row.id for row in stored()}
    body = case.body if isinstance(case.body, dict) else {}
    if response.status_code == 200 and case.method == "POST" and body.get("consent") is True:
        assert after - before <= {response.json()["record"]["id"]}
        assert before <= after
    else:
        assert after == before


def conformance_test(method: str, path: str):
    """conforms_to_its_document for one operation, as a test function of its own: schema.parametrize() over all of
    them gives the six tests one node id, and pytest-xdist, which keys tests by node id, ran only one."""
    def test(case, app, stored):
        conforms_to_its_document(case, app, stored)

    return schema.include(method=method, path=path).parametrize()(FUZZ(test))


FUZZED = {("GET", "/api/v1/meta"), ("GET", "/api/v1/content"), ("GET", "/api/v1/checklist"),
          ("GET", "/api/v1/result-words"), ("GET", "/api/v1/rules"), ("POST", "/api/v1/triage")}
test_meta_conforms_to_its_document = conformance_test("GET", "/api/v1/meta")
test_content_conforms_to_its_document = conformance_test("GET", "/api/v1/content")
test_checklist_conforms_to_its_document = conformance_test("GET", "/api/v1/checklist")
test_result_words_conform_to_their_document = conformance_test("GET", "/api/v1/result-words")
test_rules_conform_to_their_document = conformance_test("GET", "/api/v1/rules")
test_triage_conforms_to_its_document = conformance_test("POST", "/api/v1/triage")


# --- hypothesis: the request validator, by HTTP and directly -----------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
question_ids = st.sampled_from(sorted(QUESTIONS)) | st.text(max_size=12)
answer_values = st.sampled_from(sorted({v for values in QUESTIONS.values() for v in values})) | json_values
near_valid = st.fixed_dictionaries({}, optional={
    "answers": st.dictionaries(question_ids, answer_values, max_size=6) | json_values,
    "lang": st.sampled_from(["vi", "en", "fr", "VI", ""]) | json_values,
    "consent": st.booleans() | json_values,
    "id": st.uuids().map(str) | st.text(max_size=40) | json_values,
    "offline": st.booleans() | json_values,
    "extra": json_values,
})
bodies = near_valid | json_values


def is_valid(body) -> bool:
    """An independent statement of what the API accepts: the documented request schema, read strictly."""
    if not isinstance(body, dict) or not set(body) <= set(FIELDS):
        return False
    answers = body.get("answers", {})
    if not isinstance(answers, dict):
        return False
    for qid, value in answers.items():
        if qid not in QUESTIONS or not isinstance(value, str) or value not in QUESTIONS[qid]:
            return False
    if "lang" in body and body["lang"] not in ("vi", "en"):
        return False
    if any(key in body and not isinstance(body[key], bool) for key in ("consent", "offline")):
        return False
    if "id" in body:
        if not isinstance(body["id"], str):
            return False
        try:
            uuid.UUID(body["id"])
        except ValueError:
            return False
    return True


@given(body=bodies)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_json_body_is_answered_and_only_consented_valid_ones_are_stored(client, stored, body):
    before = {row.id for row in stored()}
    response = client.post("/api/v1/triage", data=json.dumps(body), content_type="application/json")
    after = {row.id for row in stored()}
    valid = is_valid(body)
    assert response.status_code == (200 if valid else 422), (body, response.json)
    assert response.mimetype == "application/json"
    if not valid:
        error = response.json["error"]
        assert error["code"] == 422 and error["fields"], body  # names what is wrong
        assert after == before
    elif body.get("consent") is True:
        record = response.json["record"]
        assert record["stored"] is True
        assert after - before == ({record["id"]} - before) and before <= after
        if "id" in body:
            assert record["id"] == str(uuid.UUID(body["id"]))
    else:
        assert response.json["record"] is None
        assert after == before


@given(body=bodies)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_request_schema_accepts_exactly_the_valid_bodies(app, body):
    with app.test_request_context():
        try:
            loaded = TriageRequestSchema().load(body)
        except ValidationError as error:
            assert not is_valid(body), (body, error.messages)
            assert error.messages
        else:
            assert is_valid(body), (body, loaded)
            assert loaded["consent"] is body.get("consent", False)
            assert loaded["answers"] == body.get("answers", {})


# --- hypothesis: the answers validator, key by key ----------------------------------------------------------------

valid_answers = st.lists(st.sampled_from(sorted(QUESTIONS)), unique=True, max_size=len(QUESTIONS)).flatmap(
    lambda qids: st.fixed_dictionaries({qid: st.sampled_from(QUESTIONS[qid]) for qid in qids}))
unknown_ids = st.text(max_size=20).filter(lambda key: key not in QUESTIONS)
not_text = st.none() | st.booleans() | st.integers() | st.floats() | st.lists(st.text(max_size=3), max_size=2) \
    | st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2)


@st.composite
def one_bad_answer(draw):
    """Valid answers plus one bad entry: an unknown question id, or a known one with a value it does not allow."""
    answers = draw(valid_answers)
    kind = draw(st.sampled_from(["unknown id", "value not allowed", "not text"]))
    if kind == "unknown id":
        key, value = draw(unknown_ids), draw(st.sampled_from(sorted({v for vs in QUESTIONS.values() for v in vs})))
    else:
        key = draw(st.sampled_from(sorted(QUESTIONS)))
        value = (draw(st.text(max_size=20).filter(lambda v, k=key: v not in QUESTIONS[k]))
                 if kind == "value not allowed" else draw(not_text))
    answers[key] = value
    return answers, key


@given(answers=valid_answers, lang=st.sampled_from(["vi", "en"]), consent=st.booleans())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_valid_answers_are_accepted(app, answers, lang, consent):
    with app.test_request_context():
        loaded = TriageRequestSchema().load({"answers": answers, "lang": lang, "consent": consent})
    assert loaded["answers"] == answers and loaded["lang"] == lang and loaded["consent"] is consent


@given(body=bodies)
@settings(max_examples=500, deadline=None)
def test_the_plain_path_loads_what_marshmallow_loads_or_leaves_the_body_to_it(body):
    """TriageRequestSchema.load_plain, the view's fast path: for any body, None (marshmallow then reads it) or
    exactly what load() gives; and never None for a valid body without an id, so the path is the one taken."""
    schema = TriageRequestSchema()
    plain = schema.load_plain(body)
    if plain is not None:
        assert plain == schema.load(body), body
        assert type(plain["consent"]) is bool and type(plain["offline"]) is bool
    elif is_valid(body) and "id" not in body:
        raise AssertionError(f"a valid body left to marshmallow: {body!r}")


@given(answers=valid_answers, lang=st.sampled_from(["vi", "en"]), consent=st.booleans(), offline=st.booleans())
@settings(max_examples=200, deadline=None)
def test_the_plain_path_takes_any_valid_body_without_an_id(answers, lang, consent, offline):
    body = {"answers": answers, "lang": lang, "consent": consent, "offline": offline}
    schema = TriageRequestSchema()
    assert schema.load_plain(body) == schema.load(body) == body


@given(bad=one_bad_answer(), lang=st.sampled_from(["vi", "en"]))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_invalid_answer_is_rejected_naming_its_key(app, bad, lang):
    answers, key = bad
    with app.test_request_context(headers={"Accept-Language": lang}):
        try:
            TriageRequestSchema().load({"answers": answers, "consent": True})
        except ValidationError as error:
            named = error.messages["answers"]
        else:
            raise AssertionError(f"accepted {answers!r}")
    assert set(named) == {key}, (answers, named)  # that key, and only that key: the others were valid
    assert all(isinstance(m, str) and m for m in named[key])


@given(field=st.text(min_size=1, max_size=20).filter(lambda f: f not in FIELDS), value=json_values)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_unknown_field_is_rejected_by_name(app, field, value):
    with app.test_request_context():
        try:
            TriageRequestSchema().load({"answers": {}, field: value})
        except ValidationError as error:
            assert set(error.messages) == {field}, error.messages
        else:
            raise AssertionError(f"accepted the unknown field {field!r}")


# --- hypothesis: what Python itself cannot carry, anywhere in the body ---------------------------------------------
# Numbers past the int conversion limit (4,300 digits) and lone surrogates (\ud800 alone): strategies schemathesis
# does not generate (its JSON has neither), and that used to give 500s. A big number cannot be made with json.dumps
# (it would raise on it as well), so a marker string is replaced by its digits in the JSON text.

BIG = "BIG-NUMBER-HERE"
lone_surrogates = st.characters(categories=["Cs"])
surrogate_text = st.builds(lambda a, s, b: a + s + b, st.text(max_size=4), lone_surrogates, st.text(max_size=4))
big_numbers = st.builds(lambda sign, digits: sign + "1" + "0" * digits, st.sampled_from(["", "-"]),
                        st.integers(min_value=4300, max_value=6000))


@st.composite
def hostile_bodies(draw) -> str:
    """A near-valid body with one poison in one place: as an answer's key or value, lang, id, an extra field, deep
    inside a list, or the whole body."""
    poison = draw(st.sampled_from(["big number", "lone surrogate"]))
    leaf = BIG if poison == "big number" else draw(surrogate_text)
    body = draw(near_valid)
    answers = body.get("answers") if isinstance(body.get("answers"), dict) else {}
    place = draw(st.sampled_from(["answer key", "answer value", "lang", "id", "extra key", "deep", "whole"]))
    if place == "answer key" and poison == "lone surrogate":
        body["answers"] = {**answers, leaf: "yes"}
    elif place in ("answer key", "answer value"):
        body["answers"] = {**answers, draw(st.sampled_from(sorted(QUESTIONS))): leaf}
    elif place in ("lang", "id"):
        body[place] = leaf
    elif place == "extra key" and poison == "lone surrogate":
        body[leaf] = True
    elif place == "whole":
        body = leaf
    else:
        body["extra"] = [[{"x": leaf}]]
    text = json.dumps(body)  # ensure_ascii: a lone surrogate becomes a \ud8xx escape, valid JSON text
    return text.replace(json.dumps(BIG), draw(big_numbers))


@given(text=hostile_bodies(), consent=st.booleans())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_numbers_and_surrogates_python_cannot_carry_are_a_json_400(client, stored, text, consent):
    if consent and text.startswith("{"):
        text = '{"consent": true, ' + text[1:] if text != "{}" else '{"consent": true}'
    before = {row.id for row in stored()}
    response = client.post("/api/v1/triage", data=text.encode(), content_type="application/json")
    assert response.status_code == 400, (text[:200], response.status_code)
    assert response.mimetype == "application/json" and response.json["error"]["code"] == 400
    assert {row.id for row in stored()} == before
