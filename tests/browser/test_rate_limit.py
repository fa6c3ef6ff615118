"""A rate-limited triage (many phones behind one clinic Wi-Fi address) still gets its result, made on the phone."""
import json
import urllib.error
import urllib.request

from tests.browser.conftest import CASES, install_app


def _post(url: str, body: dict) -> int:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_rate_limited_triage_is_answered_by_the_worker(page, live, reference):
    live.ensure(RATELIMIT_ENABLED="true", TRIAGE_RATE_LIMIT="2 per minute")
    install_app(page, live, "vi")
    case = CASES["stroke-sudden-dizziness"]
    body = {"answers": case["answers"], "lang": "vi"}
    answers = page.evaluate(
        """async (body) => {
             const out = [];
             for (let i = 0; i < 4; i++) {
               const response = await fetch("/api/v1/triage", {
                 method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
               out.push({status: response.status, offline: response.headers.get("X-Offline"),
                         result: await response.json()});
             }
             return out;
           }""",
        body,
    )
    assert _post(live.url("/api/v1/triage"), body) == 429  # the server's limit is really on
    expected = reference(case["answers"], "vi")
    assert [a["status"] for a in answers] == [200] * 4
    assert [a["offline"] for a in answers][:2] == [None, None]  # the server answered while under its limit
    assert [a["offline"] for a in answers][2:] == ["1", "1"]  # then the worker did, with the same result
    for answer in answers:
        assert answer["result"]["level"] == expected["level"] == case["expected"]["level"]
        assert [r["id"] for r in answer["result"]["reasons"]] == [r["id"] for r in expected["reasons"]]
