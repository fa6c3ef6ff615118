"""Every page in both languages, driven once: axe-core (WCAG 2.2 AA), the language check and the layout checks run
on the same page, so a view that takes a whole checklist to reach is reached once, not three times.

The checks themselves live beside their own tests: language_problems (test_language.py), layout_problems
(test_layout.py: it resizes the page and its text, put back after) and axe_problems (test_a11y.py, last: axe-core
leaves style="" on the elements it measured). Every problem of every check is reported together.
"""
import pytest

from tests.browser.conftest import LANGS
from tests.browser.test_a11y import (
    VIEWS,
    axe_problems,
    nojs_page,  # noqa: F401 - the fixture, for the pages without JavaScript
    other_origins,
    screenshot,
    view_page,
)
from tests.browser.test_language import WORDS, language_problems
from tests.browser.test_layout import CSP_WATCH, layout_problems, set_text_size

pytestmark = pytest.mark.browser

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("view", list(VIEWS))
def test_page(request, live, view, lang):
    page = view_page(request, view)
    page.context.add_init_script(CSP_WATCH)
    outside = other_origins(page.context, live.base)
    VIEWS[view][0](page, live, lang)
    where = f"{lang}/{view}"
    problems = language_problems(page, lang, where, [page.evaluate(WORDS)])
    problems += layout_problems(page, where, scripts=VIEWS[view][1])
    set_text_size(page, 16)  # back to the page as the view left it (the viewport is back already)
    screenshot(page, f"{lang}-{view}")  # after the inline-code check: Playwright leaves style="" on inputs
    problems += axe_problems(page, where)  # last: axe leaves style="" on what it measured
    problems += [f"{where}: request to another site: {u}" for u in outside]
    assert not problems, "\n".join(problems)
