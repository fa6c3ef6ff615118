"""The summary for the doctor (issue #12): one A4 page printed for every public case (Chromium's own PDF, pages
counted with pypdf), a short share text with the "yes" and "not sure" answers first, and a QR code that, decoded
(zxing-cpp), opens the same result on a phone offline."""
import io
import json
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from tests.browser.conftest import (
    CASES,
    LANGS,
    ROOT,
    SCREENSHOTS,
    install_app,
    result_level,
    run_checklist,
    start_checklist,
)
from tests.browser.test_a11y import BLOCKING, describe, run_axe
from tests.browser.test_share import SHARE_STUB

pytestmark = pytest.mark.browser

RULES = json.loads((ROOT / "server" / "triage" / "rules.json").read_text(encoding="utf-8"))


def everything_answered() -> dict:
    """A persona who answered all 48 questions: no warning sign, "yes" to every other yes/no question but a few."""
    answers = {}
    for q in RULES["questions"]:
        if q["warning_sign"]:
            answers[q["id"]] = "no"
        elif q["values"] == ["yes", "no", "unsure"]:
            answers[q["id"]] = ("yes", "no", "unsure")[len(answers) % 3]
        else:
            answers[q["id"]] = q["values"][-1]
    return answers


PERSONAS = {case_id: case["answers"] for case_id, case in CASES.items()}
PERSONAS["everything-answered"] = everything_answered()


def open_summary(page, live, lang: str, answers: dict) -> str:
    if answers:
        page.goto(live.url(f"/{lang}/result#{urlencode(answers)}"))
        level = result_level(page)
    else:  # nothing answered: a link without answers shows none, so through the checklist
        start_checklist(page, live, lang)
        level = run_checklist(page, answers)
    page.locator(".doctor-summary-box > summary").click()
    if answers:
        page.wait_for_selector(".doctor-summary .qr svg path")
    return level


def printed_pages(page) -> int:
    return len(PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False))).pages)


@pytest.mark.parametrize("lang", LANGS)
def test_printed_summary_is_one_a4_page_for_every_persona(page, live, lang):
    too_long = {}
    for name, answers in PERSONAS.items():
        open_summary(page, live, lang, answers)
        pages = printed_pages(page)
        if pages != 1:
            too_long[name] = pages
    assert not too_long, f"summaries longer than one A4 page: {too_long}"


@pytest.mark.parametrize("lang", LANGS)
def test_printed_summary_has_what_the_doctor_needs(page, live, reference, lang):
    answers = CASES["diabetic-feet"]["answers"] if "diabetic-feet" in CASES else PERSONAS["everything-answered"]
    open_summary(page, live, lang, answers)
    expected = reference(answers, lang)
    page.emulate_media(media="print")
    summary = page.locator(".doctor-summary")
    assert summary.is_visible()
    for hidden in (".site-header", ".emergency-bar", ".result", "#result-actions > .btn",
                   ".doctor-summary-box > summary"):
        assert page.locator(hidden).first.is_hidden(), f"{hidden} is printed"
    text = summary.inner_text()
    assert "ACC" in text and expected["title"] in text and expected["disclaimer"] in text
    for reason in expected["reasons"]:
        assert reason["text"] in text
    noted = summary.locator("[data-s=noted]").inner_text()
    others = summary.locator("[data-s=others]").inner_text()
    yes_or_unsure = {k for k, v in answers.items() if v in ("yes", "unsure")}
    assert noted.count("\n") + 1 >= len(yes_or_unsure)
    assert len(others) < 6000
    page.pdf(path=str(SCREENSHOTS / f"{lang}-summary.pdf"), format="A4")


@pytest.mark.parametrize("lang", LANGS)
def test_share_text_is_short_with_the_yes_answers_first(context, page, live, lang):
    context.add_init_script(SHARE_STUB)
    answers = PERSONAS["everything-answered"]
    open_summary(page, live, lang, answers)
    page.click("#share-result")
    page.wait_for_function("() => window.__shared.length === 1")
    shared = page.evaluate("window.__shared[0]")
    text = shared["text"]
    assert len(text) <= 1000, f"{len(text)} characters"
    first_yes = page.locator(".doctor-summary [data-s=noted] li").first.inner_text()
    assert first_yes in text
    assert page.locator(".result [data-slot=title]").inner_text() in text
    assert "ACC" in text.splitlines()[0]
    assert page.locator(".doctor-summary [data-s=disclaimer]").inner_text() in text
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".doctor-summary-box").screenshot(path=str(SCREENSHOTS / f"{lang}-summary-open.png"))
    blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)


@pytest.mark.parametrize("lang", LANGS)
def test_qr_code_opens_the_same_result_offline(page, live, lang):
    install_app(page, live, lang)
    answers = PERSONAS["everything-answered"]
    level = open_summary(page, live, lang, answers)
    png = page.locator(".doctor-summary .qr svg").screenshot()
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(found) == 1 and found[0].format == zxingcpp.BarcodeFormat.QRCode
    url = urlsplit(found[0].text)
    assert url.path == f"/{lang}/result" and not url.query
    assert dict(parse_qsl(url.fragment)) == answers
    live.stop()  # offline: nothing answers on the port any more
    page.goto("about:blank")
    page.goto(found[0].text)
    assert result_level(page) == level
    assert page.locator(".result [data-list=answers] > div").count() == len(answers)
