"""The clinic's content files (content/<lang>/…): where they are, and how their placeholders are filled."""
import hashlib
import re
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


class ContentError(ValueError):
    """A content file an editor changed does not have the shape the app needs; the message says where."""


def path(lang: str, name: str) -> Path:
    return CONTENT_DIR / lang / name


def fill(text: str, values: dict[str, str]) -> str:
    """`{name}` → its value. Plain replacement, not %- or str.format: a literal "%" or brace stays as written."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def files_digest(languages: list[str], root: Path = CONTENT_DIR) -> str:
    """A hash of every content file: it changes whenever an editor changes a word."""
    digest = hashlib.sha256()
    for lang in languages:
        for file in sorted((root / lang).iterdir()):
            digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()
