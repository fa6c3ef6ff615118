"""Layout for old eyes and cheap phones: reflow at 320 px and at 200 % zoom, 44 px tap targets, 18 px text, system
fonts with Vietnamese diacritics, the emergency result, print, no inline code, nothing from another site, and
the weight of the first load.

Zoom at 200 % is checked both ways a person can zoom, each the way the browser itself does it:

* page zoom (Chrome's zoom, pinch-free "zoom" settings): the browser lays the page out in a viewport of half as
  many CSS pixels, so a 360 px-wide phone at 200 % is a 180 CSS px-wide layout. The viewport is set to 180×370
  CSS px: exactly the layout Chrome makes at 200 %, without the sharper pixels, which do not change layout.
* text size (Chrome's "Font size" setting, Android's font scale): the default font size goes from 16 px to 32 px
  through DevTools' Page.setFontSizes, the same preference the setting changes. Text set in rem/em follows it;
  the test also checks that body text really doubled (text in px would not: WCAG 1.4.4).

In both the page must still reflow: no horizontal scrolling (WCAG 1.4.10).
"""
import gzip
from urllib.parse import urlencode, urlsplit

import pytest

from tests.browser.conftest import VIEWPORT, start_checklist
from tests.browser.test_a11y import LEVEL_CASES, checklist_to_result, result_answers, show_result, wait_started

pytestmark = pytest.mark.browser

MIN_TARGET = 44
MIN_TEXT = 18

