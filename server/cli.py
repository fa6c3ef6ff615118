"""`flask translate extract|update|compile|init`: the gettext workflow."""
import subprocess
import sys
from pathlib import Path

import click
from babel.messages.pofile import read_po, write_po
from flask.cli import AppGroup

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
POT = ROOT / "messages.pot"

translate = AppGroup("translate", help="Extract, update and compile the vi and en catalogs.")


def _babel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


@translate.command()
def extract() -> None:
    """Extract every marked string into messages.pot."""
    _babel("extract", "-F", "babel.cfg", "-k", "_l", "--sort-by-file", "-o", str(POT), ".")


@translate.command()
def update() -> None:
    """Extract, then merge new strings into every catalog (new ones arrive empty: translate them)."""
    extract.callback()
    _babel("update", "-i", str(POT), "-d", str(TRANSLATIONS), "--ignore-obsolete")
    POT.unlink()
    _fill_source_language()


def _fill_source_language() -> None:
    """English is the source language: its catalog repeats each msgid, so it is complete by construction."""
    path = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as f:
        catalog = read_po(f, locale="en")
    for message in catalog:
        if message.id and not message.string:
            message.string = message.id
    with path.open("wb") as f:
        write_po(f, catalog, width=100)


@translate.command()
@click.argument("lang")
def init(lang: str) -> None:
    """Start a catalog for a new language."""
    extract.callback()
    _babel("init", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", lang)
    POT.unlink()


@translate.command()
def compile() -> None:  # noqa: A001  (the gettext verb)
    """Compile the .po catalogs into the .mo files the app reads."""
    _babel("compile", "-d", str(TRANSLATIONS), "--statistics")
