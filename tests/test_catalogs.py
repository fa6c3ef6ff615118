"""The gettext catalogs are complete: every marked string, in vi and en, translated, not fuzzy.

The catalogs hold the interface (buttons, navigation, errors); the guide and checklist words are content files.
"""
import re
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from tests.conftest import ROOT

VI_LETTERS = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý")
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w*\}")


def _catalog(lang):
    with (ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=lang)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg", "-k", "_l",
         "-o", str(pot), "."],
        cwd=ROOT, check=True,
    )
    with pot.open("rb") as f:
        return {m.id for m in read_po(f) if m.id}


def test_strings_were_extracted(extracted):
    assert 50 < len(extracted) < 200


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_catalog_is_complete(lang, extracted):
    catalog = _catalog(lang)
    present = {m.id: m for m in catalog if m.id}
    missing = sorted(extracted - present.keys())
    assert not missing, f"{lang}: {len(missing)} strings missing, e.g. {missing[:3]}"
    empty = [m.id for m in present.values() if not m.string]
    assert not empty, f"{lang}: {len(empty)} untranslated, e.g. {empty[:3]}"
    fuzzy = [m.id for m in present.values() if m.fuzzy]
    assert not fuzzy, f"{lang}: fuzzy: {fuzzy[:3]}"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_placeholders_match(lang):
    for message in _catalog(lang):
        if message.id:
            assert sorted(PLACEHOLDER.findall(message.id)) == sorted(PLACEHOLDER.findall(message.string)), message.id


def test_vietnamese_is_vietnamese():
    """Anything longer than a name carries Vietnamese letters: no English left in the Vietnamese UI."""
    for message in _catalog("vi"):
        words = re.sub(PLACEHOLDER, "", message.string).split()
        if message.id and len(words) >= 3:
            assert VI_LETTERS & set(message.string.lower()), f"not Vietnamese: {message.string!r}"


def test_english_catalog_repeats_the_source():
    for message in _catalog("en"):
        if message.id:
            assert message.string == message.id