# Reading sizes lays the page out again at once (no animation frame to wait for: pages without scripts have none).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.classList.length ? '.' + [...el.classList].join('.') : '');
  const wide = [...document.querySelectorAll('body *')].filter((el) => {
    if (!el.checkVisibility() || el.closest('.vh')) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width + 1;
  }).slice(0, 8).map((el) => `${name(el)} ends at ${Math.round(el.getBoundingClientRect().right)} px`);
  return {width, scrollWidth: document.documentElement.scrollWidth, wide};
}"""

TAP_TARGETS = """(min) => {
  const small = [];
  const controls = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label';
  for (const el of document.querySelectorAll(controls)) {
    if (!el.checkVisibility() || el.closest('.vh')) continue;
    if (el.matches('input') && el.closest('label')) continue;  // the label around it is the target: measured itself
    if (el.matches('label') && !el.querySelector('input, select, textarea')) continue;
    if (el.matches('.skip-link') && document.activeElement !== el) continue;  // off screen until focused
    const style = getComputedStyle(el);
    const text = el.textContent.replace(/\\s+/g, ' ').trim();
    // WCAG 2.5.8's inline exception: a link in a sentence, sized by the line of text around it.
    const around = el.parentElement.textContent.replace(/\\s+/g, ' ').trim();
    if (el.matches('a') && style.display === 'inline' && around !== text) continue;
    const box = el.getBoundingClientRect();
    if (box.width < min || box.height < min) {
      small.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text.slice(0, 40)}": ` +
                 `${Math.round(box.width)}×${Math.round(box.height)} px`);
    }
  }
  return small;
}"""

TEXT_SIZES = """(min) => {
  const small = new Map();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.data.trim() || !el.checkVisibility() || el.closest('.vh, svg, template')) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    const where = `${el.tagName.toLowerCase()}.${el.className}`;
    if (size < min) small.set(el, `${where} ${size}px "${node.data.trim().slice(0, 30)}"`);
  }
  return [...small.values()].slice(0, 10);
}"""

BODY_TEXT_SIZE = "parseFloat(getComputedStyle(document.querySelector('main p, main legend') || document.body).fontSize)"

# The live page (no argument) or an HTML text as served, parsed without scripts (so <noscript> is markup too).
INLINE_CODE = """(html) => {
  const doc = html ? new DOMParser().parseFromString(html, 'text/html') : document;
  const all = [doc, ...[...doc.querySelectorAll('template')].map((t) => t.content)];
  const found = [];
  for (const root of all) {
    for (const s of root.querySelectorAll('script:not([src])')) found.push('inline <script>: ' + s.textContent);
    for (const el of root.querySelectorAll('[style]')) found.push(`style="" on <${el.tagName.toLowerCase()}>`);
    for (const el of root.querySelectorAll('*')) {
      for (const a of el.attributes) if (/^on/i.test(a.name)) found.push(`${a.name}="" on <${el.tagName}>`);
    }
    for (const el of root.querySelectorAll('[href^="javascript:"], [src^="javascript:"]')) found.push('javascript:');
    for (const el of root.querySelectorAll('style')) found.push('a <style> element');
  }
  return found;
}"""

FOREIGN_LINKS = """() => [...document.querySelectorAll('[href], [src], [action], [srcset]')]
  .map((el) => el.href || el.src || el.action || '')
  .filter((url) => url && !url.startsWith('tel:') && new URL(url, location.href).origin !== location.origin)"""

# Recorded before any page script runs: a CSP refusal raises this event even when nothing reaches the console.
CSP_WATCH = """addEventListener('securitypolicyviolation', (e) => {
  const what = `${e.violatedDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`;
  (self.__csp = self.__csp || []).push(what);
});"""


def reflow_problems(page, label: str) -> list[str]:
    found = page.evaluate(OVERFLOW)
    problems = []
    if found["scrollWidth"] > found["width"]:
        problems.append(f"{label}: scrolls sideways ({found['scrollWidth']} px of content in {found['width']} px)")
    problems += [f"{label}: {w}" for w in found["wide"]]
    return problems


def set_text_size(page, size: int) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": size, "fixed": round(size * 13 / 16)}})
    cdp.detach()


def layout_problems(page, where: str, scripts: bool) -> list[str]:
    """Tap targets, text size, no inline code, no link elsewhere, reflow at 320 px and at 200 % (page zoom and text
    size), no CSP refusal: on the page as a view left it (tests/browser/test_pages.py, after CSP_WATCH was added).
    Resizes the page and its text: run it last."""
    problems = [f"{where}: target under {MIN_TARGET} px: {s}" for s in page.evaluate(TAP_TARGETS, MIN_TARGET)]
    problems += [f"{where}: text under {MIN_TEXT} px: {s}" for s in page.evaluate(TEXT_SIZES, MIN_TEXT)]
    problems += [f"{where}: {s}" for s in page.evaluate(INLINE_CODE, "")]
    problems += [f"{where}: links to another site: {u}" for u in page.evaluate(FOREIGN_LINKS)]
    # the skip link, once focused by the keyboard, is a target like the others
    page.focus(".skip-link")
    problems += [f"{where}: skip link {s}" for s in page.evaluate(TAP_TARGETS, MIN_TARGET) if "skip" in s.lower()]
    page.evaluate("document.activeElement.blur()")

    page.set_viewport_size({"width": 320, "height": 740})
    problems += reflow_problems(page, f"{where} at 320 px")
    page.set_viewport_size({"width": VIEWPORT["width"] // 2, "height": VIEWPORT["height"] // 2})
    problems += reflow_problems(page, f"{where} at 200 % page zoom (180 CSS px)")
    page.set_viewport_size(VIEWPORT)
    before = page.evaluate(BODY_TEXT_SIZE)
    set_text_size(page, 32)
    after = page.evaluate(BODY_TEXT_SIZE)
    if after < 2 * before - 0.5:
        problems.append(f"{where}: body text went from {before} px to only {after} px at 200 % text size")
    problems += reflow_problems(page, f"{where} at 200 % text size")

    if scripts:  # without scripts the watcher cannot run; the console watch (conftest) still applies
        problems += [f"{where}: CSP refused {c}" for c in page.evaluate("self.__csp || []")]
    return problems


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_system_fonts_show_vietnamese(page, live, lang):
    """No web fonts at all (no @font-face, nothing loaded as a font); the platform fonts Chromium really used for
    Vietnamese text are installed ones, and the diacritics are drawn (the letters with marks carry more ink)."""
    fonts = []
    page.on("request", lambda r: fonts.append(r.url) if r.resource_type == "font" else None)
    page.goto(live.url(f"/{lang}/?lang-check"))
    wait_started(page)
    page.evaluate("document.fonts.ready")
    rules = page.evaluate("""() => [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules])
        .filter((rule) => rule instanceof CSSFontFaceRule).map((rule) => rule.cssText)""")
    assert not rules, f"@font-face rules: {rules}"
    assert page.evaluate("document.fonts.size") == 0, "fonts were added to document.fonts"
    assert not fonts, f"font files requested: {fonts}"
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith("system-ui"), family

    # Vietnamese text, visible on the page (the language switch names Tiếng Việt on the English page)
    target = "h1" if lang == "vi" else "#lang-switch"
    text = page.inner_text(target)
    assert set(text) & set("ếệệấầẩươđăâ"), text
    assert page.is_visible(target)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": target})["nodeId"]
    used = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    assert used, "no font drew the text"
    assert not [f for f in used if f["isCustomFont"]], f"web fonts used: {used}"
    ink = page.evaluate("""() => {
        const canvas = document.createElement('canvas');
        canvas.width = 200; canvas.height = 120;
        const g = canvas.getContext('2d');
        const ink = (text) => {
          g.clearRect(0, 0, 200, 120);
          g.font = '80px ' + getComputedStyle(document.body).fontFamily;
          g.fillText(text, 20, 90);
          return g.getImageData(0, 0, 200, 120).data.filter((v, i) => i % 4 === 3 && v > 128).length;
        };
        return {plain: ink('e'), marked: ink('ệ'), o: ink('o'), horn: ink('ở')};
    }""")
    assert ink["marked"] > ink["plain"] * 1.1 and ink["horn"] > ink["o"] * 1.1, f"diacritics not drawn: {ink}"


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("how", ["server", "js"])
def test_emergency_result_is_words_icon_colour_and_a_big_call_button(page, live, lang, how):
    level = "emergency_ambulance"
    if how == "server":
        show_result(level)(page, live, lang)
    else:
        start_checklist(page, live, lang)
        assert checklist_to_result(page, result_answers(level)) == level
    card = page.locator(f".result[data-level={level}]")
    title = card.locator("#result-title")
    words = title.inner_text().strip()
    assert len(words) > 8 and title.is_visible(), "the level in words"
    assert card.locator(".vh [data-slot=urgency]").inner_text().strip(), "the hidden urgency prefix"
    icon = card.locator(f".result-head svg[data-icon={level}]")
    assert icon.count() == 1 and icon.is_visible(), "the level's icon"
    box = icon.bounding_box()
    assert box["width"] >= 32 and box["height"] >= 32
    colours = page.evaluate("""() => {
        const head = getComputedStyle(document.querySelector('.result .result-head'));
        const border = getComputedStyle(document.querySelector('.result')).borderTopColor;
        return {background: head.backgroundColor, color: head.color, border};
    }""")
    assert colours["background"] == colours["border"] != "rgba(0, 0, 0, 0)", colours
    red, green, blue = (int(x) for x in colours["background"][4:-1].split(",")[:3])
    assert red > 2 * max(green, blue), f"emergency is red: {colours}"

    call = page.locator('.result a[href="tel:115"]')
    assert call.count() == 1 and call.is_visible()
    box = call.bounding_box()
    assert box["height"] >= 64 and box["width"] >= 0.8 * (VIEWPORT["width"] - 64), box
    assert call.evaluate("(a) => parseFloat(getComputedStyle(a).fontSize)") >= 24
    assert "115" in call.inner_text()
    # it is the first thing after the action: nothing to scroll past on a phone
    assert box["y"] + box["height"] <= VIEWPORT["height"], "the call button is below the first screen"


@pytest.mark.parametrize("level", list(LEVEL_CASES))
def test_result_has_every_part(page, live, reference, level):
    """What the issue asks of a result, as the server's own result has it: the level (words and icon), what to
    do now, why, what to re-check, possible causes linked to their guidance, self-care advice with its safety
    net, the answers given, and the disclaimer."""
    answers = result_answers(level)
    expected = reference(answers, "vi")
    show_result(level)(page, live, "vi")
    page.wait_for_selector(".doctor-summary-box", state="attached")  # the answers are filled in by then
    card = page.locator(".result")
    if expected["warning_signs"]:  # the safety net is folded under the advice: open it
        card.locator("[data-part=warning_signs] > summary").click()
    title = " ".join(card.locator("#result-title").text_content().split())  # with its visually hidden urgency
    assert title == f"{expected['urgency']}: {expected['title']}"
    assert card.locator(f".result-head svg[data-icon={level}]").is_visible()
    assert card.locator(".result-action").inner_text().strip() == expected["action"]
    for key in ("reasons", "check_again", "possible_causes", "advice", "warning_signs"):
        shown = card.locator(f"[data-list={key}] li")
        assert shown.count() == len(expected[key]), f"{key}: {shown.count()} shown, {len(expected[key])} expected"
        if expected[key]:
            assert shown.first.is_visible(), key
    assert expected["reasons"], "every result says why"
    assert card.locator(".disclaimer").inner_text().strip() == expected["disclaimer"]
    assert card.locator("[data-part=answers] dt").count() == len(answers)
    if expected["emergency"]:
        assert card.locator("a[href='tel:115']").is_visible()
    if level == "self_care":
        assert expected["advice"] and len(expected["warning_signs"]) >= 3, "self-care advice with its safety net"
    causes = card.locator("[data-list=possible_causes] a")
    for i in range(causes.count()):
        assert causes.nth(i).get_attribute("href") == f"/vi/#cause-{expected['possible_causes'][i]['id']}"
    if causes.count():  # a cause leads to its part of the guide
        target = causes.first.get_attribute("href").split("#")[1]
        causes.first.click()
        page.wait_for_url(f"**/vi/#{target}")
        assert page.locator(f"#{target}").is_visible()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_print_for_the_doctor(page, live, lang):
    """Printing a result prints the summary for the doctor (level, reasons, answers, date, disclaimer) and drops the
    app around it, the result card included (test_summary.py checks it fits one A4 page)."""
    show_result("consultation")(page, live, lang)
    assert page.is_visible("#print-result")
    page.wait_for_selector(".doctor-summary-box", state="attached")
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-nav", ".emergency-bar", ".result-actions > .btn", ".site-footer",
                   "#print-result", ".result"):
        assert page.locator(hidden).first.is_hidden(), f"{hidden} is printed"
    for shown in (".doctor-summary", "[data-s=title]", "[data-s=reasons]", "[data-s=others]", ".summary-date",
                  ".doctor-summary .disclaimer"):
        assert page.locator(shown).first.is_visible(), f"{shown} is not printed"
    assert page.evaluate("getComputedStyle(document.querySelector('.result-head')).backgroundColor") in (
        "rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"), "no ink-heavy coloured band on paper"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000


def test_no_inline_code_in_the_served_html(page, live):
    """The HTML as served (no script run): no inline <script>, no style="" or on…="" attributes, in any page."""
    api = page.context.request
    urls = [f"/{lang}/{path}" for lang in ("vi", "en") for path in ("", "checklist", "history")]
    urls += [f"/{lang}/result?" + urlencode(result_answers(level)) for lang in ("vi", "en") for level in LEVEL_CASES]
    bodies = {url: api.get(live.url(url)).text() for url in urls}
    bodies["POST /vi/result (error)"] = api.post(live.url("/vi/result"), form={"onset": "tomorrow"}).text()
    assert "error-summary" in bodies["POST /vi/result (error)"]
    page.set_content("<!doctype html><title>x</title>")
    found = {url: page.evaluate(INLINE_CODE, html) for url, html in bodies.items()}
    assert not any(found.values()), "\n".join(f"{url}: {f}" for url, f in found.items() if f)


@pytest.mark.parametrize("path", ["/vi/", "/vi/checklist", "/vi/history", "/en/checklist"])
def test_first_load_is_light(page, live, path):
    """HTML + CSS + JS the page itself loads until its module has started (the service worker's precache, fetched
    later in the background, is not the first load): at most 30 KB, each body as served, gzipped at level 6."""
    page.goto(live.url(path))
    wait_started(page)
    ready = {"/vi/checklist": "#step-next:not([disabled])", "/en/checklist": "#step-next:not([disabled])",
             "/vi/history": "#history:not([hidden])"}.get(path)
    if ready:
        page.wait_for_selector(ready)
    urls = page.evaluate("""() => [location.href, ...performance.getEntriesByType('resource')
        .map((entry) => entry.name).filter((url) => /\\.(css|js)(\\?|$)/.test(new URL(url).pathname + '?'))]""")
    sizes = {url: len(gzip.compress(page.context.request.get(url).body(), 6)) for url in dict.fromkeys(urls)}
    total = sum(sizes.values())
    detail = "\n".join(f"  {size:6d}  {urlsplit(url).path}" for url, size in sorted(sizes.items(), key=lambda x: -x[1]))
    print(f"{path}: {total} bytes gzipped\n{detail}")
    assert any(urlsplit(url).path.endswith(".css") for url in sizes), detail
    assert any(urlsplit(url).path.endswith("app.js") for url in sizes), detail
    assert total <= 30 * 1024, f"{path}: first load {total} bytes gzipped > 30 KB:\n{detail}"
