"""The service worker has the adaptive interview (pwa/js/interview.js), offline, with the cached rules."""
from server.triage.interview import interview
from tests.browser.conftest import install_app

ANSWERS = {"face_drooping": "no", "age_group": "65_plus", "onset": "gradual"}


def test_the_worker_runs_the_interview_offline(context, page, live):
    install_app(page, live, "vi")
    live.stop()
    (worker,) = context.service_workers
    state = worker.evaluate("""async (answers) => {
        const rules = await (await caches.match("/api/v1/rules")).json();
        return self.Interview.next(answers, rules);
    }""", ANSWERS)
    expected = interview(ANSWERS)
    assert state == {"should_stop": expected.should_stop, "next": list(expected.next), "level": expected.level}
    assert "pregnant" not in state["next"] and "onset" not in state["next"]
