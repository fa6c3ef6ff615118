"""Consented answers given offline wait on the phone (IndexedDB "outbox") and reach the server once it answers again:
when the phone comes back online, or at the next start. The client's UUID makes every repeat harmless, so each
record is stored exactly once, marked offline. Without consent nothing is kept for sending and nothing is stored."""
import time

import pytest

from tests.browser.conftest import CASES, answer_until, install_app, result_level, start_checklist

pytestmark = pytest.mark.browser

CASE = CASES["claudication"]


def outbox(page) -> list[dict]:
    return page.evaluate("self.TchanDB.all('outbox')")


def progress_id(page) -> str:
    return page.evaluate("JSON.parse(localStorage.getItem('te-chan.progress')).id")


def given_answers(page) -> dict:
    """The answers the phone holds: the case's, for the questions the checklist asked (a blank box is a "no")."""
    answers = page.evaluate("JSON.parse(localStorage.getItem('te-chan.progress')).answers")
    assert all(CASE["answers"].get(k, "no") == v for k, v in answers.items()), answers
    return answers


def checklist_offline(page, live, lang: str, consent: bool) -> str:
    """With the server stopped: the whole checklist, the consent box ticked or not; returns the level shown."""
    start_checklist(page, live, lang)
    answer_until(page, CASE["answers"])
    level = result_level(page)
    assert not page.locator("#consent").is_checked()  # under the result: sharing is asked for after seeing it
    if consent:
        page.check("#consent")
    return level


def ask_to_send(page) -> int:
    """Ask the service worker to send what waits, as a page does at start; wait for that round to end and return
    how many records still wait."""
    return page.evaluate(
        """() => navigator.serviceWorker.ready.then((registration) => new Promise((resolve) => {
             const channel = new MessageChannel();
             channel.port1.onmessage = (event) => resolve(event.data.waiting);
             registration.active.postMessage({ type: "sync" }, [channel.port2]);
           }))"""
    )


def wait_until(check, what: str, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while not (value := check()):
        assert time.monotonic() < deadline, f"never: {what}"
        time.sleep(0.1)
    return value


def stored(live, record_id: str) -> list[dict]:
    return [row for row in live.assessments() if row["id"] == record_id]


def background_sync_works(page) -> bool:
    """Whether the worker may register a Background Sync (a permission Chromium grants by default)."""
    return page.evaluate(
        """navigator.serviceWorker.ready.then((registration) => registration.sync.register('probe').then(
             () => registration.sync.getTags().then((tags) => tags.includes('probe') || true), () => false))"""
    )


# Chromium sends with Background Sync; where there is none (Safari, Firefox) or it is refused, the page's `online`.
@pytest.mark.parametrize("background_sync", [True, False], ids=["background-sync", "online-event"])
def test_consented_record_waits_offline_and_is_stored_once_back_online(context, page, live, background_sync,
                                                                        reference):
    if not background_sync:  # granting a list refuses every permission not in it, Background Sync's too
        context.grant_permissions(["geolocation"], origin=live.base)
    install_app(page, live, "en")
    assert background_sync_works(page) is background_sync
    before = live.assessments()
    live.stop()
    context.set_offline(True)  # the phone's network is off too: it will hear `online` when it comes back

    level = checklist_offline(page, live, "en", consent=True)
    assert level == CASE["expected"]["level"]
    queued = wait_until(lambda: outbox(page), "the consented answers queued")
    record_id = progress_id(page)
    assert [item["id"] for item in queued] == [record_id]
    assert queued[0]["answers"] == given_answers(page)
    assert queued[0]["lang"] == "en"
    assert live.assessments() == before  # nothing could reach the server

    live.start()
    context.set_offline(False)  # Background Sync fires, or else the page hears `online` and asks its worker
    wait_until(lambda: stored(live, record_id), "the record reached the server")
    wait_until(lambda: outbox(page) == [], "the outbox emptied")
    [row] = stored(live, record_id)
    assert row["offline"] is True
    assert row["answers"] == queued[0]["answers"]
    assert row["level"] == level
    assert row["lang"] == "en"

    # Exactly once: the next start asks again, and the same id posted again stores nothing new: with the same
    # answers it is the same record; with other answers it gets their own result, and nothing is stored.
    page.reload()
    assert ask_to_send(page) == 0
    post = """([id, answers]) => fetch('/api/v1/triage', {
             method: 'POST', headers: {'Content-Type': 'application/json'},
             body: JSON.stringify({answers: answers, lang: 'vi', consent: true, offline: true, id: id}),
           }).then((response) => response.json())"""
    same = page.evaluate(post, [record_id, row["answers"]])
    assert same["record"] == {"id": record_id, "stored": True} and same["level"] == level
    other = {"pattern": "constant"}
    again = page.evaluate(post, [record_id, other])
    assert again["record"] == {"id": record_id, "stored": False, "reason": "conflict"}
    assert again["level"] == reference(other, "vi")["level"]  # never the stored record's result
    assert len(live.assessments()) == len(before) + 1
    assert stored(live, record_id) == [row]


def test_consented_record_is_sent_at_next_start(context, page, live):
    """No `online` event (the phone never lost its network, only the server was down): the next start sends it."""
    install_app(page, live, "vi")
    live.stop()
    checklist_offline(page, live, "vi", consent=True)
    record_id = progress_id(page)
    wait_until(lambda: outbox(page), "the consented answers queued")
    page.close()

    live.start()
    later = context.new_page()
    later.goto(live.url("/vi/"))  # the app opened again, on the guide
    wait_until(lambda: stored(live, record_id), "the record reached the server")
    later.goto(live.url("/vi/history"))  # a page with the database's script, to look into the outbox
    wait_until(lambda: outbox(later) == [], "the outbox emptied")
    [row] = stored(live, record_id)
    assert row["offline"] is True
    assert row["lang"] == "vi"


def test_without_consent_nothing_is_kept_or_sent(context, page, live):
    install_app(page, live, "en")
    before = live.assessments()
    live.stop()
    context.set_offline(True)
    checklist_offline(page, live, "en", consent=False)
    record_id = progress_id(page)
    assert page.evaluate("self.TchanDB.all('history')")  # kept on the phone, for the person only
    assert outbox(page) == []

    live.start()
    context.set_offline(False)
    page.reload()
    assert ask_to_send(page) == 0
    assert stored(live, record_id) == []
    assert live.assessments() == before
