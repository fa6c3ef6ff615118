"""Fixtures: a real app on a real database (SQLite, or TEST_DATABASE_URL for PostgreSQL), tables made anew per test."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from server.app import create_app
from server.config import TestConfig
from server.extensions import db, limiter
from server.models import Assessment

pytest_plugins = ["tests.servers"]  # start_gunicorn: the real server, for the tests that need one
ROOT = Path(__file__).resolve().parent.parent
# The read-only specification next to the repository (../shared, as in CI); SHARED_DIR points elsewhere.
SHARED = Path(os.environ.get("SHARED_DIR") or ROOT.parent / "shared")
if not (SHARED / "triage" / "cases.json").is_file():
    raise pytest.UsageError(f"the shared specification is missing: {SHARED} (clone beside ../shared or set SHARED_DIR)")
CASES = json.loads((SHARED / "triage" / "cases.json").read_text(encoding="utf-8"))["cases"]


def examples(full: int) -> int:
    """A property test's number of examples: all of them in `make test` (and CI), a third in `make test-fast`
    (TEST_FAST=1), the inner loop, which trades some search depth for a run under a minute."""
    return max(5, full // 3) if os.environ.get("TEST_FAST") == "1" else full


def pytest_configure(config):
    """Catalogs older than their .po (`make test` compiles them; a bare `pytest` after editing one would not) are
    compiled here, once, before any xdist worker starts: a worker compiling them would race the others' tests."""
    if hasattr(config, "workerinput"):
        return
    for po in ROOT.glob("translations/*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "translate", "compile"], cwd=ROOT,
                                  capture_output=True, text=True)
            if done.returncode:
                raise pytest.UsageError(f"flask translate compile failed:\n{done.stdout}\n{done.stderr}")
            return


def pytest_collection_modifyitems(items):
    """Everything under tests/browser/ drives Chromium: marked `browser` whether or not its module says so, so that
    `-m "not browser"` (make test-fast) never starts one."""
    browser = ROOT / "tests" / "browser"
    for item in items:
        if browser in item.path.parents:
            item.add_marker(pytest.mark.browser)


def pytest_report_header(config):
    """The test log says which database the database tests use (the password hidden)."""
    if TestConfig.DATABASE_URL:
        from sqlalchemy.engine import make_url  # noqa: PLC0415

        return f"database: {make_url(TestConfig.DATABASE_URL).render_as_string(hide_password=True)} (TEST_DATABASE_URL)"
    return "database: SQLite files, tables made anew for each test (set TEST_DATABASE_URL for PostgreSQL)"


def _fresh_tables(app) -> None:
    with app.app_context():
        db.drop_all()
        db.create_all()


def _drop_tables(app) -> None:
    with app.app_context():
        db.session.remove()
        db.drop_all()


@pytest.fixture
def make_app(tmp_path):
    """Apps with their own settings, on the test database (tables made before, dropped after the test).

    No app context stays pushed during the test: each request gets its own, as in production."""
    made = []

    def make(config_class=TestConfig, **overrides):
        url = TestConfig.DATABASE_URL or f"sqlite:///{tmp_path / f'app{len(made)}.db'}"
        app = create_app(config_class, {"DATABASE_URL": url, **overrides})
        _fresh_tables(app)
        made.append(app)
        return app

    yield make
    for app in made:
        _drop_tables(app)
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def shared_app(tmp_path_factory):
    """One app with the default test settings per test process: create_app builds everything once (catalogue,
    pages, precache list), which costs far more than a test that only sends requests to it."""
    url = TestConfig.DATABASE_URL or f"sqlite:///{tmp_path_factory.mktemp('shared') / 'app.db'}"
    app = create_app(TestConfig, {"DATABASE_URL": url})
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def app(shared_app):
    """The app with the default test settings, on tables made empty for this test and dropped after it (as
    make_app's). Shared by the tests of a process, so a test must not change it: one that adds a route or a setting
    uses make_app(); the check after the test fails any that did."""
    config, rules = dict(shared_app.config), len(list(shared_app.url_map.iter_rules()))
    # flask-limiter has one Limiter per process, on or off as the app made last says (a test's make_app may have
    # switched it on): this app's setting again. Off, init_app only records it (no second set of hooks).
    assert shared_app.config["RATELIMIT_ENABLED"] is False
    limiter.init_app(shared_app)
    _fresh_tables(shared_app)
    yield shared_app
    _drop_tables(shared_app)
    assert dict(shared_app.config) == config, "the test changed the shared app's settings: use make_app()"
    assert len(list(shared_app.url_map.iter_rules())) == rules, "the test added a route to the shared app: make_app()"


@pytest.fixture
def stored(app):
    """The stored assessments, read in a fresh app context."""

    def rows() -> list[Assessment]:
        with app.app_context():
            return db.session.scalars(db.select(Assessment).order_by(Assessment.created_at)).all()

    return rows


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
