"""Rewrite the README's three API examples from the real app's answers (run after rules or words change).

    .venv/bin/python -m tools.api_examples
"""
import json
import re
import tempfile
from pathlib import Path

from server.app import create_app
from server.config import TestConfig
from server.extensions import db

README = Path(__file__).resolve().parents[1] / "README.md"
ELLIPSIS = "…"


def shorten(value, keep: int = 2, depth: int = 0):
    """Lists cut to `keep` items and an ellipsis, recursively; strings and numbers as they are."""
    if isinstance(value, dict):
        return {k: shorten(v, keep, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        items = [shorten(v, keep, depth + 1) for v in value[:keep]]
        return items + [ELLIPSIS] if len(value) > keep else items
    return value


def dump(value) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=1)
    # the interview's question list on one line, as a reader scans it
    return re.sub(r'"next": \[\n([^\]]*)\n\s*\]', lambda m: '"next": [' + ", ".join(
        line.strip().rstrip(",") for line in m.group(1).splitlines()) + "]", text)


def replace_block(readme: str, after: str, body: str) -> str:
    """The first ```json block after the line `after` gets `body`."""
    start = readme.index(after)
    open_ = readme.index("```json\n", start) + len("```json\n")
    close = readme.index("\n```", open_)
    return readme[:open_] + body + readme[close:]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(TestConfig, {"DATABASE_URL": f"sqlite:///{tmp}/examples.db"})
        with app.app_context():
            db.create_all()
        client = app.test_client()
        vi = client.post("/api/v1/triage", json={"answers": {
            "trigger_posture": "yes", "eases_with_movement": "yes", "sitting_work": "yes", "duration": "minutes"},
            "lang": "vi"}).get_json()
        en = client.post("/api/v1/triage", json={
            "answers": {"face_drooping": "yes", "onset": "sudden"}, "lang": "en", "consent": True,
            "id": "3f1c2b9e-6a53-4c1e-9d0e-2b7f4f4c8a11"}).get_json()
        checklist = client.get("/api/v1/checklist?lang=vi").get_json()
    vi_short = shorten(vi)
    vi_short["interview"]["next"] = vi["interview"]["next"][:3] + [ELLIPSIS] + vi["interview"]["next"][-1:]
    checklist_short = shorten(checklist, keep=1)
    first = checklist["steps"][0]["questions"][0]
    checklist_short["steps"][0]["questions"][0]["options"] = first["options"]
    text = README.read_text(encoding="utf-8")
    text = replace_block(text, "Request (Vietnamese):", dump(vi_short))
    text = replace_block(text, "Request (English, with consent", dump(en))
    text = replace_block(text, "`GET /api/v1/checklist?lang=vi` (shortened):", dump(checklist_short))
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
