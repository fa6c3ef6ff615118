"""The privacy notice: both languages, the configured retention, linked from the consent box and the footer,
precached for offline use, and true to what the database really stores."""
import re

import pytest

from server.content.privacy import source
from server.models import Assessment

LANGS = ("vi", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_privacy_page_in_both_languages(make_app, lang):
    client = make_app(RETENTION_DAYS=90, CLINIC_NAME="Phòng khám 50% ACC").test_client()
    response = client.get(f"/{lang}/privacy")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    main = html[html.index("<main"):html.index("</main>")]
    assert "90" in main and "365" not in main
    assert "91/2025/QH15" in main and "356/2025" in main
    assert "Phòng khám 50% ACC" in main  # a literal % in a configured value breaks nothing
    assert not re.search(r"\{#|\{\w+\}|\*\*", main), "raw Markdown or placeholder left"
    assert f'lang="{lang}"' in html


def test_privacy_markup_is_escaped(make_app):
    client = make_app(CLINIC_NAME="<script>x</script>").test_client()
    html = client.get("/en/privacy").get_data(as_text=True)
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html


def test_both_languages_have_the_same_sections():
    vi, en = (re.findall(r"^\{#(\w+)\}$", source(lang), re.M) for lang in LANGS)
    assert vi == en and len(vi) >= 8
    for lang in LANGS:
        assert "{retention_days}" in source(lang) and "{clinic}" in source(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_linked_from_footer_and_consent_box(client, lang):
    for page in (f"/{lang}/", f"/{lang}/checklist"):
        assert f'href="/{lang}/privacy"' in client.get(page).get_data(as_text=True), page
    checklist = client.get(f"/{lang}/checklist").get_data(as_text=True)
    consent = checklist[checklist.index('class="consent'):]
    assert consent.index(f'href="/{lang}/privacy"') < consent.index("</div>")


def test_precached_for_offline_use(client):
    sw = client.get("/sw.js").get_data(as_text=True)
    assert '"/vi/privacy"' in sw and '"/en/privacy"' in sw


def test_the_notice_lists_exactly_what_is_stored():
    """A new column must come with a new line in the privacy notice: this test names the columns it describes."""
    described = {"id", "answers", "level", "reasons", "lang", "rules_version", "offline", "created_at"}
    assert set(Assessment.__table__.columns.keys()) == described
    text = source("en")
    for words in ("answers", "level", "reasons", "language", "version", "without internet", "date and time",
                  "random code", "IP address"):
        assert words in text, words
