"""Vendored files are upstream's bytes, each recorded in pwa/vendor/README.md with its version and sha256."""
import hashlib
import re

from tests.conftest import ROOT

VENDOR = ROOT / "pwa" / "vendor"
ROW = re.compile(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$", re.M)


def test_every_vendored_file_is_recorded_and_unmodified():
    recorded = dict(ROW.findall((VENDOR / "README.md").read_text(encoding="utf-8")))
    present = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file() and p.name != "README.md"}
    assert set(recorded) == present
    for name, digest in recorded.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
