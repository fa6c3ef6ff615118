"""The committed migrations build the schema the models describe, and take it down again, on SQLite or PostgreSQL."""
import pytest
import sqlalchemy as sa

from server.app import create_app
from server.config import TestConfig
from server.extensions import db


@pytest.fixture
def migrated(tmp_path):
    """An app on an empty test database (no tables, no alembic_version); emptied again afterwards."""
    url = TestConfig.DATABASE_URL or f"sqlite:///{tmp_path / 'migrated.db'}"
    app = create_app(TestConfig, {"DATABASE_URL": url})

    def empty():
        with app.app_context():
            db.drop_all()
            with db.engine.begin() as conn:
                conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))

    empty()
    yield app
    empty()
    with app.app_context():
        db.engine.dispose()


def _tables(app) -> set[str]:
    with app.app_context():
        return set(sa.inspect(db.engine).get_table_names())


def _version(app) -> str | None:
    with app.app_context(), db.engine.connect() as conn:
        if "alembic_version" not in sa.inspect(conn).get_table_names():
            return None
        return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def test_upgrade_from_empty_matches_models(migrated):
    runner = migrated.test_cli_runner()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert "assessment" in _tables(migrated)
    check = runner.invoke(args=["db", "check"])
    assert check.exit_code == 0, check.output  # `flask db check` exits 1 when models and migrations differ


def test_downgrade_to_base_and_upgrade_again(migrated):
    runner = migrated.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    head = _version(migrated)
    assert head
    with migrated.app_context():
        dialect = db.engine.dialect.name
        indexes = {ix["name"] for ix in sa.inspect(db.engine).get_indexes("assessment")}
    assert "ix_assessment_level" in indexes, (dialect, indexes)

    down = runner.invoke(args=["db", "downgrade", "base"])
    assert down.exit_code == 0, down.output
    assert "assessment" not in _tables(migrated) and _version(migrated) is None

    again = runner.invoke(args=["db", "upgrade"])
    assert again.exit_code == 0, again.output
    assert "assessment" in _tables(migrated) and _version(migrated) == head
    assert runner.invoke(args=["db", "check"]).exit_code == 0
