"""The result worked out on the phone (pwa/js/local-result.js under Node) is the server's, word for word."""
import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import CASES
from tests.triage.test_js_parity import answer_sets, node

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "tests" / "js" / "local_result_cli.js"
LANGS = ("vi", "en")


def run_js(urls: dict, runs: list[dict]) -> list[dict]:
    out = subprocess.run([node(), str(CLI)], input=json.dumps({"urls": urls, "runs": runs}),
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app's own answers: what the phone caches, and the views it must match."""
    from server.app import create_app
    from server.config import TestConfig

    db = tmp_path_factory.mktemp("db") / "app.db"
    client = create_app(TestConfig, {"DATABASE_URL": f"sqlite:///{db}", "EMERGENCY_NUMBER": "115"}).test_client()
    urls = {url: client.get(url).get_json()
            for url in ["/api/v1/rules", *(f"/api/v1/result-words?lang={lang}" for lang in LANGS)]}

    def view(answers: dict, lang: str) -> dict:
        response = client.post("/api/v1/triage", json={"answers": answers, "lang": lang})
        assert response.status_code == 200, response.get_data(as_text=True)
        body = response.get_json()
        del body["record"], body["interview"]  # the stepper runs the interview itself; the worker adds it
        return body

    return urls, view


def test_every_public_case_in_both_languages(server):
    urls, view = server
    runs = [{"answers": c["answers"], "lang": lang} for c in CASES for lang in LANGS]
    for run, local in zip(runs, run_js(urls, runs), strict=True):
        assert local == view(run["answers"], run["lang"]), run


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(answer_sets(), st.sampled_from(LANGS)), min_size=100, max_size=100))
def test_random_answers(server, batch):
    urls, view = server
    runs = [{"answers": answers, "lang": lang} for answers, lang in batch]
    for run, local in zip(runs, run_js(urls, runs), strict=True):
        assert local == view(run["answers"], run["lang"]), run


def test_missing_words_fail_instead_of_guessing(server):
    urls, _ = server
    out = subprocess.run([node(), str(CLI)], input=json.dumps({"urls": {"/api/v1/rules": urls["/api/v1/rules"]},
                                                               "runs": [{"answers": {}, "lang": "vi"}]}),
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1
    assert "missing" in out.stderr
