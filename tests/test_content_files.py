"""Safety nets for the clinic's editors: the content files of both languages match each other and rules.json.

`make check-content` runs this file alone. Each failure names the file, the id and the text to fix.
"""
import re
import shutil

import pytest

from server.content.files import CONTENT_DIR, PLACEHOLDER, ContentError, files_digest, fill
from server.content.guide import guide, parse
from server.triage.engine import load_rules
from server.triage.texts import words
from tests.test_catalogs import VI_LETTERS

LANGS = ("vi", "en")
RULES = load_rules()
GUIDE_PLACEHOLDERS = {"number", "clinic", "phone", "address"}
# Common English words that are never Vietnamese syllables: one of them in a Vietnamese text means English was left.
ENGLISH = {"the", "and", "you", "your", "with", "of", "is", "are", "this", "that", "if", "not", "for", "when",
           "call", "see", "doctor", "leg", "legs", "pain", "numbness", "or", "it", "have"}
RAW_MARKDOWN = re.compile(r"\{#|\{\.|\*\*|__|\]\(|^#+ |^> |^[-*+] |`", re.M)


def _strings(tree, path=()):
    """Every (path, text) leaf of a nested dict/list: the unit editors change."""
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _strings(value, (*path, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            key = value.get("id", index) if isinstance(value, dict) else index
            yield from _strings(value, (*path, key))
    elif isinstance(tree, str) and path[-1] != "id":
        yield path, tree


def _texts(lang):
    return dict(_strings({"guide.md": guide(lang), "checklist.toml": words(lang)}))


def _ids(tree):
    """The shape of a content tree: its keys and ids, without the words."""
    if isinstance(tree, dict):
        return {key: _ids(value) for key, value in tree.items() if not isinstance(value, str) or key == "id"}
    if isinstance(tree, list):
        return [_ids(value) for value in tree if not isinstance(value, str)]
    return tree


@pytest.mark.parametrize("name", ["guide", "checklist"])
def test_both_languages_have_the_same_ids(name):
    load = guide if name == "guide" else words
    vi, en = (_ids(load(lang)) for lang in LANGS)
    assert vi == en, f"content/vi and content/en differ in the ids of {name}"


def test_both_languages_have_the_same_texts():
    vi, en = (_texts(lang) for lang in LANGS)
    assert vi.keys() == en.keys(), sorted(vi.keys() ^ en.keys())


@pytest.mark.parametrize("lang", LANGS)
def test_every_id_of_the_rules_has_words(lang):
    w = words(lang)
    assert {s for s, _ in RULES.steps} == set(w["steps"])
    asked = [q for _, qs in RULES.steps for q in qs]
    assert sorted(asked) == sorted(w["questions"]), "questions: words ≠ rules.json"
    for qid in asked:
        question, labels = RULES.questions[qid], w["questions"][qid].get("options", w["answers"])
        assert set(question.values) <= set(labels), f"{lang}: {qid} has no label for some of {question.values}"
        if "options" in w["questions"][qid]:
            assert set(labels) == set(question.values), f"{lang}: {qid} labels stale values"
        assert w["questions"][qid]["text"] and w["questions"][qid]["why"], qid
    assert sorted(w["questions"][q].get("short", "") != "" for q in RULES.warning_signs) == \
        [True] * len(RULES.warning_signs), "every warning sign needs its short form"
    assert set(w["levels"]) == set(RULES.levels)
    assert set(w["reasons"]) == set(RULES.rule_ids)
    assert set(w["advice"]) == set(RULES.advice_ids)
    causes = {c["id"] for g in guide(lang)["cause_groups"] for c in g["causes"]}
    assert causes == set(RULES.cause_ids), f"causes in guide.md ≠ rules.json: {sorted(causes ^ set(RULES.cause_ids))}"


def test_cause_groups_match_the_rules():
    groups = {c["id"]: c["group"] for c in RULES.data["causes"]}
    for lang in LANGS:
        for group in guide(lang)["cause_groups"]:
            for cause in group["causes"]:
                assert groups[cause["id"]] == group["id"], f"{lang}: {cause['id']} is under {group['id']}"


def test_placeholders_match_between_languages():
    vi, en = (_texts(lang) for lang in LANGS)
    for path, text in en.items():
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(vi[path])), path
        allowed = GUIDE_PLACEHOLDERS if path[0] == "guide.md" else {"number"}
        assert set(PLACEHOLDER.findall(text)) <= allowed, f"unknown placeholder in {path}: {text}"


def test_vietnamese_texts_are_vietnamese():
    en = _texts("en")
    for path, text in _texts("vi").items():
        plain = PLACEHOLDER.sub("", text)
        if len(plain.split()) >= 3:
            assert VI_LETTERS & set(plain.lower()), f"not Vietnamese: {path}: {text!r}"
        english = ENGLISH & set(re.findall(r"[a-z]+", plain.lower()))
        assert not english, f"English words {english} in {path}: {text!r}"
        if len(plain.split()) >= 3:
            assert text != en[path], f"not translated: {path}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_text_is_empty(lang):
    empty = [path for path, text in _texts(lang).items() if not text.strip() and path[-1] not in ("phone", "address")]
    assert not empty, empty


@pytest.mark.parametrize("lang", LANGS)
def test_served_json_and_page_have_no_raw_markdown_or_placeholder(client, lang):
    body = client.get(f"/api/v1/content?lang={lang}").json
    for path, text in _strings(body):
        assert not RAW_MARKDOWN.search(text), f"raw Markdown in {path}: {text!r}"
        assert not PLACEHOLDER.search(text) and "%(" not in text, f"placeholder left in {path}: {text!r}"
    for words_url in (f"/api/v1/checklist?lang={lang}", f"/api/v1/result-words?lang={lang}"):
        for path, text in _strings(client.get(words_url).json):
            assert not PLACEHOLDER.search(text) and not RAW_MARKDOWN.search(text), f"{words_url} {path}: {text!r}"
    html = client.get(f"/{lang}/").get_data(as_text=True)
    main = html[html.index("<main"):html.index("</main>")]
    assert "{#" not in main and "**" not in main and not re.search(r"\{(number|clinic|phone|address)\}", main)


def test_every_cause_is_linkable_from_a_result(client):
    """A result links a cause to /<lang>/#cause-<id>: every cause of rules.json has that anchor in both guides."""
    for lang in LANGS:
        html = client.get(f"/{lang}/").get_data(as_text=True)
        missing = [c for c in RULES.cause_ids if f'id="cause-{c}"' not in html]
        assert not missing, f"{lang}: {missing}"


def test_a_percent_sign_or_a_brace_in_a_text_does_not_break_it():
    assert fill("50% of people {number} {not_a_value} 100%(x)", {"number": "115"}) == \
        "50% of people 115 {not_a_value} 100%(x)"


def test_the_emergency_words_keep_115_and_tell_people_not_to_drive():
    en, vi = words("en"), words("vi")
    assert "{number}" in en["disclaimer"] and "{number}" in vi["disclaimer"]
    assert "motorbike" in en["levels"]["emergency"]["action"] and "xe máy" in vi["levels"]["emergency"]["action"]
    assert "{number}" in en["levels"]["consultation"]["action"] and "{number}" in vi["levels"]["consultation"]["action"]


@pytest.mark.parametrize(("text", "says"), [
    ("# T\n\n## A section without its id\n", "line 3: the heading needs its id"),
    ("# T\n\n{#s}\n## S\n\n- a list\n", "line 6: bullet_list_open is not used"),
    ("# T\n\n{#g .causes}\n## Group\n\nText of the group.\n", "line 6: a cause group has no text"),
    ("# T\n\n{#s}\n## S\n\n{#i}\n### Item\n\nOne.\n\nTwo.\n", "line 11: an item is one paragraph"),
    ("# T\n\n{#s}\n## S\n\n{#d}\n#### Too deep\n", "line 7: only # (title)"),
])
def test_a_broken_guide_is_reported_with_file_and_line(text, says):
    with pytest.raises(ContentError, match=re.escape(f"content/vi/guide.md, {says}")):
        parse(text, "content/vi/guide.md")


def test_content_version_changes_with_one_word(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    before = files_digest(list(LANGS), copy)
    assert before == files_digest(list(LANGS))
    file = copy / "vi" / "checklist.toml"
    file.write_text(file.read_text(encoding="utf-8").replace("Không chắc", "Chưa chắc"), encoding="utf-8")
    assert files_digest(list(LANGS), copy) != before
