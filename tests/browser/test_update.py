"""A new version of the app: the "new version available" banner, and "Reload" puts the new version in charge."""
import pytest

from tests.browser.conftest import answer_until, cached_versions, install_app, start_checklist, wait_true

pytestmark = pytest.mark.browser


def test_new_version_is_offered_and_reload_takes_it(profile_page, live):
    """In a real profile, as an installed app has (in an off-the-record context the new worker, told to skip
    waiting, does not always take the page within 20 s)."""
    page = profile_page
    install_app(page, live, "vi")
    start_checklist(page, live, "vi")
    assert not answer_until(page, {"one_side_weakness": "no", "age_group": "18_49"}, stop_at="onset")
    old = live.sw_version
    assert cached_versions(page) == [f"te-chan-v-{old}"]
    assert page.locator("#update-banner").is_hidden()

    # A real new version: the server now says 114, so the precached pages (and the worker's version hash) change.
    live.restart(EMERGENCY_NUMBER="114")
    assert live.sw_version != old
    page.reload()  # a navigation makes Chromium look for a new /sw.js
    page.wait_for_selector("#update-banner", state="visible", timeout=20_000)
    # until the person says so, the old version keeps the page
    assert page.locator("#call-emergency-bar").get_attribute("href") == "tel:115"
    assert page.evaluate("navigator.serviceWorker.getRegistration().then((r) => Boolean(r.waiting))")

    # skip-waiting → controllerchange → location.reload(): a new document (the mark set on this one is gone).
    # The reload can finish inside the click, and the stepper's own #q= entry then counts as the awaited
    # navigation, so the test waits for the new document rather than for a navigation event.
    page.evaluate("window.__before_reload = true")
    page.click("#update-reload")
    page.wait_for_function("() => !window.__before_reload && document.readyState === 'complete'", timeout=20_000)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    assert page.locator("#call-emergency-bar").get_attribute("href") == "tel:114"
    assert page.locator("#update-banner").is_hidden()
    wait_true(page, "(name) => caches.keys().then((k) => k.includes(name))", f"te-chan-v-{live.sw_version}")
    wait_true(page, "(name) => caches.keys().then((k) => !k.includes(name))", f"te-chan-v-{old}")  # the old one: gone
    assert cached_versions(page) == [f"te-chan-v-{live.sw_version}"]
    # the answers in progress and the place survived the reload
    page.wait_for_selector("#step-next:not([disabled])")
    assert page.locator('input[name="age_group"][value="18_49"]').is_checked()
    assert page.locator("#q-onset").is_visible()

    # the new version is the one that works offline now
    live.stop()
    page.reload()
    assert page.locator("#call-emergency-bar").get_attribute("href") == "tel:114"
    assert page.locator("#update-banner").is_hidden()


# A page of the app loading for a while: requests to the worker in charge, one after another (as a page that is
# still loading its scripts makes them), for `ms` milliseconds.
BUSY = """(ms) => {
  const until = performance.now() + ms;
  const next = () => { if (performance.now() < until) fetch('/static/js/app.js?busy=' + Math.random()).finally(next); };
  for (let i = 0; i < 4; i++) next();
}"""


def new_version_waiting(page, live):
    """The app installed, the checklist started, then a new version (114) installed and offered."""
    install_app(page, live, "vi")
    start_checklist(page, live, "vi")
    assert not answer_until(page, {"one_side_weakness": "no", "age_group": "18_49"}, stop_at="onset")
    live.restart(EMERGENCY_NUMBER="114")
    page.reload()
    page.wait_for_selector("#update-banner", state="visible", timeout=20_000)


def reloaded_on_new_version(page, live):
    """The tap on "Reload" gave a new document, from the new version (its cache alone), the answers kept."""
    page.wait_for_function("() => !window.__before_reload && document.readyState === 'complete'", timeout=20_000)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    assert page.locator("#call-emergency-bar").get_attribute("href") == "tel:114"
    only = "(name) => caches.keys().then((k) => k.filter((n) => n.startsWith('te-chan-v-')).join() === name)"
    wait_true(page, only, f"te-chan-v-{live.sw_version}")
    page.wait_for_selector("#step-next:not([disabled])")
    assert page.locator('input[name="age_group"][value="18_49"]').is_checked()


def test_reload_waits_for_the_page_to_stop_loading(profile_page, live):
    """Tapped while the page is still loading: a request reaching the old worker while Chromium stops it, to let the
    new version in, starts it again and Chromium forgets the handover (docs/pwa.md, "Updates"). The page tells the
    waiting worker only once it has stopped loading."""
    page = profile_page
    new_version_waiting(page, live)
    page.evaluate("window.__before_reload = true")
    page.evaluate(BUSY, 2000)
    page.click("#update-reload")
    reloaded_on_new_version(page, live)


def test_reload_takes_over_when_another_tab_is_busy(profile_page, live):
    """Another tab of the app loading at the tap restarts the old worker as it stops (this page cannot wait for it):
    the page then asks Chromium again (a frame's navigation to /sw-handover, answered 204 by the worker), and the
    new version takes over within seconds rather than the five minutes Chromium allows a busy old worker."""
    page = profile_page
    new_version_waiting(page, live)
    other = page.context.new_page()
    other.goto(live.url("/vi/"))
    page.evaluate("window.__before_reload = true")
    page.bring_to_front()
    other.evaluate(BUSY, 3000)
    page.click("#update-reload")
    reloaded_on_new_version(page, live)
    other.close()
