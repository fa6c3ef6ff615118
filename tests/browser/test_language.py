"""Never show English inside the Vietnamese UI, nor Vietnamese inside the English one.

language_problems() runs on every view and language in tests/browser/test_pages.py; the stepper's screens, one
after the other, are checked here.

The English words the app can show are the catalog's msgids; those whose Vietnamese translation differs (and
longer than a name) must not appear anywhere a person can see or hear on a Vietnamese page: the visible text
(document.body.innerText, which includes visually hidden text for screen readers), the title, and the words
scripts show later (aria-label, alt, title, placeholder and the data-* messages). The English pages carry no
letters only Vietnamese uses (a French é in a disease's name is no leak), except in the language switch, which
names "Tiếng Việt" in its own language.
"""
import re

import pytest
from babel.messages.pofile import read_po

from tests.browser.conftest import ROOT, start_checklist

pytestmark = pytest.mark.browser

PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w*\}")
VI_LETTERS = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý"
VI_LETTER = re.compile(f"[{VI_LETTERS}{VI_LETTERS.upper()}]")
# Only Vietnamese writes these (ă đ ơ ư and the stacked tone marks); é, à, ô… also spell names like Guillain-Barré.
VI_ONLY = "".join(sorted({c for c in VI_LETTERS + VI_LETTERS.upper() if ord(c) > 0xFF}))
VI_ONLY_LETTER = re.compile(f"[{VI_ONLY}]")
MIN_LENGTH = 12

# Everything a person may see or hear: visible text, the title, and words kept in attributes for later.
WORDS = """() => {
  const attributes = [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes]
    .filter((a) => /^(aria-label|alt|title|placeholder|data-(confirm|deleted|progress|working))$/.test(a.name))
    .map((a) => a.value));
  return [document.title, document.body.innerText, ...attributes].join('\\n');
}"""


def _catalog(lang: str) -> dict[str, str]:
    with (ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return {m.id: m.string for m in read_po(f, locale=lang) if m.id and isinstance(m.id, str)}


def _content(lang: str) -> dict:
    """Every text of the content files (guide, checklist words, privacy notice), by its place in them."""
    from tests.test_content_files import _texts

    privacy = (ROOT / "content" / lang / "privacy.md").read_text(encoding="utf-8")
    blocks = [b.strip().lstrip("#-> ").strip() for b in re.split(r"\n\n|\n- ", privacy)]
    return {**{str(k): v for k, v in _texts(lang).items()}, **{f"privacy{n}": b for n, b in enumerate(blocks)}}


def english_only() -> list[str]:
    """The English texts (the longest literal part of each msgid and content text) whose Vietnamese differs."""
    vi, vi_content = _catalog("vi"), _content("vi")
    texts = set()
    english = {**{m: m for m in _catalog("en")}, **_content("en")}
    for key, msgid in english.items():
        if vi.get(key, vi_content.get(key, msgid)) == msgid:
            continue
        longest = max(PLACEHOLDER.split(msgid), key=len).strip()
        if len(longest) > MIN_LENGTH:
            texts.add(" ".join(longest.split()))
    return sorted(texts)


ENGLISH = english_only()


def checklist_screens(page, live, lang) -> list[str]:
    """The words of every screen of the stepper, from the warning signs to the result."""
    start_checklist(page, live, lang)
    screens = []
    for _ in range(100):
        screens.append(page.evaluate(WORDS))
        if page.locator("#result-area:not([hidden]) > .result").count():
            return screens
        page.click("[data-action=next]")
    raise AssertionError("the stepper never reached its last screen")


def vietnamese_problems(page, where: str, screens: list[str]) -> list[str]:
    """English shown on a Vietnamese page (each of `screens` is the words of one screen of it)."""
    problems = [] if page.get_attribute("html", "lang") == "vi" else [f"{where}: <html lang> is not vi"]
    leaks = {}
    for number, text in enumerate(screens, 1):
        flat = " ".join(text.split())
        if not VI_LETTER.search(flat):
            problems.append(f"{where}: no Vietnamese on screen {number}")
        for english in ENGLISH:
            if english in flat:
                leaks.setdefault(english, number)
    if leaks:
        problems.append(f"{where}: English shown:\n" + "\n".join(f"  screen {n}: {e!r}" for e, n in leaks.items()))
    return problems


def english_problems(page, where: str, screens: list[str]) -> list[str]:
    """Vietnamese shown on an English page, except the language switch naming Tiếng Việt in its own language."""
    problems = [] if page.get_attribute("html", "lang") == "en" else [f"{where}: <html lang> is not en"]
    switch = page.locator("#lang-switch")
    if switch.inner_text().strip() != "Tiếng Việt" or switch.get_attribute("lang") != "vi":
        problems.append(f"{where}: the language switch does not say Tiếng Việt (lang=vi)")
    found = {}
    for number, text in enumerate(screens, 1):
        for line in text.replace("Tiếng Việt", "").splitlines():
            if VI_ONLY_LETTER.search(line):
                found.setdefault(line.strip()[:80], number)
    if found:
        problems.append(f"{where}: Vietnamese shown:\n" + "\n".join(f"  screen {n}: {t!r}" for t, n in found.items()))
    return problems


def language_problems(page, lang: str, where: str, screens: list[str]) -> list[str]:
    return (vietnamese_problems if lang == "vi" else english_problems)(page, where, screens)


def test_there_is_english_to_look_for():
    assert len(ENGLISH) > 150
    assert "Check these signs again" in ENGLISH


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_other_language_on_any_screen_of_the_checklist(page, live, lang):
    """Every screen of the stepper, one after the other (the other views: tests/browser/test_pages.py)."""
    screens = checklist_screens(page, live, lang)
    problems = language_problems(page, lang, f"{lang}/checklist-all-steps", screens)
    assert not problems, "\n".join(problems)
