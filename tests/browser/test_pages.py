"""Every page in both languages, driven once: axe-core (WCAG 2.2 AA), the language check and the layout checks run
on the same page, so a view that takes a whole checklist to reach is reached once, not three times.

The checks themselves live beside their own tests: axe_problems (test_a11y.py), language_problems
(test_language.py), layout_problems (test_layout.py, last: it resizes the page). Every problem of every check is
reported together.
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
from tests.browser.test_layout import CSP_WATCH, layout_problems

pytestmark = pytest.mark.browser

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("view", list(VIEWS))
def test_page(request, live, view, lang):
    page = view_page(request, view)
    page.context.add_init_script(CSP_WATCH)
    outside = other_origins(page.context, live.base)
    VIEWS[view][0](page, live, lang)
    where = f"{lang}/{view}"
    screenshot(page, f"{lang}-{view}")
    problems = language_problems(page, lang, where, [page.evaluate(WORDS)])
    problems += axe_problems(page, where)
    problems += layout_problems(page, where, scripts=VIEWS[view][1])
    problems += [f"{where}: request to another site: {u}" for u in outside]
    assert not problems, "\n".join(problems)
