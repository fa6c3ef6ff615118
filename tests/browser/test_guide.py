"""The guide (issue #12): contents first, every section and cause folded (native details) but opened when linked
to, back to top, the install button near the top; read aloud only with a voice of the page's language; the text
size control on every page. Both languages, axe on every new state, screenshots."""
import json
from urllib.parse import urlencode

import pytest

from tests.browser.conftest import CASES, LANGS, wait_true
from tests.browser.test_a11y import assert_axe, shot

pytestmark = pytest.mark.browser

VOICES = {
    "vi-and-en": [{"name": "Linh", "lang": "vi-VN"}, {"name": "Amy", "lang": "en-GB"}],
    "en-only": [{"name": "Amy", "lang": "en-GB"}, {"name": "Sam", "lang": "en-US"}],
    "vi-only": [{"name": "Linh", "lang": "vi_VN"}],
}
# The phone's voices, as the test says, and a speech engine that records what it is asked to say.
FAKE_SPEECH = """(voices) => {
  window.__spoken = [];
  window.__speech = [];
  const list = voices.map((v) => ({ ...v, voiceURI: v.name, localService: true, default: false }));
  speechSynthesis.getVoices = () => list;
  speechSynthesis.speak = (u) => { window.__spoken.push({ text: u.text, lang: u.lang }); };
  for (const name of ["pause", "resume", "cancel"]) speechSynthesis[name] = () => { window.__speech.push(name); };
}"""


def fake_voices(context, voices: list[dict]) -> None:
    context.add_init_script(f"({FAKE_SPEECH})({json.dumps(voices)})")


def open_guide(page, live, lang: str, hash_: str = "") -> None:
    page.goto(live.url(f"/{lang}/{hash_}"))
    page.wait_for_selector("html.js", state="attached")


def is_open(page, id_: str) -> bool:
    return page.evaluate("(id) => document.getElementById(id).open", id_)


@pytest.mark.parametrize("lang", LANGS)
def test_contents_folded_sections_and_warning_signs_open(page, live, lang):
    open_guide(page, live, lang)
    sections = page.locator("main details.guide-section")
    assert sections.count() >= 6
    assert sections.first.get_attribute("id") == "emergency_signs" and is_open(page, "emergency_signs")
    assert not any(is_open(page, s.get_attribute("id")) for s in sections.all()[1:])
    toc = page.locator("nav.toc")
    assert toc.bounding_box()["y"] < sections.first.bounding_box()["y"]
    # below the open warning signs, everything is folded: the rest of the guide fits in about two screens
    below = page.evaluate("""() => document.documentElement.scrollHeight - scrollY
        - document.getElementById('emergency_signs').getBoundingClientRect().bottom""")
    assert below < 2 * 740, f"{below} px below the warning signs"
    # a contents link opens its section, which starts in view; "back to top" goes back
    page.locator('nav.toc a[href="#causes"]').click()
    wait_true(page, "(id) => document.getElementById(id).open", "causes")  # opened on hashchange: after the click
    assert is_open(page, "causes")
    assert 0 <= page.locator("#causes").bounding_box()["y"] < 740
    shot(page, f"{lang}-guide-causes-open")
    assert_axe(page, f"{lang} guide, causes open")
    page.locator("#causes > .to-top a").click()
    page.wait_for_function("() => scrollY < 400")


@pytest.mark.parametrize("lang", LANGS)
def test_a_link_to_a_cause_opens_it_on_load_and_on_hashchange(page, live, lang):
    open_guide(page, live, lang, "#cause-sciatica")
    page.wait_for_function("() => document.getElementById('cause-sciatica').open")
    assert is_open(page, "causes")
    assert page.locator("#cause-sciatica .cause-summary").is_visible()
    page.evaluate("location.hash = '#cause-herniated_disc'")
    page.wait_for_function("() => document.getElementById('cause-herniated_disc').open")
    box = page.locator("#cause-herniated_disc").bounding_box()
    assert 0 <= box["y"] < 740


