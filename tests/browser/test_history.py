"""Past results: kept on the phone (IndexedDB), there after a reload and offline; "Delete all" empties them."""
import time

import pytest

from tests.browser.conftest import CASES, install_app, run_checklist, start_checklist

pytestmark = pytest.mark.browser


def stored(page) -> list[dict]:
    return page.evaluate("self.TchanDB.all('history')")


def wait_stored(page, count: int) -> None:
    """The result is written to IndexedDB just after it is shown."""
    deadline = time.monotonic() + 10
    while len(stored(page)) != count:
        assert time.monotonic() < deadline, f"history never had {count} entries"
        time.sleep(0.05)


def test_history_survives_reload_and_delete_all_empties_it(page, live):
    install_app(page, live, "vi")
    start_checklist(page, live, "vi")
    assert run_checklist(page, CASES["recurring"]["answers"]) == "consultation"
    wait_stored(page, 1)
    start_checklist(page, live, "en")
    assert run_checklist(page, CASES["driver"]["answers"]) == "self_care"
    wait_stored(page, 2)

    page.click("#result-history")
    page.wait_for_url(live.url("/en/history"))
    items = page.locator("#history-list .history-item")
    items.first.wait_for()
    assert [items.nth(i).get_attribute("data-level") for i in range(items.count())] == ["self_care", "consultation"]

    page.reload()
    items.first.wait_for()
    assert items.count() == 2
    live.stop()  # and offline
    page.reload()
    items.first.wait_for()
    assert items.count() == 2
    assert page.locator("#history-empty").is_hidden()

    # one past result, shown again in full, then back to the list
    items.nth(1).click()
    card = page.wait_for_selector("#result-area:not([hidden]) > .result")
    assert card.get_attribute("data-level") == "consultation"
    assert card.get_attribute("lang") == "vi"
    page.click("#history-back")
    items.first.wait_for()

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#delete-all")
    page.wait_for_selector("#history-empty", state="visible")
    assert items.count() == 0
    assert page.locator("#history-status").inner_text().strip() != ""
    assert stored(page) == []
    page.reload()
    page.wait_for_selector("#history-empty", state="visible")
    assert items.count() == 0
    assert stored(page) == []
    assert page.evaluate("localStorage.getItem('te-chan.progress')") is None
