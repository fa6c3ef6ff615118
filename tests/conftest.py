"""Fixtures: a real app on a real database (a fresh SQLite file, or TEST_DATABASE_URL for PostgreSQL)."""
import json
import os
from pathlib import Path

import pytest

from server.app import create_app
from server.config import TestConfig
from server.extensions import db
from server.models import Assessment

pytest_plugins = ["tests.servers"]  # start_gunicorn: the real server, for the tests that need one
ROOT = Path(__file__).resolve().parent.parent
# The read-only specification next to the repository (../shared, as in CI); SHARED_DIR points elsewhere.
SHARED = Path(os.environ.get("SHARED_DIR") or ROOT.parent / "shared")
if not (SHARED / "triage" / "cases.json").is_file():
    raise pytest.UsageError(f"the shared specification is missing: {SHARED} (clone beside ../shared or set SHARED_DIR)")
CASES = json.loads((SHARED / "triage" / "cases.json").read_text(encoding="utf-8"))["cases"]


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
    return "database: a new SQLite file per test (set TEST_DATABASE_URL for PostgreSQL)"


@pytest.fixture
def make_app(tmp_path):
    """Apps with their own settings, on the test database (tables made before, dropped after the test).

    No app context stays pushed during the test: each request gets its own, as in production."""
    made = []

    def make(config_class=TestConfig, **overrides):
        url = TestConfig.DATABASE_URL or f"sqlite:///{tmp_path / f'app{len(made)}.db'}"
        app = create_app(config_class, {"DATABASE_URL": url, **overrides})
        with app.app_context():
            db.drop_all()
            db.create_all()
        made.append(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            db.session.remove()
            db.drop_all()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    return make_app()


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
