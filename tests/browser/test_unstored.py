"""A consented result the server worked out but could not store (its database read-only): the person sees the
server's result at once, the phone keeps the record in its outbox, and sends it when the database works again;
the record is stored once, as made online."""
import pytest

from tests.browser.conftest import CASES, answer_until, install_app, result_level, start_checklist
from tests.browser.test_sync import ask_to_send, outbox, progress_id, stored, wait_until

pytestmark = pytest.mark.browser

CASE = CASES["claudication"]


def test_a_record_the_server_could_not_store_waits_on_the_phone(page, live):
    install_app(page, live, "en")
    before = live.assessments()
    read_only = f"sqlite:///file:{live.workdir / 'app.db'}?mode=ro&uri=true"
    live.restart(DATABASE_URL=read_only)
    start_checklist(page, live, "en")
    answer_until(page, CASE["answers"])
    assert result_level(page) == CASE["expected"]["level"]  # worked out on the phone, at once
    page.check("#consent")  # the record goes to the outbox; the worker sends it; the server cannot store it
    record_id = progress_id(page)
    queued = wait_until(lambda: [item for item in outbox(page) if "offline" in item], "the record tried and kept")
    given = page.evaluate("JSON.parse(localStorage.getItem('te-chan.progress')).answers")
    assert [(item["id"], item["answers"], item["offline"]) for item in queued] == [(record_id, given, False)]
    assert live.assessments() == before

    live.restart()  # the database works again
    assert ask_to_send(page) == 0
    wait_until(lambda: outbox(page) == [], "the outbox emptied")
    [row] = stored(live, record_id)
    assert row["offline"] is False and row["answers"] == given and row["level"] == CASE["expected"]["level"]
    assert len(live.assessments()) == len(before) + 1