@pytest.mark.parametrize("lang", LANGS)
def test_install_button_near_the_top_when_the_phone_can_install(page, live, lang):
    open_guide(page, live, lang)
    page.evaluate("""() => { const e = new Event("beforeinstallprompt", { cancelable: true });
        e.prompt = () => {}; e.userChoice = Promise.resolve({ outcome: "dismissed" }); dispatchEvent(e); }""")
    button = page.locator("#install-button")
    button.wait_for()
    assert button.bounding_box()["y"] < page.locator("nav.toc").bounding_box()["y"]
    assert button.bounding_box()["y"] < 2 * 740
    assert page.locator(".site-footer #install").count() == 0


@pytest.mark.parametrize("lang", LANGS)
def test_listen_with_a_voice_of_the_page_language(context, page, live, lang):
    fake_voices(context, VOICES["vi-and-en"])
    open_guide(page, live, lang)
    listen = page.locator("#emergency_signs .listen [data-do=play]")
    listen.wait_for()
    assert listen.inner_text().strip() == {"vi": "Nghe", "en": "Listen"}[lang]
    listen.click()
    spoken = page.evaluate("window.__spoken")
    assert spoken and all(s["lang"].startswith(lang) for s in spoken)
    title = page.locator("#emergency_signs-title").inner_text().strip()
    assert any(title in s["text"] for s in spoken)
    assert not any(s["text"] in ("Nghe", "Listen") for s in spoken)
    page.locator("#emergency_signs .listen [data-do=pause]").click()
    page.locator("#emergency_signs .listen [data-do=resume]").click()
    shot(page, f"{lang}-guide-listening")
    assert_axe(page, f"{lang} guide, reading aloud")
    page.locator("#emergency_signs .listen [data-do=stop]").click()
    assert page.evaluate("window.__speech").count("pause") == 1
    assert listen.is_visible()
    # the result has it too
    page.goto(live.url(f"/{lang}/result#{urlencode(CASES['driver']['answers'])}"))
    page.locator(".result .listen [data-do=play]").click()
    assert any(page.locator("#result-title [data-slot=title]").inner_text() in s["text"]
               for s in page.evaluate("window.__spoken"))


def test_vietnamese_is_never_read_with_an_english_voice(context, page, live):
    fake_voices(context, VOICES["en-only"])
    open_guide(page, live, "vi")
    page.wait_for_timeout(2500)  # longer than the wait for voices
    assert page.locator(".listen [data-do=play]").count() == 0
    assert page.locator(".listen").first.is_hidden()
    open_guide(page, live, "en")
    page.locator("#emergency_signs .listen [data-do=play]").wait_for()


def test_a_vietnamese_voice_alone_shows_nothing_on_english_pages(context, page, live):
    fake_voices(context, VOICES["vi-only"])
    open_guide(page, live, "en")
    page.wait_for_timeout(2500)
    assert page.locator(".listen [data-do=play]").count() == 0
    open_guide(page, live, "vi")
    page.locator("#emergency_signs .listen [data-do=play]").wait_for()


@pytest.mark.parametrize("lang", LANGS)
def test_text_size_is_remembered_on_every_page_without_breaking_320px(page, live, lang):
    page.set_viewport_size({"width": 320, "height": 640})
    open_guide(page, live, lang)
    size = lambda: page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")  # noqa: E731
    normal = size()
    page.locator('.text-size [data-size="larger"]').click()
    assert size() > normal * 1.3
    assert page.get_attribute('.text-size [data-size="larger"]', "aria-pressed") == "true"
    shot(page, f"{lang}-guide-text-larger")
    assert_axe(page, f"{lang} guide, larger text")
    for path in (f"/{lang}/", f"/{lang}/checklist", f"/{lang}/history", f"/{lang}/result#duration=weeks"):
        page.goto(live.url(path))
        page.wait_for_selector("html.js", state="attached")
        assert page.evaluate("document.documentElement.dataset.textSize") == "larger", path
        assert size() > normal * 1.3, path
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow} px at 320 px with larger text"
    page.locator('.text-size [data-size="normal"]').click()
    assert size() == normal
